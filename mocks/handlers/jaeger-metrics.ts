import { http, HttpResponse, type HttpHandler } from 'msw';
import type { SpanKind } from '../../src/core';
import type { TraceStore } from '../store';
import { KIND_CODES, STATUS_CODES, type SpanColumns } from '../store/span-columns';
import { route, TEXT_PLAIN } from './routes';

export interface JaegerMetricsOptions {
  /** unix ms, the default endTs (tests pin it) */
  readonly now?: () => number;
}

/**
 * Jaeger's SPM endpoints and dependencies over the store (reference
 * metrics-apis.md §4.1, §5.1), as a Jaeger backed by Prometheus and the OTel
 * spanmetrics connector answers them:
 * - calls: per evaluation time t (endTs − lookback, then every `step` ms up to
 *   endTs), the spans starting in (t − ratePer, t] per second of ratePer —
 *   PromQL's rate() over a window of ratePer, without its extrapolation;
 * - errors: error spans ÷ spans over the same window, 0 with calls and no
 *   errors, "NaN" with no calls. (Jaeger itself drops a service without error
 *   series from the answer when another service has some; the demo keeps it at 0,
 *   which is what its readers assume.)
 * - latencies: histogram_quantile over the connector's default millisecond buckets,
 *   so the figures are Prometheus' estimate, as a real SPM's are, not exact;
 * - a series exists for each service (and operation) with a span of the asked
 *   kinds in the query's reach; spans are placed by start time, as Tempo's are.
 */
export function jaegerMetricsHandlers(store: TraceStore, base: string, options: JaegerMetricsOptions = {}): HttpHandler[] {
  const now = options.now ?? Date.now;
  const family = (kind: FamilyKind) =>
    ({ request }: { request: Request }) => {
      const parsed = parseSpmParams(new URL(request.url).searchParams, now(), kind === 'latencies');
      if (!parsed.ok) return jaegerMetricsError(400, parsed.error);
      const { value } = parsed;
      const points = Math.floor(value.lookbackMs / value.stepMs) + 1;
      if (value.stepMs <= 0) return jaegerMetricsError(500, `failed executing metrics query: ${kind === 'errors' ? 'failed getting error metrics: ' : ''}zero or negative query resolution step widths are not accepted. Try a positive integer`);
      if (points > 11_000) return jaegerMetricsError(500, `failed executing metrics query: exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)`);
      return jaegerMetricsJson(spmFamily(store.spanColumnSets(), kind, value));
    };
  return [
    http.get(route(base, '/api/metrics/calls'), family('calls')),
    http.get(route(base, '/api/metrics/errors'), family('errors')),
    http.get(route(base, '/api/metrics/latencies'), family('latencies')),
    http.get(route(base, '/api/dependencies'), ({ request }) => {
      const params = new URL(request.url).searchParams;
      const endTs = parseMillis(params, 'endTs', now());
      if (!endTs.ok) return jaegerMetricsError(400, endTs.error);
      const lookback = parseMillis(params, 'lookback', 24 * 3_600_000);
      if (!lookback.ok) return jaegerMetricsError(400, lookback.error);
      const data = dependencies(store.spanColumnSets(), endTs.value - lookback.value, endTs.value, params.get('service') ?? '');
      return HttpResponse.text(JSON.stringify({ data, total: 0, limit: 0, offset: 0, errors: null }), { headers: { 'Content-Type': 'application/json' } });
    }),
  ];
}

type FamilyKind = 'calls' | 'errors' | 'latencies';

export interface SpmQuery {
  readonly services: readonly string[];
  readonly groupByOperation: boolean;
  readonly endTsMs: number;
  readonly lookbackMs: number;
  readonly stepMs: number;
  readonly ratePerMs: number;
  readonly spanKinds: readonly SpanKind[];
  /** latencies only */
  readonly quantile: number;
}

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const parseError = (param: string, error: string) => ({ ok: false as const, error: `unable to parse param '${param}': ${error}` });

