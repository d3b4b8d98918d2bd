import type { Attribute, AttributeValue } from '../model/attributes';
import type { OtlpAnyValue, OtlpKeyValue } from './otlp-json-types';
import { boundWarnings } from './problems';
import { asArray, isLossyJsonInteger, isObject, readDouble, readInt64Text } from './wire-values';

/**
 * AnyValue nests (arrays of kvlists of arrays…). Real attributes nest a few levels;
 * past this depth we stop, so hostile input cannot overflow the stack (here, in
 * the views that draw the value, or in anything that walks it).
 */
export const MAX_VALUE_DEPTH = 64;

/** Filled in while decoding: lets the caller warn, with the place it knows, when a value was cut. */
export interface ValueNotes {
  tooDeep: boolean;
  /** an intValue was a JSON number beyond ±2^53 (rounded by JSON.parse) */
  lossyInt?: boolean;
}

/** The warning for a value cut at MAX_VALUE_DEPTH. */
export const TOO_DEEP_WARNING = `an attribute value is nested deeper than ${MAX_VALUE_DEPTH} levels; the deeper levels were dropped`;

export function decodeAttributes(raw: unknown, notes?: ValueNotes, depth = 0): Attribute[] {
  const out: Attribute[] = [];
  for (const kv of asArray(raw)) {
    if (!isObject(kv) || typeof kv.key !== 'string') continue;
    out.push({ key: kv.key, value: decodeAnyValue(kv.value, notes, depth) });
  }
  return out;
}

/** One AnyValue; an object with no known key is the empty value, as the spec says. */
export function decodeAnyValue(raw: unknown, notes?: ValueNotes, depth = 0): AttributeValue {
  if (!isObject(raw)) return { type: 'empty' };
  const s = raw.stringValue ?? raw.string_value;
  if (typeof s === 'string') return { type: 'string', value: s };
  const b = raw.boolValue ?? raw.bool_value;
  if (typeof b === 'boolean') return { type: 'bool', value: b };
  const i = raw.intValue ?? raw.int_value;
  if (i !== undefined) {
    const text = readInt64Text(i);
    if (notes && isLossyJsonInteger(i)) notes.lossyInt = true;
    // keep what a producer wrote even when it is not an integer: no data lost
    return text !== undefined ? { type: 'int', value: text } : { type: 'string', value: String(i) };
  }
  const d = raw.doubleValue ?? raw.double_value;
  if (d !== undefined) {
    const n = readDouble(d);
    return n !== undefined ? { type: 'double', value: n } : { type: 'string', value: String(d) };
  }
  const bytes = raw.bytesValue ?? raw.bytes_value;
  if (typeof bytes === 'string') return { type: 'bytes', value: bytes };
  const arr = raw.arrayValue ?? raw.array_value;
  const kvlist = raw.kvlistValue ?? raw.kvlist_value;
  if (depth >= MAX_VALUE_DEPTH && (isObject(arr) || isObject(kvlist))) {
    if (notes) notes.tooDeep = true;
    return { type: 'empty' };
  }
  if (isObject(arr)) return { type: 'array', value: asArray(arr.values).map((v) => decodeAnyValue(v, notes, depth + 1)) };
  if (isObject(kvlist)) return { type: 'kvlist', value: decodeAttributes(kvlist.values, notes, depth + 1) };
  return { type: 'empty' };
}

export function encodeAttributes(attributes: readonly Attribute[]): OtlpKeyValue[] {
  return attributes.map((a) => ({ key: a.key, value: encodeAnyValue(a.value) }));
}

export function encodeAnyValue(value: AttributeValue): OtlpAnyValue {
  switch (value.type) {
    case 'string':
      return { stringValue: value.value };
    case 'bool':
      return { boolValue: value.value };
    case 'int':
      return { intValue: value.value };
    case 'double':
      // proto3 JSON spells the non-finite doubles as strings
      return { doubleValue: Number.isFinite(value.value) ? value.value : String(value.value) };
    case 'bytes':
      return { bytesValue: value.value };
    case 'array':
      return { arrayValue: { values: value.value.map(encodeAnyValue) } };
    case 'kvlist':
      return { kvlistValue: { values: encodeAttributes(value.value) } };
    case 'empty':
      return {};
  }
}

export const UNKNOWN_SERVICE = 'unknown_service';

/** Where Jaeger (v2, OTLP inside) keeps a span's warnings: a string array attribute. */
export const JAEGER_WARNINGS_KEY = '@jaeger@warnings';

/**
 * Span attributes split into the attributes shown as such and the warnings Jaeger
 * keeps in `@jaeger@warnings` (one string or an array of them).
 */
export function splitJaegerWarnings(attributes: Attribute[]): { attributes: Attribute[]; warnings: readonly string[] | undefined } {
  // the common case, kept cheap: no such key, the same array back
  if (!attributes.some((a) => a.key === JAEGER_WARNINGS_KEY)) return { attributes, warnings: undefined };
  const texts: string[] = [];
  const rest: Attribute[] = [];
  for (const a of attributes) {
    if (a.key !== JAEGER_WARNINGS_KEY) rest.push(a);
    else if (a.value.type === 'string') texts.push(a.value.value);
    else if (a.value.type === 'array') for (const v of a.value.value) if (v.type === 'string') texts.push(v.value);
  }
  return { attributes: rest, warnings: texts.length === 0 ? undefined : boundWarnings(texts) };
}

/** The attribute that carries a span's warnings back to OTLP, as Jaeger writes it. */
export function jaegerWarningsAttribute(warnings: readonly string[]): Attribute {
  return { key: JAEGER_WARNINGS_KEY, value: { type: 'array', value: warnings.map((w) => ({ type: 'string', value: w })) } };
}

/** The resource's service.name when it is a non-empty string, else 'unknown_service'. */
export function serviceNameOf(resourceAttributes: readonly Attribute[]): string {
  for (const a of resourceAttributes) {
    if (a.key === 'service.name' && a.value.type === 'string' && a.value.value !== '') return a.value.value;
  }
  return UNKNOWN_SERVICE;
}
