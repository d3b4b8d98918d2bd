import { describe, expect, it } from 'vitest';
import { formatDurationNs, parseDuration, toGoDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250e6],
    ['1.5s', 1.5e9],
    ['2m', 120e9],
    ['1h30m', 5400e9],
    ['100us', 100e3],
    ['100µs', 100e3],
    ['42ns', 42],
    ['.5s', 0.5e9],
    [' 3s ', 3e9],
    ['0', 0],
  ])('%s is %d ns', (text, ns) => {
    expect(parseDuration(text)).toEqual({ ok: true, ns });
  });

  it.each([
    ['2 sekonds', 'at "2 sekonds"'],
    ['1s 2x', 'at " 2x"'],
    ['10', 'at "10"'],
    ['ms', 'at "ms"'],
    ['1.5x', 'at "1.5x"'],
    ['-1s', 'at "-1s"'],
  ])('rejects %s, saying where', (text, where) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain(`"${text.trim()}" is not a duration`);
      expect(result.error).toContain(where);
    }
  });

  it('rejects an empty string', () => {
    expect(parseDuration('  ')).toEqual({ ok: false, error: 'empty duration' });
  });
});

describe('toGoDuration', () => {
  it.each([
    [0, '0s'],
    [2e9, '2s'],
    [250e6, '250ms'],
    [1500e6, '1500ms'],
    [7e3, '7us'],
    [1234, '1234ns'],
  ])('%d ns is %s, which parses back', (ns, text) => {
    expect(toGoDuration(ns)).toBe(text);
    expect(parseDuration(text)).toEqual({ ok: true, ns });
  });
});

describe('formatDurationNs', () => {
  it.each([
    [512, '512ns'],
    [950_000, '950µs'],
    [12_345_678, '12.3ms'],
    [1_250_000_000, '1.25s'],
    [2_000_000, '2ms'],
    [125e9, '2m 5s'],
    [2 * 3600e9 + 60e9, '2h 1m'],
    [-3e6, '-3ms'],
  ])('%d ns reads %s', (ns, text) => {
    expect(formatDurationNs(ns)).toBe(text);
  });
});
