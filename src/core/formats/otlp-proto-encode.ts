import type { Attribute, AttributeValue } from '../model/attributes';
import { base64ToHex } from '../model/ids';
import type { InstrumentationScope, Resource, Span } from '../model/span';
import type { Trace } from '../model/trace';
import { absoluteUnixNano, groupByResourceAndScope, spanKindNumber, statusCodeNumber } from './otlp-json-encode';
import { jaegerWarningsAttribute } from './otlp-attributes';
import { ProtoWriter } from './protobuf-writer';

/**
 * Traces → OTLP protobuf `TracesData` (opentelemetry/proto/trace/v1/trace.proto):
 * the bytes Tempo answers trace-by-id with when asked for `application/protobuf`
 * (its `tempopb.Trace` has the same field 1). What toOtlpTracesData writes as JSON —
 * same grouping into resource and scope blocks — with ids as raw bytes, times as
 * fixed64 and int64 values as varints. Fields at their proto3 default (an empty
 * name, a zero time) are left out, as proto3 writers do: a reader takes an absent
 * field as its default. Resource, scope and status are always written (empty when
 * there is nothing in them), as Tempo writes them; so is an AnyValue's member, whose
 * presence is its type.
 *
 * Ids must be hex, as every decoder leaves them (a RangeError otherwise).
 */
export function encodeOtlpProto(traces: readonly Trace[], options: BlockOptions = {}): Uint8Array<ArrayBuffer> {
  let spanCount = 0;
  for (const trace of traces) spanCount += trace.spans.length;
  // a demo span is ~250 bytes: one or two doublings at most
  const writer = new ProtoWriter(Math.max(1024, spanCount * 256));
  writeTracesData(writer, traces, options);
  return writer.finish();
}

export interface BlockOptions {
  /**
   * At most this many spans per ResourceSpans block (default: no limit, one block per
   * resource). Tempo answers a trace as the batches it was sent in, each its own block
   * of a few hundred or thousand spans; a reader that decodes while the answer arrives
   * reads a block once it is whole, so a 20 MB block would hold it up.
   */
  readonly spansPerBlock?: number;
}

/** Writes the fields of a TracesData (repeated ResourceSpans = 1) into `writer`, e.g. inside a wrapper message. */
export function writeTracesData(writer: ProtoWriter, traces: readonly Trace[], options: BlockOptions = {}): void {
  const items: { resource: Resource; scope: InstrumentationScope; value: { span: Span; trace: Trace } }[] = [];
  for (const trace of traces) {
    for (const span of trace.spans) items.push({ resource: span.resource, scope: span.scope, value: { span, trace } });
  }
  const cap = options.spansPerBlock ?? Number.POSITIVE_INFINITY;
  for (const { resource, scopes } of groupByResourceAndScope(items)) {
    for (const block of blocksOf(scopes, cap)) {
      writer.beginMessage(RESOURCE_SPANS.self, 3);
      writeResource(writer, resource);
      for (const { scope, values } of block) {
        writer.beginMessage(RESOURCE_SPANS.scopeSpans, 3);
        writeScope(writer, scope);
        for (const { span, trace } of values) writeSpan(writer, trace, span);
        if (scope.schemaUrl !== undefined) writer.string(SCOPE_SPANS.schemaUrl, scope.schemaUrl);
        writer.endMessage();
      }
      if (resource.schemaUrl !== undefined) writer.string(RESOURCE_SPANS.schemaUrl, resource.schemaUrl);
      writer.endMessage();
    }
  }
}

/** One resource's scope groups cut into blocks of at most `cap` spans, in order (a scope may span two blocks). */
function blocksOf<S, V>(scopes: readonly { scope: S; values: readonly V[] }[], cap: number): { scope: S; values: readonly V[] }[][] {
  const blocks: { scope: S; values: readonly V[] }[][] = [];
  let block: { scope: S; values: readonly V[] }[] = [];
  let room = cap;
  for (const { scope, values } of scopes) {
    for (let from = 0; from < values.length; ) {
      if (room === 0) {
        blocks.push(block);
        block = [];
        room = cap;
      }
      const to = Math.min(values.length, from + room);
      block.push({ scope, values: from === 0 && to === values.length ? values : values.slice(from, to) });
      room -= to - from;
      from = to;
    }
  }
  if (block.length > 0 || blocks.length === 0) blocks.push(block);
  return blocks;
}

