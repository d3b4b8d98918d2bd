import { describe, expect, it } from 'vitest';
import { criticalPath } from '../trace/critical-path';
import { treeIndex } from '../trace/tree-index';
import { deepChain, name, traceOf } from '../trace/__fixtures__/make-trace';
import { ancestorIds, collapseAll, collapseBelowDepth, collapseFasterThan, criticalSpanMask, indexMask, rowsKeeping } from './row-filters';

/*
 * time  0         10        20        30        40
 *   r   [=======================================]
 *   a     [=========]                              (a: 2–12)
 *   a1     [==]                                    (a1: 3–5, 2 ns)
 *   b                [=====================]       (b: 15–38)
 *   b1                 [==========]                (b1: 17–30, overlapped by b2: off the path)
 *   b2                         [==========]        (b2: 25–36)
 */
const trace = traceOf([
  { id: 'r', start: 0, end: 40 },
  { id: 'a', parent: 'r', start: 2, end: 12 },
  { id: 'a1', parent: 'a', start: 3, end: 5 },
  { id: 'b', parent: 'r', start: 15, end: 38 },
  { id: 'b1', parent: 'b', start: 17, end: 30 },
  { id: 'b2', parent: 'b', start: 25, end: 36 },
]);
const { parent, subtreeEnd } = treeIndex(trace);
const names = (rows: Int32Array): string[] => Array.from(rows, (i) => name(trace.spans[i]?.spanId ?? ''));
const ids = (set: Set<string>): string[] => [...set].map(name);
const maskOf = (...spanNames: string[]) => indexMask(trace.spans.length, spanNames.map((n) => trace.spans.findIndex((s) => name(s.spanId) === n)));

describe('rowsKeeping', () => {
  it('shows kept spans with their ancestors, in tree order', () => {
    expect(names(rowsKeeping(trace, maskOf('b2', 'a1'), new Set(), parent, subtreeEnd))).toEqual(['r', 'a', 'a1', 'b', 'b2']);
  });
  it('still honours collapsed spans', () => {
    expect(names(rowsKeeping(trace, maskOf('b2', 'a1'), new Set([trace.spans[3]?.spanId ?? '']), parent, subtreeEnd))).toEqual(['r', 'a', 'a1', 'b']);
  });
  it('shows nothing when nothing is kept', () => {
    expect(names(rowsKeeping(trace, maskOf(), new Set(), parent, subtreeEnd))).toEqual([]);
  });
  it('keeps the spans that own critical-path time (b1 ends after b2 starts, so b1 is off the path)', () => {
    const keep = criticalSpanMask(trace, criticalPath(trace).segments);
    expect(names(rowsKeeping(trace, keep, new Set(), parent, subtreeEnd))).toEqual(['r', 'a', 'a1', 'b', 'b2']);
  });
});

describe('bulk collapse', () => {
  it('collapse all lists every span with children', () => {
    expect(ids(collapseAll(trace))).toEqual(['r', 'a', 'b']);
  });
  it('collapse to depth N keeps N levels open', () => {
    expect(ids(collapseBelowDepth(trace, 1))).toEqual(['r']);
    expect(ids(collapseBelowDepth(trace, 2))).toEqual(['a', 'b']);
    expect(ids(collapseBelowDepth(trace, 3))).toEqual([]);
  });
  it('collapses subtrees faster than a threshold, outermost only', () => {
    expect(ids(collapseFasterThan(trace, 11, subtreeEnd))).toEqual(['a']);
    expect(ids(collapseFasterThan(trace, 100, subtreeEnd))).toEqual(['r']);
    expect(ids(collapseFasterThan(trace, 1, subtreeEnd))).toEqual([]);
  });
  it('works by index without recursion on a 100,000-deep chain', () => {
    const chain = deepChain(100_000);
    const index = treeIndex(chain);
    expect(collapseFasterThan(chain, 5, index.subtreeEnd).size).toBe(1);
    expect(ancestorIds(chain, index.parent, 99_999)).toHaveLength(99_999);
  });
});

describe('ancestorIds', () => {
  it('names the ancestors, nearest first', () => {
    expect(ancestorIds(trace, parent, 5).map(name)).toEqual(['b', 'r']);
    expect(ancestorIds(trace, parent, 0)).toEqual([]);
  });
});
