import { describe, expect, it } from 'vitest';
import { DecodeError } from './decode-error';
import { ProtoReader, utf8Text, WIRE_FIXED32, WIRE_FIXED64, WIRE_LENGTH_DELIMITED, WIRE_START_GROUP, WIRE_VARINT } from './protobuf-reader';
import { proto } from './__fixtures__/encode-traces-proto';

const reader = (bytes: readonly number[]): ProtoReader => new ProtoReader(Uint8Array.from(bytes));

function fixed64Bytes(value: bigint): number[] {
  return proto.fixed64(1, value).slice(1);
}

describe('ProtoReader', () => {
  it('reads varints of every length, as uint32, uint64, number and signed decimal text', () => {
    for (const value of [0n, 1n, 127n, 128n, 300n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n + 1n, 2n ** 63n - 1n, 2n ** 64n - 1n]) {
      const bytes = proto.varint(value);
      expect(reader(bytes).uint64()).toBe(value);
      expect(reader(bytes).uint32()).toBe(Number(value & 0xffffffffn));
      if (value <= 2n ** 53n) expect(reader(bytes).uint64Number()).toBe(Number(value));
      expect(reader(bytes).int64Text()).toBe(BigInt.asIntN(64, value).toString());
    }
    expect(reader(proto.varint(-1n)).int64Text()).toBe('-1');
    expect(reader(proto.varint(-(2n ** 63n))).int64Text()).toBe('-9223372036854775808');
  });

  it('reads fixed64 exactly into two halves and as bigint, at 64-bit edges and nanosecond timestamps', () => {
    for (const value of [0n, 2n ** 53n - 1n, 2n ** 53n + 1n, 2n ** 63n - 1n, 1_700_000_000_123_456_789n, 2n ** 64n - 1n]) {
      const r = reader(fixed64Bytes(value));
      r.fixed64();
      expect((BigInt(r.hi) << 32n) | BigInt(r.lo)).toBe(value);
      expect(reader(fixed64Bytes(value)).fixed64BigInt()).toBe(value);
    }
  });

  it('reads fixed32, double, strings (ASCII and UTF-8) and tags', () => {
    expect(reader(proto.fixed32(1, 0xdeadbeef).slice(1)).fixed32()).toBe(0xdeadbeef);
    const doubleBytes = [...new Uint8Array(new Float64Array([-1.25e300]).buffer)];
    expect(reader(doubleBytes).double()).toBe(-1.25e300);
    const r = reader([...proto.string(5, 'GET /cart'), ...proto.string(6, 'žluťoučký kůň ✓'), ...proto.string(7, 'x'.repeat(200))]);
    expect(r.tag()).toBe((5 << 3) | WIRE_LENGTH_DELIMITED);
    expect(r.string()).toBe('GET /cart');
    expect(r.tag() >>> 3).toBe(6);
    expect(r.string()).toBe('žluťoučký kůň ✓');
    r.tag();
    expect(r.string()).toBe('x'.repeat(200));
    expect(r.pos).toBe(r.limit);
    expect(utf8Text(Uint8Array.from([0xff, 0x41]), 0, 2)).toBe('\ufffdA');
  });

  it('skips fields of every wire type, groups included', () => {
    const bytes = [
      ...proto.tag(1, WIRE_VARINT), ...proto.varint(2n ** 63n),
      ...proto.tag(2, WIRE_FIXED64), ...fixed64Bytes(5n),
      ...proto.bytes(3, [1, 2, 3]),
      ...proto.tag(4, WIRE_START_GROUP), ...proto.tag(1, WIRE_VARINT), 7, ...proto.tag(5, WIRE_START_GROUP), ...proto.tag(5, 4), ...proto.tag(4, 4),
      ...proto.tag(6, WIRE_FIXED32), 1, 2, 3, 4,
      ...proto.string(9, 'end'),
    ];
    const r = reader(bytes);
    for (let i = 0; i < 5; i++) r.skip(r.tag() & 7);
    expect(r.tag() >>> 3).toBe(9);
    expect(r.string()).toBe('end');
  });
});

describe('malformed input throws DecodeError naming the byte and what was read', () => {
  const cases: [string, number[], (r: ProtoReader) => unknown, RegExp, number][] = [
    ['a varint cut short', [0x08, 0x96], (r) => (r.tag(), r.uint64()), /truncated varint at byte 1/, 1],
    ['a varint longer than 10 bytes', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], (r) => r.uint64(), /varint longer than 10 bytes at byte 0/, 0],
    ['a length past the end', [...proto.tag(1, 2), 10, 1, 2], (r) => (r.tag(), r.string()), /length 10 runs past the end \(byte 4\) at byte 1/, 1],
    ['a fixed64 cut short', [...proto.tag(7, 1), 1, 2, 3], (r) => (r.tag(), r.fixed64()), /truncated fixed64 \(needs 8 bytes, 3 left\) at byte 1/, 1],
    ['a fixed32 cut short', [1, 2], (r) => r.fixed32(), /truncated fixed32 .* at byte 0/, 0],
    ['a double cut short', [1, 2], (r) => r.double(), /truncated double .* at byte 0/, 0],
    ['wire type 6', [0x0e], (r) => r.tag(), /wire type 6 \(field 1\) is not a protobuf wire type at byte 0/, 0],
    ['wire type 7 after a field', [0x08, 0x01, 0x0f], (r) => (r.skip(r.tag() & 7), r.tag()), /wire type 7 \(field 1\) is not a protobuf wire type at byte 2/, 2],
    ['field number 0', [0x00], (r) => r.tag(), /field number 0 is not valid at byte 0/, 0],
    ['a group without its end', [...proto.tag(4, WIRE_START_GROUP), 0x08, 0x01], (r) => r.skip(r.tag() & 7), /group without its end at byte 1/, 1],
    ['a group end without its start', [...proto.tag(4, 4)], (r) => r.skip(r.tag() & 7), /group end without its start/, 1],
  ];
  for (const [name, bytes, read, message, offset] of cases) {
    it(name, () => {
      let error: unknown;
      try {
        read(reader(bytes));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DecodeError);
      expect((error as DecodeError).message).toMatch(message);
      expect((error as DecodeError).byteOffset).toBe(offset);
    });
  }

  it('never reads past its limit, even when the bytes go on', () => {
    const r = new ProtoReader(Uint8Array.from([0x96, 0x01, 0x08]), 0, 1);
    expect(() => r.uint32()).toThrow(/truncated varint at byte 0/);
  });
});
