/**
 * The shapes every source of RED metrics (rate, errors, duration) is turned into:
 * Tempo's TraceQL metrics, Jaeger's SPM, and the browser's own computation over
 * a sample of traces. The views read only these, never a backend's answer.
 */

/** A query's window, aligned to its step: samples are stamped at the end of each interval `(t − step, t]`. */
export interface MetricsRange {
  /** unix ms, inclusive start of the first interval */
  readonly startMs: number;
  /** unix ms, end of the last interval */
  readonly endMs: number;
  readonly stepMs: number;
}

/** One sample: the value over the interval ending at `timeMs`. */
export interface MetricPoint {
  readonly timeMs: number;
  /** always finite: an interval with no data (NaN, a missing sample) has no point, so it draws as a gap, never as a zero */
  readonly value: number;
}

/** A span behind a point, when the backend names one (Tempo's exemplars): a click opens its trace. */
export interface Exemplar {
  readonly timeMs: number;
  readonly value: number;
  readonly traceId: string;
  readonly spanId?: string;
}

export interface MetricSeries {
  /** the grouping labels as text (`resource.service.name` → `checkout`; a nil value is the text `nil`) */
  readonly labels: Readonly<Record<string, string>>;
  /** ascending by time */
  readonly points: readonly MetricPoint[];
  readonly exemplars: readonly Exemplar[];
}

/** Which spans count as a service's requests, as Grafana Traces Drilldown offers. */
export type SpanScope = 'root' | 'server' | 'all';

/** What a row of the overview is: a service, or one operation (span name) of it. */
export interface RedKey {
  readonly service: string;
  readonly operation?: string;
}

/** Rate, errors and duration of one service or operation over a range, each per step and over the whole range. */
export interface RedRow extends RedKey {
  /** requests per second, per step */
  readonly rate: readonly MetricPoint[];
  /** failed requests per second, per step (a step with requests and no error is 0, not a gap) */
  readonly errorRate: readonly MetricPoint[];
  /** duration quantiles in milliseconds, per step */
  readonly p50Ms: readonly MetricPoint[];
  readonly p90Ms: readonly MetricPoint[];
  readonly p99Ms: readonly MetricPoint[];
  readonly exemplars: readonly Exemplar[];
  readonly total: RedTotal;
}

/** The whole range in one figure each; undefined where the source cannot say (Jaeger gives rates, not counts). */
export interface RedTotal {
  readonly ratePerSecond: number;
  readonly errorsPerSecond: number;
  /** errors ÷ requests, 0–1; undefined with no requests */
  readonly errorFraction: number | undefined;
  readonly requestCount: number | undefined;
  readonly errorCount: number | undefined;
  readonly p50Ms: number | undefined;
  readonly p90Ms: number | undefined;
  readonly p99Ms: number | undefined;
}

/** Where the figures came from, said on the page beside them. */
export type RedOrigin =
  | { readonly kind: 'tempo-metrics' }
  | { readonly kind: 'jaeger-spm' }
  /** computed in the browser from traces: all of Local files, or a bounded sample fetched through search */
  | { readonly kind: 'sample'; readonly traces: number; readonly spans: number; readonly limited: boolean; readonly reason: string };

export interface RedOverview {
  readonly range: MetricsRange;
  readonly scope: SpanScope;
  readonly rows: readonly RedRow[];
  readonly origin: RedOrigin;
}

/** A node of the system's service graph: an instrumented service, or a peer seen only from its callers. */
export interface SystemGraphNode {
  readonly id: string;
  readonly name: string;
  /** `service`: sends its own spans; the rest are uninstrumented peers named by their callers' attributes */
  readonly kind: 'service' | 'database' | 'messaging' | 'external';
  readonly ratePerSecond: number | undefined;
  readonly errorFraction: number | undefined;
  readonly p90Ms: number | undefined;
}

export interface SystemGraphEdge {
  /** node ids */
  readonly from: string;
  readonly to: string;
  /** calls over the whole range (Jaeger's dependencies give only this) */
  readonly callCount: number;
  readonly callsPerSecond: number;
  readonly errorFraction: number | undefined;
  readonly p90Ms: number | undefined;
}

export interface SystemGraph {
  readonly range: MetricsRange;
  readonly nodes: readonly SystemGraphNode[];
  readonly edges: readonly SystemGraphEdge[];
  readonly origin: RedOrigin;
}
