import { parseGoDuration } from '../../src/core';
import { parseTraceQLDuration } from '../../src/core/query/traceql-lex';
import { goDurationString } from '../../src/core/query/traceql-metrics';

/**
 * Tempo's TraceQL metrics parameters (reference metrics-apis.md §2.1–2.2), read in
 * the order its frontend reads and checks them, so the first error a request
 * meets is the one Tempo names. Times are exact bigint unix ns.
 */
export type MetricsParams = { readonly ok: true; readonly value: MetricsRequest } | { readonly ok: false; readonly error: string };

export interface MetricsRequest {
  /** the TraceQL text (`q`, else `query`) */
  readonly q: string;
  /** aligned for range queries; as given for instant ones */
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly stepNs: bigint;
  readonly intervals: number;
  /** the exemplars parameter, capped: 0 or absent is the cap */
  readonly exemplars: number;
}

/** Tempo's defaults: the frontend's max_exemplars, query_end_cutoff, metrics max_duration, max_intervals and max_query_expression_size_bytes. */
export const MAX_EXEMPLARS = 100;
const END_CUTOFF_NS = 30_000_000_000n;
const MAX_DURATION_NS = 24n * 3_600_000_000_000n;
const MAX_INTERVALS = 10_000n;
const MAX_QUERY_BYTES = 128 * 1024;
const SECOND = 1_000_000_000n;

export function parseMetricsParams(params: URLSearchParams, nowMs: number, instant: boolean): MetricsParams {
  const q = params.get('q') || params.get('query') || '';
  // guessed wording: the reference names the limit, not its error text
  if (new TextEncoder().encode(q).length > MAX_QUERY_BYTES) return { ok: false, error: `query is too large: ${MAX_QUERY_BYTES} bytes allowed` };
  const nowNs = BigInt(Math.round(nowMs)) * 1_000_000n;

  const end = parseTimestamp(params.get('end') ?? '', nowNs);
  if (!end.ok) return { ok: false, error: `could not parse 'end' parameter: ${end.error}` };
  const sinceText = params.get('since') ?? '';
  let sinceNs = 3_600n * SECOND;
  if (sinceText !== '') {
    const since = parseTraceQLDuration(sinceText);
    if (since === undefined) return { ok: false, error: `could not parse 'since' parameter: not a valid duration string: ${JSON.stringify(sinceText)}` };
    sinceNs = BigInt(since);
  }
  const start = parseTimestamp(params.get('start') ?? '', (end.ns < nowNs ? end.ns : nowNs) - sinceNs);
  if (!start.ok) return { ok: false, error: `could not parse 'start' parameter: ${start.error}` };

  let stepNs: bigint;
  const stepText = instant ? '' : (params.get('step') ?? '');
  if (stepText === '') {
    stepNs = defaultStepNs(end.ns - start.ns);
  } else {
    const step = parseStep(stepText);
    if (!step.ok) return step;
    stepNs = step.ns;
  }

  const exemplarsText = params.get('exemplars') ?? '';
  let exemplars = MAX_EXEMPLARS;
  if (exemplarsText !== '') {
    // guessed wording, after Go's strconv.ParseUint
    if (!/^\d+$/.test(exemplarsText) || Number(exemplarsText) > 0xffffffff) {
      return { ok: false, error: `invalid exemplars: strconv.ParseUint: parsing ${JSON.stringify(exemplarsText)}: invalid syntax` };
    }
    const asked = Number(exemplarsText);
    exemplars = asked === 0 ? MAX_EXEMPLARS : Math.min(asked, MAX_EXEMPLARS);
  }

  const cutoff = nowNs - END_CUTOFF_NS;
  let endNs = end.ns;
  if (endNs > cutoff) {
    // the instant endpoint clamps by whole seconds
    endNs = instant ? (cutoff / SECOND) * SECOND : cutoff;
    if (start.ns >= endNs && start.ns < end.ns) return { ok: false, error: 'query window falls entirely within query_end_cutoff' };
  }
  const startNs = start.ns;
  if (startNs >= endNs) return { ok: false, error: 'end must be greater than start' };
  if (endNs - startNs > MAX_DURATION_NS) return { ok: false, error: `metrics query time range exceeds the maximum allowed duration of ${goDurationString(Number(MAX_DURATION_NS))}` };

  if (instant) return { ok: true, value: { q, startNs, endNs, stepNs: endNs - startNs, intervals: 1, exemplars } };
  if (stepNs === 0n || (endNs - startNs) / stepNs > MAX_INTERVALS) {
    const minimum = (endNs - startNs) / MAX_INTERVALS;
    return { ok: false, error: `step of ${goDurationString(Number(stepNs))} is too small, minimum step for given range is ${goDurationString(Number(minimum))}` };
  }
  // Tempo's AlignRequest: start down, end up to the step, then one more leading step
  const alignedEnd = endNs % stepNs === 0n ? endNs : (endNs / stepNs + 1n) * stepNs;
  const alignedStart = (startNs / stepNs) * stepNs - stepNs;
  return { ok: true, value: { q, startNs: alignedStart, endNs: alignedEnd, stepNs, intervals: Number((alignedEnd - alignedStart) / stepNs), exemplars } };
}

