import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

export type OtlpSignal = 'traces' | 'logs';

/**
 * The OTLP messages, read from the .proto files beside this module at start-up
 * (protobufjs reflection: no generated code to keep in step).
 */
const root = protobuf.loadSync(['collector.proto', 'status.proto', 'tempo.proto'].map((file) => fileURLToPath(new URL(`./proto/${file}`, import.meta.url))));
const messages = {
  traces: {
    request: root.lookupType('opentelemetry.proto.collector.v1.ExportTraceServiceRequest'),
    response: root.lookupType('opentelemetry.proto.collector.v1.ExportTraceServiceResponse'),
  },
  logs: {
    request: root.lookupType('opentelemetry.proto.collector.v1.ExportLogsServiceRequest'),
    response: root.lookupType('opentelemetry.proto.collector.v1.ExportLogsServiceResponse'),
  },
};
const statusMessage = root.lookupType('google.rpc.Status');
const tempoMessages = { v1: root.lookupType('tempopb.Trace'), v2: root.lookupType('tempopb.TraceByIDResponse') };

/**
 * protobuf → the OTLP/JSON mapping (reference §1.3): lowerCamelCase keys,
 * 64-bit integers as exact decimal strings (protobufjs reads them with `long`),
 * enums as numbers, NaN/Infinity as strings, defaults left out; bytes come out
 * base64, and the ids are turned into hex below, as OTLP/JSON writes them.
 */
const TO_OTLP_JSON: protobuf.IConversionOptions = { longs: String, enums: Number, bytes: String, defaults: false, json: true };

/** An Export*ServiceRequest body → the same request as OTLP/JSON. Throws on bytes that are not the message. */
export function decodeOtlpProtobuf(signal: OtlpSignal, body: Uint8Array): unknown {
  const type = messages[signal].request;
  const value: unknown = type.toObject(type.decode(body), TO_OTLP_JSON);
  if (signal === 'traces') forEachItem(value, 'resourceSpans', 'scopeSpans', 'spans', hexSpanIds);
  else forEachItem(value, 'resourceLogs', 'scopeLogs', 'logRecords', hexIds);
  return value;
}

/** The receiver's JSON answer (`{"partialSuccess":{…}}`) as an Export*ServiceResponse. */
export function encodeExportResponse(signal: OtlpSignal, json: unknown): Uint8Array<ArrayBuffer> {
  const type = messages[signal].response;
  return new Uint8Array(type.encode(type.fromObject(isRecord(json) ? json : {})).finish());
}

/** A google.rpc.Status error body. */
export function encodeStatus(code: number, message: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(statusMessage.encode(statusMessage.fromObject({ code, message })).finish());
}

/**
 * A Tempo trace-by-id protobuf answer (v1 Trace, v2 TraceByIDResponse) → OTLP/JSON
 * `{ resourceSpans }` with hex ids, plus v2's status (1 = PARTIAL) and message when set.
 * For tests: read with protobufjs, independently of the demo's writer.
 */
export function decodeTempoTraceProtobuf(version: 'v1' | 'v2', body: Uint8Array): { resourceSpans: unknown[]; status?: number; message?: string } {
  const type = tempoMessages[version];
  const value = type.toObject(type.decode(body), TO_OTLP_JSON) as { trace?: unknown; status?: number; message?: string };
  const trace: unknown = version === 'v1' ? value : (value.trace ?? {});
  forEachItem(trace, 'resourceSpans', 'scopeSpans', 'spans', hexSpanIds);
  return {
    resourceSpans: listAt(trace, 'resourceSpans'),
    ...(value.status !== undefined ? { status: value.status } : {}),
    ...(value.message !== undefined ? { message: value.message } : {}),
  };
}

function hexSpanIds(span: Record<string, unknown>): void {
  hexIds(span);
  if (Array.isArray(span.links)) for (const link of span.links) if (isRecord(link)) hexIds(link);
}

const ID_FIELDS = ['traceId', 'spanId', 'parentSpanId'];

function hexIds(item: Record<string, unknown>): void {
  for (const field of ID_FIELDS) {
    const id = item[field];
    if (typeof id === 'string') item[field] = Buffer.from(id, 'base64').toString('hex');
  }
}

function forEachItem(value: unknown, blocks: string, scopes: string, items: string, visit: (item: Record<string, unknown>) => void): void {
  for (const block of listAt(value, blocks)) for (const scope of listAt(block, scopes)) for (const item of listAt(scope, items)) if (isRecord(item)) visit(item);
}

function listAt(value: unknown, key: string): unknown[] {
  const list = isRecord(value) ? value[key] : undefined;
  return Array.isArray(list) ? list : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** OTLP/JSON → an Export*ServiceRequest body, ids hex → bytes: what an SDK's protobuf exporter sends (for tests and the load script). */
export function encodeOtlpProtobuf(signal: OtlpSignal, json: unknown): Uint8Array<ArrayBuffer> {
  const type = messages[signal].request;
  const copy: unknown = structuredClone(json);
  const toBase64 = (item: Record<string, unknown>) => {
    for (const field of ID_FIELDS) {
      const id = item[field];
      if (typeof id === 'string') item[field] = Buffer.from(id, 'hex').toString('base64');
    }
    if (Array.isArray(item.links)) for (const link of item.links) if (isRecord(link)) toBase64(link);
  };
  if (signal === 'traces') forEachItem(copy, 'resourceSpans', 'scopeSpans', 'spans', toBase64);
  else forEachItem(copy, 'resourceLogs', 'scopeLogs', 'logRecords', toBase64);
  return new Uint8Array(type.encode(type.fromObject(isRecord(copy) ? copy : {})).finish());
}

/** An Export*ServiceResponse body → JSON (`{ partialSuccess: { rejectedSpans: "2", … } }`). */
export function decodeExportResponse(signal: OtlpSignal, body: Uint8Array): unknown {
  const type = messages[signal].response;
  return type.toObject(type.decode(body), TO_OTLP_JSON);
}

/** A google.rpc.Status body → `{ code, message }`. */
export function decodeStatus(body: Uint8Array): unknown {
  return statusMessage.toObject(statusMessage.decode(body), TO_OTLP_JSON);
}
