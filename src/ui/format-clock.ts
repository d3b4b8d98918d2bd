import type { TimeZonePreference } from './time-zone';
import { once } from './once';

/**
 * Time of day to the millisecond (`14:03:07.412`): what a log list shows beside each
 * line, where the date is the trace's and repeating it on every row is noise.
 */
const OPTIONS: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hourCycle: 'h23' };
// made on first use, as format-time.ts's: a page that shows no clock never pays for them
const local = once(() => new Intl.DateTimeFormat(undefined, OPTIONS));
const utc = once(() => new Intl.DateTimeFormat(undefined, { ...OPTIONS, timeZone: 'UTC' }));

export function formatClockNano(unixNano: bigint, timeZone: TimeZonePreference = 'local'): string {
  return (timeZone === 'utc' ? utc() : local()).format(new Date(Number(unixNano / 1_000_000n)));
}
