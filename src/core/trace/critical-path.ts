/**
 * Critical path: the chain of work that set each root span's end-to-end latency.
 *
 * Semantics (Jaeger UI's algorithm, jaeger-ui
 * packages/jaeger-ui/src/components/TracePage/CriticalPath/index.ts and utils/,
 * reproduced exactly on synchronous trees; its nine test cases are our tests):
 *
 * 1. Blocking tree. Per root, keep the spans that can hold the root up:
 *    - A child that starts before its parent or ends after it is clamped to the
 *      parent (the parent's clamped times, so clamping composes down a chain).
 *    - A child entirely outside its parent (starts at or after the parent's end, or
 *      ends at or before its start) is dropped with its whole subtree.
 *    - Asynchronous children are left out with their subtree: a CONSUMER span whose
 *      parent is a PRODUCER did not make the producer wait (Jaeger's isBlocking rule).
 *      The model keeps no FOLLOWS_FROM reference type (decoders turn the reference
 *      into the parent), so producer→consumer is the only async edge we can see.
 * 2. Walk back from the root's end. At point t in span S, the eligible child that
 *    finished last is on the path: S owns [child end, t], then the walk steps into
 *    the child at its end. When a span has no eligible child left, it owns
 *    [its start, t] and the walk returns to its parent at t = its start, where only
 *    children that ended by t are eligible: a sibling that overlaps the returning
 *    child's start is skipped and its time goes to the parent.
 *    Deliberately unlike Jaeger (which takes only children that ended strictly
 *    before t): a call that ends exactly when the next one starts is sequential
 *    work, not overlap, and belongs on the path. Back-to-back spans are common
 *    (an SDK that timestamps "call returned" and "next call started" from one
 *    clock read, µs-rounded Zipkin/Jaeger data); with the strict rule the parent
 *    swallows the whole chain. Jaeger's nine published cases come out the same.
 *    On entering a span every child is eligible (ties on end: the earlier-starting
 *    child, as Jaeger takes the first in child order).
 * 3. Zero-length sections are not emitted; adjacent sections of one span are merged
 *    (Jaeger emits two when a zero-length child sits between them; the covered time is
 *    the same).
 *
 * Result: `segments` sorted by start. Within one root they do not overlap and cover
 * the root's whole (unclamped) duration. Roots are independent: segments of two
 * overlapping roots (orphans, say) may overlap each other.
 *
 * Async tails (Tracery's addition; Jaeger drops async work silently): per root, the
 * async continuations whose subtree ends after the root does, so the view can say
 * "the trace's wall-clock end is set by notification.consume, 340 ms after the
 * response". An async continuation is an async child (above) anywhere in the root's
 * tree, or another root of the trace whose only tie to this root's tree is a span
 * link. `endsAfterRootNs` is measured from the continuation's latest-ending
 * descendant. Sorted by root order, then by how far past the root they end, most first.
 *
 * Cost: O(n log n) (sorting each span's children by end), no recursion: a
 * 100,000-deep chain and a 1,000,000-span wide trace are ordinary inputs.
 */
import type { SpanId } from '../model/ids';
import type { Span } from '../model/span';
import type { Trace } from '../model/trace';
import { treeIndex } from './tree-index';
import { spanTimes } from './span-times';

export interface CriticalPathSegment {
  readonly spanId: SpanId;
  /** index into trace.spans, so views need no lookup by id */
  readonly spanIndex: number;
  /** ns relative to trace.startUnixNano */
  readonly startNs: number;
  readonly endNs: number;
}

export interface AsyncTail {
  readonly rootSpanId: SpanId;
  /** the async span (consumer, or linked root) whose subtree outlives the root */
  readonly spanId: SpanId;
  readonly endsAfterRootNs: number;
}

export interface CriticalPath {
  readonly segments: readonly CriticalPathSegment[];
  readonly asyncTails: readonly AsyncTail[];
}

/** A child that does not block its parent: a consumer of a message its parent produced. */
export function isAsyncChild(parent: Span, child: Span): boolean {
  // the child first: most spans are not consumers, so one read settles it
  return child.kind === 'consumer' && parent.kind === 'producer';
}

