import { quoteString } from '../query/traceql-ast';
import { intervalCount } from './metrics-range';
import type { Exemplar, MetricPoint, MetricSeries, MetricsRange, RedKey, RedRow, SpanScope } from './red-model';
import { compareRedKeys, pointsInRange, rateTotals, redKeyText, weightedMean } from './red-rows';

export type RedGroupBy = 'service' | 'operation';

export interface TempoRedQueryOptions {
  readonly scope: SpanScope;
  readonly service?: string;
  readonly operation?: string;
  readonly groupBy: RedGroupBy;
}

export interface TempoRedQueries {
  /** spans per second */
  readonly rate: string;
  /** failed spans per second */
  readonly errors: string;
  /** p50, p90, p99 of duration, in seconds, one series per quantile (label `p`) */
  readonly quantiles: string;
  /** spans per log2 duration bucket (label `__bucket`, its upper bound in seconds) */
  readonly histogram: string;
}

/** The TraceQL attribute Tempo labels each group with (reference §2.1: the key is the attribute as written in `by()`). */
export const TEMPO_SERVICE_LABEL = 'resource.service.name';
export const TEMPO_OPERATION_LABEL = 'name';

/** Which spans are a service's requests, as Traces Drilldown's primary signals (reference §3). */
const SCOPE_CONDITION: Readonly<Record<SpanScope, string | undefined>> = {
  root: 'nestedSetParent < 0',
  server: 'kind = server',
  all: undefined,
};

/**
 * The TraceQL metrics queries behind a RED overview: rate, error rate, duration
 * quantiles and the duration histogram (for a heatmap and for range-wide quantiles),
 * grouped by service or by service and operation.
 */
export function tempoRedQueries(options: TempoRedQueryOptions): TempoRedQueries {
  const conditions: string[] = [];
  const scope = SCOPE_CONDITION[options.scope];
  if (scope !== undefined) conditions.push(scope);
  if (options.service !== undefined) conditions.push(`${TEMPO_SERVICE_LABEL} = ${quoteString(options.service)}`);
  if (options.operation !== undefined) conditions.push(`${TEMPO_OPERATION_LABEL} = ${quoteString(options.operation)}`);
  const selector = (extra?: string): string => {
    const all = extra === undefined ? conditions : [...conditions, extra];
    return `{ ${all.length === 0 ? 'true' : all.join(' && ')} }`;
  };
  const by = options.groupBy === 'service' ? `by (${TEMPO_SERVICE_LABEL})` : `by (${TEMPO_SERVICE_LABEL}, ${TEMPO_OPERATION_LABEL})`;
  return {
    rate: `${selector()} | rate() ${by}`,
    errors: `${selector('status = error')} | rate() ${by}`,
    quantiles: `${selector()} | quantile_over_time(duration, .5, .9, .99) ${by}`,
    histogram: `${selector()} | histogram_over_time(duration) ${by}`,
  };
}

export interface TempoRedAnswers {
  readonly rate: readonly MetricSeries[];
  readonly errors: readonly MetricSeries[];
  readonly quantiles: readonly MetricSeries[];
  /** the histogram query's series: with them, the range-wide quantiles are Tempo's estimate over every span of the range */
  readonly histogram?: readonly MetricSeries[];
}

const QUANTILES = [
  ['p50Ms', 0.5],
  ['p90Ms', 0.9],
  ['p99Ms', 0.99],
] as const;

/**
 * The answers to tempoRedQueries → one row per group. Durations are seconds on the
 * wire and milliseconds in rows. Totals come from the per-step points: the rate is
 * the mean over the range's steps (a missing sample is an interval without spans: 0),
 * counts are Σ rate × step. Range-wide quantiles come from the summed histogram when
 * it is given, else from the per-step quantiles weighted by each step's rate.
 * A step with requests and no error sample has an error rate of 0; a step without
 * requests stays a gap in every series.
 */
