import type { TimeZonePreference } from '../../ui/time-zone';

const DAY_MS = 86_400_000;

const formats = new Map<string, Intl.DateTimeFormat>();
function format(timeZone: TimeZonePreference, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}:${JSON.stringify(options)}`;
  let made = formats.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(undefined, { ...options, ...(timeZone === 'utc' ? { timeZone: 'UTC' } : {}) });
    formats.set(key, made);
  }
  return made;
}

const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const DATE: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' };

/**
 * Labels for a time axis's ticks that read on their own: `14:05`, `14:05:30`,
 * `14:05:30.200` — as precise as the step between ticks needs, never d3's terse
 * `:05` or `.200` that only make sense beside the tick before. A tick on a new
 * day also names the day (`Nov 25 00:00`); a step of a day or more is the date alone.
 */
export function timeAxisLabels(ticks: readonly Date[], timeZone: TimeZonePreference): string[] {
  const times = ticks.map((t) => t.getTime());
  const steps = times.slice(1).map((t, i) => t - (times[i] ?? t));
  const stepMs = steps.length > 0 ? Math.min(...steps) : DAY_MS;
  if (stepMs >= DAY_MS) return times.map((t) => format(timeZone, DATE).format(t));
  const clock = format(timeZone, stepMs % 1000 !== 0 ? { ...CLOCK, second: '2-digit', fractionalSecondDigits: 3 } : stepMs % 60_000 !== 0 ? { ...CLOCK, second: '2-digit' } : CLOCK);
  const day = format(timeZone, DATE);
  return times.map((t, i) => {
    const text = clock.format(t);
    const previous = times[i - 1];
    return previous !== undefined && day.format(previous) !== day.format(t) ? `${day.format(t)} ${text}` : text;
  });
}
