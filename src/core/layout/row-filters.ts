/**
 * Which spans the waterfall shows beyond plain collapsing: "critical path only",
 * "show only matches", and the bulk collapse commands. Each is one O(n) pass over the
 * depth-first order, run when its input changes (not per frame); the rows themselves
 * then come out in O(visible).
 */
import type { CriticalPathSegment } from '../trace/critical-path';
import type { Span } from '../model/span';
import type { Trace } from '../model/trace';

/** 1 for every span that owns a critical-path segment, indexed like trace.spans. */
export function criticalSpanMask(trace: Trace, segments: readonly CriticalPathSegment[]): Uint8Array {
  const mask = new Uint8Array(trace.spans.length);
  for (const s of segments) mask[s.spanIndex] = 1;
  return mask;
}

/** 1 for each listed span index. */
export function indexMask(length: number, indexes: ArrayLike<number>): Uint8Array {
  const mask = new Uint8Array(length);
  for (let k = 0; k < indexes.length; k++) mask[indexes[k] as number] = 1;
  return mask;
}

/**
 * Rows that show the kept spans with their ancestors (a match without its path to
 * the root would be a row without context), still honouring collapsed spans.
 * `parent` and `subtreeEnd` come from treeIndex(trace).
 */
export function rowsKeeping(trace: Trace, keep: Uint8Array, collapsed: ReadonlySet<string>, parent: Int32Array, subtreeEnd: Int32Array): Int32Array {
  const n = trace.spans.length;
  const shown = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if (keep[i] !== 1) continue;
    // walk up until a span already shown: each span is marked once, so O(n) in all
    for (let a = i; a >= 0 && shown[a] === 0; a = parent[a] as number) shown[a] = 1;
  }
  const rows: number[] = [];
  for (let i = 0; i < n; ) {
    if (shown[i] === 0) {
      i = subtreeEnd[i] as number; // nothing kept below an unshown span
      continue;
    }
    rows.push(i);
    i = collapsed.has((trace.spans[i] as Span).spanId) ? (subtreeEnd[i] as number) : i + 1;
  }
  return Int32Array.from(rows);
}

/** Every span with children: only the roots stay as rows. */
export function collapseAll(trace: Trace): Set<string> {
  const out = new Set<string>();
  for (const span of trace.spans) if (span.children.length > 0) out.add(span.spanId);
  return out;
}

/** Show `levels` levels (1 = roots only): spans at depth levels-1 with children are collapsed. */
export function collapseBelowDepth(trace: Trace, levels: number): Set<string> {
  const out = new Set<string>();
  for (const span of trace.spans) if (span.depth === levels - 1 && span.children.length > 0) out.add(span.spanId);
  return out;
}

/**
 * Collapse every subtree whose root span took less than `thresholdNs` (its
 * descendants are then mostly noise for a latency question). Only the outermost such
 * span is listed: inner ones are hidden anyway, so the set stays small.
 */
export function collapseFasterThan(trace: Trace, thresholdNs: number, subtreeEnd: Int32Array): Set<string> {
  const out = new Set<string>();
  const spans = trace.spans;
  for (let i = 0; i < spans.length; ) {
    const span = spans[i] as Span;
    if (span.children.length > 0 && span.endNs - span.startNs < thresholdNs) {
      out.add(span.spanId);
      i = subtreeEnd[i] as number;
    } else {
      i++;
    }
  }
  return out;
}

/** Span ids of the ancestors of span `index` (nearest first): what to expand to reveal it. */
export function ancestorIds(trace: Trace, parent: Int32Array, index: number): string[] {
  const out: string[] = [];
  for (let a = parent[index] ?? -1; a >= 0; a = parent[a] as number) out.push((trace.spans[a] as Span).spanId);
  return out;
}
