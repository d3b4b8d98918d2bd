import type { DecodedSpan } from '../model/decoded-span';
import type { TraceId } from '../model/ids';
import type { Span, SpanEvent } from '../model/span';
import type { Trace } from '../model/trace';
import { derivedSpanId } from '../formats/derived-span-id';
import { boundWarnings } from '../formats/problems';
import { duplicateSpanWarning, farApartWarning, orderTree, otherTracesWarning } from './tree-order';

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

  // 1. one span per id. Identical copies are one span (Jaeger repeats spans; a retried
  // export repeats batches): the first is kept. Different spans under one id (Jaeger's
  // own converter fixture has one, the second being the error) are all kept, each later
  // one under a derived id, as Jaeger UI keeps both under a renamed id.
  const kept: DecodedSpan[] = [];
  const indexById = new Map<string, number>();
  let otherTraceSpans = 0;
  let clashes: DecodedSpan[] | undefined;
  for (const d of decoded) {
    if (d.traceId !== traceId) {
      otherTraceSpans++;
      continue;
    }
    if (indexById.has(d.spanId)) (clashes ??= []).push(d);
    else {
      indexById.set(d.spanId, kept.length);
      kept.push(d);
    }
  }
  // re-keyed after every own id is known, so a derived id cannot take a later span's id
  if (clashes !== undefined) {
    const variants = new Map<string, DecodedSpan[]>();
    for (const d of clashes) {
      const seen = variants.get(d.spanId) ?? [kept[indexById.get(d.spanId) as number] as DecodedSpan];
      variants.set(d.spanId, seen);
      if (seen.some((s) => sameSpanContent(s, d))) {
        found.push(duplicateSpanWarning(traceId, d.spanId));
        continue;
      }
      const spanId = derivedSpanId(`${traceId}/${d.spanId}/${seen.length}`, (id) => indexById.has(id));
      found.push(reKeyedSpanWarning(traceId, d.spanId, spanId, d.name));
      seen.push(d);
      indexById.set(spanId, kept.length);
      kept.push({ ...d, spanId });
    }
  }
  if (otherTraceSpans > 0) found.push(otherTracesWarning(traceId, otherTraceSpans));

  // 2. times relative to the earliest start: Number() of a bigint difference, exact below 2^53 ns (104 days)
  let start = first.startUnixNano;
  let end = first.endUnixNano;
  for (const d of kept) {
    if (d.startUnixNano < start) start = d.startUnixNano;
    if (d.endUnixNano > end) end = d.endUnixNano;
  }
  const farApart = farApartWarning(traceId, start, end);
  if (farApart !== undefined) found.push(farApart);
  const spans: Span[] = kept.map((d) => toSpan(d, start));

  // 3. parents; a parent named but absent makes an orphan root
  const n = spans.length;
  const parentIndex = new Int32Array(n).fill(-1);
  const orphan = new Uint8Array(n);
  const startNs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const span = spans[i] as Span;
    startNs[i] = span.startNs;
    if (span.parentSpanId === undefined) continue;
    const p = indexById.get(span.parentSpanId);
    if (p === undefined) orphan[i] = 1;
    else parentIndex[i] = p;
  }

  // 4. cycles broken, children sorted by start then id, depth-first order (shared with the protobuf path)
  const spanIdOf = (i: number): string => (spans[i] as Span).spanId;
  const compareIds = (a: number, b: number): number => {
    const x = spanIdOf(a);
    const y = spanIdOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const tree = orderTree({ parentIndex, orphan, startNs, compareIds, spanIdOf }, traceId, found);
  const ordered: Span[] = new Array<Span>(n);
  for (let k = 0; k < n; k++) {
    const i = tree.order[k] as number;
    const span = spans[i] as Span;
    span.depth = tree.depth[i] as number;
    span.orphan = orphan[i] === 1;
    ordered[k] = span;
    // in depth-first order, each parent's children arrive in their sorted order
    const p = parentIndex[i] as number;
    if (p >= 0) (spans[p] as Span).children.push(span);
  }
  const roots: Span[] = Array.from(tree.roots, (i) => spans[i] as Span);

  // the same keys, now pointing at depth-first positions (rewriting beats a second map)
  const services = new Set<string>();
  ordered.forEach((span, k) => {
    indexById.set(span.spanId, k);
    services.add(span.service);
  });
  const trace: Trace = {
    traceId,
    startUnixNano: start,
    durationNs: Number(end - start),
    spans: ordered,
    indexById,
    roots,
    services: [...services].sort(),
    warnings: boundWarnings([...warnings, ...found]),
  };
  return { trace, found };
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
    warnings: d.warnings,
    depth: 0,
    children: [],
    orphan: false,
  };
}

/** Two different spans under one id: the later one is kept under a derived id. */
export function reKeyedSpanWarning(traceId: TraceId, spanId: string, newSpanId: string, name: string): string {
  // the name is data (a hostile file has 1 MiB names): enough of it to recognise the span
  const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  return `trace ${traceId}: span id ${spanId} appears more than once with different content; the later span${shown ? ` "${shown}"` : ''} is shown under span id ${newSpanId}`;
}

/**
 * Whether two decoded spans say the same thing: every field, attributes, events,
 * links, resource and scope by value (a repeated batch decodes into new objects).
 * A loop over a stack, not recursion: attribute values nest.
 */
export function sameSpanContent(a: DecodedSpan, b: DecodedSpan): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  for (let pair = stack.pop(); pair !== undefined; pair = stack.pop()) {
    const [x, y] = pair;
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    // a key present with undefined (one decoder's parentSpanId) equals an absent key (another's)
    const xs = x as Record<string, unknown>;
    const ys = y as Record<string, unknown>;
    for (const key of Object.keys(xs)) stack.push([xs[key], ys[key]]);
    for (const key of Object.keys(ys)) if (!Object.hasOwn(xs, key) && ys[key] !== undefined) return false;
  }
  return true;
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
