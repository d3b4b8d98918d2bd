import type { DecodedSpan } from '../model/decoded-span';
import type { TraceId } from '../model/ids';
import type { Span, SpanEvent } from '../model/span';
import type { Trace } from '../model/trace';
import { boundWarnings } from '../formats/problems';

/**
 * Builds the tree of ONE trace from decoded spans: relative times, parent links,
 * roots, depth, depth-first order, services.
 * Nothing here recurses: a 100,000-deep parent chain is a real shape (a runaway retry
 * loop, a long batch) and must not overflow the stack. Per-span state during the build
 * lives in typed arrays indexed like `spans`, not in per-span Maps or closures.
 */
export function buildTrace(decoded: readonly DecodedSpan[], warnings: readonly string[] = []): Trace {
  return buildTraceReporting(decoded, warnings).trace;
}

/** buildTrace, also handing back the warnings the build itself found (for decodeTraces' list). */
export function buildTraceReporting(decoded: readonly DecodedSpan[], warnings: readonly string[] = []): { trace: Trace; found: string[] } {
  const first = decoded[0];
  if (first === undefined) throw new RangeError('buildTrace needs at least one span');
  const traceId = first.traceId;
  const found: string[] = [];

  // 1. one span per id: the first wins (Jaeger repeats spans; a retried export repeats batches)
  const kept: DecodedSpan[] = [];
  const indexById = new Map<string, number>();
  let otherTraceSpans = 0;
  for (const d of decoded) {
    if (d.traceId !== traceId) {
      otherTraceSpans++;
      continue;
    }
    if (indexById.has(d.spanId)) {
      found.push(`trace ${traceId}: span ${d.spanId} appears more than once; kept the first`);
      continue;
    }
    indexById.set(d.spanId, kept.length);
    kept.push(d);
  }
  if (otherTraceSpans > 0) {
    found.push(`trace ${traceId}: ${otherTraceSpans} spans of other traces were left out (group spans by trace first)`);
  }

  // 2. times relative to the earliest start: Number() of a bigint difference, exact below 2^53 ns (104 days)
  let start = first.startUnixNano;
  let end = first.endUnixNano;
  for (const d of kept) {
    if (d.startUnixNano < start) start = d.startUnixNano;
    if (d.endUnixNano > end) end = d.endUnixNano;
  }
  if (end - start > BigInt(Number.MAX_SAFE_INTEGER)) {
    found.push(`trace ${traceId}: spans more than 104 days (2^53 ns) apart, so relative times lose nanosecond precision`);
  }
  const spans: Span[] = kept.map((d) => toSpan(d, start));

  // 3. parents; a parent named but absent makes an orphan root
  const n = spans.length;
  const parentIndex = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const span = spans[i] as Span;
    if (span.parentSpanId === undefined) continue;
    const p = indexById.get(span.parentSpanId);
    if (p === undefined) span.orphan = true;
    else parentIndex[i] = p;
  }
  breakCycles(spans, parentIndex, traceId, found);

  // 4. children and roots, sorted by start then id for a stable order
  const roots: Span[] = [];
  for (let i = 0; i < n; i++) {
    const p = parentIndex[i] as number;
    const span = spans[i] as Span;
    if (p < 0) roots.push(span);
    else (spans[p] as Span).children.push(span);
  }
  roots.sort(byStartThenId);
  for (const span of spans) if (span.children.length > 1) span.children.sort(byStartThenId);

  // 5. depth-first order with an explicit stack
  const ordered: Span[] = [];
  const stack: Span[] = [];
  for (let r = roots.length - 1; r >= 0; r--) stack.push(roots[r] as Span);
  while (stack.length > 0) {
    const span = stack.pop() as Span;
    ordered.push(span);
    for (let c = span.children.length - 1; c >= 0; c--) {
      const child = span.children[c] as Span;
      child.depth = span.depth + 1;
      stack.push(child);
    }
  }

  const spanById = new Map<string, Span>();
  const services = new Set<string>();
  for (const span of ordered) {
    spanById.set(span.spanId, span);
    services.add(span.service);
  }
  const trace: Trace = {
    traceId,
    startUnixNano: start,
    durationNs: Number(end - start),
    spans: ordered,
    spanById,
    roots,
    services: [...services].sort(),
    warnings: boundWarnings([...warnings, ...found]),
  };
  return { trace, found };
}

