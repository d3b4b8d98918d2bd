import { DecodeError } from './decode-error';

/**
 * A minimal protobuf wire reader over a Uint8Array: just what the OTLP decoders need,
 * without generated code or a library (a 100,000-span Tempo answer is ~25 MB; a
 * general-purpose reader that builds one object per message is what we avoid).
 * Every read checks its bounds: malformed input throws DecodeError naming the byte
 * offset and what was being read, never reads past `limit`.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

const TWO_32 = 4294967296;

/** One decoder for every string: creating a TextDecoder per call costs more than the decode. */
const utf8 = new TextDecoder('utf-8');


export function wireError(what: string, byteOffset: number): DecodeError {
  return new DecodeError(`protobuf: ${what} at byte ${byteOffset}`, { byteOffset });
}

export class ProtoReader {
  readonly bytes: Uint8Array;
  /** the next byte to read */
  pos: number;
  /** reads never go past this: the end of the bytes, or of the enclosing message */
  limit: number;
  /** high and low 32 bits (unsigned) of the last varint64() or fixed64() */
  hi = 0;
  lo = 0;
  private view: DataView | undefined;

  constructor(bytes: Uint8Array, pos = 0, limit = bytes.length) {
    this.bytes = bytes;
    this.pos = pos;
    this.limit = limit;
  }

  /** A field's tag: field number << 3 | wire type. Field 0 and wire types 6 and 7 are malformed. */
  tag(): number {
    const at = this.pos;
    const tag = this.varint32('field tag');
    const wireType = tag & 7;
    if (wireType > 5) throw wireError(`wire type ${wireType} (field ${tag >>> 3}) is not a protobuf wire type`, at);
    if (tag >>> 3 === 0) throw wireError('field number 0 is not valid', at);
    return tag;
  }

  /** A varint as uint32 (its low 32 bits): tags, lengths, counts, enums. */
  uint32(): number {
    return this.varint32('varint');
  }

  private varint32(what: string): number {
    const bytes = this.bytes;
    const pos = this.pos;
    // fast path: one or two bytes (field tags, small lengths and counts)
    if (pos + 1 < this.limit) {
      const b0 = bytes[pos] as number;
      if (b0 < 0x80) {
        this.pos = pos + 1;
        this.hi = 0;
        return b0;
      }
      const b1 = bytes[pos + 1] as number;
      if (b1 < 0x80) {
        this.pos = pos + 2;
        this.hi = 0;
        return (b0 & 0x7f) | (b1 << 7);
      }
    }
    this.readVarint(what);
    return this.lo;
  }

  /** A varint of up to 64 bits into `hi` and `lo`. */
  varint64(): void {
    this.readVarint('varint');
  }

