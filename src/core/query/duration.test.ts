import { describe, expect, it } from 'vitest';
import { formatDurationNs, parseDuration, toGoDuration } from './duration';
import { parseGoDuration } from './go-duration';

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
    ['2 sekonds', 'unknown unit " sekonds"'],
    ['10', 'missing unit'],
    ['ms', 'not a number with a unit'],
    ['1.5x', 'unknown unit "x"'],
  ])('rejects %s, saying why', (text, why) => {
    expect(parseDuration(text)).toEqual({
      ok: false,
      error: `"${text}" is not a duration (${why}): write a number with a unit (ns, us, ms, s, m, h), e.g. 250ms, 1.5s, 2m`,
    });
  });

  it('rejects a negative duration, which Go would accept', () => {
    expect(parseDuration('-1s')).toEqual({ ok: false, error: '"-1s" is negative: a duration cannot be' });
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

describe('parseGoDuration (Go\'s time.ParseDuration, as Tempo answers)', () => {
  it.each([
    ['100ms', 100e6],
    ['1.5s', 1.5e9],
    ['2m', 120e9],
    ['1h30m', 5400e9],
    ['250us', 250e3],
    ['-1.5s', -1.5e9],
    ['+2s', 2e9],
    ['0', 0],
  ])('parses %s', (text, ns) => {
    expect(parseGoDuration(text)).toEqual({ ok: true, ns });
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['abc', 'time: invalid duration "abc"'],
    ['5', 'time: missing unit in duration "5"'],
    ['5d', 'time: unknown unit "d" in duration "5d"'],
  ])('rejects %j with Go\'s words', (text, error) => {
    expect(parseGoDuration(text)).toEqual({ ok: false, error });
  });
});