/**
 * Walks up from every span; meeting a span already on the current walk is a cycle.
 * The span whose parent link closes the cycle becomes an orphan root. Each span is
 * walked once overall (state 2 = known to reach a root), so this is O(n).
 */
function breakCycles(spans: Span[], parentIndex: Int32Array, traceId: TraceId, found: string[]): void {
  const n = spans.length;
  const state = new Uint8Array(n); // 0 unseen, 1 on the current walk, 2 reaches a root
  const walk: number[] = [];
  for (let i = 0; i < n; i++) {
    if (state[i] !== 0) continue;
    let at = i;
    while (at >= 0 && state[at] === 0) {
      state[at] = 1;
      walk.push(at);
      const p = parentIndex[at] as number;
      if (p >= 0 && state[p] === 1) {
        const span = spans[at] as Span;
        const cycle = walk.slice(walk.indexOf(p)).map((k) => (spans[k] as Span).spanId);
        found.push(
          `trace ${traceId}: parent cycle ${[...cycle.slice(0, 5), ...(cycle.length > 5 ? ['…'] : []), cycle[0]].join(' → ')}; span ${span.spanId} shown as a root`,
        );
        parentIndex[at] = -1;
        span.orphan = true;
        break;
      }
      at = p;
    }
    for (const k of walk) state[k] = 2;
    walk.length = 0;
  }
}

/** shared by every span without events: 100,000 empty arrays are garbage for nothing */
const NO_EVENTS: readonly SpanEvent[] = Object.freeze([]);

function toSpan(d: DecodedSpan, traceStart: bigint): Span {
  const events: readonly SpanEvent[] =
    d.events.length === 0
      ? NO_EVENTS
      : d.events.map((e) => ({
          timeNs: Number(e.timeUnixNano - traceStart),
          name: e.name,
          attributes: e.attributes,
          droppedAttributesCount: e.droppedAttributesCount,
        }));
  // One literal with every field, parentSpanId included even when undefined: every span
  // gets the same hidden class (a conditional spread made two, and is slow to run).
  return {
    traceId: d.traceId,
    spanId: d.spanId,
    parentSpanId: d.parentSpanId,
    name: d.name,
    service: d.service,
    kind: d.kind,
    startNs: Number(d.startUnixNano - traceStart),
    endNs: Number(d.endUnixNano - traceStart),
    attributes: d.attributes,
    droppedAttributesCount: d.droppedAttributesCount,
    resource: d.resource,
    scope: d.scope,
    events,
    droppedEventsCount: d.droppedEventsCount,
    links: d.links,
    droppedLinksCount: d.droppedLinksCount,
    status: d.status,
    traceState: d.traceState,
    flags: d.flags,
    depth: 0,
    children: [],
    orphan: false,
  };
}

function byStartThenId(a: Span, b: Span): number {
  return a.startNs - b.startNs || (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);
}

/** Spans split by trace id, in the order each trace first appears. */
export function groupByTrace(spans: readonly DecodedSpan[]): Map<TraceId, DecodedSpan[]> {
  const groups = new Map<TraceId, DecodedSpan[]>();
  for (const span of spans) {
    const group = groups.get(span.traceId);
    if (group) group.push(span);
    else groups.set(span.traceId, [span]);
  }
  return groups;
}

/** Traces by start, then trace id: the order decodeTraces returns. */
export function sortTraces(traces: Trace[]): Trace[] {
  return traces.sort((a, b) => (a.startUnixNano < b.startUnixNano ? -1 : a.startUnixNano > b.startUnixNano ? 1 : a.traceId < b.traceId ? -1 : 1));
}