export function redRowsFromTempo(range: MetricsRange, groupBy: RedGroupBy, answers: TempoRedAnswers): RedRow[] {
  const rows = new Map<string, RowAcc>();
  const row = (labels: Readonly<Record<string, string>>): RowAcc => {
    const key: RedKey = groupBy === 'service' ? { service: labels[TEMPO_SERVICE_LABEL] ?? 'nil' } : { service: labels[TEMPO_SERVICE_LABEL] ?? 'nil', operation: labels[TEMPO_OPERATION_LABEL] ?? 'nil' };
    const text = redKeyText(key);
    let acc = rows.get(text);
    if (acc === undefined) {
      acc = { key, rate: [], errors: [], p50Ms: [], p90Ms: [], p99Ms: [], exemplars: new Map(), buckets: new Map() };
      rows.set(text, acc);
    }
    return acc;
  };
  for (const s of answers.rate) row(s.labels).rate.push(...pointsInRange(s.points, range));
  for (const s of answers.errors) row(s.labels).errors.push(...pointsInRange(s.points, range));
  for (const s of answers.quantiles) {
    const p = Number(s.labels.p);
    const which = QUANTILES.find(([, q]) => Math.abs(q - p) < 1e-9)?.[0];
    const acc = row(s.labels);
    if (which !== undefined) acc[which].push(...pointsInRange(s.points, range).map(toMs));
    addExemplars(acc, s.exemplars, range);
  }
  for (const s of answers.histogram ?? []) {
    const upperSeconds = Number(s.labels.__bucket);
    if (!(upperSeconds > 0)) continue;
    const acc = row(s.labels);
    let count = 0;
    for (const p of pointsInRange(s.points, range)) count += p.value;
    acc.buckets.set(upperSeconds, (acc.buckets.get(upperSeconds) ?? 0) + count);
    addExemplars(acc, s.exemplars, range);
  }

  const out: RedRow[] = [];
  for (const acc of rows.values()) {
    const rate = sortPoints(acc.rate);
    const errorRate = withZeroErrors(rate, sortPoints(acc.errors));
    const p50Ms = sortPoints(acc.p50Ms);
    const p90Ms = sortPoints(acc.p90Ms);
    const p99Ms = sortPoints(acc.p99Ms);
    const fromHistogram = acc.buckets.size > 0 && intervalCount(range) > 0;
    out.push({
      ...acc.key,
      rate,
      errorRate,
      p50Ms,
      p90Ms,
      p99Ms,
      exemplars: [...acc.exemplars.values()].sort((a, b) => a.timeMs - b.timeMs),
      total: {
        ...rateTotals(range, rate, errorRate, true),
        p50Ms: fromHistogram ? histogramQuantileMs(acc.buckets, 0.5) : weightedMean(p50Ms, rate),
        p90Ms: fromHistogram ? histogramQuantileMs(acc.buckets, 0.9) : weightedMean(p90Ms, rate),
        p99Ms: fromHistogram ? histogramQuantileMs(acc.buckets, 0.99) : weightedMean(p99Ms, rate),
      },
    });
  }
  return out.sort(compareRedKeys);
}

interface RowAcc {
  readonly key: RedKey;
  readonly rate: MetricPoint[];
  readonly errors: MetricPoint[];
  readonly p50Ms: MetricPoint[];
  readonly p90Ms: MetricPoint[];
  readonly p99Ms: MetricPoint[];
  /** by trace and span id: every quantile series of a group carries the same spans */
  readonly exemplars: Map<string, Exemplar>;
  /** upper bound in seconds → spans over the range */
  readonly buckets: Map<number, number>;
}

const toMs = (p: MetricPoint): MetricPoint => ({ timeMs: p.timeMs, value: p.value * 1_000 });

/** Exemplars of duration series: their value is the span's duration, seconds → ms. */
function addExemplars(acc: RowAcc, exemplars: readonly Exemplar[], range: MetricsRange): void {
  for (const e of exemplars) {
    if (e.timeMs <= range.startMs || e.timeMs > range.endMs) continue;
    const key = `${e.traceId}/${e.spanId ?? ''}`;
    if (!acc.exemplars.has(key)) acc.exemplars.set(key, { ...e, value: e.value * 1_000 });
  }
}

function sortPoints(points: MetricPoint[]): MetricPoint[] {
  return points.sort((a, b) => a.timeMs - b.timeMs);
}

/** Tempo leaves out the intervals without errors: where there were requests, that is 0 errors per second. */
export function withZeroErrors(rate: readonly MetricPoint[], errors: readonly MetricPoint[]): MetricPoint[] {
  const errorAt = new Map<number, number>();
  for (const e of errors) errorAt.set(e.timeMs, e.value);
  const out: MetricPoint[] = [];
  for (const r of rate) {
    const e = errorAt.get(r.timeMs);
    if (e !== undefined) errorAt.delete(r.timeMs);
    if (e !== undefined || r.value > 0) out.push({ timeMs: r.timeMs, value: e ?? 0 });
  }
  for (const [timeMs, value] of errorAt) out.push({ timeMs, value });
  return sortPoints(out);
}

/**
 * A quantile from log2 duration buckets, as Tempo estimates quantile_over_time: find
 * the bucket holding the rank, then interpolate exponentially between its lower bound
 * (half its upper bound) and its upper bound by the rank's share of the bucket.
 */
export function histogramQuantileMs(buckets: ReadonlyMap<number, number>, q: number): number | undefined {
  const sorted = [...buckets].filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
  let total = 0;
  for (const [, count] of sorted) total += count;
  if (total <= 0) return undefined;
  const rank = q * total;
  let below = 0;
  for (const [upperSeconds, count] of sorted) {
    if (below + count >= rank) {
      const share = Math.min(1, Math.max(0, (rank - below) / count));
      return (upperSeconds / 2) * 2 ** share * 1_000;
    }
    below += count;
  }
  const last = sorted[sorted.length - 1];
  return last === undefined ? undefined : last[0] * 1_000;
}
