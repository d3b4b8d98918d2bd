import { describe, expect, it } from 'vitest';
import { clampWindow, readTraceUrl, traceHref, writeTraceUrl } from './trace-url';

const read = (query: string) => readTraceUrl(new URLSearchParams(query));

describe('readTraceUrl', () => {
  it('reads every field', () => {
    expect(read('span=00F067AA0BA902B7&window=0.25-0.5&find=payment&matches=1&critical=1&times=raw').state).toEqual({
      span: '00f067aa0ba902b7',
      window: { from: 0.25, to: 0.5 },
      find: 'payment',
      matchesOnly: true,
      criticalOnly: true,
      rawTimes: true,
    });
  });
  it('has defaults for an empty query', () => {
    expect(read('').state).toEqual({ find: '', matchesOnly: false, criticalOnly: false, rawTimes: false });
  });
  it.each([
    ['span=xyz', 'span "xyz"'],
    ['window=0.5-0.2', 'window "0.5-0.2"'],
    ['window=0-2', 'window "0-2"'],
    ['window=-1-0.5', 'window "-1-0.5"'],
    ['window=0.1-0.1', 'window "0.1-0.1"'],
    ['window=abc', 'window "abc"'],
    ['critical=yes', 'critical "yes"'],
  ])('drops %s and keeps the rest', (query, problem) => {
    const { state, dropped } = read(`${query}&find=db`);
    expect(dropped).toEqual([problem]);
    expect(state.find).toBe('db');
  });
});

describe('writeTraceUrl', () => {
  it('changes only the given fields and keeps other parameters in place', () => {
    const next = writeTraceUrl(new URLSearchParams('source=demo&span=00f067aa0ba902b7&find=x'), { span: '1111111111111111', find: '' });
    expect(next.toString()).toBe('source=demo&span=1111111111111111');
  });
  it('writes a window compactly and drops the whole-trace window', () => {
    expect(writeTraceUrl(new URLSearchParams(), { window: { from: 0.1, to: 1 / 3 } }).toString()).toBe('window=0.1-0.3333333');
    expect(writeTraceUrl(new URLSearchParams('window=0.1-0.2'), { window: { from: 0, to: 1 } }).toString()).toBe('');
  });
  it('round-trips the toggles', () => {
    const next = writeTraceUrl(new URLSearchParams(), { matchesOnly: true, criticalOnly: true, rawTimes: true });
    expect(read(next.toString()).state).toMatchObject({ matchesOnly: true, criticalOnly: true, rawTimes: true });
    expect(writeTraceUrl(next, { matchesOnly: false, criticalOnly: false, rawTimes: false }).toString()).toBe('');
  });
});

describe('clampWindow', () => {
  it('orders, clamps, and returns undefined for the whole trace', () => {
    expect(clampWindow(0.6, 0.2)).toEqual({ from: 0.2, to: 0.6 });
    expect(clampWindow(-0.5, 1.5)).toBeUndefined();
    expect(clampWindow(0.3, 0.3)?.to).toBeGreaterThan(0.3);
  });
});

describe('traceHref', () => {
  it('keeps the data source and names the span', () => {
    expect(traceHref(new URLSearchParams('source=tempo&find=x'), 'abc', '0000000000000001')).toBe('/trace/abc?source=tempo&span=0000000000000001');
    expect(traceHref(new URLSearchParams(''), 'abc')).toBe('/trace/abc');
  });
});