/** query_parser.go's metrics parameters, in its order, with its error texts. */
export function parseSpmParams(params: URLSearchParams, nowMs: number, latencies: boolean): Parsed<SpmQuery> {
  const services = params.getAll('service');
  if (services.length === 0) return parseError('service', 'please provide at least one service name');
  const groupByText = params.get('groupByOperation') ?? '';
  let groupByOperation = false;
  if (groupByText !== '') {
    const bool = goParseBool(groupByText);
    if (bool === undefined) return parseError('groupByOperation', `strconv.ParseBool: parsing ${JSON.stringify(groupByText)}: invalid syntax`);
    groupByOperation = bool;
  }
  let quantile = Number.NaN;
  if (latencies) {
    const text = params.get('quantile') ?? '';
    quantile = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isNaN(quantile)) return parseError('quantile', `strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`);
  }
  const endTs = parseMillis(params, 'endTs', nowMs);
  if (!endTs.ok) return endTs;
  const lookback = parseMillis(params, 'lookback', 3_600_000);
  if (!lookback.ok) return lookback;
  const step = parseMillis(params, 'step', 5_000);
  if (!step.ok) return step;
  const ratePer = parseMillis(params, 'ratePer', 600_000);
  if (!ratePer.ok) return ratePer;
  const kinds = params.getAll('spanKind');
  const spanKinds: SpanKind[] = [];
  for (const kind of kinds.length > 0 ? kinds : ['server']) {
    if (!(KIND_CODES as readonly string[]).includes(kind)) return parseError('spanKind', `unsupported span kind: '${kind}'`);
    spanKinds.push(kind as SpanKind);
  }
  return {
    ok: true,
    value: { services, groupByOperation, endTsMs: endTs.value, lookbackMs: lookback.value, stepMs: step.value, ratePerMs: ratePer.value, spanKinds, quantile },
  };
}

function parseMillis(params: URLSearchParams, name: string, fallback: number): Parsed<number> {
  const text = params.get(name) ?? '';
  if (text === '') return { ok: true, value: fallback };
  if (!/^[+-]?\d+$/.test(text) || BigInt(text) > 2n ** 63n - 1n || BigInt(text) < -(2n ** 63n)) {
    return parseError(name, `strconv.ParseInt: parsing ${JSON.stringify(text)}: ${/^[+-]?\d+$/.test(text) ? 'value out of range' : 'invalid syntax'}`);
  }
  return { ok: true, value: Number(text) };
}

function goParseBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** The OTel spanmetrics connector's default histogram bounds, in ms; +Inf above the last. */
export const LATENCY_BUCKETS_MS = [2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1_000, 1_400, 2_000, 5_000, 10_000, 15_000];

/** Index of the first bucket whose upper bound holds `ms` (`le`: inclusive); LATENCY_BUCKETS_MS.length for +Inf. */
export function latencyBucket(ms: number): number {
  let i = 0;
  while (i < LATENCY_BUCKETS_MS.length && ms > (LATENCY_BUCKETS_MS[i] as number)) i++;
  return i;
}

/** PromQL histogram_quantile over per-bucket (not cumulative) counts. */
export function histogramQuantile(q: number, counts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i] as number;
  if (total === 0 || Number.isNaN(q)) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  const rank = q * total;
  let below = 0;
  for (let b = 0; b < counts.length; b++) {
    const count = counts[b] as number;
    if (below + count >= rank && count > 0) {
      // the +Inf bucket answers the highest finite bound
      if (b === LATENCY_BUCKETS_MS.length) return LATENCY_BUCKETS_MS[b - 1] as number;
      const lower = b === 0 ? 0 : (LATENCY_BUCKETS_MS[b - 1] as number);
      const upper = LATENCY_BUCKETS_MS[b] as number;
      return lower + (upper - lower) * ((rank - below) / count);
    }
    below += count;
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1] as number;
}

const HELP: Readonly<Record<FamilyKind, string>> = {
  calls: 'calls/sec, grouped by service',
  errors: 'error rate, computed as a fraction of errors/sec over calls/sec, grouped by service',
  latencies: 'th quantile latency, grouped by service',
};
const NAME: Readonly<Record<FamilyKind, string>> = { calls: 'call_rate', errors: 'error_rate', latencies: 'latencies' };

const ERROR = STATUS_CODES.indexOf('error');

