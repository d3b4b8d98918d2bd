import type { MetricsRange } from './red-model';

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/** Tempo aims at this many points per series: an hour at 15 s. */
const TARGET_POINTS = 240;
/** Under a minute Grafana draws milliseconds, so the step snaps to 50 ms instead of whole seconds. */
const SUB_MINUTE_GRANULARITY_MS = 50;
/** High to low: the first rung the baseline step is strictly above wins, and the step is floored to a multiple of it. */
const GRANULARITY_LADDER_MS: readonly number[] = [HOUR_MS, 5 * MINUTE_MS, MINUTE_MS, 15 * SECOND_MS, 5 * SECOND_MS, SECOND_MS];

/**
 * The step Tempo uses when a query_range request has none (its DefaultQueryRangeStep,
 * reference §2.1): range ÷ 240, floored to a multiple of the largest granularity
 * below it, at least 1 s (50 ms steps for ranges under a minute). Sending the same
 * step ourselves keeps every source's points where Tempo would put them.
 */
export function defaultStepMs(rangeMs: number): number {
  const baseline = Math.max(0, rangeMs) / TARGET_POINTS;
  const snap = (unit: number): number => Math.floor(baseline / unit) * unit;
  if (rangeMs < MINUTE_MS) return baseline > SUB_MINUTE_GRANULARITY_MS ? snap(SUB_MINUTE_GRANULARITY_MS) : SUB_MINUTE_GRANULARITY_MS;
  for (const rung of GRANULARITY_LADDER_MS) if (baseline > rung) return snap(rung);
  return SECOND_MS;
}

/**
 * A window as Tempo evaluates it (its AlignRequest): start rounded down to a
 * multiple of the step, end rounded up, then start moved back one more step, so
 * every interval `(t − step, t]` ends on a multiple of the step and the window's
 * first moments fall in an interval of their own. Whole milliseconds.
 */
export function alignedRange(startMs: number, endMs: number, stepMs?: number): MetricsRange {
  const step = Math.max(1, Math.round(stepMs ?? defaultStepMs(endMs - startMs)));
  const start = Math.floor(startMs / step) * step - step;
  const end = Math.max(Math.ceil(endMs / step) * step, start + step);
  return { startMs: start, endMs: end, stepMs: step };
}

/** How many intervals the range has: one sample per interval at most. */
export function intervalCount(range: MetricsRange): number {
  return Math.max(0, Math.round((range.endMs - range.startMs) / range.stepMs));
}

/** The end of interval `index`, the time its sample is stamped with. */
export function intervalEndMs(range: MetricsRange, index: number): number {
  return range.startMs + (index + 1) * range.stepMs;
}

/**
 * The interval a time falls in, or -1 outside the range. Intervals are
 * `(t − step, t]` like Tempo's samples, so a span starting exactly on a step
 * counts toward the interval that ends there.
 */
export function intervalOfMs(range: MetricsRange, timeMs: number): number {
  const offset = timeMs - range.startMs;
  if (!(offset > 0) || timeMs > range.endMs) return -1;
  return Math.ceil(offset / range.stepMs) - 1;
}

/** The range's length in seconds, the divisor of every per-second total. */
export function rangeSeconds(range: MetricsRange): number {
  return (range.endMs - range.startMs) / 1_000;
}
