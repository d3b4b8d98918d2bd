import type { Attribute, AttributeValue } from '../model/attributes';
import type { InstrumentationScope, Resource, SpanEvent, SpanLink } from '../model/span';
import { MAX_VALUE_DEPTH, splitJaegerWarnings, type ValueNotes } from './otlp-attributes';
import { ProtoReader, WIRE_FIXED64, WIRE_FIXED32, WIRE_LENGTH_DELIMITED, WIRE_VARINT } from './protobuf-reader';

/**
 * OTLP protobuf messages below the span: attributes (AnyValue), resource, scope, and
 * the heavy part of a span (attributes, events, links). The column decoder leaves
 * these as byte ranges; they are decoded here, one span at a time, when a view asks.
 * The values are the ones the OTLP/JSON decoder gives (otlp-attributes.ts): int64 as
 * exact decimal strings, bytes as base64, ids as lowercase hex.
 */

const TWO_32 = 4294967296;

// field tags (field number << 3 | wire type) of the messages read here
const KEY_VALUE_KEY = (1 << 3) | WIRE_LENGTH_DELIMITED;
const KEY_VALUE_VALUE = (2 << 3) | WIRE_LENGTH_DELIMITED;
const ANY_STRING = (1 << 3) | WIRE_LENGTH_DELIMITED;
const ANY_BOOL = (2 << 3) | WIRE_VARINT;
const ANY_INT = (3 << 3) | WIRE_VARINT;
const ANY_DOUBLE = (4 << 3) | WIRE_FIXED64;
const ANY_ARRAY = (5 << 3) | WIRE_LENGTH_DELIMITED;
const ANY_KVLIST = (6 << 3) | WIRE_LENGTH_DELIMITED;
const ANY_BYTES = (7 << 3) | WIRE_LENGTH_DELIMITED;
/** ArrayValue.values and KeyValueList.values */
const LIST_VALUES = (1 << 3) | WIRE_LENGTH_DELIMITED;

/** One KeyValue field (its tag already read) appended to `out`. */
export function readAttributeField(r: ProtoReader, out: Attribute[], notes: ValueNotes | undefined, depth: number): void {
  const end = r.lengthDelimited();
  out.push(readKeyValue(r, end, notes, depth));
  r.pos = end;
}

function readKeyValue(r: ProtoReader, end: number, notes: ValueNotes | undefined, depth: number): Attribute {
  let key = '';
  let value: AttributeValue = EMPTY;
  const outer = r.limit;
  r.limit = end;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === KEY_VALUE_KEY) key = r.string();
    else if (tag === KEY_VALUE_VALUE) {
      const valueEnd = r.lengthDelimited();
      value = readAnyValue(r, valueEnd, notes, depth);
      r.pos = valueEnd;
    } else r.skip(tag & 7);
  }
  r.limit = outer;
  return { key, value };
}

const EMPTY: AttributeValue = Object.freeze({ type: 'empty' });

/**
 * One AnyValue (a oneof: the last field wins, as in every protobuf reader). Nesting
 * is bounded by MAX_VALUE_DEPTH, as in the JSON decoder, so this recursion is too.
 */
function readAnyValue(r: ProtoReader, end: number, notes: ValueNotes | undefined, depth: number): AttributeValue {
  let value: AttributeValue = EMPTY;
  const outer = r.limit;
  r.limit = end;
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag) {
      case ANY_STRING:
        value = { type: 'string', value: r.string() };
        break;
      case ANY_BOOL:
        r.varint64();
        value = { type: 'bool', value: r.lo !== 0 || r.hi !== 0 };
        break;
      case ANY_INT:
        value = { type: 'int', value: r.int64Text() };
        break;
      case ANY_DOUBLE:
        value = { type: 'double', value: r.double() };
        break;
      case ANY_BYTES: {
        const bytesEnd = r.lengthDelimited();
        value = { type: 'bytes', value: bytesToBase64(r.bytes, r.pos, bytesEnd) };
        r.pos = bytesEnd;
        break;
      }
      case ANY_ARRAY:
      case ANY_KVLIST: {
        const listEnd = r.lengthDelimited();
        if (depth >= MAX_VALUE_DEPTH) {
          if (notes) notes.tooDeep = true;
          value = EMPTY;
        } else if (tag === ANY_ARRAY) {
          const values: AttributeValue[] = [];
          r.limit = listEnd;
          while (r.pos < listEnd) {
            const inner = r.tag();
            if (inner !== LIST_VALUES) {
              r.skip(inner & 7);
              continue;
            }
            const itemEnd = r.lengthDelimited();
            values.push(readAnyValue(r, itemEnd, notes, depth + 1));
            r.pos = itemEnd;
          }
          r.limit = end;
          value = { type: 'array', value: values };
        } else {
          const values: Attribute[] = [];
          r.limit = listEnd;
          while (r.pos < listEnd) {
            const inner = r.tag();
            if (inner !== LIST_VALUES) r.skip(inner & 7);
            else readAttributeField(r, values, notes, depth + 1);
          }
          r.limit = end;
          value = { type: 'kvlist', value: values };
        }
        r.pos = listEnd;
        break;
      }
      default:
        r.skip(tag & 7);
    }
  }
  r.limit = outer;
  return value;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding: how OTLP/JSON carries bytes values. */
