/**
 * Runs a TraceQL metrics query (traceql-ast.ts MetricsQuery) over spans, with
 * Tempo's semantics (reference metrics-apis.md §2.1):
 * - a span counts in the interval `(t − step, t]` holding its **start** time;
 *   intervals are numbered from the (already aligned) window start;
 * - rate() is spans per second, count_over_time() spans per interval;
 *   min/max/avg/sum_over_time and quantile_over_time read durations in seconds,
 *   numbers as they are; an interval without spans has no sample (NaN);
 * - quantiles are **exact** (nearest rank: the ⌈q·n⌉-th smallest value), not
 *   Tempo's estimate from log2 buckets: the demo's figures then equal a
 *   brute-force count over its spans, and the browser-side computation over the
 *   same spans gives the same numbers; Tempo's own answers differ from these by
 *   at most the width of the power-of-two bucket a value falls in;
 * - histogram_over_time() counts per power-of-two bucket of the value (ns for
 *   durations; the label is its upper bound, in seconds for durations); values
 *   below 2 are dropped, as Tempo drops them;
 * - by(): one series per combination; a nil value is the text "nil" with one
 *   field, and left out with several (all nil: the first kept as "nil");
 *   without by() a `__name__` label names the function (quantile and histogram
 *   series carry only `p` / `__bucket`);
 * - exemplars: at most one span per series and interval (the largest value for
 *   value functions, the earliest span for counts; whatever order spans come in),
 *   spread evenly over the series, at most `maxExemplars` in all.
 */
import type { DecodedSpan } from '../model/decoded-span';
import type { Field, MetricsQuery } from './traceql-ast';
import { decodedTraceView, fieldValue, matchSpans, type FieldValue, type TraceQLTrace } from './traceql-eval';

/** A metrics window: `intervals` intervals of `stepNs`, the first being `(startNs, startNs + stepNs]`. */
export interface MetricsWindow {
  readonly startNs: bigint;
  readonly stepNs: bigint;
  readonly intervals: number;
}

export type MetricLabelValue =
  | { readonly type: 'string'; readonly value: string }
  /** decimal text (64-bit) */
  | { readonly type: 'int'; readonly value: string }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean };

export interface MetricLabel {
  readonly key: string;
  readonly value: MetricLabelValue;
}

export interface MetricExemplar {
  readonly traceId: string;
  readonly spanId: string;
  readonly timeUnixNano: bigint;
  readonly value: number;
}

export interface MetricsResultSeries {
  readonly labels: readonly MetricLabel[];
  /** one per interval; NaN where the interval has no sample */
  readonly values: Float64Array;
  /** by time */
  readonly exemplars: readonly MetricExemplar[];
}

export interface MetricsResult {
  /** sorted as Tempo sorts them: fewer labels first, then by key, then by value text */
  readonly series: MetricsResultSeries[];
  readonly inspectedTraces: number;
  readonly inspectedSpans: number;
}

interface Candidate {
  readonly traceId: string;
  readonly spanId: string;
  readonly timeUnixNano: bigint;
  readonly value: number;
}

/** What an exemplar is made from. */
export interface ExemplarSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly startUnixNano: bigint;
}

function candidateOf(span: ExemplarSpan, value: number): Candidate {
  return { traceId: span.traceId, spanId: span.spanId, timeUnixNano: span.startUnixNano, value };
}

function earlier(span: ExemplarSpan, held: Candidate | undefined): boolean {
  if (held === undefined) return true;
  return span.startUnixNano < held.timeUnixNano || (span.startUnixNano === held.timeUnixNano && span.spanId < held.spanId);
}

function slower(span: ExemplarSpan, value: number, held: Candidate | undefined): boolean {
  return held === undefined || value > held.value || (value === held.value && earlier(span, held));
}

/** A text that tells label sets apart. */
export function labelsKey(labels: readonly MetricLabel[]): string {
  let key = '';
  for (const label of labels) key += `${label.key}\u0000${label.value.type}\u0000${String(label.value.value)}\u0001`;
  return key;
}

/** One by() combination's state. */
export interface MetricsGroup {
  readonly labels: MetricLabel[];
  /** spans per interval */
  readonly counts: Float64Array;
  /** per interval: sum, min or max of the values (value functions) */
  readonly values: Float64Array | undefined;
  /** quantile_over_time: the values per interval */
  readonly samples: number[][] | undefined;
  /** histogram_over_time: spans per interval, per bucket */
  readonly buckets: Map<number, { counts: Float64Array; exemplars: (Candidate | undefined)[] }> | undefined;
  readonly exemplars: (Candidate | undefined)[];
}