  private readVarint(what: string): void {
    const bytes = this.bytes;
    const start = this.pos;
    const limit = this.limit;
    let pos = start;
    let lo = 0;
    let hi: number;
    let b: number;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= limit) throw wireError(`truncated ${what}`, start);
      b = bytes[pos++] as number;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        this.lo = lo >>> 0;
        this.hi = 0;
        return;
      }
    }
    if (pos >= limit) throw wireError(`truncated ${what}`, start);
    b = bytes[pos++] as number;
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >>> 4;
    if (b >= 0x80) {
      for (let shift = 3; ; shift += 7) {
        if (shift > 31) throw wireError(`${what} longer than 10 bytes`, start);
        if (pos >= limit) throw wireError(`truncated ${what}`, start);
        b = bytes[pos++] as number;
        hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
    }
    this.pos = pos;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /** A uint64 varint as an exact bigint. */
  uint64(): bigint {
    this.readVarint('varint');
    return this.hi === 0 ? BigInt(this.lo) : (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  /** A uint64 varint as a number: exact up to 2^53, rounded above. */
  uint64Number(): number {
    this.readVarint('varint');
    return this.hi * TWO_32 + this.lo;
  }

  /** An int64 varint (two's complement) as an exact decimal string: how the model keeps 64-bit ints. */
  int64Text(): string {
    this.readVarint('varint');
    const hi = this.hi;
    if (hi < 0x200000) return String(hi * TWO_32 + this.lo); // 0 … 2^53-1: exact as a number
    return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(this.lo)).toString();
  }

  fixed32(): number {
    const pos = this.pos;
    if (pos + 4 > this.limit) throw wireError(`truncated fixed32 (needs 4 bytes, ${this.limit - pos} left)`, pos);
    const b = this.bytes;
    this.pos = pos + 4;
    return ((b[pos] as number) | ((b[pos + 1] as number) << 8) | ((b[pos + 2] as number) << 16) | ((b[pos + 3] as number) << 24)) >>> 0;
  }

  /** A fixed64 into `hi` and `lo`: nanosecond timestamps stay exact without a bigint per read. */
  fixed64(): void {
    const pos = this.pos;
    if (pos + 8 > this.limit) throw wireError(`truncated fixed64 (needs 8 bytes, ${this.limit - pos} left)`, pos);
    const b = this.bytes;
    this.lo = ((b[pos] as number) | ((b[pos + 1] as number) << 8) | ((b[pos + 2] as number) << 16) | ((b[pos + 3] as number) << 24)) >>> 0;
    this.hi = ((b[pos + 4] as number) | ((b[pos + 5] as number) << 8) | ((b[pos + 6] as number) << 16) | ((b[pos + 7] as number) << 24)) >>> 0;
    this.pos = pos + 8;
  }

  fixed64BigInt(): bigint {
    this.fixed64();
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  double(): number {
    const pos = this.pos;
    if (pos + 8 > this.limit) throw wireError(`truncated double (needs 8 bytes, ${this.limit - pos} left)`, pos);
    this.view ??= new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    this.pos = pos + 8;
    return this.view.getFloat64(pos, true);
  }

  /**
   * The length prefix of a length-delimited field: returns the end of its content
   * (pos is then at the content's start). Throws when the content runs past `limit`.
   */
  lengthDelimited(): number {
    const at = this.pos;
    const length = this.varint32('length');
    if (this.hi !== 0 || length < 0) throw wireError('length above 2^32', at);
    const end = this.pos + length;
    if (end > this.limit) throw wireError(`length ${length} runs past the end (byte ${this.limit})`, at);
    return end;
  }

  /** A length-delimited field as UTF-8 text (invalid sequences become U+FFFD, as in protobufjs). */
  string(): string {
    const end = this.lengthDelimited();
    const start = this.pos;
    this.pos = end;
    return utf8Text(this.bytes, start, end);
  }

  /** Skips one field's value of any wire type (groups too, by counting, not recursing). */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.readVarint('varint');
        return;
      case WIRE_FIXED64:
        if (this.pos + 8 > this.limit) throw wireError('truncated fixed64', this.pos);
        this.pos += 8;
        return;
      case WIRE_LENGTH_DELIMITED:
        this.pos = this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        if (this.pos + 4 > this.limit) throw wireError('truncated fixed32', this.pos);
        this.pos += 4;
        return;
      case WIRE_START_GROUP: {
        const start = this.pos;
        let depth = 1;
        while (depth > 0) {
          if (this.pos >= this.limit) throw wireError('group without its end', start);
          const tag = this.tag();
          const inner = tag & 7;
          if (inner === WIRE_START_GROUP) depth++;
          else if (inner === WIRE_END_GROUP) depth--;
          else this.skip(inner);
        }
        return;
      }
      case WIRE_END_GROUP:
        throw wireError('group end without its start', this.pos);
      default:
        throw wireError(`wire type ${wireType} is not a protobuf wire type`, this.pos);
    }
  }
}

/**
 * bytes[start, end) as UTF-8 text. No ASCII fast path: measured in Node 20 on 200,000
 * short span names, String.fromCharCode after an ASCII check took 19 ms against
 * TextDecoder's 10 ms.
 */
export function utf8Text(bytes: Uint8Array, start: number, end: number): string {
  return start === end ? '' : utf8.decode(bytes.subarray(start, end));
}
