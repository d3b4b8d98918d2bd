import { useSyncExternalStore } from 'react';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/**
 * The colour theme is a preference, not shareable state: zustand, kept in
 * localStorage. "system" follows the operating system (prefers-color-scheme);
 * "light" / "dark" or the system's choice set `data-theme` on <html>.
 */
export type ThemePreference = 'system' | 'light' | 'dark';
export type ResolvedTheme = 'light' | 'dark';

interface ThemeState {
  readonly preference: ThemePreference;
  setPreference(preference: ThemePreference): void;
}

const isPreference = (value: unknown): value is ThemePreference => value === 'system' || value === 'light' || value === 'dark';

export const useThemeStore = create<ThemeState>()(
  persist((set) => ({ preference: 'system', setPreference: (preference) => set({ preference }) }), {
    name: 'tracery.theme',
    storage: createJSONStorage(() => localStorage),
    partialize: (state) => ({ preference: state.preference }),
    // localStorage is user-editable: anything but a known preference means "system"
    merge: (persisted, current) => {
      const preference = (persisted as { preference?: unknown } | undefined)?.preference;
      return { ...current, preference: isPreference(preference) ? preference : 'system' };
    },
  }),
);

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribeSystemTheme(onChange: () => void): () => void {
  if (typeof matchMedia === 'undefined') return () => {};
  const query = matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
const systemTheme = (): ResolvedTheme => (typeof matchMedia !== 'undefined' && matchMedia(DARK_QUERY).matches ? 'dark' : 'light');

/**
 * `data-theme` always names the theme in effect ("system" resolved through the
 * media query), so the CSS writes each colour once, under :root (light) and
 * :root[data-theme='dark'], and canvases read the same variables.
 */
function applyTheme(preference: ThemePreference): void {
  if (typeof document === 'undefined') return;
  document.documentElement.dataset.theme = preference === 'system' ? systemTheme() : preference;
}

// Applied when this module loads (main.tsx imports it before the first render), on
// every change of preference, and when the operating system switches while "system".
applyTheme(useThemeStore.getState().preference);
useThemeStore.subscribe((state) => applyTheme(state.preference));
subscribeSystemTheme(() => applyTheme(useThemeStore.getState().preference));

/** The theme in effect: what canvases need to pick their colours. */
export function useResolvedTheme(): ResolvedTheme {
  const preference = useThemeStore((s) => s.preference);
  const system = useSyncExternalStore(subscribeSystemTheme, systemTheme, () => 'light' as const);
  return preference === 'system' ? system : preference;
}