// Field numbers of trace.proto, common.proto and resource.proto.
const RESOURCE_SPANS = { self: 1, resource: 1, scopeSpans: 2, schemaUrl: 3 };
const SCOPE_SPANS = { scope: 1, spans: 2, schemaUrl: 3 };
const RESOURCE = { attributes: 1, droppedAttributesCount: 2 };
const SCOPE = { name: 1, version: 2, attributes: 3, droppedAttributesCount: 4 };
const SPAN = {
  traceId: 1,
  spanId: 2,
  traceState: 3,
  parentSpanId: 4,
  name: 5,
  kind: 6,
  startTimeUnixNano: 7,
  endTimeUnixNano: 8,
  attributes: 9,
  droppedAttributesCount: 10,
  events: 11,
  droppedEventsCount: 12,
  links: 13,
  droppedLinksCount: 14,
  status: 15,
  flags: 16,
};
const EVENT = { timeUnixNano: 1, name: 2, attributes: 3, droppedAttributesCount: 4 };
const LINK = { traceId: 1, spanId: 2, traceState: 3, attributes: 4, droppedAttributesCount: 5, flags: 6 };
const STATUS = { message: 2, code: 3 };
const KEY_VALUE = { key: 1, value: 2 };
const ANY_VALUE = { string: 1, bool: 2, int: 3, double: 4, array: 5, kvlist: 6, bytes: 7 };
/** ArrayValue.values and KeyValueList.values */
const VALUES = 1;

function writeResource(writer: ProtoWriter, resource: Resource): void {
  writer.beginMessage(RESOURCE_SPANS.resource, 2);
  writeAttributes(writer, RESOURCE.attributes, resource.attributes);
  if (resource.droppedAttributesCount !== 0) writer.uint(RESOURCE.droppedAttributesCount, resource.droppedAttributesCount);
  writer.endMessage();
}

function writeScope(writer: ProtoWriter, scope: InstrumentationScope): void {
  writer.beginMessage(SCOPE_SPANS.scope);
  if (scope.name !== '') writer.string(SCOPE.name, scope.name);
  if (scope.version !== '') writer.string(SCOPE.version, scope.version);
  writeAttributes(writer, SCOPE.attributes, scope.attributes);
  if (scope.droppedAttributesCount !== 0) writer.uint(SCOPE.droppedAttributesCount, scope.droppedAttributesCount);
  writer.endMessage();
}

function writeSpan(writer: ProtoWriter, trace: Trace, span: Span): void {
  // most spans are 128 bytes to 16 KiB: two length bytes
  writer.beginMessage(SCOPE_SPANS.spans, 2);
  writer.hexBytes(SPAN.traceId, span.traceId);
  writer.hexBytes(SPAN.spanId, span.spanId);
  if (span.traceState !== '') writer.string(SPAN.traceState, span.traceState);
  if (span.parentSpanId !== undefined) writer.hexBytes(SPAN.parentSpanId, span.parentSpanId);
  if (span.name !== '') writer.string(SPAN.name, span.name);
  if (span.kind !== 'unspecified') writer.uint(SPAN.kind, spanKindNumber(span.kind));
  writeTime(writer, SPAN.startTimeUnixNano, trace, span.startNs);
  writeTime(writer, SPAN.endTimeUnixNano, trace, span.endNs);
  // span warnings go where Jaeger keeps them, as the JSON encoder writes them
  writeAttributes(writer, SPAN.attributes, span.warnings?.length ? [...span.attributes, jaegerWarningsAttribute(span.warnings)] : span.attributes);
  if (span.droppedAttributesCount !== 0) writer.uint(SPAN.droppedAttributesCount, span.droppedAttributesCount);
  for (const event of span.events) {
    writer.beginMessage(SPAN.events);
    writeTime(writer, EVENT.timeUnixNano, trace, event.timeNs);
    if (event.name !== '') writer.string(EVENT.name, event.name);
    writeAttributes(writer, EVENT.attributes, event.attributes);
    if (event.droppedAttributesCount !== 0) writer.uint(EVENT.droppedAttributesCount, event.droppedAttributesCount);
    writer.endMessage();
  }
  if (span.droppedEventsCount !== 0) writer.uint(SPAN.droppedEventsCount, span.droppedEventsCount);
  for (const link of span.links) {
    writer.beginMessage(SPAN.links);
    writer.hexBytes(LINK.traceId, link.traceId);
    writer.hexBytes(LINK.spanId, link.spanId);
    if (link.traceState !== '') writer.string(LINK.traceState, link.traceState);
    writeAttributes(writer, LINK.attributes, link.attributes);
    if (link.droppedAttributesCount !== 0) writer.uint(LINK.droppedAttributesCount, link.droppedAttributesCount);
    if (link.flags !== 0) writer.fixed32(LINK.flags, link.flags);
    writer.endMessage();
  }
  if (span.droppedLinksCount !== 0) writer.uint(SPAN.droppedLinksCount, span.droppedLinksCount);
  // always present, as Tempo writes it (an empty message when unset)
  writer.beginMessage(SPAN.status);
  if (span.status.message !== '') writer.string(STATUS.message, span.status.message);
  if (span.status.code !== 'unset') writer.uint(STATUS.code, statusCodeNumber(span.status.code));
  writer.endMessage();
  if (span.flags !== 0) writer.fixed32(SPAN.flags, span.flags);
  writer.endMessage();
}

