import { useTimeZoneStore } from '../ui/time-zone';

/** Local time or UTC for every absolute time in the app. */
export function TimeZoneToggle() {
  const timeZone = useTimeZoneStore((s) => s.timeZone);
  const setTimeZone = useTimeZoneStore((s) => s.setTimeZone);
  return (
    <button
      type="button"
      className="header-toggle"
      aria-pressed={timeZone === 'utc'}
      title={timeZone === 'utc' ? 'Times are shown in UTC: switch to local time' : 'Times are shown in local time: switch to UTC'}
      onClick={() => setTimeZone(timeZone === 'utc' ? 'local' : 'utc')}
    >
      UTC
    </button>
  );
}