/**
 * A start time as µs that compares with whole-µs bounds exactly: a span a few ns
 * into a µs starts after that µs, so it stands half a µs later.
 */
function startKeyUs(columns: SpanColumns, i: number): number {
  return (columns.startUs[i] as number) + ((columns.startSubUs[i] as number) > 0 ? 0.5 : 0);
}

interface SeriesSpans {
  readonly service: string;
  readonly operation: string | undefined;
  /** startKeyUs of each span, ascending */
  readonly starts: number[];
  readonly buckets: number[];
  readonly errors: number[];
}

/** One MetricFamily as JSON, as to_domain.go builds it from the Prometheus answer and jsonpb writes it. */
export function spmFamily(columnSets: readonly SpanColumns[], kind: FamilyKind, query: SpmQuery): string {
  const q = Math.round(query.quantile * 100) / 100;
  const help = `${kind === 'latencies' ? q.toFixed(2) : ''}${HELP[kind]}${query.groupByOperation ? ' & operation' : ''}`;
  const name = `${query.groupByOperation ? 'service_operation' : 'service'}_${NAME[kind]}`;
  const firstMs = query.endTsMs - query.lookbackMs;
  const points = Math.floor(query.lookbackMs / query.stepMs) + 1;
  const lastMs = firstMs + (points - 1) * query.stepMs;
  const kinds = new Set(query.spanKinds.map((k) => KIND_CODES.indexOf(k)));
  // series by name; each column set (a store segment) numbers its names its own way
  const bySeries = new Map<string, SeriesSpans>();
  for (const columns of columnSets) {
    const services = new Set(query.services.map((service) => columns.serviceIdOf(service)).filter((id) => id >= 0));
    const local = new Map<number, SeriesSpans>();
    const end = columns.after(lastMs * 1000);
    const nameCount = columns.names.length;
    for (let i = columns.after((firstMs - query.ratePerMs) * 1000); i < end; i++) {
      const service = columns.serviceId[i] as number;
      if (!services.has(service) || !kinds.has(columns.kind[i] as number)) continue;
      const key = query.groupByOperation ? service * nameCount + (columns.nameId[i] as number) : service;
      let series = local.get(key);
      if (!series) {
        const serviceName = columns.services[service] as string;
        const operation = query.groupByOperation ? columns.names[columns.nameId[i] as number] : undefined;
        const text = `${serviceName}\u0000${operation ?? ''}`;
        series = bySeries.get(text);
        if (!series) bySeries.set(text, (series = { service: serviceName, operation, starts: [], buckets: [], errors: [] }));
        local.set(key, series);
      }
      series.starts.push(startKeyUs(columns, i));
      series.buckets.push(latencyBucket((columns.durationNs[i] as number) / 1e6));
      series.errors.push(columns.status[i] === ERROR ? 1 : 0);
    }
  }
  if (columnSets.length > 1) for (const series of bySeries.values()) sortByStart(series);
  const ordered = [...bySeries.values()].sort((a, b) => (a.service !== b.service ? (a.service < b.service ? -1 : 1) : (a.operation ?? '') < (b.operation ?? '') ? -1 : 1));
  const head = `{"name":${JSON.stringify(name)},"type":"GAUGE","help":${JSON.stringify(help)}`;
  if (ordered.length === 0) return `${head}}`;
  // written as text: a family grouped by operation holds tens of thousands of points, and one
  // object per point (with its stamp) made the answer several times slower than the counting
  const stamps = Array.from({ length: points }, (_, k) => JSON.stringify(goTimestamp(firstMs + k * query.stepMs)));
  const metrics = ordered.map((series) => {
    const labels = [{ name: 'service_name', value: series.service }, ...(series.operation === undefined ? [] : [{ name: 'operation', value: series.operation }])];
    const values = seriesValues(series, kind, q, query, firstMs, points);
    const metricPoints = values.map((value, k) => `{"gaugeValue":{"doubleValue":${JSON.stringify(jsonDouble(value))}},"timestamp":${stamps[k] as string}}`);
    return `{"labels":${JSON.stringify(labels)},"metricPoints":[${metricPoints.join(',')}]}`;
  });
  return `${head},"metrics":[${metrics.join(',')}]}`;
}

