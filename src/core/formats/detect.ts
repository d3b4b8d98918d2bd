import { DecodeError } from './decode-error';
import { describeValue, isObject, readString } from './wire-values';

/** Which wire format a parsed JSON value is, and where its spans are. */
export type TraceFormat =
  /** OTLP/JSON TracesData / ExportTraceServiceRequest (also the pre-1.0 instrumentationLibrarySpans) */
  | { readonly format: 'otlp-json'; readonly path: 'resourceSpans'; readonly resourceSpans: unknown }
  /** Jaeger api_v3: OTLP/JSON inside {"result": …} */
  | { readonly format: 'jaeger-api-v3'; readonly path: 'result.resourceSpans'; readonly resourceSpans: unknown }
  /** Tempo v1 /api/traces/{id}: "batches" instead of "resourceSpans" */
  | { readonly format: 'tempo-v1'; readonly path: 'batches'; readonly resourceSpans: unknown }
  /** Tempo v2 /api/v2/traces/{id}: {"trace": {...}, "status": "PARTIAL", "message": …} */
  | { readonly format: 'tempo-v2'; readonly path: 'trace.resourceSpans'; readonly resourceSpans: unknown; readonly partialMessage?: string }
  /**
   * Jaeger JSON: {"data": [trace…]}, one trace object {traceID, spans, processes}, or
   * Jaeger UI's stored fetch {"data": {trace}, "id", "state"}. `path` names the trace
   * in messages, with "[i]" after it when `traces` came as an array.
   */
  | { readonly format: 'jaeger-json'; readonly path: string; readonly indexed: boolean; readonly traces: readonly unknown[]; readonly errors: readonly string[] }
  /** A bare array of Jaeger spans, each with its own `process` */
  | { readonly format: 'jaeger-spans'; readonly path: ''; readonly spans: readonly unknown[] }
  /** Zipkin v2: a span array, an array of span arrays, or one span object */
  | { readonly format: 'zipkin-json'; readonly path: string; readonly spans: readonly unknown[] };

export const EXPECTED_TRACE_SHAPES = 'expected resourceSpans, batches, data[] or a Zipkin span array';

/** Detects the format of a parsed trace document; a DecodeError says what was found instead. */
export function detectTraceFormat(value: unknown): TraceFormat {
  if (Array.isArray(value)) {
    // GET /api/v2/traces answers a list of traces, each a span array (of spans, not of more arrays)
    if (value.length > 0 && value.every(isZipkinTrace)) return { format: 'zipkin-json', path: '', spans: value.flat() };
    if (value.length === 0 || isZipkinSpan(value[0])) return { format: 'zipkin-json', path: '', spans: value };
    if (isJaegerSpan(value[0])) return { format: 'jaeger-spans', path: '', spans: value };
    throw notATraceFile(value);
  }
  if (!isObject(value)) throw notATraceFile(value);
  if (isZipkinSpan(value)) return { format: 'zipkin-json', path: '', spans: [value] };
  if (value.resourceSpans !== undefined || value.resource_spans !== undefined) {
    return { format: 'otlp-json', path: 'resourceSpans', resourceSpans: value.resourceSpans ?? value.resource_spans };
  }
  if (value.batches !== undefined) return { format: 'tempo-v1', path: 'batches', resourceSpans: value.batches };
  if (isObject(value.result)) {
    return { format: 'jaeger-api-v3', path: 'result.resourceSpans', resourceSpans: value.result.resourceSpans ?? value.result.resource_spans };
  }
  if (isObject(value.trace)) {
    const partial = readString(value.status).toUpperCase() === 'PARTIAL';
    return {
      format: 'tempo-v2',
      path: 'trace.resourceSpans',
      resourceSpans: value.trace.resourceSpans ?? value.trace.batches,
      ...(partial ? { partialMessage: readString(value.message) || 'no reason given' } : {}),
    };
  }
  if (Array.isArray(value.data) || (value.data === null && value.errors !== undefined)) {
    return { format: 'jaeger-json', path: 'data', indexed: true, traces: value.data ?? [], errors: jaegerErrors(value.errors) };
  }
  if (isJaegerTrace(value.data)) return { format: 'jaeger-json', path: 'data', indexed: false, traces: [value.data], errors: [] };
  if (isJaegerTrace(value)) return { format: 'jaeger-json', path: '', indexed: false, traces: [value], errors: [] };
  if (isObject(value.error)) {
    // Jaeger api_v3 and Tempo answer errors as JSON: say what the server said
    const message = readString(value.error.message) || describeValue(value.error);
    throw new DecodeError(`this is an error answer, not a trace: ${message}`);
  }
  throw notATraceFile(value);
}

/** What a person calls each format, for "this is …" in messages. */
export const TRACE_FORMAT_NAMES: Readonly<Record<TraceFormat['format'], string>> = {
  'otlp-json': 'OTLP/JSON ({"resourceSpans":[…]})',
  'jaeger-api-v3': 'a Jaeger api_v3 answer ({"result":{"resourceSpans":[…]}})',
  'tempo-v1': 'a Tempo v1 trace ({"batches":[…]})',
  'tempo-v2': 'a Tempo v2 trace-by-id answer ({"trace":{…}})',
  'jaeger-json': 'Jaeger JSON, the Jaeger UI format ({"data":[…]} or {"traceID","spans","processes"})',
  'jaeger-spans': 'an array of Jaeger spans ([{"traceID","spanID","process"…}])',
  'zipkin-json': 'a Zipkin v2 span array',
};

function isJaegerTrace(v: unknown): boolean {
  return isObject(v) && Array.isArray(v.spans) && (v.traceID !== undefined || v.processes !== undefined);
}

function isJaegerSpan(v: unknown): boolean {
  return isObject(v) && v.traceID !== undefined && v.spanID !== undefined;
}

function isZipkinTrace(v: unknown): boolean {
  return Array.isArray(v) && (v.length === 0 || isZipkinSpan(v[0]));
}

function isZipkinSpan(v: unknown): boolean {
  return isObject(v) && v.traceId !== undefined && v.id !== undefined;
}

function jaegerErrors(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((e: unknown) => {
    if (!isObject(e)) return String(e);
    const id = readString(e.traceID);
    return `${readString(e.msg) || 'error'}${id ? ` (trace ${id})` : ''}`;
  });
}

export function notATraceFile(value: unknown): DecodeError {
  return new DecodeError(`this is not a trace file: ${EXPECTED_TRACE_SHAPES}; found ${describeValue(value)}`);
}
