/**
 * Go-style durations ("250ms", "1.5s", "1h30m", "100us"): what Tempo and
 * Jaeger take for minDuration/maxDuration, and what users type in the form.
 */
import { parseGoDuration } from './go-duration';

export type DurationParse = { ok: true; ns: number } | { ok: false; error: string };

/**
 * The search form's reader: Go's rules (what Tempo and Jaeger will accept),
 * Go's reason, and a sentence a person can act on.
 */
export function parseDuration(text: string): DurationParse {
  const input = text.trim();
  if (input === '') return { ok: false, error: 'empty duration' };
  const parsed = parseGoDuration(input);
  if (!parsed.ok) {
    const reason = parsed.error.replace(/^time: /, '').replace(/ in duration ".*"$/, '').replace(/^invalid duration ".*"$/, 'not a number with a unit');
    return { ok: false, error: `"${input}" is not a duration (${reason}): write a number with a unit (ns, us, ms, s, m, h), e.g. 250ms, 1.5s, 2m` };
  }
  if (parsed.ns < 0) return { ok: false, error: `"${input}" is negative: a duration cannot be` };
  return parsed;
}

/** The shortest Go duration that says `ns` exactly enough for a query (ms precision above 1 ms). */
export function toGoDuration(ns: number): string {
  if (ns <= 0) return '0s';
  if (ns % 1e9 === 0) return `${ns / 1e9}s`;
  if (ns % 1e6 === 0) return `${ns / 1e6}ms`;
  if (ns % 1e3 === 0) return `${ns / 1e3}us`;
  return `${ns}ns`;
}

/**
 * A duration for people: three significant figures, the unit chosen by size
 * (Jaeger UI's habit), e.g. 950µs, 12.3ms, 1.25s, 2m 5s.
 */
export function formatDurationNs(ns: number): string {
  if (!Number.isFinite(ns)) return '–';
  const abs = Math.abs(ns);
  const sign = ns < 0 ? '-' : '';
  if (abs < 1e3) return `${sign}${Math.round(abs)}ns`;
  if (abs < 1e6) return `${sign}${trim(abs / 1e3)}µs`;
  if (abs < 1e9) return `${sign}${trim(abs / 1e6)}ms`;
  if (abs < 60e9) return `${sign}${trim(abs / 1e9)}s`;
  const minutes = Math.floor(abs / 60e9);
  const seconds = Math.round((abs - minutes * 60e9) / 1e9);
  if (minutes < 60) return `${sign}${minutes}m ${seconds}s`;
  return `${sign}${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

function trim(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1).replace(/\.0$/, '') : value.toFixed(2).replace(/\.?0+$/, '');
}
