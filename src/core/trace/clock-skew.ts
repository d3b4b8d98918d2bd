/**
 * Clock-skew adjustment (the idea of Jaeger's clock-skew adjuster, `calculateSkew`).
 *
 * Machines' clocks disagree by milliseconds, so a server span can seem to start before
 * the client call that caused it. Skew belongs to a clock (clock-identity.ts: a host,
 * else a service instance, else a service), so every span one clock stamped moves by
 * the same delta; a clock's delta is judged from its parent/child pairs with clocks
 * already placed. Only evidence of a wrong clock moves anything:
 * - a child that starts before its parent (the child cannot have begun before the
 *   cause): it must start no earlier than the parent;
 * - a synchronous child no longer than its parent that ends after it (the parent
 *   waited for it): it must end no later than the parent.
 * A child that starts after its parent is never pulled earlier to close the gap, and
 * the end rule does not hold for async children (a CONSUMER, a child of a PRODUCER, a
 * child that links to its parent as messaging and follows_from references do) or for
 * a child longer than its parent: such a child "was either async or the parent timed
 * out" (Jaeger), and ending after its parent is real.
 *
 * Within what every pair allows, a single call is centred in its parent, as if the
 * network took the same time each way (Jaeger's choice); a start-only bound moves the
 * clock just far enough. When the pairs contradict each other the start rule wins,
 * since a parent can time out before its child ends but a child cannot start first.
 *
 * The first root's clock never moves. Clocks are placed breadth-first from it along
 * the pairs, so a clock is judged against every neighbour placed before it; a root
 * whose clock no pair reaches keeps its own times. O(spans + pairs), no recursion.
 */
import type { SpanId } from '../model/ids';
import type { Resource, Span } from '../model/span';
import type { Trace } from '../model/trace';
import { clockOfResource, type ClockIdentity } from './clock-identity';
import { hasLinks } from './columns-trace';
import { shiftedSpan } from './shift-span';
import { treeIndex } from './tree-index';

/** One moved span: its clock's shift. */
export interface SkewAdjustment {
  readonly spanId: SpanId;
  readonly offsetNs: number;
  /** why its clock moved (the same text for every span of that clock) */
  readonly reason: string;
}

/** One moved clock, for the trace's warnings. */
export interface ClockAdjustment {
  /** "host node-7", "service checkout" */
  readonly clock: string;
  /** the services whose spans that clock stamped, sorted */
  readonly services: readonly string[];
  readonly offsetNs: number;
  /** how many spans moved with it */
  readonly spanCount: number;
  readonly reason: string;
}

export interface SkewAdjusted {
  /**
   * The trace with adjusted times; the very input trace when nothing needed adjusting.
   * The input is never mutated. Sibling order and so `spans` order can differ from
   * the input's, and `startUnixNano` moves if the earliest span moved.
   */
  readonly trace: Trace;
  /** per span of the ADJUSTED trace's `spans`: the shift applied to it (0 when unadjusted) */
  readonly offsetNs: Float64Array;
  /** every moved span, in depth-first order of the input */
  readonly adjustments: readonly SkewAdjustment[];
  /** every moved clock, in the order they were placed */
  readonly clocks: readonly ClockAdjustment[];
}

export function adjustClockSkew(trace: Trace): SkewAdjusted {
  const spans = trace.spans;
  const n = spans.length;
  const { parent } = treeIndex(trace);
  const { clockIndex, clocks } = clocksOf(spans, parent);
  const pairs = crossClockPairs(spans, parent, clockIndex);
  // the common case, a trace without skew: every pair already fits, so no clock moves
  if (!pairs.anyOff) return { trace, offsetNs: new Float64Array(n), adjustments: [], clocks: [] };
  const placed = placeClocks(spans, clockIndex, clocks.length, pairs);

  const offset = new Float64Array(n); // indexed like the input's spans
  const spanCount = new Int32Array(clocks.length);
  const services = clocks.map(() => new Set<string>());
  for (let i = 0; i < n; i++) {
    const c = clockIndex[i] as number;
    const delta = placed.deltaNs[c] as number;
    if (delta === 0) continue;
    offset[i] = delta;
    spanCount[c] = (spanCount[c] as number) + 1;
    services[c]?.add((spans[i] as Span).service);
  }
  const moved = placed.order.filter((c) => placed.deltaNs[c] !== 0);
  if (moved.length === 0) return { trace, offsetNs: new Float64Array(n), adjustments: [], clocks: [] };

  const reasons: string[] = new Array<string>(clocks.length);
  const clockAdjustments: ClockAdjustment[] = moved.map((c) => {
    const reason = reasonFor(placed.verdicts[c] as Verdict, spans, pairs, clocks[c] as ClockIdentity, spanCount[c] as number);
    reasons[c] = reason;
    return {
      clock: (clocks[c] as ClockIdentity).label,
      services: [...(services[c] as Set<string>)].sort(),
      offsetNs: placed.deltaNs[c] as number,
      spanCount: spanCount[c] as number,
      reason,
    };
  });
  const adjustments: SkewAdjustment[] = [];
  for (let i = 0; i < n; i++) {
    const delta = offset[i] as number;
    if (delta !== 0) adjustments.push({ spanId: (spans[i] as Span).spanId, offsetNs: delta, reason: reasons[clockIndex[i] as number] as string });
  }
  return { ...shiftedTrace(trace, parent, offset), adjustments, clocks: clockAdjustments };
}