export function bytesToBase64(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i += 3) {
    const left = end - i;
    const bits = ((bytes[i] as number) << 16) | (left > 1 ? (bytes[i + 1] as number) << 8 : 0) | (left > 2 ? (bytes[i + 2] as number) : 0);
    out += BASE64.charAt((bits >>> 18) & 63) + BASE64.charAt((bits >>> 12) & 63);
    out += left > 1 ? BASE64.charAt((bits >>> 6) & 63) : '=';
    out += left > 2 ? BASE64.charAt(bits & 63) : '=';
  }
  return out;
}

const HEX_CODES: readonly number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Lowercase hex of a 64-bit id held as two uint32 (the page needs ids as text for its maps and URLs). */
export function hexOfId64(hi: number, lo: number): string {
  const h = HEX_CODES;
  return String.fromCharCode(
    h[hi >>> 28] as number, h[(hi >>> 24) & 15] as number, h[(hi >>> 20) & 15] as number, h[(hi >>> 16) & 15] as number,
    h[(hi >>> 12) & 15] as number, h[(hi >>> 8) & 15] as number, h[(hi >>> 4) & 15] as number, h[hi & 15] as number,
    h[lo >>> 28] as number, h[(lo >>> 24) & 15] as number, h[(lo >>> 20) & 15] as number, h[(lo >>> 16) & 15] as number,
    h[(lo >>> 12) & 15] as number, h[(lo >>> 8) & 15] as number, h[(lo >>> 4) & 15] as number, h[lo & 15] as number,
  );
}

/**
 * An id field as lowercase hex, left-padded to `width` bytes (as the JSON decoder pads
 * short hex ids); undefined when empty, all zeros or longer than `width`.
 */
export function idHex(bytes: Uint8Array, start: number, end: number, width: number): string | undefined {
  const length = end - start;
  if (length === 0 || length > width) return undefined;
  let hex = '';
  let zero = true;
  for (let i = start; i < end; i++) {
    const b = bytes[i] as number;
    if (b !== 0) zero = false;
    hex += String.fromCharCode(HEX_CODES[b >>> 4] as number, HEX_CODES[b & 15] as number);
  }
  return zero ? undefined : hex.padStart(width * 2, '0');
}

export function decodeResource(bytes: Uint8Array, offset: number, length: number, schemaUrl: string, notes?: ValueNotes): Resource {
  const attributes: Attribute[] = [];
  let droppedAttributesCount = 0;
  if (length > 0) {
    const r = new ProtoReader(bytes, offset, offset + length);
    while (r.pos < r.limit) {
      const tag = r.tag();
      if (tag === ((1 << 3) | WIRE_LENGTH_DELIMITED)) readAttributeField(r, attributes, notes, 0);
      else if (tag === ((2 << 3) | WIRE_VARINT)) droppedAttributesCount = r.uint32();
      else r.skip(tag & 7);
    }
  }
  const resource: { attributes: Attribute[]; droppedAttributesCount: number; schemaUrl?: string } = { attributes, droppedAttributesCount };
  if (schemaUrl !== '') resource.schemaUrl = schemaUrl;
  return resource;
}

export function decodeScope(bytes: Uint8Array, offset: number, length: number, schemaUrl: string, notes?: ValueNotes): InstrumentationScope {
  let name = '';
  let version = '';
  const attributes: Attribute[] = [];
  let droppedAttributesCount = 0;
  if (length > 0) {
    const r = new ProtoReader(bytes, offset, offset + length);
    while (r.pos < r.limit) {
      const tag = r.tag();
      if (tag === ((1 << 3) | WIRE_LENGTH_DELIMITED)) name = r.string();
      else if (tag === ((2 << 3) | WIRE_LENGTH_DELIMITED)) version = r.string();
      else if (tag === ((3 << 3) | WIRE_LENGTH_DELIMITED)) readAttributeField(r, attributes, notes, 0);
      else if (tag === ((4 << 3) | WIRE_VARINT)) droppedAttributesCount = r.uint32();
      else r.skip(tag & 7);
    }
  }
  const scope: { name: string; version: string; attributes: Attribute[]; droppedAttributesCount: number; schemaUrl?: string } = {
    name,
    version,
    attributes,
    droppedAttributesCount,
  };
  if (schemaUrl !== '') scope.schemaUrl = schemaUrl;
  return scope;
}

/** The part of a span the column decoder leaves in the bytes. */
export interface SpanDetails {
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  readonly events: readonly SpanEvent[];
  readonly droppedEventsCount: number;
  readonly links: readonly SpanLink[];
  readonly droppedLinksCount: number;
  readonly traceState: string;
  /** Jaeger's span warnings, taken out of the attributes (`@jaeger@warnings`) */
  readonly warnings: readonly string[] | undefined;
}

