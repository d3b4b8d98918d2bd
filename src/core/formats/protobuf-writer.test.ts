import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { ProtoWriter, varintSize } from './protobuf-writer';

/** Reads back with protobufjs's own reader: one field, its tag checked. */
function readField<T>(bytes: Uint8Array, field: number, wireType: number, read: (reader: protobuf.Reader) => T): T {
  const reader = protobuf.Reader.create(bytes);
  const tag = reader.uint32();
  expect([tag >>> 3, tag & 7]).toEqual([field, wireType]);
  const value = read(reader);
  expect(reader.pos).toBe(bytes.length);
  return value;
}

const written = (write: (w: ProtoWriter) => void, initialBytes?: number): Uint8Array => {
  const w = new ProtoWriter(initialBytes);
  write(w);
  return w.finish();
};

describe('ProtoWriter', () => {
  it.each([0, 1, 127, 128, 16_383, 16_384, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1])('writes the uint varint %d', (value) => {
    const bytes = written((w) => w.uint(3, value));
    expect(readField(bytes, 3, 0, (r) => r.uint64().toString())).toBe(String(value));
    expect(bytes.length).toBe(1 + varintSize(value));
  });

  it('refuses what a uint varint cannot hold exactly', () => {
    expect(() => written((w) => w.uint(1, -1))).toThrow(RangeError);
    expect(() => written((w) => w.uint(1, 2 ** 53))).toThrow(RangeError);
    expect(() => written((w) => w.uint(1, 1.5))).toThrow(RangeError);
  });

  it.each(['0', '1', '-1', '127', '-128', '4294967296', '-4294967296', '-4294967295', '999999999999999', '-999999999999999', '1000000000000000', '-1000000000000000', '9223372036854775807', '-9223372036854775808'])(
    'writes the int64 %s from its decimal text, negatives as ten-byte two\'s complement',
    (text) => {
      const bytes = written((w) => w.int64Decimal(2, text));
      expect(readField(bytes, 2, 0, (r) => r.int64().toString())).toBe(text);
      if (text.startsWith('-')) expect(bytes.length).toBe(11);
      expect(bytes).toEqual(written((w) => w.int64(2, BigInt(text))));
    },
  );

  it('refuses int64 and uint64 outside their range rather than wrap', () => {
    expect(() => written((w) => w.int64(1, 1n << 63n))).toThrow(RangeError);
    expect(() => written((w) => w.int64Decimal(1, '-9223372036854775809'))).toThrow(RangeError);
    expect(() => written((w) => w.uint64(1, -1n))).toThrow(RangeError);
    expect(() => written((w) => w.fixed64(1, 1n << 64n))).toThrow(RangeError);
  });

  it('writes uint64 varints, fixed64, fixed32, doubles and bools', () => {
    expect(readField(written((w) => w.uint64(1, 18446744073709551615n)), 1, 0, (r) => r.uint64().toString())).toBe('18446744073709551615');
    expect(readField(written((w) => w.fixed64(7, 1544712660123456789n)), 7, 1, (r) => r.fixed64().toString())).toBe('1544712660123456789');
    expect(readField(written((w) => w.fixed64(7, 18446744073709551615n)), 7, 1, (r) => r.fixed64().toString())).toBe('18446744073709551615');
    expect(written((w) => w.fixed64Halves(7, 0x89abcdef, 0x01234567))).toEqual(written((w) => w.fixed64(7, 0x0123456789abcdefn)));
    expect(readField(written((w) => w.fixed32(16, 0xffffffff)), 16, 5, (r) => r.fixed32())).toBe(0xffffffff);
    for (const d of [0, -0, 1.5, -1e308, 5e-324, NaN, Infinity, -Infinity]) {
      expect(Object.is(readField(written((w) => w.double(4, d)), 4, 1, (r) => r.double()), d)).toBe(true);
    }
    expect(readField(written((w) => w.bool(2, false)), 2, 0, (r) => r.bool())).toBe(false);
    expect(readField(written((w) => w.bool(2, true)), 2, 0, (r) => r.bool())).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['ascii at the one-byte length limit', 'a'.repeat(42)],
    ['ascii past it', 'a'.repeat(200)],
    ['two-byte chars', 'é'.repeat(30)],
    // 60 units reserve a two-byte length (180) but need one (120): the body moves back
    ['two-byte chars whose reserved length shrinks', 'é'.repeat(60)],
    ['three-byte chars', '日本語'.repeat(100)],
    ['surrogate pairs', '𝄞🔑'.repeat(20)],
    ['long surrogate pairs', '𝄞'.repeat(5000)],
    ['lone surrogates', 'a\ud800b\udc00c\ud83d'],
    ['long lone surrogates', '\ud800x'.repeat(100)],
    ['NUL', 'a\u0000b'],
  ])('writes %s as UTF-8 exactly as TextEncoder does', (_name, text) => {
    const bytes = written((w) => w.string(5, text));
    const utf8 = new TextEncoder().encode(text);
    expect(readField(bytes, 5, 2, (r) => r.bytes())).toEqual(utf8);
  });

  it('writes bytes and hex ids as raw bytes, and refuses text that is not hex', () => {
    expect(readField(written((w) => w.bytes(7, new Uint8Array([0, 1, 255]))), 7, 2, (r) => [...r.bytes()])).toEqual([0, 1, 255]);
    expect(readField(written((w) => w.hexBytes(1, '5B8efff798038103d269b633813fc60c')), 1, 2, (r) => Buffer.from(r.bytes()).toString('hex'))).toBe('5b8efff798038103d269b633813fc60c');
    expect(() => written((w) => w.hexBytes(1, '000000000000000r'))).toThrow(RangeError);
    expect(() => written((w) => w.hexBytes(1, 'abc'))).toThrow(RangeError);
  });

  it('writes nested messages of every length, whatever length was reserved, while the buffer grows', () => {
    const sizes = [0, 1, 127, 128, 300, 16_383, 16_384, 70_000];
    for (const reserved of [1, 2, 3]) {
      // a 16-byte start: every message below makes the buffer grow while it is open
      const bytes = written((w) => {
        w.beginMessage(1, reserved);
        for (const size of sizes) {
          w.beginMessage(2, reserved);
          w.raw(new Uint8Array(size).fill(size % 251));
          w.endMessage();
        }
        w.uint(4, 42);
        w.endMessage();
      }, 16);
      const outer = readField(bytes, 1, 2, (r) => r.bytes());
      const reader = protobuf.Reader.create(outer);
      for (const size of sizes) {
        expect(reader.uint32()).toBe((2 << 3) | 2);
        const inner = reader.bytes();
        expect(inner.length).toBe(size);
        expect(inner.every((b) => b === size % 251)).toBe(true);
      }
      expect(reader.uint32()).toBe((4 << 3) | 0);
      expect(reader.uint32()).toBe(42);
      expect(reader.pos).toBe(outer.length);
    }
  });

  it('writes a repeated id right after the bytes around it moved', () => {
    const id = '5b8efff798038103d269b633813fc60c';
    const bytes = written((w) => {
      w.hexBytes(1, id);
      w.beginMessage(2);
      w.hexBytes(1, id);
      w.raw(new Uint8Array(200)); // the length needs two bytes: the body, id included, moves
      w.endMessage();
      w.hexBytes(1, id);
      w.hexBytes(1, 'eee19b7ec3c1b174');
      w.hexBytes(1, id);
    }, 16);
    const reader = protobuf.Reader.create(bytes);
    const ids: string[] = [];
    while (reader.pos < bytes.length) {
      const field = reader.uint32() >>> 3;
      const value = reader.bytes();
      ids.push(field === 1 ? Buffer.from(value).toString('hex') : Buffer.from(value.subarray(2, 18)).toString('hex'));
    }
    expect(ids).toEqual([id, id, id, 'eee19b7ec3c1b174', id]);
  });

  it('closes a message that ends exactly where the buffer does', () => {
    // 16 bytes: 8 before, tag and length at 8–9, a body of 6 filling the buffer
    const bytes = written((w) => {
      w.raw(new Uint8Array(8).fill(7));
      w.beginMessage(1);
      w.raw(new Uint8Array(6).fill(9));
      w.endMessage();
    }, 16);
    expect([...bytes]).toEqual([7, 7, 7, 7, 7, 7, 7, 7, (1 << 3) | 2, 6, 9, 9, 9, 9, 9, 9]);
  });

  it('appends already-encoded fields as they are', () => {
    const inner = written((w) => w.string(1, 'x'));
    expect(written((w) => w.raw(inner))).toEqual(inner);
  });

  it('refuses to finish with a message open, and to close one never opened', () => {
    expect(() => written((w) => w.beginMessage(1))).toThrow(/still open/);
    expect(() => written((w) => w.endMessage())).toThrow(/without beginMessage/);
  });
});