/**
 * Tempo's parseTimestamp: an integer of ≤ 10 characters is unix seconds, a longer
 * one unix ns (so 13-digit ms read as ns), one with a `.` fractional seconds,
 * anything else RFC 3339.
 */
export function parseTimestamp(text: string, fallback: bigint): { ok: true; ns: bigint } | { ok: false; error: string } {
  if (text === '') return { ok: true, ns: fallback };
  if (/^[+-]?\d+$/.test(text)) {
    const value = BigInt(text);
    if (value <= 2n ** 63n - 1n && value >= -(2n ** 63n)) return { ok: true, ns: text.length <= 10 ? value * SECOND : value };
  }
  if (text.includes('.') && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    const [whole = '0', fraction = ''] = text.replace(/^\+/, '').split('.');
    if (!/[eE]/.test(text)) {
      const negative = whole.startsWith('-');
      const ns = BigInt(whole.replace('-', '') || '0') * SECOND + BigInt((fraction + '000000000').slice(0, 9));
      return { ok: true, ns: negative ? -ns : ns };
    }
    return { ok: true, ns: BigInt(Math.round(Number(text) * 1e9)) };
  }
  const rfc = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(text);
  if (rfc) {
    const ms = Date.parse(`${rfc[1]}-${rfc[2]}-${rfc[3]}T${rfc[4]}:${rfc[5]}:${rfc[6]}${rfc[8]?.toUpperCase() === 'Z' ? 'Z' : (rfc[8] ?? 'Z')}`);
    if (!Number.isNaN(ms)) return { ok: true, ns: BigInt(ms) * 1_000_000n + BigInt(((rfc[7] ?? '').slice(1) + '000000000').slice(0, 9)) };
  }
  return { ok: false, error: `parsing time ${JSON.stringify(text)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(text)} as "2006"` };
}

/** Float seconds, else a Go duration; negative is refused. */
function parseStep(text: string): { ok: true; ns: bigint } | { ok: false; error: string } {
  let ns: number | undefined;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) ns = Math.round(Number(text) * 1e9);
  else {
    const go = parseGoDuration(text);
    if (go.ok) ns = go.ns;
  }
  if (ns === undefined || !Number.isFinite(ns)) return { ok: false, error: `cannot parse ${JSON.stringify(text)} to a valid duration` };
  if (ns < 0) return { ok: false, error: `cannot parse ${JSON.stringify(text)}: step must be positive` };
  return { ok: true, ns: BigInt(ns) };
}

const GRANULARITIES_NS = [3_600n, 300n, 60n, 15n, 5n, 1n].map((s) => s * SECOND);
const MS_50 = 50_000_000n;

/**
 * traceql.DefaultQueryRangeStep: range/240 rounded down to a multiple of the
 * largest of 1h, 5m, 1m, 15s, 5s, 1s it reaches (1 s at least); under a minute of range,
 * multiples of 50 ms, 50 ms at least. 15m → 3s, 1h → 15s, 6h → 1m, 24h → 5m.
 */
export function defaultStepNs(rangeNs: bigint): bigint {
  const raw = rangeNs / 240n;
  if (rangeNs < 60n * SECOND) {
    const step = (raw / MS_50) * MS_50;
    return step < MS_50 ? MS_50 : step;
  }
  for (const granularity of GRANULARITIES_NS) {
    if (raw >= granularity) return (raw / granularity) * granularity;
  }
  return SECOND;
}
