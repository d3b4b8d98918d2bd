import { DecodeError } from '../formats/decode-error';
import { describeValue, isObject, readDouble, readInt64Text } from '../formats/wire-values';
import { rangeSeconds } from './metrics-range';
import type { MetricPoint, MetricSeries, MetricsRange, RedKey, RedOrigin, RedRow, SystemGraph, SystemGraphEdge, SystemGraphNode } from './red-model';
import { compareRedKeys, compareText, pointsInRange, rateTotals, redKeyText, weightedMean } from './red-rows';
import type { RedGroupBy } from './tempo-red-queries';

/** Jaeger's label names (reference §4.1: Prometheus's `span_name` comes back renamed `operation`). */
export const JAEGER_SERVICE_LABEL = 'service_name';
export const JAEGER_OPERATION_LABEL = 'operation';

/**
 * One of Jaeger's SPM answers (`/api/metrics/calls|errors|latencies`: a bare
 * MetricFamily, reference §4.1) → series.
 *
 * - labels are `{name, value}` pairs in no stable order, so they are read by name;
 * - each point is `gaugeValue.doubleValue` (a oneof: 0 is written) at an RFC 3339
 *   `timestamp`; "NaN" (a quantile or an error fraction without traffic) is no point;
 * - a family without data has no `metrics` key at all.
 *
 * Throws DecodeError for Jaeger's error body (`{"errors":[{"code","msg"}]}`, sent with
 * HTTP 400/500/501) with its message, and for anything else that is not a family.
 */
export function decodeJaegerMetricFamily(value: unknown): MetricSeries[] {
  if (!isObject(value)) throw new DecodeError(`this is not a Jaeger metrics answer: expected an object, found ${describeValue(value)}`);
  const error = jaegerErrorText(value);
  if (error !== undefined) throw new DecodeError(`Jaeger answered: ${error}`);
  if (value.metrics === undefined || value.metrics === null) {
    if (typeof value.name !== 'string') throw new DecodeError('this is not a Jaeger metrics answer: expected a metric family with a "name"');
    return [];
  }
  if (!Array.isArray(value.metrics)) throw new DecodeError(`this is not a Jaeger metrics answer: expected "metrics" to be a list, found ${describeValue(value.metrics)}`);
  const out: MetricSeries[] = [];
  for (const metric of value.metrics) {
    if (!isObject(metric)) continue;
    const labels: Record<string, string> = {};
    if (Array.isArray(metric.labels)) {
      for (const label of metric.labels) {
        if (!isObject(label) || typeof label.name !== 'string' || typeof label.value !== 'string') continue;
        if (!Object.hasOwn(labels, label.name)) Object.defineProperty(labels, label.name, { value: label.value, enumerable: true, writable: true, configurable: true });
      }
    }
    const points: MetricPoint[] = [];
    if (Array.isArray(metric.metricPoints)) {
      for (const point of metric.metricPoints) {
        if (!isObject(point)) continue;
        const timeMs = typeof point.timestamp === 'string' ? Date.parse(point.timestamp) : Number.NaN;
        const v = gaugeNumber(point.gaugeValue);
        if (Number.isFinite(timeMs) && v !== undefined && Number.isFinite(v)) points.push({ timeMs, value: v });
      }
    }
    if (points.length > 0) out.push({ labels, points: points.sort((a, b) => a.timeMs - b.timeMs), exemplars: [] });
  }
  return out;
}

/** `{"doubleValue": n}` (or "NaN"), `{"intValue": "n"}`; an empty value is a zero the marshaller left out. */
function gaugeNumber(gauge: unknown): number | undefined {
  if (!isObject(gauge)) return undefined;
  if (gauge.doubleValue !== undefined) return readDouble(gauge.doubleValue);
  if (gauge.intValue !== undefined) {
    const text = readInt64Text(gauge.intValue);
    return text === undefined ? undefined : Number(text);
  }
  return 0;
}

export interface JaegerDependency {
  readonly parent: string;
  readonly child: string;
  readonly callCount: number;
}

/**
 * Jaeger's `/api/dependencies` answer (`{data: [{parent, child, callCount}], …}`,
 * reference §5.1) → links, summed per (parent, child) and sorted: Jaeger's order is
 * random. A link that is not one (no names, a count that is not a count) is skipped.
 */
export function decodeJaegerDependencies(value: unknown): JaegerDependency[] {
  if (isObject(value)) {
    const error = jaegerErrorText(value);
    if (error !== undefined) throw new DecodeError(`Jaeger answered: ${error}`);
  }
  const data = isObject(value) ? value.data : value;
  if (data === null) return [];
  if (!Array.isArray(data)) throw new DecodeError(`this is not a Jaeger dependencies answer: expected "data" to be a list, found ${describeValue(data)}`);
  const sums = new Map<string, JaegerDependency>();
  for (const link of data) {
    if (!isObject(link) || typeof link.parent !== 'string' || typeof link.child !== 'string' || link.parent === '' || link.child === '') continue;
    const count = typeof link.callCount === 'string' ? Number(readInt64Text(link.callCount) ?? Number.NaN) : link.callCount;
    if (typeof count !== 'number' || !Number.isFinite(count) || count < 0) continue;
    const key = JSON.stringify([link.parent, link.child]);
    sums.set(key, { parent: link.parent, child: link.child, callCount: (sums.get(key)?.callCount ?? 0) + count });
  }
  return [...sums.values()].sort((a, b) => compareText(a.parent, b.parent) || compareText(a.child, b.child));
}