/**
 * Each span's clock as a small integer. Decoders give the spans of one resource block
 * one Resource object, so attributes are read once per block; a child usually shares
 * its parent's or its previous sibling's resource, which settles it without a lookup.
 */
function clocksOf(spans: readonly Span[], parent: Int32Array): { clockIndex: Int32Array; clocks: ClockIdentity[] } {
  const n = spans.length;
  const clockIndex = new Int32Array(n);
  const clocks: ClockIdentity[] = [];
  const byKey = new Map<string, number>();
  // per resource and service: a resource's spans normally share one service, so this holds one number per block
  const byResource = new Map<Resource, { service: string; clock: number }>();
  let last: Span | undefined;
  let lastClock = -1;
  for (let i = 0; i < n; i++) {
    const span = spans[i] as Span;
    const p = parent[i] as number;
    const parentSpan = p >= 0 ? (spans[p] as Span) : undefined;
    let clock: number;
    if (parentSpan !== undefined && parentSpan.resource === span.resource && parentSpan.service === span.service) clock = clockIndex[p] as number;
    else if (last !== undefined && last.resource === span.resource && last.service === span.service) clock = lastClock;
    else {
      const cached = byResource.get(span.resource);
      if (cached !== undefined && cached.service === span.service) clock = cached.clock;
      else {
        const identity = clockOfResource(span.resource, span.service);
        const known = byKey.get(identity.key);
        if (known !== undefined) clock = known;
        else {
          clock = clocks.length;
          clocks.push(identity);
          byKey.set(identity.key, clock);
        }
        byResource.set(span.resource, { service: span.service, clock });
      }
    }
    clockIndex[i] = clock;
    last = span;
    lastClock = clock;
  }
  return { clockIndex, clocks };
}

/**
 * Parent/child pairs on different clocks, each as the bounds it puts on
 * d = delta(child's clock) − delta(parent's clock): `startNs` (the child must not
 * start before its parent: d ≥ startNs) and `endNs` (a synchronous child no longer
 * than its parent must not end after it: d ≤ endNs; Infinity when the rule does not apply).
 */
interface Pairs {
  readonly count: number;
  /** some pair's raw times break a bound (as if no clock moved) */
  readonly anyOff: boolean;
  readonly parentSpan: Int32Array;
  readonly childSpan: Int32Array;
  readonly startNs: Float64Array;
  readonly endNs: Float64Array;
}

function crossClockPairs(spans: readonly Span[], parent: Int32Array, clockIndex: Int32Array): Pairs {
  const n = spans.length;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const p = parent[i] as number;
    if (p >= 0 && clockIndex[p] !== clockIndex[i]) count++;
  }
  const parentSpans = new Int32Array(count);
  const childSpans = new Int32Array(count);
  const startNs = new Float64Array(count);
  const endNs = new Float64Array(count);
  let anyOff = false;
  let e = 0;
  for (let i = 0; i < n; i++) {
    const p = parent[i] as number;
    if (p < 0 || clockIndex[p] === clockIndex[i]) continue;
    const child = spans[i] as Span;
    const parentSpan = spans[p] as Span;
    const bounded = child.endNs - child.startNs <= parentSpan.endNs - parentSpan.startNs && !isAsyncRelation(parentSpan, child);
    const start = parentSpan.startNs - child.startNs;
    const end = bounded ? parentSpan.endNs - child.endNs : Infinity;
    parentSpans[e] = p;
    childSpans[e] = i;
    startNs[e] = start;
    endNs[e] = end;
    if (start > 0 || end < 0) anyOff = true;
    e++;
  }
  return { count, anyOff, parentSpan: parentSpans, childSpan: childSpans, startNs, endNs };
}

