import { describe, expect, it } from 'vitest';
import type { Span } from '../model/span';
import { treeIndex } from './tree-index';
import { traceOf } from './__fixtures__/make-trace';

describe('treeIndex', () => {
  //  0 a ─ 1 b ─ 2 c
  //      └ 3 d
  //  4 e (orphan root)
  const trace = traceOf([
    { id: 'a', start: 0, end: 10 },
    { id: 'b', parent: 'a', start: 1, end: 5 },
    { id: 'c', parent: 'b', start: 2, end: 3 },
    { id: 'd', parent: 'a', start: 6, end: 9 },
    { id: 'e', parent: 'zz', start: 3, end: 4 },
  ]);

  it('gives parents and subtree ends indexed like trace.spans', () => {
    const { parent, subtreeEnd } = treeIndex(trace);
    expect([...parent]).toEqual([-1, 0, 1, 0, -1]);
    expect([...subtreeEnd]).toEqual([4, 3, 3, 4, 5]);
  });

  it('refuses spans that are not in depth-first order', () => {
    const [a, b, c, d, e] = trace.spans as [Span, Span, Span, Span, Span];
    expect(() => treeIndex({ ...trace, spans: [a, d, b, c, e] })).toThrow(/depth-first/);
    expect(() => treeIndex({ ...trace, spans: [a, b, c] })).toThrow(RangeError);
  });
});
