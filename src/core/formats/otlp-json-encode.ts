import type { LogRecord } from '../model/log-record';
import type { InstrumentationScope, Resource, Span, SpanKind, StatusCode } from '../model/span';
import type { Trace } from '../model/trace';
import { encodeAnyValue, encodeAttributes, jaegerWarningsAttribute } from './otlp-attributes';
import type {
  OtlpEvent,
  OtlpLink,
  OtlpLogRecord,
  OtlpLogsData,
  OtlpResource,
  OtlpResourceSpans,
  OtlpScope,
  OtlpSpan,
  OtlpTracesData,
} from './otlp-json-types';
import { SPAN_KINDS, STATUS_CODES } from './wire-values';

/**
 * Traces → standard OTLP/JSON: hex ids, integer enums, int64 as decimal strings,
 * fields at their default value left out (as proto3 JSON writers do). Spans that
 * shared a Resource object (came in one resourceSpans block) are written under one
 * resourceSpans again, and likewise for scopes. Absolute times are rebuilt exactly:
 * trace start (bigint) + relative ns.
 */
export function toOtlpTracesData(traces: readonly Trace[]): OtlpTracesData {
  const items: { resource: Resource; scope: InstrumentationScope; value: OtlpSpan }[] = [];
  for (const trace of traces) {
    for (const span of trace.spans) items.push({ resource: span.resource, scope: span.scope, value: encodeSpan(trace, span) });
  }
  return {
    resourceSpans: groupByResourceAndScope(items).map(({ resource, scopes }) => ({
      resource: encodeResource(resource),
      scopeSpans: scopes.map(({ scope, values }) => ({
        scope: encodeScope(scope),
        spans: values,
        ...(scope.schemaUrl !== undefined ? { schemaUrl: scope.schemaUrl } : {}),
      })),
      ...(resource.schemaUrl !== undefined ? { schemaUrl: resource.schemaUrl } : {}),
    })) satisfies OtlpResourceSpans[],
  };
}

/** toOtlpTracesData as JSON text. */
export function encodeOtlpJson(traces: readonly Trace[]): string {
  return JSON.stringify(toOtlpTracesData(traces));
}

/** Log records → OTLP/JSON LogsData, grouped by the Resource and scope objects they share. */
export function encodeOtlpLogsData(logs: readonly LogRecord[]): OtlpLogsData {
  const items = logs.map((log) => ({ resource: log.resource, scope: log.scope, value: encodeLogRecord(log) }));
  return {
    resourceLogs: groupByResourceAndScope(items).map(({ resource, scopes }) => ({
      resource: encodeResource(resource),
      scopeLogs: scopes.map(({ scope, values }) => ({
        scope: encodeScope(scope),
        logRecords: values,
        ...(scope.schemaUrl !== undefined ? { schemaUrl: scope.schemaUrl } : {}),
      })),
      ...(resource.schemaUrl !== undefined ? { schemaUrl: resource.schemaUrl } : {}),
    })),
  };
}

export function absoluteUnixNano(trace: Trace, relativeNs: number): bigint {
  const ns = trace.startUnixNano + BigInt(relativeNs);
  // a trace spanning centuries keeps relative times as rounded doubles: one near the
  // u64 limit can round past it, and a decoder would then reject the span
  return ns > UINT64_MAX ? UINT64_MAX : ns;
}

const UINT64_MAX = (1n << 64n) - 1n;

export function spanKindNumber(kind: SpanKind): number {
  return SPAN_KINDS.indexOf(kind);
}

export function statusCodeNumber(code: StatusCode): number {
  return STATUS_CODES.indexOf(code);
}