/** The parent did not wait for this child, so the child ending later says nothing about clocks. */
function isAsyncRelation(parent: Span, child: Span): boolean {
  if (child.kind === 'consumer' || parent.kind === 'producer') return true;
  // a link to the parent too: messaging conventions link a consumer to the message's producer, and a
  // follows_from reference beside a child_of one to the same span comes through as such a link
  if (!hasLinks(child)) return false;
  return child.links.some((link) => link.spanId === parent.spanId && link.traceId === parent.traceId);
}

interface Placed {
  readonly deltaNs: Float64Array;
  /** per clock: why it moved (undefined for clocks that did not) */
  readonly verdicts: (Verdict | undefined)[];
  /** clocks in the order they were placed */
  readonly order: number[];
}

function placeClocks(spans: readonly Span[], clockIndex: Int32Array, clockCount: number, pairs: Pairs): Placed {
  const pairCount = pairs.count;
  // each clock's pairs as compressed rows: pairsOf[pairFrom[c] … pairFrom[c + 1]]
  const pairFrom = new Int32Array(clockCount + 1);
  for (let e = 0; e < pairCount; e++) {
    const a = clockIndex[pairs.parentSpan[e] as number] as number;
    const b = clockIndex[pairs.childSpan[e] as number] as number;
    pairFrom[a + 1] = (pairFrom[a + 1] as number) + 1;
    pairFrom[b + 1] = (pairFrom[b + 1] as number) + 1;
  }
  for (let c = 0; c < clockCount; c++) pairFrom[c + 1] = (pairFrom[c + 1] as number) + (pairFrom[c] as number);
  const pairsOf = new Int32Array(2 * pairCount);
  const fill = pairFrom.slice(0, clockCount);
  for (let e = 0; e < pairCount; e++) {
    pairsOf[fill[clockIndex[pairs.parentSpan[e] as number] as number]!++] = e;
    pairsOf[fill[clockIndex[pairs.childSpan[e] as number] as number]!++] = e;
  }

  const deltaNs = new Float64Array(clockCount);
  const verdicts: (Verdict | undefined)[] = new Array<Verdict | undefined>(clockCount);
  const state = new Uint8Array(clockCount); // 0 unseen, 1 queued, 2 placed
  const order: number[] = [];
  const queue: number[] = [];
  let head = 0;
  const enqueueNeighbours = (c: number): void => {
    for (let k = pairFrom[c] as number; k < (pairFrom[c + 1] as number); k++) {
      const e = pairsOf[k] as number;
      const a = clockIndex[pairs.parentSpan[e] as number] as number;
      const other = a === c ? (clockIndex[pairs.childSpan[e] as number] as number) : a;
      if (state[other] === 0) {
        state[other] = 1;
        queue.push(other);
      }
    }
  };
  // roots seed the search in depth-first order: the first root's clock is the reference
  for (let i = 0; i < spans.length; i++) {
    const seed = clockIndex[i] as number;
    if (state[seed] !== 0) continue;
    state[seed] = 2;
    order.push(seed);
    enqueueNeighbours(seed);
    for (; head < queue.length; head++) {
      const c = queue[head] as number;
      const judged = judgeClock(clockIndex, c, pairFrom, pairsOf, pairs, deltaNs, state);
      deltaNs[c] = judged.deltaNs;
      verdicts[c] = judged;
      state[c] = 2;
      order.push(c);
      enqueueNeighbours(c);
    }
  }
  return { deltaNs, verdicts, order };
}

/** Why a clock got its delta: the pair that showed the skew most, and how the delta was chosen. */
interface Verdict {
  readonly deltaNs: number;
  /** the pair whose raw times were furthest off, or -1 when no pair was off */
  readonly pair: number;
  /** how far off: started this long before its parent, or ended this long after */
  readonly offNs: number;
  readonly startedBefore: boolean;
  /** pairs with already placed clocks that bounded the delta */
  readonly pairCount: number;
  /** the delta sits midway between a lower and an upper bound */
  readonly centred: boolean;
  /** children still ending after their synchronous parents (the pairs contradicted each other) */
  readonly stillEndAfter: number;
}

