import { describe, expect, it } from 'vitest';
import { base64ToHex, hexToBase64, normaliseSpanId, normaliseTraceId, shortTraceId } from './ids';

describe('normaliseTraceId', () => {
  it.each([
    ['lower-case hex stays', '5b8efff798038103d269b633813fc60c', '5b8efff798038103d269b633813fc60c'],
    ['upper-case hex is lowered', '5B8EFFF798038103D269B633813FC60C', '5b8efff798038103d269b633813fc60c'],
    ['16-char (64-bit) id is left-padded', 'a03ee8fff1dcd9b9', '0000000000000000a03ee8fff1dcd9b9'],
    ['31-char id (old Jaeger dropped a leading zero) is padded', 'df84e36b9e2ee3815d07f0867a5be1f', '0df84e36b9e2ee3815d07f0867a5be1f'],
    ['Tempo base64', 'W47/95gDgQPSabYzgT/HAA==', '5b8efff798038103d269b633813fc700'],
    ['base64 without padding and URL-safe', 'W47_95gDgQPSabYzgT_HAA', '5b8efff798038103d269b633813fc700'],
    ['surrounding spaces are ignored', '  abc  ', '00000000000000000000000000000abc'],
    ['empty', '', undefined],
    ['all zeros', '00000000000000000000000000000000', undefined],
    ['all-zero base64', 'AAAAAAAAAAAAAAAAAAAAAA==', undefined],
    ['33 hex chars is too long', '15b8efff798038103d269b633813fc60c', undefined],
    ['base64 of 17 bytes is too long', 'AW47/95gDgQPSabYzgT/HAA=', undefined],
    ['neither hex nor base64', 'not an id!', undefined],
    ['0x prefix is not an id', '0x5b8e', undefined],
  ])('%s', (_, raw, expected) => {
    expect(normaliseTraceId(raw)).toBe(expected);
  });
});

describe('normaliseSpanId', () => {
  it.each([
    ['upper-case hex', 'EEE19B7EC3C1B174', 'eee19b7ec3c1b174'],
    ['15 chars padded', 'a68c6983a6d81a2', '0a68c6983a6d81a2'],
    ['Tempo base64 (12 chars with =)', '7uGbfsPBsQA=', 'eee19b7ec3c1b100'],
    ['all zeros', '0000000000000000', undefined],
    ['17 hex chars', '0eee19b7ec3c1b1740', undefined],
    ['a trace-sized base64 id', 'W47/95gDgQPSabYzgT/HAA==', undefined],
  ])('%s', (_, raw, expected) => {
    expect(normaliseSpanId(raw)).toBe(expected);
  });
});

describe('hexToBase64 / base64ToHex', () => {
  it.each([
    ['5b8efff798038103d269b633813fc700', 'W47/95gDgQPSabYzgT/HAA=='],
    ['eee19b7ec3c1b100', '7uGbfsPBsQA='],
    ['00', 'AA=='],
    ['0000', 'AAA='],
    ['000000', 'AAAA'],
    ['', ''],
  ])('%s ⇄ %s', (hex, base64) => {
    expect(hexToBase64(hex)).toBe(base64);
    expect(base64ToHex(base64)).toBe(hex);
  });

  it('agrees with btoa on every byte value', () => {
    const bytes = Array.from({ length: 256 }, (_, i) => i);
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    expect(hexToBase64(hex)).toBe(btoa(String.fromCharCode(...bytes)));
    expect(base64ToHex(hexToBase64(hex))).toBe(hex);
  });

  it('rejects what is not base64 / not even-length hex', () => {
    expect(base64ToHex('a*b=')).toBeUndefined();
    expect(base64ToHex('abcde')).toBeUndefined();
    expect(() => hexToBase64('abc')).toThrow(RangeError);
    expect(() => hexToBase64('zz')).toThrow(RangeError);
  });
});

describe('shortTraceId', () => {
  it.each([
    // 128-bit ids: their first digits, leading zeros and all (what every other tool prints first)
    ['4bf92f3577b34da6a3ce929d0e0e4736', '4bf92f3'],
    ['0af7651916cd43dd8448eb211c80319c', '0af7651'],
    // 64-bit Jaeger / Zipkin ids padded to 32: the low half, as Jaeger UI and Zipkin show them
    ['00000000000000006b221d5bc9e6496c', '6b221d5'],
    ['0000000000000000a7d3b1c2e4f50617', 'a7d3b1c'],
    // a low half that itself starts with zeros keeps them while the digits show something
    ['00000000000000000a7d3b1c2e4f5061', '0a7d3b1'],
    // tiny ids (hand-written test data): the significant digits
    ['00000000000000000000000000000abc', 'abc'],
    ['000000000000000000000000000f0001', 'f0001'],
    // upper case and ids that are not 32 long are cut as they are
    ['00000000000000006B221D5BC9E6496C', '6b221d5'],
    ['6b221d5bc9e6496c', '6b221d5'],
  ])('%s → %s', (id, short) => {
    expect(shortTraceId(id)).toBe(short);
  });

  it('tells apart 64-bit ids that a cut of the padded form made all "0000000"', () => {
    const ids = ['00000000000000006b221d5bc9e6496c', '0000000000000000a7d3b1c2e4f50617', '000000000000000013579bdf02468ace'];
    expect(ids.map((id) => id.slice(0, 7))).toEqual(['0000000', '0000000', '0000000']);
    expect(new Set(ids.map((id) => shortTraceId(id))).size).toBe(3);
  });

  it('takes another length', () => {
    expect(shortTraceId('00000000000000006b221d5bc9e6496c', 12)).toBe('6b221d5bc9e6');
  });
});
