import { describe, expect, it } from 'vitest';
import type { Trace } from '../model/trace';
import { hiddenDescendantCount, subtreeEnds, visibleRows } from './waterfall-rows';
import { deepChain, id, name, traceOf } from '../trace/__fixtures__/make-trace';

//  0 a
//  1 ├─ b
//  2 │  ├─ c
//  3 │  │  └─ d
//  4 │  └─ e
//  5 └─ f
//  6    └─ g
//  7 x            (second root)
const trace = traceOf([
  { id: 'a', start: 0, end: 100 },
  { id: 'b', parent: 'a', start: 10, end: 50 },
  { id: 'c', parent: 'b', start: 12, end: 30 },
  { id: 'd', parent: 'c', start: 14, end: 20 },
  { id: 'e', parent: 'b', start: 32, end: 40 },
  { id: 'f', parent: 'a', start: 60, end: 90 },
  { id: 'g', parent: 'f', start: 61, end: 70 },
  { id: 'x', start: 5, end: 200, kind: 'internal' },
]);
const rows = (t: Trace, collapsed: string[], ends?: Int32Array): string[] =>
  [...visibleRows(t, new Set(collapsed.map(id)), ends)].map((i) => name(t.spans[i]?.spanId ?? ''));

describe('subtreeEnds', () => {
  it('gives the index after each span\'s last descendant', () => {
    expect(trace.spans.map((s) => name(s.spanId))).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'x']);
    expect([...subtreeEnds(trace)]).toEqual([7, 5, 4, 4, 5, 7, 7, 8]);
  });
});

describe('visibleRows', () => {
  it('lists every span in depth-first order when nothing is collapsed', () => {
    expect(rows(trace, [])).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'x']);
  });

  it('hides a collapsed span\'s descendants but not the span', () => {
    expect(rows(trace, ['b'])).toEqual(['a', 'b', 'f', 'g', 'x']);
    expect(rows(trace, ['c', 'f'])).toEqual(['a', 'b', 'c', 'e', 'f', 'x']);
    expect(rows(trace, ['a'])).toEqual(['a', 'x']);
  });

  it('collapsing inside a collapsed subtree changes nothing until the outer one opens', () => {
    const ends = subtreeEnds(trace);
    expect(rows(trace, ['b', 'c'], ends)).toEqual(rows(trace, ['b'], ends));
    expect(rows(trace, ['c'], ends)).toEqual(['a', 'b', 'c', 'e', 'f', 'g', 'x']);
  });

  it('ignores ids of leaves and of spans not in the trace', () => {
    expect(rows(trace, ['d', 'nope'])).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'x']);
  });

  it('jumps a 100,000-deep chain in one step, and walks it uncollapsed', () => {
    const chain = deepChain(100_000);
    const ends = subtreeEnds(chain);
    expect([...visibleRows(chain, new Set([id('s0')]), ends)]).toEqual([0]);
    expect([...visibleRows(chain, new Set([id('s2')]), ends)]).toEqual([0, 1, 2]);
    expect(visibleRows(chain, new Set(), ends)).toHaveLength(100_000);
    expect(hiddenDescendantCount(ends, 0)).toBe(99_999);
  });
});

describe('hiddenDescendantCount', () => {
  it('counts all descendants, not just children', () => {
    const ends = subtreeEnds(trace);
    expect([0, 1, 2, 3, 5, 7].map((i) => hiddenDescendantCount(ends, i))).toEqual([6, 3, 1, 0, 1, 0]);
    expect(() => hiddenDescendantCount(ends, 8)).toThrow(RangeError);
  });
});
