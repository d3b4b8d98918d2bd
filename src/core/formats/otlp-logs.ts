import { normaliseSpanId, normaliseTraceId } from '../model/ids';
import type { LogRecord } from '../model/log-record';
import { DecodeError } from './decode-error';
import { parseJsonDocuments, type JsonDocument } from './json-lines';
import { lossyIntWarning } from './decode-context';
import { decodeAnyValue, decodeAttributes, serviceNameOf, type ValueNotes } from './otlp-attributes';
import { decodeResource, decodeScope } from './otlp-json';
import { Problems } from './problems';
import { asArray, describeValue, field, isObject, readSmallInt, readString, readUint64 } from './wire-values';

export interface ParsedLogs {
  readonly logs: LogRecord[];
  readonly warnings: string[];
}

/** Text of an OTLP/JSON LogsData (or JSON Lines of them) → log records. */
export function parseLogs(input: string): ParsedLogs {
  const { documents, warnings } = parseJsonDocuments(input);
  return decodeLogDocuments(documents, warnings);
}

/** A parsed OTLP/JSON LogsData / ExportLogsServiceRequest → log records. */
export function decodeLogs(value: unknown): ParsedLogs {
  return decodeLogDocuments([{ value }], []);
}

/** No records is a valid answer (a trace may have no logs): only a wrong shape throws. */
function decodeLogDocuments(documents: readonly JsonDocument[], fileWarnings: readonly string[]): ParsedLogs {
  const problems = new Problems();
  for (const w of fileWarnings) problems.add(w);
  const logs: LogRecord[] = [];
  const lossy: { at?: string } = {};
  for (const doc of documents) {
    const prefix = doc.line === undefined ? '' : `line ${doc.line}: `;
    const resourceLogs = isObject(doc.value) ? field(doc.value, 'resourceLogs', 'resource_logs') : undefined;
    if (resourceLogs === undefined) {
      const message = `this is not a log file: expected resourceLogs; found ${describeValue(doc.value)}`;
      if (doc.line === undefined) throw new DecodeError(message);
      problems.add(`${prefix}${message}; line skipped`);
      continue;
    }
    decodeResourceLogs(resourceLogs, `${prefix}resourceLogs`, logs, problems, lossy);
  }
  // one warning for the whole input, as for spans: the cause is the producer
  if (lossy.at !== undefined) problems.add(lossyIntWarning(lossy.at));
  return { logs, warnings: problems.list() };
}

function decodeResourceLogs(resourceLogs: unknown, path: string, logs: LogRecord[], problems: Problems, lossy: { at?: string }): void {
  const notes: ValueNotes = { tooDeep: false };
  const noteLossy = (at: string): void => {
    if (notes.lossyInt) lossy.at ??= at;
    notes.lossyInt = false;
  };
  asArray(resourceLogs).forEach((rl, r) => {
    if (!isObject(rl)) return;
    const resource = decodeResource(rl.resource, field(rl, 'schemaUrl', 'schema_url'), notes);
    noteLossy(`${path}[${r}].resource`);
    const service = serviceNameOf(resource.attributes);
    const scopeKey = rl.scopeLogs !== undefined ? 'scopeLogs' : rl.scope_logs !== undefined ? 'scope_logs' : 'instrumentationLibraryLogs';
    asArray(rl[scopeKey]).forEach((sl, s) => {
      if (!isObject(sl)) return;
      const scope = decodeScope(sl.scope ?? sl.instrumentationLibrary, field(sl, 'schemaUrl', 'schema_url'), notes);
      noteLossy(`${path}[${r}].${scopeKey}[${s}].scope`);
      asArray(field(sl, 'logRecords', 'log_records')).forEach((raw, i) => {
        const recordPath = `${path}[${r}].${scopeKey}[${s}].logRecords[${i}]`;
        if (!isObject(raw)) {
          problems.add(`${recordPath}: expected a log record object, found ${describeValue(raw)}; skipped`);
          return;
        }
        const time = readTime(field(raw, 'timeUnixNano', 'time_unix_nano'));
        const observed = readTime(field(raw, 'observedTimeUnixNano', 'observed_time_unix_nano'));
        if (time === undefined && observed === undefined) {
          problems.add(`${recordPath}: neither timeUnixNano nor observedTimeUnixNano is a usable time; record skipped`);
          return;
        }
        // the spec: timeUnixNano 0 means unknown, use the observed time
        const when = time !== undefined && time !== 0n ? time : (observed ?? 0n);
        const traceIdRaw = field(raw, 'traceId', 'trace_id');
        const spanIdRaw = field(raw, 'spanId', 'span_id');
        const traceId = typeof traceIdRaw === 'string' ? normaliseTraceId(traceIdRaw) : undefined;
        const spanId = typeof spanIdRaw === 'string' ? normaliseSpanId(spanIdRaw) : undefined;
        const eventName = readString(field(raw, 'eventName', 'event_name'));
        const record: LogRecord = {
          timeUnixNano: when,
          observedTimeUnixNano: observed ?? 0n,
          severityNumber: readSmallInt(field(raw, 'severityNumber', 'severity_number')),
          severityText: readString(field(raw, 'severityText', 'severity_text')),
          body: decodeAnyValue(raw.body, notes),
          attributes: decodeAttributes(raw.attributes, notes),
          droppedAttributesCount: readSmallInt(field(raw, 'droppedAttributesCount', 'dropped_attributes_count')),
          flags: readSmallInt(raw.flags),
          ...(traceId !== undefined ? { traceId } : {}),
          // a span id without a trace id correlates nothing
          ...(traceId !== undefined && spanId !== undefined ? { spanId } : {}),
          ...(eventName !== '' ? { eventName } : {}),
          service,
          resource,
          scope,
        };
        noteLossy(recordPath);
        logs.push(record);
      });
    });
  });
}

function readTime(v: unknown): bigint | undefined {
  if (v === undefined) return undefined;
  const r = readUint64(v);
  return r.ok ? r.value : undefined;
}
