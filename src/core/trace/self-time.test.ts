import { describe, expect, it } from 'vitest';
import { selfTimeNs } from './self-time';
import { name, traceOf, wideTrace } from './__fixtures__/make-trace';
import type { Trace } from '../model/trace';

const selfByName = (trace: Trace): Record<string, number> => {
  const self = selfTimeNs(trace);
  return Object.fromEntries(trace.spans.map((s, i) => [name(s.spanId), self[i] ?? NaN]));
};

describe('selfTimeNs', () => {
  it('is the whole duration without children', () => {
    expect(selfByName(traceOf([{ id: 'a', start: 5, end: 25 }]))).toEqual({ a: 20 });
  });

  //  p [0 ................................... 100]
  //    a  [10 ....... 40]
  //    b       [20 ........ 50]                       a ∪ b = [10, 50]: 40
  //    c                          [60 .. 70]          10
  //    d                              [65 . 68]       inside c: adds nothing
  it('subtracts the union of overlapping children once', () => {
    const trace = traceOf([
      { id: 'p', start: 0, end: 100 },
      { id: 'a', parent: 'p', start: 10, end: 40 },
      { id: 'b', parent: 'p', start: 20, end: 50 },
      { id: 'c', parent: 'p', start: 60, end: 70 },
      { id: 'd', parent: 'p', start: 65, end: 68 },
    ]);
    expect(selfByName(trace)).toEqual({ p: 50, a: 30, b: 30, c: 10, d: 3 });
  });

  //  p        [100 .......... 200]
  //    early [50 ..... 130]               counts 100-130: 30
  //    late                [180 ....... 260]   counts 180-200: 20
  //    before [10 . 40]                   wholly outside: 0
  //    after                           [300 . 320]  wholly outside: 0
  it('clamps children to the span and ignores children wholly outside it', () => {
    const trace = traceOf([
      { id: 'p', start: 100, end: 200 },
      { id: 'early', parent: 'p', start: 50, end: 130 },
      { id: 'late', parent: 'p', start: 180, end: 260 },
      { id: 'before', parent: 'p', start: 10, end: 40 },
      { id: 'after', parent: 'p', start: 300, end: 320 },
    ]);
    expect(selfByName(trace)).toMatchObject({ p: 50, early: 80, late: 80 });
  });

  it('is 0 for a span its children cover entirely, and only direct children count', () => {
    const trace = traceOf([
      { id: 'p', start: 0, end: 10 },
      { id: 'c', parent: 'p', start: 0, end: 10 },
      { id: 'g', parent: 'c', start: 2, end: 4 },
    ]);
    expect(selfByName(trace)).toEqual({ p: 0, c: 8, g: 2 });
  });

  it('is indexed like trace.spans', () => {
    const trace = wideTrace(3); // r [0, 7], children at [1,2] [3,4] [5,6]
    expect([...selfTimeNs(trace)]).toEqual([4, 1, 1, 1]);
  });
});