function writeAttributes(writer: ProtoWriter, field: number, attributes: readonly Attribute[]): void {
  for (const attribute of attributes) {
    writer.beginMessage(field);
    if (attribute.key !== '') writer.string(KEY_VALUE.key, attribute.key);
    writeAnyValue(writer, KEY_VALUE.value, attribute.value);
    writer.endMessage();
  }
}

/** One AnyValue message. Its oneof member is written even at its default value (0, "", false): that is what sets the type. */
function writeAnyValue(writer: ProtoWriter, field: number, value: AttributeValue): void {
  writer.beginMessage(field);
  switch (value.type) {
    case 'string':
      writer.string(ANY_VALUE.string, value.value);
      break;
    case 'bool':
      writer.bool(ANY_VALUE.bool, value.value);
      break;
    case 'int':
      // a decoded int can hold more than 64 bits ("99999999999999999999" is valid JSON);
      // protobuf cannot, so the digits travel as a string rather than wrap around
      if (isInt64Text(value.value)) writer.int64Decimal(ANY_VALUE.int, value.value);
      else writer.string(ANY_VALUE.string, value.value);
      break;
    case 'double':
      writer.double(ANY_VALUE.double, value.value);
      break;
    case 'bytes': {
      // kept as base64 in the model; text that is not base64 (a producer's mistake
      // OTLP/JSON passes through) stays readable as a string rather than be lost
      const hex = base64ToHex(value.value);
      if (hex !== undefined) writer.hexBytes(ANY_VALUE.bytes, hex);
      else writer.string(ANY_VALUE.string, value.value);
      break;
    }
    case 'array':
      writer.beginMessage(ANY_VALUE.array);
      for (const item of value.value) writeAnyValue(writer, VALUES, item);
      writer.endMessage();
      break;
    case 'kvlist':
      writer.beginMessage(ANY_VALUE.kvlist);
      writeAttributes(writer, VALUES, value.value);
      writer.endMessage();
      break;
    case 'empty':
      break;
  }
  writer.endMessage();
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** A plain decimal within int64 (the decoders keep ints as such texts; 18 digits always fit). */
function isInt64Text(text: string): boolean {
  if (!INT_TEXT.test(text)) return false;
  if (text.length <= 18) return true;
  const value = BigInt(text);
  return value >= INT64_MIN && value <= INT64_MAX;
}

const INT_TEXT = /^-?\d{1,19}$/;

/**
 * An absolute time (trace start + relative ns) as fixed64, left out when zero. A time
 * before 1970 (an odd producer's event before the trace start) cannot be written: 0.
 * (Adding in two 32-bit halves instead of BigInt saved only ~10% of the encoding
 * time of 100,000 spans: not worth the code.)
 */
function writeTime(writer: ProtoWriter, field: number, trace: Trace, relativeNs: number): void {
  const ns = absoluteUnixNano(trace, relativeNs);
  if (ns > 0n) writer.fixed64(field, ns);
}
