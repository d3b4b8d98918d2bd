import { useSyncExternalStore } from 'react';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/**
 * The colour theme is a preference, not shareable state: zustand, kept in
 * localStorage. "system" follows the operating system (global.css's media query);
 * "light" / "dark" set `data-theme` on <html>, which theme.css lets win over it.
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

function applyTheme(preference: ThemePreference): void {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  if (preference === 'system') delete root.dataset.theme;
  else root.dataset.theme = preference;
}

// Applied when this module loads (with the app) and on every change, so every page
// honours the preference without a component having to mount first.
applyTheme(useThemeStore.getState().preference);
useThemeStore.subscribe((state) => applyTheme(state.preference));

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribeSystemTheme(onChange: () => void): () => void {
  if (typeof matchMedia === 'undefined') return () => {};
  const query = matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
const systemTheme = (): ResolvedTheme => (typeof matchMedia !== 'undefined' && matchMedia(DARK_QUERY).matches ? 'dark' : 'light');

/** The theme in effect: what canvases need to pick their colours. */
export function useResolvedTheme(): ResolvedTheme {
  const preference = useThemeStore((s) => s.preference);
  const system = useSyncExternalStore(subscribeSystemTheme, systemTheme, () => 'light' as const);
  return preference === 'system' ? system : preference;
}