/** The series' value at each evaluation time, from a window sliding over its spans (two pointers, counts kept as it moves). */
function seriesValues(series: SeriesSpans, kind: FamilyKind, q: number, query: SpmQuery, firstMs: number, points: number): number[] {
  const counts = new Float64Array(LATENCY_BUCKETS_MS.length + 1);
  let calls = 0;
  let errors = 0;
  let lo = 0;
  let hi = 0;
  const out: number[] = [];
  const rateSeconds = query.ratePerMs / 1000;
  for (let k = 0; k < points; k++) {
    const t = firstMs + k * query.stepMs;
    while (hi < series.starts.length && (series.starts[hi] as number) <= t * 1000) {
      calls++;
      errors += series.errors[hi] as number;
      counts[series.buckets[hi] as number] = (counts[series.buckets[hi] as number] as number) + 1;
      hi++;
    }
    while (lo < hi && (series.starts[lo] as number) <= (t - query.ratePerMs) * 1000) {
      calls--;
      errors -= series.errors[lo] as number;
      counts[series.buckets[lo] as number] = (counts[series.buckets[lo] as number] as number) - 1;
      lo++;
    }
    const value = kind === 'calls' ? calls / rateSeconds : kind === 'errors' ? (calls === 0 ? Number.NaN : errors / calls) : histogramQuantile(q, counts);
    out.push(value);
  }
  return out;
}

/** Links between services over [fromMs, toMs] by span start, summed per (parent, child); `service` keeps those touching it. */
export function dependencies(columnSets: readonly SpanColumns[], fromMs: number, toMs: number, service: string): { parent: string; child: string; callCount: number }[] {
  const byPair = new Map<string, { parent: string; child: string; callCount: number }>();
  for (const columns of columnSets) {
    const counts = new Map<number, number>();
    const n = columns.services.length;
    const end = columns.after(toMs * 1000);
    // [from, to]: from the first span at or after fromMs
    for (let i = columns.after(fromMs * 1000 - 1, 999); i < end; i++) {
      const parent = columns.parentServiceId[i] as number;
      const child = columns.serviceId[i] as number;
      if (parent < 0 || parent === child) continue;
      const key = parent * n + child;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, callCount] of counts) {
      const parent = columns.services[Math.floor(key / n)] as string;
      const child = columns.services[key % n] as string;
      const pair = `${parent}\u0000${child}`;
      const held = byPair.get(pair);
      if (held) held.callCount += callCount;
      else byPair.set(pair, { parent, child, callCount });
    }
  }
  const links = [...byPair.values()].filter((link) => service === '' || link.parent === service || link.child === service);
  return links.sort((a, b) => (a.parent !== b.parent ? (a.parent < b.parent ? -1 : 1) : a.child < b.child ? -1 : a.child > b.child ? 1 : 0));
}

/** Spans gathered from several column sets, back in start order. */
function sortByStart(series: SeriesSpans): void {
  const order = series.starts.map((_, i) => i).sort((a, b) => (series.starts[a] as number) - (series.starts[b] as number));
  const starts = order.map((i) => series.starts[i] as number);
  const buckets = order.map((i) => series.buckets[i] as number);
  const errors = order.map((i) => series.errors[i] as number);
  order.forEach((_, k) => {
    series.starts[k] = starts[k] as number;
    series.buckets[k] = buckets[k] as number;
    series.errors[k] = errors[k] as number;
  });
}

function jsonDouble(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return value;
}

/** A Timestamp as jsonpb writes it: RFC 3339 UTC, the fraction only when not zero (3, 6 or 9 digits). */
export function goTimestamp(ms: number): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** http.Error's answer: the v1 API's error envelope, labelled text/plain, ending in a newline. */
export function jaegerMetricsError(status: number, msg: string): HttpResponse<string> {
  const body = JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: status, msg }] });
  return HttpResponse.text(`${body}\n`, { status, headers: { ...TEXT_PLAIN, 'X-Content-Type-Options': 'nosniff' } });
}

function jaegerMetricsJson(text: string): HttpResponse<string> {
  return HttpResponse.text(text, { headers: { 'Content-Type': 'application/json' } });
}
