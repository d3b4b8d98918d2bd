import { intervalCount, rangeSeconds } from './metrics-range';
import type { MetricPoint, MetricsRange, RedKey, RedTotal } from './red-model';

/** Rows by service, then operation (a service's own row before its operations). */
export function compareRedKeys(a: RedKey, b: RedKey): number {
  return compareText(a.service, b.service) || compareText(a.operation ?? '', b.operation ?? '') || Number(a.operation !== undefined) - Number(b.operation !== undefined);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function redKeyText(key: RedKey): string {
  return key.operation === undefined ? JSON.stringify([key.service]) : JSON.stringify([key.service, key.operation]);
}

/** The points a range shows: those stamped at the end of one of its intervals, `(start, end]`. */
export function pointsInRange(points: readonly MetricPoint[], range: MetricsRange): MetricPoint[] {
  return points.filter((p) => p.timeMs > range.startMs && p.timeMs <= range.endMs);
}

/** Σ value over the range's intervals ÷ their number: an interval with no point counts as 0. */
export function meanOverRange(points: readonly MetricPoint[], range: MetricsRange): number {
  const n = intervalCount(range);
  if (n === 0) return 0;
  let sum = 0;
  for (const p of points) sum += p.value;
  return sum / n;
}

/**
 * A quantile over the whole range from per-step quantiles, weighted by each step's
 * request rate. Not a true quantile (that needs the spans or a histogram), but it
 * follows the steps with the traffic, so a busy slow hour outweighs a quiet fast one.
 */
export function weightedMean(values: readonly MetricPoint[], weights: readonly MetricPoint[]): number | undefined {
  const weightAt = new Map<number, number>();
  for (const w of weights) weightAt.set(w.timeMs, w.value);
  let sum = 0;
  let total = 0;
  for (const v of values) {
    const w = weightAt.get(v.timeMs) ?? 0;
    if (!(w > 0)) continue;
    sum += v.value * w;
    total += w;
  }
  return total > 0 ? sum / total : undefined;
}

/**
 * Rate and error totals from per-second series: the mean rate over the range, and
 * counts as Σ rate × step (rounded: they count spans), when the source's rates come
 * from counts per step (Tempo); Jaeger's rates are windowed, so it passes counts: false.
 */
export function rateTotals(range: MetricsRange, rate: readonly MetricPoint[], errorRate: readonly MetricPoint[], counts: boolean): Pick<RedTotal, 'ratePerSecond' | 'errorsPerSecond' | 'errorFraction' | 'requestCount' | 'errorCount'> {
  const ratePerSecond = meanOverRange(rate, range);
  const errorsPerSecond = meanOverRange(errorRate, range);
  const seconds = rangeSeconds(range);
  return {
    ratePerSecond,
    errorsPerSecond,
    errorFraction: ratePerSecond > 0 ? Math.min(1, errorsPerSecond / ratePerSecond) : undefined,
    requestCount: counts ? Math.round(ratePerSecond * seconds) : undefined,
    errorCount: counts ? Math.round(errorsPerSecond * seconds) : undefined,
  };
}