/** The message of Jaeger's error body, `{"data":null,…,"errors":[{"code":501,"msg":"…"}]}`. */
export function jaegerErrorText(value: unknown): string | undefined {
  if (!isObject(value) || !Array.isArray(value.errors) || value.errors.length === 0) return undefined;
  const messages = value.errors.map((e: unknown) => (isObject(e) && typeof e.msg === 'string' ? e.msg : describeValue(e)));
  return messages.join('; ');
}

export interface JaegerRedAnswers {
  /** requests per second */
  readonly calls: readonly MetricSeries[];
  /** errors as a fraction of calls, 0–1 */
  readonly errors: readonly MetricSeries[];
  /** latencies in ms at quantile 0.5, 0.9 and 0.99 */
  readonly p50: readonly MetricSeries[];
  readonly p90: readonly MetricSeries[];
  readonly p99: readonly MetricSeries[];
}

/**
 * Jaeger's SPM answers → one row per service (or service and operation). Jaeger's
 * error series is a fraction of calls: errors per second are fraction × calls at the
 * same time (0 where there were no calls). Its rates are PromQL rates over a window
 * (`ratePer`), not counts per step, so the rows have no counts; range-wide quantiles
 * are the per-step ones weighted by the call rate.
 */
export function redRowsFromJaeger(range: MetricsRange, groupBy: RedGroupBy, answers: JaegerRedAnswers): RedRow[] {
  const rows = new Map<string, JaegerRowAcc>();
  const row = (labels: Readonly<Record<string, string>>): JaegerRowAcc => {
    const service = labels[JAEGER_SERVICE_LABEL] ?? '';
    const key: RedKey = groupBy === 'service' ? { service } : { service, operation: labels[JAEGER_OPERATION_LABEL] ?? '' };
    const text = redKeyText(key);
    let acc = rows.get(text);
    if (acc === undefined) {
      acc = { key, calls: [], fraction: [], p50: [], p90: [], p99: [] };
      rows.set(text, acc);
    }
    return acc;
  };
  const add = (series: readonly MetricSeries[], field: Exclude<keyof JaegerRowAcc, 'key'>): void => {
    for (const s of series) row(s.labels)[field].push(...pointsInRange(s.points, range));
  };
  add(answers.calls, 'calls');
  add(answers.errors, 'fraction');
  add(answers.p50, 'p50');
  add(answers.p90, 'p90');
  add(answers.p99, 'p99');

  const out: RedRow[] = [];
  for (const acc of rows.values()) {
    const rate = sorted(acc.calls);
    const fractionAt = new Map<number, number>();
    for (const p of acc.fraction) fractionAt.set(p.timeMs, p.value);
    const errorRate: MetricPoint[] = [];
    for (const r of rate) {
      const fraction = fractionAt.get(r.timeMs);
      if (r.value === 0) errorRate.push({ timeMs: r.timeMs, value: 0 });
      else if (fraction !== undefined) errorRate.push({ timeMs: r.timeMs, value: fraction * r.value });
    }
    const p50Ms = sorted(acc.p50);
    const p90Ms = sorted(acc.p90);
    const p99Ms = sorted(acc.p99);
    out.push({
      ...acc.key,
      rate,
      errorRate,
      p50Ms,
      p90Ms,
      p99Ms,
      exemplars: [],
      total: { ...rateTotals(range, rate, errorRate, false), p50Ms: weightedMean(p50Ms, rate), p90Ms: weightedMean(p90Ms, rate), p99Ms: weightedMean(p99Ms, rate) },
    });
  }
  return out.sort(compareRedKeys);
}

interface JaegerRowAcc {
  readonly key: RedKey;
  readonly calls: MetricPoint[];
  readonly fraction: MetricPoint[];
  readonly p50: MetricPoint[];
  readonly p90: MetricPoint[];
  readonly p99: MetricPoint[];
}

function sorted(points: MetricPoint[]): MetricPoint[] {
  return points.sort((a, b) => a.timeMs - b.timeMs);
}

/** Node ids of the system graph: a service and an uninstrumented peer of the same name are two nodes. */
export function serviceNodeId(service: string): string {
  return `service:${service}`;
}

export function peerNodeId(peer: string): string {
  return `peer:${peer}`;
}

/**
 * Jaeger's dependency links → the system graph. Jaeger links services only (its
 * links come from parent and child spans), with a call count over the whole window
 * and no errors or latency; the nodes take their figures from the service rows (SPM,
 * or a sample when SPM is off), where there is one.
 */
export function systemGraphFromDependencies(range: MetricsRange, dependencies: readonly JaegerDependency[], rows: readonly RedRow[], origin: RedOrigin = { kind: 'jaeger-spm' }): SystemGraph {
  const byService = new Map<string, RedRow>();
  for (const r of rows) if (r.operation === undefined) byService.set(r.service, r);
  const names = new Set<string>();
  for (const d of dependencies) names.add(d.parent).add(d.child);
  for (const r of byService.keys()) names.add(r);
  const nodes: SystemGraphNode[] = [...names].sort(compareText).map((name) => {
    const total = byService.get(name)?.total;
    return { id: serviceNodeId(name), name, kind: 'service', ratePerSecond: total?.ratePerSecond, errorFraction: total?.errorFraction, p90Ms: total?.p90Ms };
  });
  const seconds = rangeSeconds(range);
  const edges: SystemGraphEdge[] = dependencies.map((d) => ({
    from: serviceNodeId(d.parent),
    to: serviceNodeId(d.child),
    callCount: d.callCount,
    callsPerSecond: seconds > 0 ? d.callCount / seconds : 0,
    errorFraction: undefined,
    p90Ms: undefined,
  }));
  return { range, nodes, edges, origin };
}
