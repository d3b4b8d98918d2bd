import type { Attribute, AttributeValue } from '../model/attributes';

/**
 * A log body as Loki stores it: the line is pdata's `Body.AsString()`
 * (loki-and-traceql.md A3) — strings as they are, maps and arrays as JSON text
 * (Go's encoding/json, so map keys come out sorted), scalars as their text.
 */
export function logLineOf(body: AttributeValue): string {
  switch (body.type) {
    case 'string':
    case 'int':
    case 'bytes':
      return body.value;
    case 'bool':
      return String(body.value);
    case 'double':
      return String(body.value);
    case 'empty':
      return '';
    case 'array':
    case 'kvlist':
      return jsonOf(body);
  }
}

function jsonOf(value: AttributeValue): string {
  switch (value.type) {
    case 'string':
    case 'bytes': // encoding/json writes []byte as base64, which is what the model holds
      return JSON.stringify(value.value);
    case 'int':
      return value.value; // exact: the model keeps int64 as decimal text
    case 'bool':
      return String(value.value);
    case 'double':
      // JSON has no NaN or infinities; pdata refuses to marshal them, a text is kinder
      return Number.isFinite(value.value) ? String(value.value) : JSON.stringify(String(value.value));
    case 'empty':
      return 'null';
    case 'array':
      return `[${value.value.map(jsonOf).join(',')}]`;
    case 'kvlist': {
      const sorted = [...value.value].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return `{${sorted.map((a) => `${JSON.stringify(a.key)}:${jsonOf(a.value)}`).join(',')}}`;
    }
  }
}

/** A number as the document wrote it, so 64-bit integers survive parsing. */
class JsonNumber {
  constructor(
    readonly value: number,
    readonly source: string | undefined,
  ) {}
}

/** Nesting past this is not a log body anyone reads; stop rather than recurse without bound. */
const MAX_DEPTH = 64;

/**
 * The body a line stands for: a JSON object becomes a kvlist (the shape OTLP
 * structured bodies had before Loki flattened them to text); anything else,
 * including JSON arrays and scalars, stays the line as a string.
 */
export function bodyOfLine(line: string): AttributeValue {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return { type: 'string', value: line };
  let parsed: unknown;
  try {
    // The reviver's third argument (the number's source text) exists in current
    // browsers, not in Node 20: where it is missing, integers beyond 2^53 round.
    parsed = JSON.parse(trimmed, (_key: string, value: unknown, context?: { source?: string }) =>
      typeof value === 'number' ? new JsonNumber(value, context?.source) : value,
    ) as unknown;
  } catch {
    return { type: 'string', value: line };
  }
  return valueOfJson(parsed, 0);
}

function valueOfJson(value: unknown, depth: number): AttributeValue {
  if (value instanceof JsonNumber) return numberValue(value);
  if (typeof value === 'string') return { type: 'string', value };
  if (typeof value === 'boolean') return { type: 'bool', value };
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return { type: 'empty' };
  if (Array.isArray(value)) return { type: 'array', value: value.map((v: unknown) => valueOfJson(v, depth + 1)) };
  const attributes: Attribute[] = Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: valueOfJson(v, depth + 1) }));
  return { type: 'kvlist', value: attributes };
}

function numberValue(n: JsonNumber): AttributeValue {
  if (n.source !== undefined) {
    return /^-?\d+$/.test(n.source) ? { type: 'int', value: n.source.replace(/^(-?)0+(?=\d)/, '$1') } : { type: 'double', value: n.value };
  }
  return Number.isInteger(n.value) && Math.abs(n.value) < 2 ** 63 ? { type: 'int', value: BigInt(n.value).toString() } : { type: 'double', value: n.value };
}