const DURATION_INTRINSICS = new Set(['span:duration', 'trace:duration']);

/**
 * Feed traces one at a time (their spans as decoded), then read the result.
 * The spanset filter runs with the search evaluator, so a metrics query selects
 * exactly the spans a search with the same filter returns.
 */
export class MetricsAccumulator {
  private readonly groups = new Map<string, MetricsGroup>();
  private inspectedTraces = 0;
  private inspectedSpans = 0;
  private readonly stepNumber: number;
  private readonly stepSeconds: number;

  constructor(
    private readonly query: MetricsQuery,
    private readonly window: MetricsWindow,
  ) {
    this.stepNumber = Number(window.stepNs);
    this.stepSeconds = this.stepNumber / 1e9;
  }

  /** The interval a start time falls in, or -1 outside the window. */
  intervalOf(startUnixNano: bigint): number {
    const offset = Number(startUnixNano - this.window.startNs);
    if (offset <= 0) return -1;
    const index = Math.ceil(offset / this.stepNumber) - 1;
    return index < this.window.intervals ? index : -1;
  }

  addTrace(spans: readonly DecodedSpan[]): void {
    this.inspectedTraces++;
    this.inspectedSpans += spans.length;
    const trace = decodedTraceView(spans);
    const { matched, spans: kept } = matchSpans(this.query.filter, trace);
    if (!matched) return;
    for (const span of kept) {
      const interval = this.intervalOf(span.startUnixNano);
      if (interval >= 0) this.addSpan(span, trace, interval);
    }
  }

  private addSpan(span: DecodedSpan, trace: TraceQLTrace<DecodedSpan>, interval: number): void {
    const fn = this.query.fn;
    let value = Number.NaN;
    if ('field' in fn) {
      value = numericValue(fn.field, fieldValue(fn.field, span, trace));
      if (Number.isNaN(value)) return;
    }
    this.add(this.groupOf(span, trace), interval, value, span);
  }

  /**
   * One selected span into a group: `value` is the function's field as it reads it
   * (NaN for rate and count). For a caller that selects spans itself (the demo
   * store's columns) and keeps its groups by its own keys.
   */
  add(group: MetricsGroup, interval: number, value: number, span: ExemplarSpan): void {
    const fn = this.query.fn;
    group.counts[interval] = (group.counts[interval] ?? 0) + 1;
    switch (fn.name) {
      case 'rate':
      case 'count_over_time':
        // the earliest span stands for the interval, whatever order the spans come in
        if (earlier(span, group.exemplars[interval])) group.exemplars[interval] = candidateOf(span, value);
        return;
      case 'min_over_time':
      case 'max_over_time':
      case 'sum_over_time':
      case 'avg_over_time': {
        const values = group.values as Float64Array;
        const held = values[interval] as number;
        if (Number.isNaN(held)) values[interval] = value;
        else if (fn.name === 'min_over_time') values[interval] = Math.min(held, value);
        else if (fn.name === 'max_over_time') values[interval] = Math.max(held, value);
        else values[interval] = held + value;
        break;
      }
      case 'quantile_over_time':
        (group.samples as number[][])[interval]?.push(value);
        break;
      case 'histogram_over_time': {
        const raw = isDurationField(fn.field) ? value * 1e9 : value;
        const bucket = log2Bucket(raw);
        if (bucket === undefined) return;
        const buckets = group.buckets as NonNullable<MetricsGroup['buckets']>;
        let held = buckets.get(bucket);
        if (!held) buckets.set(bucket, (held = { counts: new Float64Array(this.window.intervals), exemplars: [] }));
        held.counts[interval] = (held.counts[interval] ?? 0) + 1;
        if (slower(span, value, held.exemplars[interval])) held.exemplars[interval] = candidateOf(span, value);
        return;
      }
    }
    // the slowest (largest) span stands for the interval
    if (slower(span, value, group.exemplars[interval])) group.exemplars[interval] = candidateOf(span, value);
  }

  /** The group of a label set, made on first use; `key` must identify the labels. */
  group(key: string, labels: MetricLabel[]): MetricsGroup {
    let group = this.groups.get(key);
    if (!group) {
      const n = this.window.intervals;
      const fn = this.query.fn.name;
      const valued = fn === 'min_over_time' || fn === 'max_over_time' || fn === 'sum_over_time' || fn === 'avg_over_time';
      group = {
        labels,
        counts: new Float64Array(n),
        values: valued ? new Float64Array(n).fill(Number.NaN) : undefined,
        samples: fn === 'quantile_over_time' ? Array.from({ length: n }, () => []) : undefined,
        buckets: fn === 'histogram_over_time' ? new Map() : undefined,
        exemplars: [],
      };
      this.groups.set(key, group);
    }
    return group;
  }