function judgeClock(
  clockIndex: Int32Array,
  c: number,
  pairFrom: Int32Array,
  pairsOf: Int32Array,
  pairs: Pairs,
  deltaNs: Float64Array,
  state: Uint8Array,
): Verdict {
  // bounds on delta(c) from the pairs whose other clock is placed; start and end rules apart,
  // since the start rule wins when they contradict
  let startLo = -Infinity;
  let startHi = Infinity;
  let endLo = -Infinity;
  let endHi = Infinity;
  let pairCount = 0;
  let worst = -1;
  let worstNs = 0;
  let worstStarted = false;
  for (let k = pairFrom[c] as number; k < (pairFrom[c + 1] as number); k++) {
    const e = pairsOf[k] as number;
    const isChild = clockIndex[pairs.childSpan[e] as number] === c;
    const other = clockIndex[(isChild ? pairs.parentSpan[e] : pairs.childSpan[e]) as number] as number;
    if (state[other] !== 2) continue;
    pairCount++;
    const base = deltaNs[other] as number;
    const start = pairs.startNs[e] as number;
    const end = pairs.endNs[e] as number;
    // with delta(c) = 0: how long the child starts before its parent, and ends after it
    let before: number;
    let after: number;
    if (isChild) {
      // delta(c) − base ≥ start, ≤ end
      startLo = Math.max(startLo, base + start);
      endHi = Math.min(endHi, base + end);
      before = base + start;
      after = -(base + end);
    } else {
      // base − delta(c) ≥ start, ≤ end
      startHi = Math.min(startHi, base - start);
      endLo = Math.max(endLo, base - end);
      before = start - base;
      after = base - end;
    }
    const off = Math.max(before, after);
    if (off > worstNs) {
      worst = e;
      worstNs = off;
      worstStarted = before >= after;
    }
  }
  if (worst < 0) return { deltaNs: 0, pair: -1, offNs: 0, startedBefore: false, pairCount, centred: false, stillEndAfter: 0 };

  let lo = Math.max(startLo, endLo);
  let hi = Math.min(startHi, endHi);
  let contradicted = false;
  if (lo > hi) {
    contradicted = true;
    lo = startLo;
    hi = Math.max(startHi, startLo);
  }
  const centred = lo > -Infinity && hi < Infinity && !(lo <= 0 && hi >= 0);
  // whole nanoseconds: floor
  const delta = lo <= 0 && hi >= 0 ? 0 : centred ? lo + Math.floor((hi - lo) / 2) : lo > 0 ? lo : hi;
  const stillEndAfter = contradicted ? endsAfterParents(clockIndex, c, delta, pairFrom, pairsOf, pairs, deltaNs, state) : 0;
  return { deltaNs: delta, pair: worst, offNs: worstNs, startedBefore: worstStarted, pairCount, centred, stillEndAfter };
}

function endsAfterParents(
  clockIndex: Int32Array,
  c: number,
  delta: number,
  pairFrom: Int32Array,
  pairsOf: Int32Array,
  pairs: Pairs,
  deltaNs: Float64Array,
  state: Uint8Array,
): number {
  let count = 0;
  for (let k = pairFrom[c] as number; k < (pairFrom[c + 1] as number); k++) {
    const e = pairsOf[k] as number;
    const childClock = clockIndex[pairs.childSpan[e] as number] as number;
    const parentClock = clockIndex[pairs.parentSpan[e] as number] as number;
    if (state[childClock === c ? parentClock : childClock] !== 2) continue;
    const d = (childClock === c ? delta : (deltaNs[childClock] as number)) - (parentClock === c ? delta : (deltaNs[parentClock] as number));
    if (d > (pairs.endNs[e] as number)) count++;
  }
  return count;
}

function reasonFor(verdict: Verdict, spans: readonly Span[], pairs: Pairs, clock: ClockIdentity, spanCount: number): string {
  const child = spans[pairs.childSpan[verdict.pair] as number] as Span;
  const parent = spans[pairs.parentSpan[verdict.pair] as number] as Span;
  const where = verdict.startedBefore ? `started ${formatNs(verdict.offNs)} before` : `ended ${formatNs(verdict.offNs)} after`;
  const which = spanCount === 1 ? 'the one span' : `all ${spanCount} spans`;
  const direction = verdict.deltaNs > 0 ? 'later' : 'earlier';
  const purpose =
    verdict.pairCount > 1 ? `to fit its ${verdict.pairCount} parent/child pairs with other clocks` : verdict.centred ? 'to centre it in the parent' : 'to start it with the parent';
  const left =
    verdict.stillEndAfter > 0
      ? `; the pairs disagree, so ${verdict.stillEndAfter} ${verdict.stillEndAfter === 1 ? 'child still ends' : 'children still end'} after its parent (which timed out, or did not wait)`
      : '';
  return `${child.service} span ${where} its ${parent.service} parent; ${which} on the clock of ${clock.label} shifted ${direction} by ${formatNs(Math.abs(verdict.deltaNs))} ${purpose}${left}`;
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
