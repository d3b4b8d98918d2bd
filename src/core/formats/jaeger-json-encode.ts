import type { Attribute, AttributeValue } from '../model/attributes';
import type { Resource, Span } from '../model/span';
import type { Trace } from '../model/trace';
import { absoluteUnixNano } from './otlp-json-encode';

/** One Jaeger tag as Jaeger's JSON model writes it. */
export interface JaegerTag {
  readonly key: string;
  readonly type: 'string' | 'bool' | 'int64' | 'float64' | 'binary';
  readonly value: string | boolean | number;
}

export interface JaegerReference {
  readonly refType: 'CHILD_OF' | 'FOLLOWS_FROM';
  readonly traceID: string;
  readonly spanID: string;
}

export interface JaegerSpanJson {
  readonly traceID: string;
  readonly spanID: string;
  readonly operationName: string;
  readonly references: JaegerReference[];
  readonly startTime: number;
  readonly duration: number;
  readonly tags: JaegerTag[];
  readonly logs: { timestamp: number; fields: JaegerTag[] }[];
  readonly processID: string;
  readonly warnings: readonly string[] | null;
  readonly flags: number;
}

export interface JaegerTraceJson {
  readonly traceID: string;
  readonly spans: JaegerSpanJson[];
  readonly processes: Record<string, { serviceName: string; tags: JaegerTag[] }>;
  readonly warnings: null;
}

/**
 * Traces → Jaeger JSON (`{"data": [trace…]}`), the model Jaeger UI's "Download"
 * writes and its file loader reads. What OTLP has and Jaeger's model has not goes
 * into the tags Jaeger's own OTLP translator uses (span.kind, otel.status_code,
 * otel.status_description, error, w3c.tracestate, otel.scope.name/version), so
 * decodeJaegerTrace puts it back. Jaeger counts time in µs: sub-µs digits are cut
 * (an OTLP/JSON download keeps them). Arrays and kvlists become JSON text, as the
 * translator writes them.
 */
export function toJaegerJson(traces: readonly Trace[]): { data: JaegerTraceJson[] } {
  return { data: traces.map(toJaegerTrace) };
}

/** toJaegerJson as JSON text. */
export function encodeJaegerJson(traces: readonly Trace[]): string {
  return JSON.stringify(toJaegerJson(traces));
}

function toJaegerTrace(trace: Trace): JaegerTraceJson {
  // one process per Resource object, as the spans shared it (one resourceSpans block each)
  const processIds = new Map<Resource, string>();
  const processes: JaegerTraceJson['processes'] = {};
  const processOf = (span: Span): string => {
    let id = processIds.get(span.resource);
    if (id === undefined) {
      id = `p${processIds.size + 1}`;
      processIds.set(span.resource, id);
      processes[id] = { serviceName: span.service, tags: span.resource.attributes.filter((a) => a.key !== 'service.name').map(toJaegerTag) };
    }
    return id;
  };
  return {
    traceID: trace.traceId,
    spans: trace.spans.map((span) => toJaegerSpan(trace, span, processOf(span))),
    processes,
    warnings: null,
  };
}

function toJaegerSpan(trace: Trace, span: Span, processID: string): JaegerSpanJson {
  const startMicros = micros(absoluteUnixNano(trace, span.startNs));
  const endMicros = micros(absoluteUnixNano(trace, span.endNs));
  const references: JaegerReference[] = [];
  if (span.parentSpanId !== undefined) references.push({ refType: 'CHILD_OF', traceID: span.traceId, spanID: span.parentSpanId });
  for (const link of span.links) {
    const refType = link.attributes.find((a) => a.key === 'opentracing.ref_type');
    const childOf = refType?.value.type === 'string' && refType.value.value === 'child_of';
    references.push({ refType: childOf ? 'CHILD_OF' : 'FOLLOWS_FROM', traceID: link.traceId, spanID: link.spanId });
  }
  const tags = span.attributes.map(toJaegerTag);
  if (span.kind !== 'unspecified') tags.push(stringTag('span.kind', span.kind));
  if (span.status.code !== 'unset') tags.push(stringTag('otel.status_code', span.status.code.toUpperCase()));
  if (span.status.message !== '') tags.push(stringTag('otel.status_description', span.status.message));
  if (span.status.code === 'error') tags.push({ key: 'error', type: 'bool', value: true });
  if (span.traceState !== '') tags.push(stringTag('w3c.tracestate', span.traceState));
  if (span.scope.name !== '') tags.push(stringTag('otel.scope.name', span.scope.name));
  if (span.scope.version !== '') tags.push(stringTag('otel.scope.version', span.scope.version));
  return {
    traceID: span.traceId,
    spanID: span.spanId,
    operationName: span.name,
    references,
    startTime: startMicros,
    duration: Math.max(0, endMicros - startMicros),
    tags,
    logs: span.events.map((event) => ({
      timestamp: micros(absoluteUnixNano(trace, event.timeNs)),
      fields: [...(event.name !== '' ? [stringTag('event', event.name)] : []), ...event.attributes.map(toJaegerTag)],
    })),
    processID,
    warnings: span.warnings?.length ? span.warnings : null,
    flags: span.flags,
  };
}

/** unix ns → whole µs; a number stays exact for µs until the year 2255 */
function micros(unixNano: bigint): number {
  return Number(unixNano / 1000n);
}

function stringTag(key: string, value: string): JaegerTag {
  return { key, type: 'string', value };
}

function toJaegerTag(attribute: Attribute): JaegerTag {
  return { key: attribute.key, ...jaegerTagValue(attribute.value) };
}

function jaegerTagValue(value: AttributeValue): Pick<JaegerTag, 'type' | 'value'> {
  switch (value.type) {
    case 'string':
      return { type: 'string', value: value.value };
    case 'bool':
      return { type: 'bool', value: value.value };
    case 'int': {
      // Jaeger writes int64 as a JSON number; beyond 2^53 a number would round, so keep the text
      const n = Number(value.value);
      return { type: 'int64', value: Number.isSafeInteger(n) ? n : value.value };
    }
    case 'double':
      // JSON has no NaN or Infinity: write them as text, which the decoder reads back
      return { type: 'float64', value: Number.isFinite(value.value) ? value.value : String(value.value) };
    case 'bytes':
      return { type: 'binary', value: value.value };
    case 'array':
    case 'kvlist':
      return { type: 'string', value: JSON.stringify(plainValue(value)) };
    case 'empty':
      return { type: 'string', value: '' };
  }
}

/** An array or kvlist as plain JSON (what Jaeger's OTLP translator writes for them). */
function plainValue(value: AttributeValue): unknown {
  switch (value.type) {
    case 'array':
      return value.value.map(plainValue);
    case 'kvlist':
      return Object.fromEntries(value.value.map((a) => [a.key, plainValue(a.value)]));
    case 'empty':
      return null;
    case 'double':
      return Number.isFinite(value.value) ? value.value : String(value.value);
    default:
      return value.value;
  }
}