  /** Traces and spans read, for the answer's metrics, when a caller feeds spans through add(). */
  countInspected(traces: number, spans: number): void {
    this.inspectedTraces += traces;
    this.inspectedSpans += spans;
  }

  private groupOf(span: DecodedSpan, trace: TraceQLTrace<DecodedSpan>): MetricsGroup {
    const labels = this.byLabels(span, trace);
    return this.group(labelsKey(labels), labels);
  }

  private byLabels(span: DecodedSpan, trace: TraceQLTrace<DecodedSpan>): MetricLabel[] {
    const by = this.query.by;
    if (by.length === 0) return [];
    const labels: MetricLabel[] = [];
    for (const { field, key } of by) {
      const value = labelValue(field, fieldValue(field, span, trace));
      if (value !== undefined) labels.push({ key, value });
      else if (by.length === 1) labels.push({ key, value: NIL_LABEL });
    }
    if (labels.length === 0) labels.push({ key: (by[0] as (typeof by)[number]).key, value: NIL_LABEL });
    return labels;
  }

  result(maxExemplars: number): MetricsResult {
    const fn = this.query.fn;
    const unnamed = this.query.by.length === 0;
    const rows: { labels: MetricLabel[]; values: Float64Array; candidates: (Candidate | undefined)[]; valueFromSample: boolean }[] = [];
    for (const group of this.groups.values()) {
      const n = this.window.intervals;
      switch (fn.name) {
        case 'rate':
        case 'count_over_time': {
          const values = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            const count = group.counts[i] as number;
            values[i] = count === 0 ? Number.NaN : fn.name === 'rate' ? count / this.stepSeconds : count;
          }
          rows.push({ labels: unnamed ? [{ key: '__name__', value: { type: 'string', value: fn.name } }] : group.labels, values, candidates: group.exemplars, valueFromSample: true });
          break;
        }
        case 'min_over_time':
        case 'max_over_time':
        case 'sum_over_time':
        case 'avg_over_time': {
          const values = Float64Array.from(group.values as Float64Array);
          if (fn.name === 'avg_over_time') for (let i = 0; i < n; i++) values[i] = (values[i] as number) / (group.counts[i] as number);
          rows.push({ labels: unnamed ? [{ key: '__name__', value: { type: 'string', value: fn.name } }] : group.labels, values, candidates: group.exemplars, valueFromSample: false });
          break;
        }
        case 'quantile_over_time': {
          const sorted = (group.samples as number[][]).map((samples) => samples.sort((a, b) => a - b));
          for (const q of fn.quantiles) {
            const values = new Float64Array(n);
            sorted.forEach((samples, i) => {
              values[i] = nearestRank(samples, q);
            });
            rows.push({ labels: [...group.labels, { key: 'p', value: { type: 'double', value: q } }], values, candidates: group.exemplars, valueFromSample: false });
          }
          break;
        }
        case 'histogram_over_time': {
          const duration = isDurationField(fn.field);
          for (const [bucket, held] of group.buckets as NonNullable<MetricsGroup['buckets']>) {
            const values = held.counts.map((count) => (count === 0 ? Number.NaN : count));
            const label: MetricLabel = { key: '__bucket', value: { type: 'double', value: duration ? bucket / 1e9 : bucket } };
            rows.push({ labels: [...group.labels, label], values, candidates: held.exemplars, valueFromSample: false });
          }
          break;
        }
      }
    }
    const kept = rows.filter((row) => row.values.some((value) => !Number.isNaN(value)));
    kept.sort((a, b) => compareLabels(a.labels, b.labels));
    const perSeries = kept.length === 0 || maxExemplars <= 0 ? 0 : Math.max(1, Math.ceil(maxExemplars / kept.length));
    let budget = maxExemplars;
    const series = kept.map((row): MetricsResultSeries => {
      const available: MetricExemplar[] = [];
      row.candidates.forEach((candidate, i) => {
        const sample = row.values[i] as number;
        // an exemplar in an interval without a sample is dropped, as Tempo drops those in NaN buckets
        if (candidate === undefined || Number.isNaN(sample)) return;
        available.push({ ...candidate, value: row.valueFromSample ? sample : candidate.value });
      });
      const take = Math.min(perSeries, budget, available.length);
      budget -= take;
      return { labels: row.labels, values: row.values, exemplars: spread(available, take) };
    });
    return { series, inspectedTraces: this.inspectedTraces, inspectedSpans: this.inspectedSpans };
  }
}