/** Where a span's times are measured from, as the exact unix-nano halves of the trace start. */
export interface TimeOrigin {
  readonly hi: number;
  readonly lo: number;
}

/**
 * ns from `origin` to a fixed64 read into r.hi/r.lo: ONE rounding of the exact
 * difference (the high part is exact as a double), so the result equals
 * Number(bigint difference), which is what buildTrace computes.
 */
export function relativeNs(hi: number, lo: number, origin: TimeOrigin): number {
  return (hi - origin.hi) * TWO_32 + (lo - origin.lo);
}

const NO_EVENTS: readonly SpanEvent[] = Object.freeze([]);

/**
 * The heavy fields of one span message: attributes, events (times relative to
 * `origin`, moved by `shiftNs`; an event without a time gets the span's start, as in
 * the JSON decoder), links (a link without valid ids is left out).
 */
export function decodeSpanDetails(bytes: Uint8Array, offset: number, length: number, origin: TimeOrigin, spanStartNs: number, shiftNs: number): SpanDetails {
  const r = new ProtoReader(bytes, offset, offset + length);
  const attributes: Attribute[] = [];
  let droppedAttributesCount = 0;
  let events: SpanEvent[] | undefined;
  let droppedEventsCount = 0;
  const links: SpanLink[] = [];
  let droppedLinksCount = 0;
  let traceState = '';
  while (r.pos < r.limit) {
    const tag = r.tag();
    switch (tag) {
      case (3 << 3) | WIRE_LENGTH_DELIMITED:
        traceState = r.string();
        break;
      case (9 << 3) | WIRE_LENGTH_DELIMITED:
        readAttributeField(r, attributes, undefined, 0);
        break;
      case (10 << 3) | WIRE_VARINT:
        droppedAttributesCount = r.uint32();
        break;
      case (11 << 3) | WIRE_LENGTH_DELIMITED:
        (events ??= []).push(readEvent(r, origin, spanStartNs, shiftNs));
        break;
      case (12 << 3) | WIRE_VARINT:
        droppedEventsCount = r.uint32();
        break;
      case (13 << 3) | WIRE_LENGTH_DELIMITED: {
        const link = readLink(r);
        if (link) links.push(link);
        break;
      }
      case (14 << 3) | WIRE_VARINT:
        droppedLinksCount = r.uint32();
        break;
      default:
        r.skip(tag & 7);
    }
  }
  const split = splitJaegerWarnings(attributes);
  return { attributes: split.attributes, droppedAttributesCount, events: events ?? NO_EVENTS, droppedEventsCount, links, droppedLinksCount, traceState, warnings: split.warnings };
}

function readEvent(r: ProtoReader, origin: TimeOrigin, spanStartNs: number, shiftNs: number): SpanEvent {
  const end = r.lengthDelimited();
  const outer = r.limit;
  r.limit = end;
  let timeNs = spanStartNs;
  let name = '';
  const attributes: Attribute[] = [];
  let droppedAttributesCount = 0;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === ((1 << 3) | WIRE_FIXED64)) {
      r.fixed64();
      timeNs = relativeNs(r.hi, r.lo, origin) + shiftNs;
    } else if (tag === ((2 << 3) | WIRE_LENGTH_DELIMITED)) name = r.string();
    else if (tag === ((3 << 3) | WIRE_LENGTH_DELIMITED)) readAttributeField(r, attributes, undefined, 0);
    else if (tag === ((4 << 3) | WIRE_VARINT)) droppedAttributesCount = r.uint32();
    else r.skip(tag & 7);
  }
  r.limit = outer;
  return { timeNs, name, attributes, droppedAttributesCount };
}

function readLink(r: ProtoReader): SpanLink | undefined {
  const end = r.lengthDelimited();
  const outer = r.limit;
  r.limit = end;
  let traceId: string | undefined;
  let spanId: string | undefined;
  let traceState = '';
  const attributes: Attribute[] = [];
  let droppedAttributesCount = 0;
  let flags = 0;
  while (r.pos < end) {
    const tag = r.tag();
    if (tag === ((1 << 3) | WIRE_LENGTH_DELIMITED) || tag === ((2 << 3) | WIRE_LENGTH_DELIMITED)) {
      const idEnd = r.lengthDelimited();
      if (tag >>> 3 === 1) traceId = idHex(r.bytes, r.pos, idEnd, 16);
      else spanId = idHex(r.bytes, r.pos, idEnd, 8);
      r.pos = idEnd;
    } else if (tag === ((3 << 3) | WIRE_LENGTH_DELIMITED)) traceState = r.string();
    else if (tag === ((4 << 3) | WIRE_LENGTH_DELIMITED)) readAttributeField(r, attributes, undefined, 0);
    else if (tag === ((5 << 3) | WIRE_VARINT)) droppedAttributesCount = r.uint32();
    else if (tag === ((6 << 3) | WIRE_FIXED32)) flags = r.fixed32();
    else r.skip(tag & 7);
  }
  r.limit = outer;
  if (traceId === undefined || spanId === undefined) return undefined;
  return { traceId, spanId, traceState, attributes, droppedAttributesCount, flags };
}
