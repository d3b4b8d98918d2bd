import type { Trace } from '../model/trace';

/**
 * The tree of a trace as two typed arrays indexed like `trace.spans`, so analyses and
 * layouts walk it by index, without Maps from span to index and without recursion.
 *
 * - `parent[i]`: index of span i's parent, -1 for a root.
 * - `subtreeEnd[i]`: index just after span i's last descendant. Because `trace.spans`
 *   is in depth-first order, span i's subtree is exactly `i … subtreeEnd[i] - 1`, its
 *   first child (if any) is `i + 1`, and its next sibling is `subtreeEnd[i]`.
 */
export interface TreeIndex {
  readonly parent: Int32Array;
  readonly subtreeEnd: Int32Array;
}

/**
 * One O(n) pass over the depth-first order with an explicit stack of open spans and
 * how many children each still expects. It checks that each span really is the next
 * child of the open span (cheap, and a Trace that is not depth-first would otherwise
 * give silently wrong analyses).
 */
export function treeIndex(trace: Trace): TreeIndex {
  // One per trace object: the critical path, clock skew and the page's analyses all ask
  // for it as a trace opens (15-20 ms each at 100,000 spans). A trace's tree does not
  // change once built, and the arrays are only read.
  let found = cache.get(trace);
  if (!found) {
    found = buildTreeIndex(trace);
    cache.set(trace, found);
  }
  return found;
}

const cache = new WeakMap<Trace, TreeIndex>();

/**
 * For traceFromColumns: the worker already put the spans in depth-first order and found
 * each one's parent, so the index is the columns' parents plus each subtree's end, one
 * backward pass over typed arrays (a descendant always follows its ancestor).
 */
export function rememberTreeIndex(trace: Trace, parent: Int32Array): void {
  cache.set(trace, { parent, subtreeEnd: subtreeEndsOf(parent) });
}

/** Each subtree's end from the parents of spans in depth-first order (a descendant always follows its ancestor). */
export function subtreeEndsOf(parent: Int32Array): Int32Array {
  const n = parent.length;
  const subtreeEnd = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if ((subtreeEnd[i] as number) < i + 1) subtreeEnd[i] = i + 1;
    const p = parent[i] as number;
    if (p >= 0 && (subtreeEnd[i] as number) > (subtreeEnd[p] as number)) subtreeEnd[p] = subtreeEnd[i] as number;
  }
  return subtreeEnd;
}

function buildTreeIndex(trace: Trace): TreeIndex {
  const spans = trace.spans;
  const n = spans.length;
  const parent = new Int32Array(n);
  const subtreeEnd = new Int32Array(n);
  const open = new Int32Array(n); // stack of span indexes whose subtree is not closed yet
  const childrenLeft = new Int32Array(n); // indexed like open
  let top = -1;
  for (let i = 0; i < n; i++) {
    while (top >= 0 && childrenLeft[top] === 0) subtreeEnd[open[top--] as number] = i;
    const span = spans[i];
    if (span === undefined) throw new RangeError(`trace.spans[${i}] is missing`);
    if (top < 0) {
      parent[i] = -1;
    } else {
      const p = open[top] as number;
      const siblings = (spans[p] as (typeof spans)[number]).children;
      const left = childrenLeft[top] as number;
      if (siblings[siblings.length - left] !== span) {
        throw new RangeError(`trace.spans is not in depth-first order at ${i} (span ${span.spanId})`);
      }
      parent[i] = p;
      childrenLeft[top] = left - 1;
    }
    open[++top] = i;
    childrenLeft[top] = span.children.length;
  }
  for (; top >= 0; top--) {
    if (childrenLeft[top] !== 0) throw new RangeError(`trace.spans lacks children of span ${String(open[top])}`);
    subtreeEnd[open[top] as number] = n;
  }
  return { parent, subtreeEnd };
}
