/**
 * Clock-skew adjustment (the idea of Jaeger's backend clockskew adjuster).
 *
 * Two services' clocks can disagree by milliseconds, so a server span may appear to
 * start before the client call that caused it. When a child from a DIFFERENT service
 * than its parent starts before the parent or ends after it, we shift the child's
 * whole subtree (never stretch it) so the child sits inside the parent:
 * - child no longer than the parent: centred in the parent's slack, as if the network
 *   took the same time each way;
 * - child longer than the parent: starts aligned (it cannot fit either way).
 * Same-service children share the parent's clock and are never shifted (an overhang
 * there is real: a span ended late, or async work), though they move with a shifted
 * ancestor.
 *
 * Top-down in depth-first order, so each child is judged against its parent's
 * already-shifted times and shifts compose down the tree. No recursion.
 */
import type { SpanId } from '../model/ids';
import type { Span } from '../model/span';
import type { Trace } from '../model/trace';
import { shiftedSpan } from './shift-span';
import { treeIndex } from './tree-index';

export interface SkewAdjustment {
  /** the span whose subtree was shifted */
  readonly spanId: SpanId;
  /** this span's own shift, in ns (its descendants also carry its ancestors' shifts) */
  readonly offsetNs: number;
  readonly reason: string;
}

export interface SkewAdjusted {
  /**
   * The trace with adjusted times; the very input trace when nothing needed adjusting.
   * The input is never mutated. Sibling order and so `spans` order can differ from
   * the input's, and `startUnixNano` moves if the earliest span moved.
   */
  readonly trace: Trace;
  /** per span of the ADJUSTED trace's `spans`: total shift applied to it (0 when unadjusted) */
  readonly offsetNs: Float64Array;
  /** the spans judged skewed, in depth-first order of the input */
  readonly adjustments: readonly SkewAdjustment[];
}

export function adjustClockSkew(trace: Trace): SkewAdjusted {
  const spans = trace.spans;
  const n = spans.length;
  const { parent } = treeIndex(trace);

  const offset = new Float64Array(n); // indexed like the input's spans
  const adjustments: SkewAdjustment[] = [];
  for (let i = 0; i < n; i++) {
    const p = parent[i] as number;
    if (p < 0) continue;
    const span = spans[i] as Span;
    const parentSpan = spans[p] as Span;
    const inherited = offset[p] as number;
    offset[i] = inherited;
    if (span.service === parentSpan.service) continue;
    const parentStart = parentSpan.startNs + inherited;
    const parentEnd = parentSpan.endNs + inherited;
    const start = span.startNs + inherited;
    const end = span.endNs + inherited;
    if (start >= parentStart && end <= parentEnd) continue;
    const duration = end - start;
    const slack = parentEnd - parentStart - duration;
    // floor keeps times whole nanoseconds
    const shift = (slack >= 0 ? parentStart + Math.floor(slack / 2) : parentStart) - start;
    if (shift === 0) continue;
    offset[i] = inherited + shift;
    const where = start < parentStart ? `started ${formatNs(parentStart - start)} before` : `ended ${formatNs(end - parentEnd)} after`;
    adjustments.push({
      spanId: span.spanId,
      offsetNs: shift,
      reason: `${span.service} span ${where} its ${parentSpan.service} parent; shifted ${shift > 0 ? 'later' : 'earlier'} by ${formatNs(Math.abs(shift))} to ${slack >= 0 ? 'centre it in' : 'start with'} the parent`,
    });
  }
  if (adjustments.length === 0) return { trace, offsetNs: new Float64Array(n), adjustments };
  return { ...shiftedTrace(trace, parent, offset), adjustments };
}

/**
 * A new Trace with every span i moved by offset[i]: new Span objects (events moved
 * too), children re-sorted by (start, id) since shifts can reorder siblings, a new
 * depth-first order, and times rebased if the earliest start moved.
 */
function shiftedTrace(trace: Trace, parent: Int32Array, offset: Float64Array): { trace: Trace; offsetNs: Float64Array } {
  const spans = trace.spans;
  const n = spans.length;
  let minStart = Infinity;
  let maxEnd = -Infinity;
  for (let i = 0; i < n; i++) {
    const span = spans[i] as Span;
    minStart = Math.min(minStart, span.startNs + (offset[i] as number));
    maxEnd = Math.max(maxEnd, span.endNs + (offset[i] as number));
  }
  const rebase = minStart; // new relative times = old + offset - rebase

  const moved: Span[] = new Array<Span>(n);
  for (let i = 0; i < n; i++) {
    moved[i] = shiftedSpan(spans[i] as Span, (offset[i] as number) - rebase);
  }
  // children as index lists (parents precede children, so one pass fills them in
  // input sibling order), re-sorted where shifts reordered siblings
  const kidsFrom = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const p = parent[i] as number;
    if (p >= 0) kidsFrom[p + 1] = (kidsFrom[p + 1] as number) + 1;
  }
  for (let i = 0; i < n; i++) kidsFrom[i + 1] = (kidsFrom[i + 1] as number) + (kidsFrom[i] as number);
  const kids = new Int32Array(kidsFrom[n] as number);
  const filled = kidsFrom.slice(0, n);
  for (let i = 0; i < n; i++) {
    const p = parent[i] as number;
    if (p < 0) continue;
    const at = filled[p] as number;
    kids[at] = i;
    filled[p] = at + 1;
  }
  const byStartThenId = (a: number, b: number): number => {
    const x = moved[a] as Span;
    const y = moved[b] as Span;
    return x.startNs - y.startNs || (x.spanId < y.spanId ? -1 : x.spanId > y.spanId ? 1 : 0);
  };
  for (let p = 0; p < n; p++) {
    const from = kidsFrom[p] as number;
    const to = kidsFrom[p + 1] as number;
    if (to - from > 1) kids.subarray(from, to).sort(byStartThenId);
    const span = moved[p] as Span;
    for (let k = from; k < to; k++) span.children.push(moved[kids[k] as number] as Span);
  }

  // depth-first with an explicit stack; roots keep their order (rebasing moves them all alike)
  const rootIndexes: number[] = [];
  for (let i = 0; i < n; i++) if ((parent[i] as number) < 0) rootIndexes.push(i);
  const order: Span[] = [];
  const offsetNs = new Float64Array(n);
  const stack: number[] = [];
  for (let r = rootIndexes.length - 1; r >= 0; r--) stack.push(rootIndexes[r] as number);
  while (stack.length > 0) {
    const i = stack.pop() as number;
    offsetNs[order.length] = offset[i] as number;
    order.push(moved[i] as Span);
    for (let k = (kidsFrom[i + 1] as number) - 1; k >= (kidsFrom[i] as number); k--) stack.push(kids[k] as number);
  }
  const roots = rootIndexes.map((i) => moved[i] as Span);

  return {
    trace: {
      ...trace,
      startUnixNano: trace.startUnixNano + BigInt(rebase),
      durationNs: maxEnd - minStart,
      spans: order,
      indexById: new Map(order.map((s, k) => [s.spanId, k])),
      roots,
    },
    offsetNs,
  };
}

function formatNs(ns: number): string {
  if (ns >= 1e6) return `${+(ns / 1e6).toFixed(3)} ms`;
  if (ns >= 1e3) return `${+(ns / 1e3).toFixed(3)} µs`;
  return `${ns} ns`;
}
