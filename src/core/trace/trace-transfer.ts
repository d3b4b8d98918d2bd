import type { Span } from '../model/span';
import { spanWithId, type Trace } from '../model/trace';

/**
 * A built trace crossing a worker boundary. Structured clone walks object graphs
 * recursively, and `children` nests spans as deep as the tree: a 100,000-deep chain
 * overflows the serializer's stack. So the tree goes over flat: `detachChildren`
 * empties every children list before postMessage, `reattachChildren` rebuilds them
 * on the other side from the parent ids, in O(n). The span order (depth first,
 * children by start) is what buildTrace made, so pushing in that order gives back
 * each children list in its sorted order.
 */

/** Empties every span's children list, in place (call it on a trace being handed off). */
export function detachChildren(trace: Trace): Trace {
  for (const span of trace.spans) span.children = [];
  return trace;
}

/** Rebuilds the children lists detachChildren emptied, in place. */
export function reattachChildren(trace: Trace): Trace {
  for (const span of trace.spans) {
    if (span.children.length > 0) return trace; // still attached: nothing to do
  }
  for (const span of trace.spans) {
    if (span.orphan || span.parentSpanId === undefined) continue;
    const parent: Span | undefined = spanWithId(trace, span.parentSpanId);
    if (parent) parent.children.push(span);
  }
  return trace;
}