/** a nil by() value, as Tempo writes it */
export const NIL_LABEL: MetricLabelValue = { type: 'string', value: 'nil' };

/** `take` items evenly spaced over `items`, in order. */
function spread<T>(items: readonly T[], take: number): T[] {
  if (take >= items.length) return [...items];
  const chosen: T[] = [];
  for (let i = 0; i < take; i++) chosen.push(items[Math.floor(((i + 0.5) * items.length) / take)] as T);
  return chosen;
}

/** The ⌈q·n⌉-th smallest (1-based; the smallest for q ≤ 0); NaN for none. */
export function nearestRank(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

/** The power of two at or above `value` (Tempo's Log2Bucketize); undefined below 2. */
export function log2Bucket(value: number): number | undefined {
  if (!(value >= 2)) return undefined;
  let bucket = 2 ** Math.ceil(Math.log2(value));
  // Math.log2 may land a hair off for values just beside a power of two
  if (bucket / 2 >= value) bucket /= 2;
  else if (bucket < value) bucket *= 2;
  return bucket;
}

function isDurationField(field: Field): boolean {
  return field.type === 'intrinsic' && DURATION_INTRINSICS.has(field.name);
}

/** A value the _over_time functions read: durations in seconds, ints and doubles as numbers; NaN for any other. */
function numericValue(field: Field, value: FieldValue | undefined): number {
  if (value === undefined) return Number.NaN;
  if (value.type === 'ns') return isDurationField(field) ? value.value / 1e9 : value.value;
  if (value.type === 'int') return Number(value.value);
  if (value.type === 'double') return value.value;
  return Number.NaN;
}

/** A field's value as a label (Tempo's Static.AsAnyValue); undefined for nil. */
function labelValue(field: Field, value: FieldValue | undefined): MetricLabelValue | undefined {
  if (value === undefined) return undefined;
  switch (value.type) {
    case 'string':
    case 'status':
    case 'kind':
    case 'id':
      return { type: 'string', value: value.value };
    case 'int':
      return { type: 'int', value: value.value };
    case 'double':
      return { type: 'double', value: value.value };
    case 'bool':
      return { type: 'bool', value: value.value };
    case 'ns':
      return isDurationField(field) ? { type: 'string', value: goDurationString(value.value) } : { type: 'int', value: String(value.value) };
    case 'array':
      return { type: 'string', value: value.value.map((element) => (element.type === 'array' || element.type === 'kvlist' || element.type === 'empty' ? '' : String(element.value))).join(',') };
    case 'bytes':
      return { type: 'string', value: value.value };
    default:
      return undefined;
  }
}

function labelText(value: MetricLabelValue): string {
  return String(value.value);
}

/** Tempo's series order: fewer labels first, then label by label, key then value text. */
export function compareLabels(a: readonly MetricLabel[], b: readonly MetricLabel[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as MetricLabel;
    const y = b[i] as MetricLabel;
    if (x.key !== y.key) return x.key < y.key ? -1 : 1;
    const xv = labelText(x.value);
    const yv = labelText(y.value);
    if (xv !== yv) return xv < yv ? -1 : 1;
  }
  return 0;
}

/** Go's time.Duration.String(): `1h0m0s`, `1m30s`, `8.64s`, `1.5ms`, `250µs`, `12ns`, `0s`. */
export function goDurationString(ns: number): string {
  const sign = ns < 0 ? '-' : '';
  let rest = Math.abs(Math.trunc(ns));
  if (rest === 0) return '0s';
  const fraction = (value: number, digits: number): string => {
    const scale = 10 ** digits;
    const whole = Math.floor(value / scale);
    const part = String(value % scale).padStart(digits, '0').replace(/0+$/, '');
    return part === '' ? String(whole) : `${whole}.${part}`;
  };
  if (rest < 1e3) return `${sign}${rest}ns`;
  if (rest < 1e6) return `${sign}${fraction(rest, 3)}µs`;
  if (rest < 1e9) return `${sign}${fraction(rest, 6)}ms`;
  let text = '';
  const hours = Math.floor(rest / 3600e9);
  rest -= hours * 3600e9;
  const minutes = Math.floor(rest / 60e9);
  rest -= minutes * 60e9;
  if (hours > 0) text += `${hours}h`;
  if (hours > 0 || minutes > 0) text += `${minutes}m`;
  return `${sign}${text}${fraction(rest, 9)}s`;
}
