import type { Attribute } from '../model/attributes';
import { normaliseSpanId, normaliseTraceId } from '../model/ids';
import type { LogRecord } from '../model/log-record';
import { DecodeError } from '../formats/decode-error';
import type { ParsedLogs } from '../formats/otlp-logs';
import { UNKNOWN_SERVICE } from '../formats/otlp-attributes';
import { Problems } from '../formats/problems';
import { describeValue, isObject, type JsonObject } from '../formats/wire-values';
import { bodyOfLine } from './log-line';
import { LOKI_GENERATED_LABELS, OTLP_NAME_OF_INDEX_LABEL, TRACE_ID_FIELDS } from './loki-labels';

type Labels = Readonly<Record<string, string>>;

/** Where one entry's names came from (loki-and-traceql.md A2). */
interface EntryLabels {
  /** index labels; with categorize-labels off, also structured metadata and parsed labels */
  readonly stream: Labels;
  readonly structuredMetadata: Labels;
  readonly parsed: Labels;
}

/** Severity texts by preference: OTLP's own, then Loki's `log_level_fields`, then Loki's guess. */
const SEVERITY_TEXT_FIELDS = ['severity_text', 'level', 'severity', 'lvl', 'detected_level'];

/** Names that fill LogRecord fields rather than attributes (A3's OTLP → Loki mapping, read back). */
const RECORD_FIELDS: ReadonlySet<string> = new Set([
  'severity_text',
  'severity_number',
  'flags',
  'observed_timestamp',
  'scope_name',
  'scope_version',
  'event_name',
  'dropped_attributes_count',
]);

/**
 * Loki's `query_range` answer for a log query → log records, oldest first.
 *
 * Takes the whole response (`{status, data}`) or its `data`. Entries come as
 * `[ts, line]`, or `[ts, line, {structuredMetadata, parsed}]` when the request
 * asked for `categorize-labels`; without that flag Loki folds structured metadata
 * into the stream labels, so the same names are looked for in both places.
 * Reading back Loki's OTLP mapping: `service_name` → service, the default index
 * labels → resource attributes under their OTLP names, `trace_id`/`span_id`
 * (or another common spelling) → the correlation, `severity_*`, `scope_*`,
 * `flags`, `event_name`, `observed_timestamp` → their fields, and everything else
 * → attributes (as strings: Loki keeps only text). A line holding a JSON object
 * becomes a kvlist body again.
 *
 * Throws DecodeError only when the value is not a log-query answer at all; a bad
 * stream or entry is a warning and is skipped.
 */
export function decodeLokiQueryRange(value: unknown): ParsedLogs {
  const problems = new Problems();
  const data = dataOf(value);
  if (isObject(value) && Array.isArray(value.warnings)) {
    for (const w of value.warnings) if (typeof w === 'string') problems.add(`Loki: ${w}`);
  }
  const categorized = Array.isArray(data.encodingFlags) && data.encodingFlags.includes('categorize-labels');
  if (!Array.isArray(data.result)) throw new DecodeError(`this is not a Loki log query answer: expected data.result to be a list, found ${describeValue(data.result)}`);

  const logs: LogRecord[] = [];
  data.result.forEach((rawStream: unknown, s: number) => {
    const path = `result[${s}]`;
    if (!isObject(rawStream)) {
      problems.add(`${path}: expected a stream object, found ${describeValue(rawStream)}; skipped`);
      return;
    }
    const stream = readLabels(rawStream.stream, `${path}.stream`, problems);
    if (!Array.isArray(rawStream.values)) {
      problems.add(`${path}: expected "values" to be a list, found ${describeValue(rawStream.values)}; stream skipped`);
      return;
    }
    rawStream.values.forEach((entry: unknown, v: number) => {
      const entryPath = `${path}.values[${v}]`;
      if (!Array.isArray(entry) || entry.length < 2) {
        problems.add(`${entryPath}: expected [timestamp, line], found ${describeValue(entry)}; skipped`);
        return;
      }
      const time = readNanos(entry[0]);
      if (time === undefined) {
        problems.add(`${entryPath}: ${describeValue(entry[0])} is not a timestamp in nanoseconds; skipped`);
        return;
      }
      if (typeof entry[1] !== 'string') {
        problems.add(`${entryPath}: the line is ${describeValue(entry[1])}, not text; skipped`);
        return;
      }
      const extra: unknown = entry[2];
      let structuredMetadata: Labels = {};
      let parsed: Labels = {};
      if (isObject(extra)) {
        structuredMetadata = readLabels(extra.structuredMetadata, `${entryPath}.structuredMetadata`, problems);
        parsed = readLabels(extra.parsed, `${entryPath}.parsed`, problems);
      } else if (extra !== undefined) {
        problems.add(`${entryPath}: expected label categories as the third element, found ${describeValue(extra)}; ignored`);
      }
      logs.push(recordOf(time, entry[1], { stream, structuredMetadata, parsed }, categorized, entryPath, problems));
    });
  });
  // Streams come one after another; a person reads logs in time order. (Stable: ties keep Loki's order.)
  logs.sort((a, b) => (a.timeUnixNano < b.timeUnixNano ? -1 : a.timeUnixNano > b.timeUnixNano ? 1 : 0));
  return { logs, warnings: problems.list() };
}

