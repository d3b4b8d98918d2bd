import type { Trace } from '../model/trace';
import { spanTimes } from './span-times';
import { treeIndex } from './tree-index';

/**
 * Self time of each span, indexed like `trace.spans`: its duration minus the union of
 * its children's intervals, each clamped to the span (a child that overhangs its
 * parent, or lies wholly outside it, covers only what falls inside). Every child
 * counts, async consumers included: self time says when the span had nothing under
 * it, not whether it waited.
 *
 * Children are sorted by start (the depth-first order: a span's children are i + 1,
 * then each one's subtreeEnd), so the union is one sweep per span: O(n) overall, over
 * typed arrays rather than span objects.
 */
export function selfTimeNs(trace: Trace): Float64Array {
  const { startNs, endNs } = spanTimes(trace);
  return selfTimeNsOf(startNs, endNs, treeIndex(trace).subtreeEnd);
}

/** The same over span times and subtree ends in depth-first order (what the protobuf worker has). */
export function selfTimeNsOf(startNs: Float64Array, endNs: Float64Array, subtreeEnd: Int32Array): Float64Array {
  const n = startNs.length;
  const self = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const spanStart = startNs[i] as number;
    const spanEnd = endNs[i] as number;
    const end = subtreeEnd[i] as number;
    let covered = 0;
    let runStart = 0;
    let runEnd = -Infinity; // the current run of overlapping children, clamped
    for (let c = i + 1; c < end; c = subtreeEnd[c] as number) {
      const from = Math.max(startNs[c] as number, spanStart);
      const to = Math.min(endNs[c] as number, spanEnd);
      if (to <= from) continue;
      if (from > runEnd) {
        if (runEnd > runStart) covered += runEnd - runStart;
        runStart = from;
        runEnd = to;
      } else if (to > runEnd) {
        runEnd = to;
      }
    }
    if (runEnd > runStart) covered += runEnd - runStart;
    self[i] = spanEnd - spanStart - covered;
  }
  return self;
}
