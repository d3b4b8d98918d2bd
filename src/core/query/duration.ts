/**
 * Go-style durations ("250ms", "1.5s", "1h30m", "100us"): what Tempo and
 * Jaeger take for minDuration/maxDuration, and what users type in the form.
 */
const UNIT_NS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3,
  'μs': 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

export type DurationParse = { ok: true; ns: number } | { ok: false; error: string };

export function parseDuration(text: string): DurationParse {
  const input = text.trim();
  if (input === '') return { ok: false, error: 'empty duration' };
  if (input === '0') return { ok: true, ns: 0 };
  let ns = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < input.length) {
    const at = PART.lastIndex;
    const match = PART.exec(input);
    if (!match) {
      return {
        ok: false,
        error: `"${input}" is not a duration: expected a number with a unit (ns, us, ms, s, m, h) at "${input.slice(at)}", e.g. 250ms, 1.5s, 2m`,
      };
    }
    ns += Number(match[1]) * (UNIT_NS[match[2] ?? ''] ?? Number.NaN);
  }
  return { ok: true, ns: Math.round(ns) };
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
