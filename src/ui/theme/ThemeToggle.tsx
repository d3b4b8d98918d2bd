import { useThemeStore, type ThemePreference } from './theme-store';
import './theme.css';

const NEXT: Record<ThemePreference, ThemePreference> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemePreference, string> = { system: 'System', light: 'Light', dark: 'Dark' };
const ICON: Record<ThemePreference, string> = { system: '◐', light: '☀', dark: '☾' };

/** One button cycling system → light → dark; its name says the current choice. */
export function ThemeToggle({ className }: { className?: string }) {
  const preference = useThemeStore((s) => s.preference);
  const setPreference = useThemeStore((s) => s.setPreference);
  return (
    <button
      type="button"
      className={className}
      onClick={() => setPreference(NEXT[preference])}
      title={`Theme: ${LABEL[preference]} (click for ${LABEL[NEXT[preference]]})`}
      aria-label={`Theme: ${LABEL[preference]}`}
    >
      <span aria-hidden="true">{ICON[preference]}</span> {LABEL[preference]}
    </button>
  );
}