function dataOf(value: unknown): JsonObject {
  if (!isObject(value)) throw new DecodeError(`this is not a Loki answer: expected an object, found ${describeValue(value)}`);
  if (typeof value.status === 'string' && value.status !== 'success') {
    const detail = typeof value.error === 'string' ? `: ${value.error}` : '';
    throw new DecodeError(`Loki answered status "${value.status}"${detail}`);
  }
  const data = isObject(value.data) ? value.data : value;
  if (data.resultType === undefined) throw new DecodeError('this is not a Loki answer: expected data.resultType');
  if (data.resultType !== 'streams') {
    throw new DecodeError(`expected log lines (resultType "streams"), found resultType ${describeValue(data.resultType)}: was a metric query sent?`);
  }
  return data;
}

function readLabels(raw: unknown, path: string, problems: Problems): Labels {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) {
    problems.add(`${path}: expected labels as an object, found ${describeValue(raw)}; ignored`);
    return {};
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') out[key] = value;
    else problems.add(`${path}.${key}: expected a string, found ${describeValue(value)}; ignored`);
  }
  return out;
}

/** Loki writes ns as decimal strings; a number is accepted while it is exact. */
function readNanos(raw: unknown): bigint | undefined {
  if (typeof raw === 'string' && /^\d{1,20}$/.test(raw)) return BigInt(raw);
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return BigInt(raw);
  return undefined;
}

function recordOf(time: bigint, line: string, labels: EntryLabels, categorized: boolean, path: string, problems: Problems): LogRecord {
  const used = new Set<string>();
  const pick = (name: string): string | undefined => {
    const value = labels.structuredMetadata[name] ?? labels.parsed[name] ?? labels.stream[name];
    if (value !== undefined) used.add(name);
    return value;
  };
  const body = bodyOfLine(line);

  let traceId: string | undefined;
  let spanId: string | undefined;
  for (const [traceField, spanField] of TRACE_ID_FIELDS) {
    let rawTrace = pick(traceField);
    let rawSpan = pick(spanField);
    // a JSON line queried without `| json` still carries its ids in the body
    if (rawTrace === undefined && body.type === 'kvlist') {
      rawTrace = stringField(body.value, traceField);
      rawSpan = stringField(body.value, spanField);
    }
    if (rawTrace === undefined) continue;
    traceId = normaliseTraceId(rawTrace);
    if (traceId === undefined) problems.add(`${path}: ${traceField} "${rawTrace}" is not a trace id; the line is not linked to a trace`);
    spanId = rawSpan === undefined || traceId === undefined ? undefined : normaliseSpanId(rawSpan);
    if (traceId !== undefined && rawSpan !== undefined && rawSpan !== '' && spanId === undefined) problems.add(`${path}: ${spanField} "${rawSpan}" is not a span id; the line is linked to the trace only`);
    break;
  }

  let severityText = '';
  for (const name of SEVERITY_TEXT_FIELDS) {
    const text = pick(name);
    if (text !== undefined && text !== '') {
      severityText = text;
      break;
    }
  }
  const severityNumber = readInt(pick('severity_number'), 0, 24, 'severity_number', path, problems);
  const observed = pick('observed_timestamp');
  const service = labels.stream.service_name ?? labels.structuredMetadata.service_name ?? UNKNOWN_SERVICE;
  const eventName = pick('event_name');

  // Index labels are resource attributes. Without categories, only the ones Loki
  // indexes by default can be told apart from record attributes.
  const resourceAttributes: Attribute[] = [];
  const attributes: Attribute[] = [];
  const keep = (name: string): boolean => !used.has(name) && !RECORD_FIELDS.has(name) && !LOKI_GENERATED_LABELS.has(name);
  for (const [name, value] of Object.entries(labels.stream)) {
    if (!keep(name) && name !== 'service_name') continue;
    const otlpName = OTLP_NAME_OF_INDEX_LABEL.get(name);
    if (categorized || otlpName !== undefined) resourceAttributes.push({ key: otlpName ?? name, value: { type: 'string', value } });
    else attributes.push({ key: name, value: { type: 'string', value } });
  }
  for (const [name, value] of Object.entries(labels.structuredMetadata)) {
    if (keep(name)) attributes.push({ key: name, value: { type: 'string', value } });
  }
  // parsed labels are the line taken apart by the query's parser: the body already holds them

  return {
    timeUnixNano: time,
    observedTimeUnixNano: observed !== undefined && /^\d{1,20}$/.test(observed) ? BigInt(observed) : 0n,
    severityNumber,
    severityText,
    body,
    attributes,
    droppedAttributesCount: readInt(pick('dropped_attributes_count'), 0, 2 ** 32 - 1, 'dropped_attributes_count', path, problems),
    flags: readInt(pick('flags'), 0, 2 ** 32 - 1, 'flags', path, problems),
    ...(traceId !== undefined ? { traceId } : {}),
    ...(spanId !== undefined ? { spanId } : {}),
    ...(eventName !== undefined && eventName !== '' ? { eventName } : {}),
    service,
    resource: { attributes: resourceAttributes, droppedAttributesCount: 0 },
    scope: { name: pick('scope_name') ?? '', version: pick('scope_version') ?? '', attributes: [], droppedAttributesCount: 0 },
  };
}

function readInt(text: string | undefined, min: number, max: number, name: string, path: string, problems: Problems): number {
  if (text === undefined) return 0;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  problems.add(`${path}: ${name} "${text}" is not a number from ${min} to ${max}; read as 0`);
  return 0;
}

function stringField(attributes: readonly Attribute[], key: string): string | undefined {
  for (const a of attributes) if (a.key === key && a.value.type === 'string') return a.value.value;
  return undefined;
}
