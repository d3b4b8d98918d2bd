/**
 * Loki's query parameters and answers, as the demo writes them
 * (loki-and-traceql.md A1/A2): timestamps read like Loki's parseTimestamp,
 * limits and directions checked with Loki's messages, streams grouped by label set.
 */
import type { MatchedEntry } from './loki-eval';

export const CATEGORIZE_LABELS = 'categorize-labels';
/** Loki's `max_entries_limit_per_query` default */
export const MAX_ENTRIES = 5000;
const DEFAULT_LIMIT = 100;
const HOUR_NS = 3_600_000_000_000n;

export interface RangeParams {
  readonly startNs: bigint;
  /** exclusive */
  readonly endNs: bigint;
}

export interface QueryRangeParams extends RangeParams {
  readonly query: string;
  readonly limit: number;
  readonly direction: 'forward' | 'backward';
}

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** start/end/since as query_range and the label endpoints read them: end defaults to now, start to end − since (1h). */
export function parseRange(params: URLSearchParams, nowNs: bigint): Checked<RangeParams> {
  const end = params.get('end');
  const endNs = end === null || end === '' ? nowNs : parseTimestamp(end);
  if (endNs === undefined) return { ok: false, error: `cannot parse "${end ?? ''}" to a valid timestamp` };
  const sinceText = params.get('since');
  const sinceNs = sinceText === null || sinceText === '' ? HOUR_NS : parseDuration(sinceText);
  if (sinceNs === undefined) return { ok: false, error: `cannot parse "${sinceText ?? ''}" to a valid duration` };
  const start = params.get('start');
  const startNs = start === null || start === '' ? (endNs > nowNs ? nowNs : endNs) - sinceNs : parseTimestamp(start);
  if (startNs === undefined) return { ok: false, error: `cannot parse "${start ?? ''}" to a valid timestamp` };
  if (endNs <= startNs) return { ok: false, error: 'end timestamp must not be before or equal to start time' };
  return { ok: true, value: { startNs, endNs } };
}

export function parseQueryRangeParams(params: URLSearchParams, nowNs: bigint): Checked<QueryRangeParams> {
  const query = params.get('query') ?? '';
  if (query.trim() === '') return { ok: false, error: 'parse error : syntax error: unexpected $end' };
  const limitText = params.get('limit');
  let limit = DEFAULT_LIMIT;
  if (limitText !== null && limitText !== '') {
    limit = /^-?\d+$/.test(limitText) ? Number(limitText) : NaN;
    if (!Number.isSafeInteger(limit)) return { ok: false, error: `strconv.ParseInt: parsing "${limitText}": invalid syntax` };
    if (limit <= 0) return { ok: false, error: 'limit must be a positive value' };
    if (limit > MAX_ENTRIES) return { ok: false, error: `max entries limit per query exceeded, limit > max_entries_limit_per_query (${limit} > ${MAX_ENTRIES})` };
  }
  const directionText = params.get('direction');
  const direction = directionText === null || directionText === '' ? 'backward' : directionText.toLowerCase();
  if (direction !== 'forward' && direction !== 'backward') return { ok: false, error: `invalid direction '${directionText ?? ''}'` };
  const range = parseRange(params, nowNs);
  if (!range.ok) return range;
  return { ok: true, value: { ...range.value, query, limit, direction } };
}

/**
 * Loki's parseTimestamp: a number with a `.` is float seconds, an integer of up to
 * 10 digits is seconds, a longer one nanoseconds; otherwise RFC 3339.
 */
export function parseTimestamp(text: string): bigint | undefined {
  if (/^-?\d+\.\d*$/.test(text)) return BigInt(Math.round(Number(text) * 1000)) * 1_000_000n;
  if (/^-?\d+$/.test(text)) return text.replace(/^-/, '').length <= 10 ? BigInt(text) * 1_000_000_000n : BigInt(text);
  const rfc = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!rfc) return undefined;
  const ms = Date.parse(`${rfc[1] ?? ''}${rfc[3] ?? ''}`);
  if (Number.isNaN(ms)) return undefined;
  const fraction = (rfc[2] ?? '.').slice(1).padEnd(9, '0');
  return BigInt(ms) * 1_000_000n + BigInt(fraction);
}

const UNIT_NS: Readonly<Record<string, bigint>> = { ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: HOUR_NS, d: 24n * HOUR_NS, w: 168n * HOUR_NS, y: 8760n * HOUR_NS };

/** Prometheus durations: `5m`, `1h30m`, `2d`. */
function parseDuration(text: string): bigint | undefined {
  if (!/^(\d+(ms|[smhdwy]))+$/.test(text)) return undefined;
  let total = 0n;
  for (const m of text.matchAll(/(\d+)(ms|[smhdwy])/g)) total += BigInt(m[1] ?? '0') * (UNIT_NS[m[2] ?? ''] ?? 0n);
  return total;
}

/** Whether the request asked for categorised labels (a comma-separated header; the flag matched exactly). */
export function wantsCategories(request: Request): boolean {
  const header = request.headers.get('X-Loki-Response-Encoding-Flags') ?? '';
  return header.split(',').some((flag) => flag.trim() === CATEGORIZE_LABELS);
}

interface WireStream {
  stream: Record<string, string>;
  values: (readonly [string, string] | readonly [string, string, Record<string, Record<string, string>>])[];
}

/**
 * `{"status":"success","data":{"resultType":"streams","result":[…]}}`, entries
 * already in the answer's order. With categories, `stream` holds index labels only
 * and every value carries a third element (`{}` when empty); without, structured
 * metadata and parsed labels are folded in, so one index stream splits per label set.
 */
export function streamsResponse(entries: readonly MatchedEntry[], categorized: boolean, warnings: readonly string[]): Record<string, unknown> {
  const streams = new Map<string, WireStream>();
  for (const { entry, parsed } of entries) {
    const labels = categorized ? { ...entry.labels } : { ...entry.labels, ...entry.structuredMetadata, ...parsed };
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    let stream = streams.get(key);
    if (!stream) {
      stream = { stream: labels, values: [] };
      streams.set(key, stream);
    }
    const ts = entry.timeUnixNano.toString();
    if (!categorized) {
      stream.values.push([ts, entry.line]);
      continue;
    }
    const categories: Record<string, Record<string, string>> = {};
    if (Object.keys(entry.structuredMetadata).length > 0) categories.structuredMetadata = { ...entry.structuredMetadata };
    if (Object.keys(parsed).length > 0) categories.parsed = { ...parsed };
    stream.values.push([ts, entry.line, categories]);
  }
  return {
    status: 'success',
    ...(warnings.length > 0 ? { warnings } : {}),
    data: {
      resultType: 'streams',
      ...(categorized ? { encodingFlags: [CATEGORIZE_LABELS] } : {}),
      result: [...streams.values()],
      // Loki's stats object is large; clients treat it as opaque
      stats: { summary: { totalEntriesReturned: entries.length } },
    },
  };
}
