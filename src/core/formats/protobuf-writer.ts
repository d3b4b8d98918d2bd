/**
 * A protobuf wire-format writer (proto3, no reflection): each method writes one
 * field, tag first. Everything goes into one Uint8Array that doubles when full, so
 * a 100,000-span trace is written without a garbage object per field.
 *
 * Sub-messages are written in place: `beginMessage` reserves the length prefix,
 * `endMessage` fills it in and, when the length needs more bytes than were
 * reserved, shifts the body (once per message; a span of ~300 bytes moves by one
 * byte) — cheaper than computing every size in a first pass.
 */
export class ProtoWriter {
  private buf: Uint8Array<ArrayBuffer>;
  private view: DataView;
  private pos = 0;
  /** per open message: where its length prefix starts, and how many bytes it reserved */
  private readonly open: number[] = [];
  /** the last hex written by hexBytes, and where its bytes are (endMessage may move them) */
  private lastHex = '';
  private lastHexAt = 0;

  constructor(initialBytes = 1 << 16) {
    this.buf = new Uint8Array(Math.max(16, initialBytes));
    this.view = new DataView(this.buf.buffer);
  }

  /** bytes written so far */
  get length(): number {
    return this.pos;
  }

  /** uint32, enums and other non-negative integers up to 2^53 as a varint. */
  uint(field: number, value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a non-negative integer: ${value}`);
    this.key(field, VARINT);
    this.varint(value);
  }

  bool(field: number, value: boolean): void {
    this.key(field, VARINT);
    this.ensure(1);
    this.buf[this.pos++] = value ? 1 : 0;
  }

  /** int64 as a varint: negative values as their 64-bit two's complement (ten bytes). */
  int64(field: number, value: bigint): void {
    if (value < INT64_MIN || value > INT64_MAX) throw new RangeError(`outside int64: ${value}`);
    this.key(field, VARINT);
    const bits = BigInt.asUintN(64, value);
    this.varint64(Number(bits & LOW_32), Number(bits >> 32n));
  }

  /**
   * int64 from an exact decimal string ("-42"), the form attribute values keep.
   * Up to 15 digits it stays in double arithmetic: the common case, and BigInt
   * parsing is several times slower.
   */
  int64Decimal(field: number, text: string): void {
    if (text.length > 15 || !/^-?\d+$/.test(text)) {
      this.int64(field, BigInt(text));
      return;
    }
    const value = Number(text);
    this.key(field, VARINT);
    if (value >= 0) {
      this.varint(value);
      return;
    }
    // two's complement of |value| < 10^15 over 64 bits, in two 32-bit halves
    const magnitude = -value;
    let lo = ~(magnitude % TWO_32) >>> 0;
    let hi = ~Math.floor(magnitude / TWO_32) >>> 0;
    lo += 1;
    if (lo > 0xffffffff) {
      lo = 0;
      hi = (hi + 1) >>> 0;
    }
    this.varint64(lo, hi);
  }

  /** uint64 from a bigint as a varint. */
  uint64(field: number, value: bigint): void {
    if (value < 0n || value > UINT64_MAX) throw new RangeError(`outside uint64: ${value}`);
    this.key(field, VARINT);
    this.varint64(Number(value & LOW_32), Number(value >> 32n));
  }

  fixed32(field: number, value: number): void {
    this.key(field, FIXED32);
    this.ensure(4);
    this.view.setUint32(this.pos, value >>> 0, true);
    this.pos += 4;
  }

  /** fixed64 (OTLP timestamps) from a bigint in [0, 2^64). */
  fixed64(field: number, value: bigint): void {
    if (value < 0n || value > UINT64_MAX) throw new RangeError(`outside uint64: ${value}`);
    this.fixed64Halves(field, Number(value & LOW_32), Number(value >> 32n));
  }

  /** fixed64 from its low and high 32 bits, for callers that keep time in two numbers. */
  fixed64Halves(field: number, lo: number, hi: number): void {
    this.key(field, FIXED64);
    this.ensure(8);
    this.view.setUint32(this.pos, lo >>> 0, true);
    this.view.setUint32(this.pos + 4, hi >>> 0, true);
    this.pos += 8;
  }

  double(field: number, value: number): void {
    this.key(field, FIXED64);
    this.ensure(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  /** A string as UTF-8; lone surrogates become U+FFFD, as TextEncoder writes them. */
  string(field: number, value: string): void {
    this.key(field, LENGTH_DELIMITED);
    const units = value.length;
    // each UTF-16 unit is at most 3 UTF-8 bytes (a surrogate pair: 4 for 2)
    const maxBytes = 3 * units;
    if (maxBytes < 128) {
      // short strings (names, keys, most values): one length byte, no TextEncoder call
      this.ensure(1 + maxBytes);
      const start = this.pos++;
      this.utf8(value);
      this.buf[start] = this.pos - start - 1;
      return;
    }
    const reserved = varintSize(maxBytes);
    this.ensure(reserved + maxBytes);
    const bodyStart = this.pos + reserved;
    const { written } = TEXT_ENCODER.encodeInto(value, this.buf.subarray(bodyStart, bodyStart + maxBytes));
    const needed = varintSize(written);
    if (needed < reserved) this.buf.copyWithin(this.pos + needed, bodyStart, bodyStart + written);
    this.putVarint(written);
    this.pos += written;
  }

  bytes(field: number, value: Uint8Array): void {
    this.key(field, LENGTH_DELIMITED);
    this.varint(value.length);
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  /**
   * Bytes spelled as hex (trace and span ids), written without an intermediate array.
   * Ids were a fifth of the time of writing 100,000 spans: one table lookup per byte,
   * and the last id written is copied rather than parsed again (every span repeats
   * its trace id).
   */
  hexBytes(field: number, hex: string): void {
    if (hex.length % 2 !== 0) throw new RangeError(`not an even-length hex string: "${hex}"`);
    const count = hex.length / 2;
    this.key(field, LENGTH_DELIMITED);
    this.varint(count);
    this.ensure(count);
    if (hex === this.lastHex) {
      this.buf.copyWithin(this.pos, this.lastHexAt, this.lastHexAt + count);
      this.lastHexAt = this.pos;
      this.pos += count;
      return;
    }
    const start = this.pos;
    for (let i = 0; i < count; i++) {
      const high = hex.charCodeAt(2 * i);
      const low = hex.charCodeAt(2 * i + 1);
      const byte = (high | low) < 128 ? (HEX_PAIR[(high << 7) | low] as number) : -1;
      if (byte < 0) throw new RangeError(`not a hex string: "${hex}"`);
      this.buf[this.pos++] = byte;
    }
    this.lastHex = hex;
    this.lastHexAt = start;
  }

  /** Starts a sub-message (or any length-delimited field written piece by piece); close it with endMessage. */
  beginMessage(field: number, expectedLengthBytes = 1): void {
    this.key(field, LENGTH_DELIMITED);
    this.ensure(expectedLengthBytes);
    this.open.push(this.pos, expectedLengthBytes);
    this.pos += expectedLengthBytes;
  }

  endMessage(): void {
    const reserved = this.open.pop();
    const start = this.open.pop();
    if (start === undefined || reserved === undefined) throw new Error('endMessage without beginMessage');
    const bodyStart = start + reserved;
    const length = this.pos - bodyStart;
    const needed = varintSize(length);
    if (needed !== reserved) {
      this.ensure(needed - reserved);
      this.buf.copyWithin(start + needed, bodyStart, this.pos);
      this.lastHex = '';
    }
    this.pos = start;
    this.putVarint(length);
    this.pos += length;
  }

  /** Already-encoded fields, appended as they are. */
  raw(encoded: Uint8Array): void {
    this.ensure(encoded.length);
    this.buf.set(encoded, this.pos);
    this.pos += encoded.length;
  }

  /**
   * What was written. A view of the buffer when it is nearly full (copying 25 MB
   * costs more than the few spare bytes it frees), else a copy exactly as long.
   */
  finish(): Uint8Array<ArrayBuffer> {
    if (this.open.length > 0) throw new Error('finish with a message still open');
    return this.pos >= this.buf.length * 0.875 ? this.buf.subarray(0, this.pos) : this.buf.slice(0, this.pos);
  }

  private key(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  /** A non-negative integer below 2^53. */
  private varint(value: number): void {
    this.ensure(8);
    this.putVarint(value);
  }

  /** varint without growing the buffer: for prefixes whose room is already there (growing would drop what lies past pos). */
  private putVarint(value: number): void {
    let v = value;
    while (v > 0x7fffffff) {
      this.buf[this.pos++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    while (v > 127) {
      this.buf[this.pos++] = (v & 127) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
  }

  /** A 64-bit varint from its two unsigned 32-bit halves. */
  private varint64(lo: number, hi: number): void {
    this.ensure(10);
    let low = lo;
    let high = hi;
    while (high !== 0) {
      this.buf[this.pos++] = (low & 127) | 0x80;
      low = ((low >>> 7) | (high << 25)) >>> 0;
      high >>>= 7;
    }
    while (low > 127) {
      this.buf[this.pos++] = (low & 127) | 0x80;
      low >>>= 7;
    }
    this.buf[this.pos++] = low;
  }

  /** Writes UTF-8 at pos; the caller ensured 3 bytes per UTF-16 unit. */
  private utf8(value: string): void {
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < value.length; i++) {
      let c = value.charCodeAt(i);
      if (c < 0x80) {
        buf[pos++] = c;
        continue;
      }
      if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 63);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = value.charCodeAt(i + 1);
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const codePoint = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          buf[pos++] = 0xf0 | (codePoint >> 18);
          buf[pos++] = 0x80 | ((codePoint >> 12) & 63);
          buf[pos++] = 0x80 | ((codePoint >> 6) & 63);
          buf[pos++] = 0x80 | (codePoint & 63);
          i++;
          continue;
        }
        c = 0xfffd;
      }
      buf[pos++] = 0xe0 | (c >> 12);
      buf[pos++] = 0x80 | ((c >> 6) & 63);
      buf[pos++] = 0x80 | (c & 63);
    }
    this.pos = pos;
  }

  private ensure(extra: number): void {
    const needed = this.pos + extra;
    if (needed <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(needed, this.buf.length * 2));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
    this.view = new DataView(grown.buffer);
  }
}

/** Bytes a varint of this non-negative integer takes. */
export function varintSize(value: number): number {
  let size = 1;
  for (let v = value; v >= 128; v = Math.floor(v / 128)) size++;
  return size;
}

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

const TWO_32 = 2 ** 32;
const LOW_32 = 0xffffffffn;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

const TEXT_ENCODER = new TextEncoder();

/** (char code << 7 | char code) of two hex digits → the byte they spell; -1 for any other pair */
const HEX_PAIR: Int16Array = (() => {
  const digit = new Int8Array(128).fill(-1);
  for (let d = 0; d < 10; d++) digit[48 + d] = d;
  for (let d = 0; d < 6; d++) {
    digit[65 + d] = 10 + d;
    digit[97 + d] = 10 + d;
  }
  const table = new Int16Array(128 * 128).fill(-1);
  for (let high = 0; high < 128; high++) {
    for (let low = 0; low < 128; low++) {
      const h = digit[high] as number;
      const l = digit[low] as number;
      if (h >= 0 && l >= 0) table[(high << 7) | low] = (h << 4) | l;
    }
  }
  return table;
})();
