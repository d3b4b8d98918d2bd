import { useTimeZoneStore } from '../ui/time-zone';

/**
 * Local time or UTC for every absolute time in the app. One button whose label says
 * the zone in effect (like the theme's): a label that stays "UTC" while only the
 * pressed state changes reads the same both ways to most people.
 */
export function TimeZoneToggle() {
  const timeZone = useTimeZoneStore((s) => s.timeZone);
  const setTimeZone = useTimeZoneStore((s) => s.setTimeZone);
  const label = timeZone === 'utc' ? 'UTC' : 'Local time';
  return (
    <button
      type="button"
      className="header-toggle"
      aria-label={`Time zone: ${label}`}
      title={timeZone === 'utc' ? 'Times are shown in UTC: click for local time' : 'Times are shown in local time: click for UTC'}
      onClick={() => setTimeZone(timeZone === 'utc' ? 'local' : 'utc')}
    >
      {label}
    </button>
  );
}
