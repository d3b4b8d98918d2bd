/**
 * Test support for the flame layouts (imported by *.test.ts only): generated traces
 * with parallel fan-out, and the layout invariants as lists of problems, so a failing
 * property check prints the first few offending frames instead of one boolean.
 */
import type { DecodedSpan } from '../model/decoded-span';
import type { SpanLink } from '../model/span';
import type { Trace } from '../model/trace';
import { buildTrace } from '../trace/build-trace';
import { decodedSpan, name, type SpanSpec } from '../trace/__fixtures__/make-trace';
import type { FlameChartLayout } from './flame-chart-layout';
import type { FlameGraphLayout } from './flame-graph-layout';

/** A small seeded PRNG (mulberry32), so generated traces are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A span spec with an operation name and service of its own (make-trace names ops after ids). */
export interface NamedSpanSpec extends SpanSpec {
  readonly op?: string;
  /** links to its parent as OpenTracing's FOLLOWS_FROM reference (opentracing.ref_type) */
  readonly followsFrom?: boolean;
  readonly error?: boolean;
}

export function traceOfNamed(specs: readonly NamedSpanSpec[]): Trace {
  return buildTrace(
    specs.map((s): DecodedSpan => {
      const span = decodedSpan(s);
      const followsFrom: SpanLink[] =
        s.followsFrom === true && span.parentSpanId !== undefined
          ? [{ traceId: span.traceId, spanId: span.parentSpanId, traceState: '', attributes: [{ key: 'opentracing.ref_type', value: { type: 'string', value: 'follows_from' } }], droppedAttributesCount: 0, flags: 0 }]
          : [];
      return {
        ...span,
        ...(s.op !== undefined ? { name: s.op } : {}),
        ...(s.error === true ? { status: { code: 'error', message: '' } } : {}),
        links: [...span.links, ...followsFrom],
      };
    }),
  );
}

/**
 * The demo's checkout with its Kafka hand-off (mocks/generator/scenarios.ts,
 * publishOrderPlaced): the consumer runs after the response, 40 ms after the request
 * ends, and takes ten times the request's time. Times in µs.
 *
 *   frontend POST /checkout      [0 ........ 270]
 *     order send orders (PRODUCER)   [100 . 101]
 *     frontend render                       [200 . 260]
 *   notification process orders (CONSUMER, under send)   [310 ........................ 3240]  error
 *     notification SELECT users                           [311 . 312]
 *     notification POST /v3/mail/send                          [320 .................. 3230]  error
 */
export const checkoutWithConsumer: readonly NamedSpanSpec[] = [
  { id: 'a', start: 0, end: 270_000, service: 'frontend', op: 'POST /checkout', kind: 'server' },
  { id: 'b', parent: 'a', start: 100_000, end: 101_000, service: 'order', op: 'send orders', kind: 'producer' },
  { id: 'c', parent: 'b', start: 310_000, end: 3_240_000, service: 'notification', op: 'process orders', kind: 'consumer', links: ['b'], error: true },
  { id: 'd', parent: 'c', start: 311_000, end: 312_000, service: 'notification', op: 'SELECT users', kind: 'client' },
  { id: 'e', parent: 'c', start: 320_000, end: 3_230_000, service: 'notification', op: 'POST /v3/mail/send', kind: 'client', error: true },
  { id: 'f', parent: 'a', start: 200_000, end: 260_000, service: 'frontend', op: 'render' },
];

/**
 * `count` spans under one root, each under a random earlier span, starting and ending
 * at random inside it, so siblings overlap at random (parallel fan-out). About 2% of
 * spans overhang their parent (clock skew) and 0.5% are orphans (extra roots).
 * Operations come from a small set, so the aggregated layout has merging to do.
 */
export function randomFanOutTrace(count: number, seed: number): Trace {
  const random = seededRandom(seed);
  const specs: NamedSpanSpec[] = [{ id: 'r', start: 0, end: 10_000_000, service: 'edge', op: 'request' }];
  const startNs = [0];
  const endNs = [10_000_000];
  const services = ['edge', 'api', 'db', 'cache', 'queue'];
  for (let i = 1; i < count; i++) {
    // favour recent spans as parents: deep, bushy trees like real services make
    const p = random() < 0.6 ? Math.max(0, i - 1 - Math.floor(random() * 20)) : Math.floor(random() * i);
    const ps = startNs[p] as number;
    const pe = endNs[p] as number;
    let s = ps + Math.floor(random() * (pe - ps) * 0.8);
    let e = s + Math.floor(random() * (pe - s));
    const roll = random();
    if (roll < 0.01) e = pe + Math.floor(random() * 1000) + 1;
    else if (roll < 0.02) s = Math.max(0, ps - Math.floor(random() * 1000) - 1);
    const orphan = random() < 0.005;
    specs.push({
      id: `s${i.toString(16)}`,
      parent: orphan ? `missing${i.toString(16)}` : p === 0 ? 'r' : `s${p.toString(16)}`,
      start: s,
      end: e,
      service: services[Math.floor(random() * services.length)] as string,
      op: `op${Math.floor(random() * 6)}`,
    });
    startNs.push(s);
    endNs.push(e);
  }
  return traceOfNamed(specs);
}

/** row of each span, by span name */
export function rowByName(trace: Trace, layout: FlameChartLayout): Record<string, number> {
  return Object.fromEntries(trace.spans.map((s, i) => [name(s.spanId), layout.row[layout.frameOfSpan[i] as number] as number]));
}

