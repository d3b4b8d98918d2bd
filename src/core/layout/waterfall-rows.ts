import type { Trace } from '../model/trace';
import { treeIndex } from '../trace/tree-index';

/**
 * Index just after each span's last descendant, indexed like `trace.spans`. Since
 * `trace.spans` is depth-first, span i's descendants are exactly i+1 … subtreeEnd[i]-1,
 * so collapsing a span hides one contiguous range. Compute once per trace (O(n)).
 */
export function subtreeEnds(trace: Trace): Int32Array {
  return treeIndex(trace).subtreeEnd;
}

/**
 * The waterfall's rows: indexes into `trace.spans` (depth-first, children by start),
 * leaving out the descendants of collapsed spans. A collapsed span's subtree is
 * jumped over in one step, so the cost is O(visible rows), not O(n): collapsing the
 * root of a 1,000,000-span trace gives one row at once.
 * A collapsed span inside a hidden subtree has no effect of its own.
 */
export function visibleRows(trace: Trace, collapsed: ReadonlySet<string>, subtreeEnd: Int32Array = subtreeEnds(trace)): Int32Array {
  const spans = trace.spans;
  if (collapsed.size === 0) {
    const all = new Int32Array(spans.length);
    for (let i = 0; i < all.length; i++) all[i] = i;
    return all;
  }
  const rows: number[] = [];
  for (let i = 0; i < spans.length; ) {
    rows.push(i);
    const span = spans[i];
    i = span !== undefined && collapsed.has(span.spanId) ? (subtreeEnd[i] as number) : i + 1;
  }
  return Int32Array.from(rows);
}

/** How many spans collapsing span `index` hides (all its descendants). */
export function hiddenDescendantCount(subtreeEnd: Int32Array, index: number): number {
  const end = subtreeEnd[index];
  if (end === undefined) throw new RangeError(`no span at index ${index}`);
  return end - index - 1;
}