function encodeSpan(trace: Trace, span: Span): OtlpSpan {
  const out: OtlpSpan = {
    traceId: span.traceId,
    spanId: span.spanId,
    ...(span.traceState !== '' ? { traceState: span.traceState } : {}),
    ...(span.parentSpanId !== undefined ? { parentSpanId: span.parentSpanId } : {}),
    ...(span.flags !== 0 ? { flags: span.flags } : {}),
    name: span.name,
    ...(span.kind !== 'unspecified' ? { kind: spanKindNumber(span.kind) } : {}),
    startTimeUnixNano: absoluteUnixNano(trace, span.startNs).toString(),
    endTimeUnixNano: absoluteUnixNano(trace, span.endNs).toString(),
  };
  const attributes = span.warnings?.length ? [...span.attributes, jaegerWarningsAttribute(span.warnings)] : span.attributes;
  if (attributes.length > 0) out.attributes = encodeAttributes(attributes);
  if (span.droppedAttributesCount !== 0) out.droppedAttributesCount = span.droppedAttributesCount;
  if (span.events.length > 0) {
    out.events = span.events.map(
      (e): OtlpEvent => ({
        timeUnixNano: absoluteUnixNano(trace, e.timeNs).toString(),
        name: e.name,
        ...(e.attributes.length > 0 ? { attributes: encodeAttributes(e.attributes) } : {}),
        ...(e.droppedAttributesCount !== 0 ? { droppedAttributesCount: e.droppedAttributesCount } : {}),
      }),
    );
  }
  if (span.droppedEventsCount !== 0) out.droppedEventsCount = span.droppedEventsCount;
  if (span.links.length > 0) {
    out.links = span.links.map(
      (l): OtlpLink => ({
        traceId: l.traceId,
        spanId: l.spanId,
        ...(l.traceState !== '' ? { traceState: l.traceState } : {}),
        ...(l.attributes.length > 0 ? { attributes: encodeAttributes(l.attributes) } : {}),
        ...(l.droppedAttributesCount !== 0 ? { droppedAttributesCount: l.droppedAttributesCount } : {}),
        ...(l.flags !== 0 ? { flags: l.flags } : {}),
      }),
    );
  }
  if (span.droppedLinksCount !== 0) out.droppedLinksCount = span.droppedLinksCount;
  out.status = {
    ...(span.status.code !== 'unset' ? { code: statusCodeNumber(span.status.code) } : {}),
    ...(span.status.message !== '' ? { message: span.status.message } : {}),
  };
  return out;
}

function encodeLogRecord(log: LogRecord): OtlpLogRecord {
  return {
    timeUnixNano: log.timeUnixNano.toString(),
    observedTimeUnixNano: log.observedTimeUnixNano.toString(),
    ...(log.severityNumber !== 0 ? { severityNumber: log.severityNumber } : {}),
    ...(log.severityText !== '' ? { severityText: log.severityText } : {}),
    body: encodeAnyValue(log.body),
    ...(log.attributes.length > 0 ? { attributes: encodeAttributes(log.attributes) } : {}),
    ...(log.droppedAttributesCount !== 0 ? { droppedAttributesCount: log.droppedAttributesCount } : {}),
    ...(log.flags !== 0 ? { flags: log.flags } : {}),
    ...(log.traceId !== undefined ? { traceId: log.traceId } : {}),
    ...(log.spanId !== undefined ? { spanId: log.spanId } : {}),
    ...(log.eventName !== undefined ? { eventName: log.eventName } : {}),
  };
}

function encodeResource(resource: Resource): OtlpResource {
  return {
    ...(resource.attributes.length > 0 ? { attributes: encodeAttributes(resource.attributes) } : {}),
    ...(resource.droppedAttributesCount !== 0 ? { droppedAttributesCount: resource.droppedAttributesCount } : {}),
  };
}

function encodeScope(scope: InstrumentationScope): OtlpScope {
  return {
    ...(scope.name !== '' ? { name: scope.name } : {}),
    ...(scope.version !== '' ? { version: scope.version } : {}),
    ...(scope.attributes.length > 0 ? { attributes: encodeAttributes(scope.attributes) } : {}),
    ...(scope.droppedAttributesCount !== 0 ? { droppedAttributesCount: scope.droppedAttributesCount } : {}),
  };
}

/**
 * Groups by object identity, in order of first appearance: spans that came in one
 * resource (scope) block go out in one again. Shared by the JSON and protobuf encoders.
 */
export function groupByResourceAndScope<T>(
  items: readonly { resource: Resource; scope: InstrumentationScope; value: T }[],
): { resource: Resource; scopes: { scope: InstrumentationScope; values: T[] }[] }[] {
  const groups = new Map<Resource, Map<InstrumentationScope, T[]>>();
  for (const { resource, scope, value } of items) {
    let scopes = groups.get(resource);
    if (!scopes) groups.set(resource, (scopes = new Map()));
    const values = scopes.get(scope);
    if (values) values.push(value);
    else scopes.set(scope, [value]);
  }
  return [...groups].map(([resource, scopes]) => ({ resource, scopes: [...scopes].map(([scope, values]) => ({ scope, values })) }));
}