/**
 * Every invariant of the flame chart layout, as problems (first 10 kept):
 * rows hold every frame once, sorted, never overlapping, none empty; children below
 * parents and inside their parent's block; sibling blocks that overlap in time use
 * disjoint rows (checked pairwise, so pass checkSiblingBlocks = false for a trace with
 * 100,000 parallel siblings).
 */
export function chartLayoutProblems(layout: FlameChartLayout, checkSiblingBlocks = true): string[] {
  const problems: string[] = [];
  const report = (problem: string): void => {
    if (problems.length < 10) problems.push(problem);
  };
  const n = layout.frameCount;
  const { startNs, endNs, row, rowFrames, rowOffsets, parentFrame, subtreeRows } = layout;
  const seen = new Uint8Array(n);
  if (rowOffsets[layout.rowCount] !== n) report(`rows hold ${rowOffsets[layout.rowCount]} frames, not ${n}`);
  for (let r = 0; r < layout.rowCount; r++) {
    const from = rowOffsets[r] as number;
    const to = rowOffsets[r + 1] as number;
    if (to <= from) report(`row ${r} is empty`);
    for (let k = from; k < to; k++) {
      const f = rowFrames[k] as number;
      if (seen[f] === 1) report(`frame ${f} listed twice`);
      seen[f] = 1;
      if (row[f] !== r) report(`frame ${f} listed in row ${r} but has row ${row[f]}`);
      if (k > from) {
        const prev = rowFrames[k - 1] as number;
        if ((startNs[f] as number) < (endNs[prev] as number)) report(`row ${r}: frame ${f} [${startNs[f]}, ${endNs[f]}) overlaps frame ${prev} [${startNs[prev]}, ${endNs[prev]})`);
      }
    }
  }
  for (let f = 0; f < n; f++) {
    const p = parentFrame[f] as number;
    if (p < 0) continue;
    if ((row[f] as number) <= (row[p] as number)) report(`frame ${f} (row ${row[f]}) is not below its parent ${p} (row ${row[p]})`);
    if ((row[f] as number) + (subtreeRows[f] as number) > (row[p] as number) + (subtreeRows[p] as number)) report(`frame ${f}'s block pokes out of its parent ${p}'s`);
  }
  if (!checkSiblingBlocks) return problems;
  // subtree time extents (frames are in depth-first order: children after parents)
  const extentStart = startNs.slice();
  const extentEnd = endNs.slice();
  for (let f = n - 1; f >= 0; f--) {
    const p = parentFrame[f] as number;
    if (p < 0) continue;
    extentStart[p] = Math.min(extentStart[p] as number, extentStart[f] as number);
    extentEnd[p] = Math.max(extentEnd[p] as number, extentEnd[f] as number);
  }
  const siblings = new Map<number, number[]>();
  for (let f = 0; f < n; f++) {
    const list = siblings.get(parentFrame[f] as number) ?? [];
    list.push(f);
    siblings.set(parentFrame[f] as number, list);
  }
  for (const list of siblings.values()) {
    list.sort((a, b) => (extentStart[a] as number) - (extentStart[b] as number));
    for (let i = 0; i < list.length; i++) {
      const a = list[i] as number;
      for (let j = i + 1; j < list.length; j++) {
        const b = list[j] as number;
        if ((extentStart[b] as number) >= (extentEnd[a] as number)) break;
        if ((extentEnd[b] as number) <= (extentStart[a] as number)) continue; // zero-length b at a's start
        const disjoint = (row[a] as number) + (subtreeRows[a] as number) <= (row[b] as number) || (row[b] as number) + (subtreeRows[b] as number) <= (row[a] as number);
        if (!disjoint) report(`sibling blocks ${a} and ${b} overlap in time and rows`);
      }
    }
  }
  return problems;
}

/** Every invariant of the flame graph layout, as problems (first 10 kept). */
export function graphLayoutProblems(layout: FlameGraphLayout): string[] {
  const problems: string[] = [];
  const report = (problem: string): void => {
    if (problems.length < 10) problems.push(problem);
  };
  const { startUnits, endUnits, widthUnits, parent, row } = layout;
  const childSum = new Float64Array(layout.nodeCount);
  for (let i = 1; i < layout.nodeCount; i++) {
    const p = parent[i] as number;
    if (p < 0 || p >= i) report(`node ${i} has parent ${p}`);
    if (row[i] !== (row[p] as number) + 1) report(`node ${i} is not one row below its parent`);
    if ((startUnits[i] as number) < (startUnits[p] as number) || (endUnits[i] as number) > (endUnits[p] as number)) report(`node ${i} pokes out of its parent ${p}`);
    if (Math.abs((widthUnits[i] as number) - ((endUnits[i] as number) - (startUnits[i] as number))) > 0) report(`node ${i}: width ≠ end - start`);
    childSum[p] = (childSum[p] as number) + (widthUnits[i] as number);
  }
  for (let i = 0; i < layout.nodeCount; i++) {
    if ((childSum[i] as number) > (widthUnits[i] as number) * (1 + 1e-9)) report(`children of node ${i} add up to ${childSum[i]} > ${widthUnits[i]}`);
  }
  for (let r = 0; r < layout.rowCount; r++) {
    for (let k = (layout.rowOffsets[r] as number) + 1; k < (layout.rowOffsets[r + 1] as number); k++) {
      const a = layout.rowNodes[k - 1] as number;
      const b = layout.rowNodes[k] as number;
      if ((startUnits[b] as number) < (endUnits[a] as number)) report(`row ${r}: node ${b} overlaps node ${a}`);
    }
  }
  return problems;
}
