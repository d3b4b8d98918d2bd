/** 32 lowercase hex characters. */
export type TraceId = string;
/** 16 lowercase hex characters. */
export type SpanId = string;

const TRACE_ID_HEX_CHARS = 32;
const SPAN_ID_HEX_CHARS = 16;

const HEX_RE = /^[0-9a-fA-F]+$/;
const BASE64_RE = /^[A-Za-z0-9+/\-_]+={0,2}$/;
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Trace id as lowercase hex, left-padded to 32 chars; undefined when it is empty,
 * all zeros, too long or neither hex nor base64.
 * Hex (either case) is what OTLP/JSON, Jaeger and Zipkin send; base64 is what
 * Tempo's trace-by-id JSON sends ("W47/95gDgQPSabYzgT/HAA==").
 */
export function normaliseTraceId(raw: string): TraceId | undefined {
  return normaliseId(raw, TRACE_ID_HEX_CHARS, [16, 8]);
}

/** Span id as lowercase hex, left-padded to 16 chars; same rules as normaliseTraceId. */
export function normaliseSpanId(raw: string): SpanId | undefined {
  return normaliseId(raw, SPAN_ID_HEX_CHARS, [8]);
}

/**
 * Hex vs base64: a string is hex only if every char is a hex digit. Padded base64
 * of 16 or 8 bytes ends in "=" so it is never all hex; unpadded base64 that happens
 * to use only hex letters is read as hex (there is no way to tell them apart).
 * Base64 must spell a whole id (16 or 8 bytes for a trace, 8 for a span): base64 of
 * odd lengths is more likely a typo ("0x5b8e") than an id.
 */
function normaliseId(raw: string, hexChars: number, base64Bytes: readonly number[]): string | undefined {
  // fast path, the shape every OTLP/JSON id has: already lowercase hex of full length
  // (100,000-span traces carry 300,000 ids; the regexes below were a visible share of decoding)
  if (raw.length === hexChars && isLowerHex(raw)) return isAllZeros(raw) ? undefined : raw;
  const text = raw.trim();
  if (text === '') return undefined;
  let hex: string | undefined;
  if (HEX_RE.test(text)) {
    hex = text.toLowerCase();
  } else if (BASE64_RE.test(text)) {
    const decoded = base64ToHex(text);
    if (decoded !== undefined && base64Bytes.includes(decoded.length / 2)) hex = decoded;
  }
  if (hex === undefined || hex.length > hexChars) return undefined;
  if (isAllZeros(hex)) return undefined;
  return hex.padStart(hexChars, '0');
}

function isLowerHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function isAllZeros(hex: string): boolean {
  for (let i = 0; i < hex.length; i++) if (hex.charCodeAt(i) !== 48) return false;
  return true;
}

/** Standard base64 (with padding) of the bytes an even-length hex string spells. */
export function hexToBase64(hex: string): string {
  if (hex.length % 2 !== 0 || (hex.length > 0 && !HEX_RE.test(hex))) {
    throw new RangeError(`not an even-length hex string: "${hex}"`);
  }
  let out = '';
  for (let i = 0; i < hex.length; i += 6) {
    const chunk = hex.slice(i, i + 6);
    const bytes = chunk.length / 2;
    const bits = parseInt(chunk.padEnd(6, '0'), 16);
    out += BASE64_ALPHABET.charAt((bits >>> 18) & 63);
    out += BASE64_ALPHABET.charAt((bits >>> 12) & 63);
    out += bytes > 1 ? BASE64_ALPHABET.charAt((bits >>> 6) & 63) : '=';
    out += bytes > 2 ? BASE64_ALPHABET.charAt(bits & 63) : '=';
  }
  return out;
}

/**
 * Lowercase hex of base64 bytes; accepts the URL-safe alphabet and missing padding.
 * undefined when the text is not base64.
 */
export function base64ToHex(base64: string): string | undefined {
  let length = base64.length;
  while (length > 0 && base64.charCodeAt(length - 1) === 61 /* = */) length--;
  if (length % 4 === 1) return undefined;
  let hex = '';
  let bits = 0;
  let bitCount = 0;
  for (let i = 0; i < length; i++) {
    const code = base64.charCodeAt(i);
    const sextet = code < 128 ? (SEXTET[code] as number) : -1;
    if (sextet < 0) return undefined;
    bits = ((bits << 6) | sextet) & 0xffff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      hex += BYTE_HEX[(bits >>> bitCount) & 0xff] as string;
    }
  }
  return hex;
}

/** char code → its 6 bits in standard or URL-safe base64, -1 for any other character */
const SEXTET: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < BASE64_ALPHABET.length; i++) table[BASE64_ALPHABET.charCodeAt(i)] = i;
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * A trace id short enough to scan in a list: the first `length` hex digits of its
 * significant part. Jaeger and Zipkin ids of 64 bits arrive padded to 32 hex digits
 * ("0000000000000000" then the id), whose first 7 digits are all zeros for every
 * trace; those show the low 64 bits, as Jaeger UI and Zipkin print them. A 128-bit
 * id keeps its first digits even when they start with zeros, so the short id is the
 * start of the id other tools show. A low half that starts with zeros (small test
 * ids) drops them, so two such ids still read differently.
 */
export function shortTraceId(traceId: TraceId, length = 7): string {
  const id = traceId.toLowerCase();
  if (id.length !== TRACE_ID_HEX_CHARS || !isAllZeros(id.slice(0, SPAN_ID_HEX_CHARS))) return id.slice(0, length);
  const low = id.slice(SPAN_ID_HEX_CHARS);
  const start = low.slice(0, length);
  if (!isAllZeros(start)) return start;
  const significant = low.replace(/^0+/, '');
  return significant === '' ? start : significant.slice(0, length);
}
