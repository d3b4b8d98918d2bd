import type { SpanKind, StatusCode } from '../model/span';

/**
 * Field readers for untrusted JSON: each returns a typed value or a safe default,
 * never throws. Wire formats bend every rule (reference/backend-apis.md §0).
 */

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asArray(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

/** o[camel], or o[snake] (the collector accepts snake_case keys, so some producers send them). */
export function field(o: JsonObject, camel: string, snake?: string): unknown {
  const v = o[camel];
  return v === undefined && snake !== undefined ? o[snake] : v;
}

export function readString(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** uint32/int32 fields (counts, flags): numbers, or decimal strings from lenient producers. */
export function readSmallInt(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,10}$/.test(v)) return Number(v);
  return 0;
}

const UINT64_MAX = (1n << 64n) - 1n;

export type Uint64Reading =
  | { readonly ok: true; readonly value: bigint; /** a JSON number above 2^53: already rounded by JSON.parse */ readonly lossy: boolean }
  | { readonly ok: false; readonly reason: string };

/**
 * A uint64 (nanosecond timestamps): decimal string (the OTLP/JSON rule) or JSON number.
 * Exact for strings; numbers above 2^53 were rounded by JSON.parse before we see them.
 */
export function readUint64(v: unknown): Uint64Reading {
  if (typeof v === 'string') {
    if (!/^\d{1,20}$/.test(v)) return { ok: false, reason: `not a non-negative integer: ${JSON.stringify(v.slice(0, 40))}` };
    const value = BigInt(v);
    if (value > UINT64_MAX) return { ok: false, reason: `larger than 64 bits: ${v}` };
    return { ok: true, value, lossy: false };
  }
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) return { ok: false, reason: `not a non-negative integer: ${v}` };
    return { ok: true, value: BigInt(v), lossy: !Number.isSafeInteger(v) };
  }
  return { ok: false, reason: `expected a decimal string, found ${describeValue(v)}` };
}

/** int64 attribute values as an exact decimal string, or undefined. */
export function readInt64Text(v: unknown): string | undefined {
  if (typeof v === 'string' && /^[+-]?\d{1,20}$/.test(v.trim())) return BigInt(v.trim()).toString();
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v).toString();
  return undefined;
}

/** An integer JSON number beyond ±2^53: JSON.parse rounded it before any decoder saw it. */
export function isLossyJsonInteger(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v);
}

/**
 * JSON text of an untrusted value, for values a format says are strings but a
 * producer sent as something else. JSON.stringify recurses natively and a
 * 100,000-deep array overflows the stack, so nesting past `maxDepth` is written
 * as "…" instead.
 */
export function boundedJsonText(v: unknown, maxDepth = 64): string {
  const write = (value: unknown, depth: number): string => {
    if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
    if (depth >= maxDepth) return '"…"';
    if (Array.isArray(value)) return `[${value.map((item) => write(item, depth + 1)).join(',')}]`;
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${write(item, depth + 1)}`);
    return `{${entries.join(',')}}`;
  };
  return write(v, 0);
}

/** doubles: numbers, or the proto3 JSON strings "NaN", "Infinity", "-Infinity" (and numeric strings). */
export function readDouble(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    const n = Number(v);
    if (v.trim() !== '' && !Number.isNaN(n)) return n;
  }
  return undefined;
}

export const SPAN_KINDS: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
export const STATUS_CODES: readonly StatusCode[] = ['unset', 'ok', 'error'];

/** OTLP kind as an integer (the spec) or a name (Tempo: "SPAN_KIND_SERVER"). */
export function readSpanKind(v: unknown): SpanKind {
  return readEnum(v, SPAN_KINDS, 'SPAN_KIND_') ?? 'unspecified';
}

/** OTLP status code as an integer (the spec) or a name (Tempo: "STATUS_CODE_ERROR"). */
export function readStatusCode(v: unknown): StatusCode {
  return readEnum(v, STATUS_CODES, 'STATUS_CODE_') ?? 'unset';
}

function readEnum<T extends string>(v: unknown, names: readonly T[], prefix: string): T | undefined {
  if (typeof v === 'number') return names[v];
  if (typeof v === 'string') {
    if (/^\d+$/.test(v)) return names[Number(v)];
    const bare = v.toUpperCase().startsWith(prefix) ? v.slice(prefix.length) : v;
    return names.find((n) => n === bare.toLowerCase());
  }
  return undefined;
}

/** "an object with keys a, b", "an array of 3 items", "a number": for messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) {
    if (v.length === 0) return 'an empty array';
    const first = Array.isArray(v[0]) ? 'an array' : describeValue(v[0]);
    return `an array of ${v.length} ${v.length === 1 ? 'item' : 'items'} (the first is ${first})`;
  }
  if (isObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 0) return 'an empty object';
    const shown = keys.slice(0, 6).join(', ');
    return `an object with ${keys.length === 1 ? 'key' : 'keys'} ${shown}${keys.length > 6 ? ', …' : ''}`;
  }
  if (typeof v === 'string') return `a string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `a ${typeof v} ${String(v)}`;
}
