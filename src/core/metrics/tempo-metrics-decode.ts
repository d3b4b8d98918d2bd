import { DecodeError } from '../formats/decode-error';
import { Problems } from '../formats/problems';
import { describeValue, isObject, readDouble, readInt64Text } from '../formats/wire-values';
import { normaliseSpanId, normaliseTraceId } from '../model/ids';
import type { Exemplar, MetricPoint, MetricSeries } from './red-model';

export interface TempoQueryRange {
  readonly series: MetricSeries[];
  /** set when Tempo said PARTIAL: its message (some blocks or jobs failed), to show beside the figures */
  readonly partialMessage?: string;
  /** samples, labels or exemplars that could not be read and were skipped */
  readonly warnings: string[];
}

/**
 * Tempo's `/api/metrics/query_range` answer (a QueryRangeResponse marshalled by
 * gogo jsonpb, reference §1 and §2.1) → series with plain-text labels.
 *
 * - int64s arrive as strings (`"timestampMs":"1700000040000"`); numbers are read too;
 * - a zero value is left out by the marshaller: a sample with no `value` is 0;
 * - "NaN", "Infinity" and "-Infinity" samples are dropped, so an interval without
 *   data is a gap and never a zero; a series left without samples is dropped;
 * - label values are AnyValues: `p` and `__bucket` are doubleValues, ints are
 *   strings, nil is the text "nil";
 * - exemplars name their span with `trace:id` / `span:id` (leading zeros may be
 *   trimmed: ids are padded back);
 * - a missing `series` is no series; `status: "PARTIAL"` carries a message.
 *
 * Throws DecodeError only when the value is not a query_range answer at all.
 */
export function decodeTempoQueryRange(value: unknown): TempoQueryRange {
  if (!isObject(value)) throw new DecodeError(`this is not a Tempo metrics answer: expected an object, found ${describeValue(value)}`);
  const raw = value.series;
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    throw new DecodeError(`this is not a Tempo metrics answer: expected "series" to be a list, found ${describeValue(raw)}`);
  }
  const problems = new Problems();
  const series: MetricSeries[] = [];
  (raw ?? []).forEach((item: unknown, s: number) => {
    const path = `series[${s}]`;
    if (!isObject(item)) {
      problems.add(`${path}: expected a series object, found ${describeValue(item)}; skipped`);
      return;
    }
    const labels = readLabels(item.labels, `${path}.labels`, problems);
    const points = readSamples(item.samples, `${path}.samples`, problems);
    if (points.length === 0) return;
    series.push({ labels, points, exemplars: readExemplars(item.exemplars, `${path}.exemplars`, problems) });
  });
  const partial = value.status === 'PARTIAL' || value.status === 1;
  const message = typeof value.message === 'string' && value.message !== '' ? value.message : 'Tempo answered with partial results';
  return partial ? { series, partialMessage: message, warnings: problems.list() } : { series, warnings: problems.list() };
}

/** KeyValue list → `{key: text}`; a repeated key keeps its first value. */
function readLabels(raw: unknown, path: string, problems: Problems): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw === undefined || raw === null) return out;
  if (!Array.isArray(raw)) {
    problems.add(`${path}: expected a list of labels, found ${describeValue(raw)}; ignored`);
    return out;
  }
  raw.forEach((kv: unknown, i: number) => {
    if (!isObject(kv) || typeof kv.key !== 'string') {
      problems.add(`${path}[${i}]: expected {"key", "value"}, found ${describeValue(kv)}; ignored`);
      return;
    }
    const text = anyValueText(kv.value);
    if (text === undefined) {
      problems.add(`${path}[${i}]: the value of "${kv.key}" is ${describeValue(kv.value)}, not an AnyValue; ignored`);
      return;
    }
    if (!Object.hasOwn(out, kv.key)) Object.defineProperty(out, kv.key, { value: text, enumerable: true, writable: true, configurable: true });
  });
  return out;
}

/** An AnyValue as text, the way a person reads it in a legend: `error`, `0.9`, `200`, `true`. */
export function anyValueText(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.stringValue === 'string') return value.stringValue;
  if (value.intValue !== undefined) return readInt64Text(value.intValue);
  if (value.doubleValue !== undefined) {
    const n = readDouble(value.doubleValue);
    return n === undefined ? undefined : String(n);
  }
  if (typeof value.boolValue === 'boolean') return String(value.boolValue);
  // every member left out: the oneof was set to a zero of some type; the marshaller writes oneofs, so this is an empty string
  if (Object.keys(value).length === 0) return '';
  return undefined;
}

function readSamples(raw: unknown, path: string, problems: Problems): MetricPoint[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.add(`${path}: expected a list of samples, found ${describeValue(raw)}; ignored`);
    return [];
  }
  const points: MetricPoint[] = [];
  raw.forEach((sample: unknown, i: number) => {
    if (!isObject(sample)) {
      problems.add(`${path}[${i}]: expected a sample, found ${describeValue(sample)}; skipped`);
      return;
    }
    const timeMs = readMillis(sample.timestampMs);
    if (timeMs === undefined) {
      problems.add(`${path}[${i}]: timestampMs ${describeValue(sample.timestampMs)} is not a time in milliseconds; skipped`);
      return;
    }
    const value = sample.value === undefined ? 0 : readDouble(sample.value);
    if (value === undefined) {
      problems.add(`${path}[${i}]: value ${describeValue(sample.value)} is not a number; skipped`);
      return;
    }
    if (Number.isFinite(value)) points.push({ timeMs, value });
  });
  return sortedByTime(points);
}

function readExemplars(raw: unknown, path: string, problems: Problems): Exemplar[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.add(`${path}: expected a list of exemplars, found ${describeValue(raw)}; ignored`);
    return [];
  }
  const out: Exemplar[] = [];
  raw.forEach((item: unknown, i: number) => {
    if (!isObject(item)) return;
    const labels = readLabels(item.labels, `${path}[${i}].labels`, problems);
    const traceId = labels['trace:id'] === undefined ? undefined : normaliseTraceId(labels['trace:id']);
    const timeMs = readMillis(item.timestampMs);
    const value = item.value === undefined ? 0 : readDouble(item.value);
    // an exemplar is only worth keeping as a link to its trace, at a time and value it can be drawn at
    if (traceId === undefined || timeMs === undefined || value === undefined || !Number.isFinite(value)) return;
    const spanId = labels['span:id'] === undefined ? undefined : normaliseSpanId(labels['span:id']);
    out.push(spanId === undefined ? { timeMs, value, traceId } : { timeMs, value, traceId, spanId });
  });
  return sortedByTime(out);
}

/** Unix ms as Tempo writes int64s (a decimal string), or a JSON number. */
function readMillis(raw: unknown): number | undefined {
  const text = readInt64Text(raw);
  if (text === undefined) return undefined;
  const ms = Number(text);
  return Number.isSafeInteger(ms) ? ms : undefined;
}

function sortedByTime<T extends { readonly timeMs: number }>(items: T[]): T[] {
  for (let i = 1; i < items.length; i++) {
    if ((items[i] as T).timeMs < (items[i - 1] as T).timeMs) return items.sort((a, b) => a.timeMs - b.timeMs);
  }
  return items;
}
