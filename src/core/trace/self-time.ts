import type { Trace } from '../model/trace';

/**
 * Self time of each span, indexed like `trace.spans`: its duration minus the union of
 * its children's intervals, each clamped to the span (a child that overhangs its
 * parent, or lies wholly outside it, covers only what falls inside). Every child
 * counts, async consumers included: self time says when the span had nothing under
 * it, not whether it waited.
 *
 * Children are sorted by start, so the union is one sweep per span: O(n) overall.
 */
export function selfTimeNs(trace: Trace): Float64Array {
  const spans = trace.spans;
  const self = new Float64Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    if (span === undefined) continue;
    let covered = 0;
    let runStart = 0;
    let runEnd = -Infinity; // the current run of overlapping children, clamped
    for (const child of span.children) {
      const from = Math.max(child.startNs, span.startNs);
      const to = Math.min(child.endNs, span.endNs);
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
    self[i] = span.endNs - span.startNs - covered;
  }
  return self;
}