export function criticalPath(trace: Trace): CriticalPath {
  const spans = trace.spans;
  const n = spans.length;
  const { parent, subtreeEnd } = treeIndex(trace);
  const times = spanTimes(trace);

  // 1. clamped times and which spans are in the blocking tree; parents come first in depth-first order
  const startNs = new Float64Array(n);
  const endNs = new Float64Array(n);
  const blocking = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = parent[i] as number;
    const spanStart = times.startNs[i] as number;
    const spanEnd = times.endNs[i] as number;
    if (p < 0) {
      startNs[i] = spanStart;
      endNs[i] = spanEnd;
      blocking[i] = 1;
      continue;
    }
    if (blocking[p] === 0 || isAsyncChild(spans[p] as Span, spans[i] as Span)) continue;
    const parentStart = startNs[p] as number;
    const parentEnd = endNs[p] as number;
    // Jaeger's sanitizeOverFlowingChildren, case by case (a zero-length parent keeps
    // only children that started before it)
    if (spanStart >= parentStart ? spanStart >= parentEnd : spanEnd <= parentStart) continue;
    startNs[i] = Math.max(spanStart, parentStart);
    endNs[i] = Math.min(spanEnd, parentEnd);
    blocking[i] = 1;
  }

  // 2. each span's blocking children, sorted by end (ties: later child first, so the
  //    walk, which takes from the back, meets the earliest child among equal ends first)
  const kidsFrom = new Int32Array(n + 1);
  let kidCount = 0;
  for (let i = 0; i < n; i++) if (blocking[i] === 1 && (parent[i] as number) >= 0) kidCount++;
  const kids = new Int32Array(kidCount);
  let k = 0;
  for (let p = 0; p < n; p++) {
    kidsFrom[p] = k;
    if (blocking[p] === 0) continue;
    const from = k;
    let sorted = true;
    for (let c = p + 1; c < (subtreeEnd[p] as number); c = subtreeEnd[c] as number) {
      if (blocking[c] === 0) continue;
      if (k > from && (endNs[kids[k - 1] as number] as number) >= (endNs[c] as number)) sorted = false;
      kids[k++] = c;
    }
    if (!sorted) kids.subarray(from, k).sort((a, b) => (endNs[a] as number) - (endNs[b] as number) || b - a);
  }
  kidsFrom[n] = k;

  // 3. walk back from each root's end
  const next = new Int32Array(n); // per span: position in kids of the next candidate, counting down
  for (let i = 0; i < n; i++) next[i] = (kidsFrom[i + 1] as number) - 1;
  const segments: CriticalPathSegment[] = [];
  // one root's sections, latest first, as flat arrays (a million spans give two million sections)
  const sectionSpan: number[] = [];
  const sectionStart: number[] = [];
  const sectionEnd: number[] = [];
  const emit = (index: number, from: number, to: number): void => {
    if (from === to) return;
    const last = sectionSpan.length - 1;
    if (last >= 0 && sectionSpan[last] === index && sectionStart[last] === to) {
      sectionStart[last] = from;
      return;
    }
    sectionSpan.push(index);
    sectionStart.push(from);
    sectionEnd.push(to);
  };
  let inOrder = true;
  for (let root = 0; root < n; root = subtreeEnd[root] as number) {
    let at = root;
    let t = endNs[root] as number;
    let entering = true;
    for (;;) {
      const first = kidsFrom[at] as number;
      let pick = next[at] as number;
      // entering a span, every child is eligible; returning to it at t, only those that ended by t
      // (each child is taken at most once: `next` only counts down, so a zero-length child cannot loop)
      if (!entering) while (pick >= first && (endNs[kids[pick] as number] as number) > t) pick--;
      if (pick >= first) {
        const child = kids[pick] as number;
        next[at] = pick - 1;
        emit(at, endNs[child] as number, t);
        at = child;
        t = endNs[child] as number;
        entering = true;
        continue;
      }
      next[at] = pick;
      emit(at, startNs[at] as number, t);
      if (at === root) break;
      t = startNs[at] as number;
      at = parent[at] as number;
      entering = false;
    }
    const previous = segments[segments.length - 1];
    if (previous !== undefined && (sectionStart[sectionStart.length - 1] as number) < previous.startNs) inOrder = false;
    for (let k = sectionSpan.length - 1; k >= 0; k--) {
      const index = sectionSpan[k] as number;
      segments.push(new PathSegment(spans, index, sectionStart[k] as number, sectionEnd[k] as number));
    }
    sectionSpan.length = 0;
    sectionStart.length = 0;
    sectionEnd.length = 0;
  }
  // roots come in start order, so segments are in order unless roots overlap (orphans)
  if (!inOrder) segments.sort((a, b) => a.startNs - b.startNs);

  return { segments, asyncTails: asyncTails(trace, parent) };
}

/**
 * A segment whose span id is read from its span on first use: the views go by
 * spanIndex, and a lazily decoded span makes its id text only when asked (a
 * 100,000-span trace's path has tens of thousands of segments).
 */
class PathSegment implements CriticalPathSegment {
  readonly #spans: readonly Span[];
  constructor(
    spans: readonly Span[],
    readonly spanIndex: number,
    readonly startNs: number,
    readonly endNs: number,
  ) {
    this.#spans = spans;
  }
  get spanId(): SpanId {
    return (this.#spans[this.spanIndex] as Span).spanId;
  }
}

function asyncTails(trace: Trace, parent: Int32Array): AsyncTail[] {
  const spans = trace.spans;
  const n = spans.length;
  const spanEndNs = spanTimes(trace).endNs;
  // latest end in each subtree: children come after parents, so a backward pass suffices
  const latestEndNs = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const end = Math.max(latestEndNs[i] as number, spanEndNs[i] as number);
    latestEndNs[i] = end;
    const p = parent[i] as number;
    if (p >= 0 && end > (latestEndNs[p] as number)) latestEndNs[p] = end;
  }
  // which root's tree each span is in
  const rootOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = parent[i] as number;
    rootOf[i] = p < 0 ? i : (rootOf[p] as number);
  }

  const tails: { root: number; tail: AsyncTail }[] = [];
  const consider = (root: number, continuation: number): void => {
    const rootSpan = spans[root] as Span;
    const past = (latestEndNs[continuation] as number) - rootSpan.endNs;
    if (past > 0) tails.push({ root, tail: { rootSpanId: rootSpan.spanId, spanId: (spans[continuation] as Span).spanId, endsAfterRootNs: past } });
  };
  for (let i = 0; i < n; i++) {
    const span = spans[i] as Span;
    const p = parent[i] as number;
    if (p >= 0) {
      if (isAsyncChild(spans[p] as Span, span)) consider(rootOf[i] as number, i);
      continue;
    }
    for (const link of span.links) {
      if (link.traceId !== trace.traceId) continue;
      const target = trace.indexById.get(link.spanId);
      if (target === undefined || rootOf[target] === i) continue;
      consider(rootOf[target] as number, i);
      break;
    }
  }
  tails.sort((a, b) => a.root - b.root || b.tail.endsAfterRootNs - a.tail.endsAfterRootNs);
  return tails.map((t) => t.tail);
}
