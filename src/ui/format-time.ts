import type { TimeZonePreference } from './time-zone';
import { once } from './once';
import { whenIdle } from './when-idle';

/** Absolute times for people, in the browser's locale (no date library: Intl does it). */
const OPTIONS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
};
// made on first use: the first Intl formatter loads the locale's data (~70 ms here), and
// a trace link's page evaluates this module while its trace request waits on that thread
const local = once(() => new Intl.DateTimeFormat(undefined, OPTIONS));
const utc = once(() => new Intl.DateTimeFormat(undefined, { ...OPTIONS, timeZone: 'UTC', timeZoneName: 'short' }));

export function formatUnixNano(unixNano: bigint, timeZone: TimeZonePreference = 'local'): string {
  return formatUnixMs(Number(unixNano / 1_000_000n), timeZone);
}

export function formatUnixMs(unixMs: number, timeZone: TimeZonePreference = 'local'): string {
  return (timeZone === 'utc' ? utc() : local()).format(new Date(unixMs));
}

const relative = once(() => new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }));

/** "5 minutes ago" */
export function formatAgo(unixNano: bigint, nowMs: number): string {
  const seconds = Math.round((Number(unixNano / 1_000_000n) - nowMs) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relative().format(seconds, 'second');
  if (abs < 3600) return relative().format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return relative().format(Math.round(seconds / 3600), 'hour');
  return relative().format(Math.round(seconds / 86400), 'day');
}

/**
 * Make the time formatters while the page waits (for a trace's bytes, say), so the
 * first render that shows a time does not pay for Intl's locale data.
 */
export function prepareTimeFormatsWhenIdle(): () => void {
  return whenIdle(() => {
    local();
    utc();
  });
}
