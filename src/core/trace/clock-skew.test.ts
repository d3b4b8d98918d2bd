import { describe, expect, it } from 'vitest';
import type { Attribute } from '../model/attributes';
import type { DecodedSpan } from '../model/decoded-span';
import { spanWithId, type Trace } from '../model/trace';
import { adjustClockSkew } from './clock-skew';
import { buildTrace } from './build-trace';
import { T0, decodedSpan, id, name, traceOf, type SpanSpec } from './__fixtures__/make-trace';

const MS = 1_000_000;
/** name → [start, end] relative to the trace start */
const times = (trace: Trace): Record<string, [number, number]> => Object.fromEntries(trace.spans.map((s) => [name(s.spanId), [s.startNs, s.endNs]]));
const offsets = (result: ReturnType<typeof adjustClockSkew>): Record<string, number> =>
  Object.fromEntries(result.trace.spans.map((s, i) => [name(s.spanId), result.offsetNs[i] ?? NaN]));
const str = (key: string, value: string): Attribute => ({ key, value: { type: 'string', value } });

/** A span spec with the resource attributes that name its clock. */
interface ClockedSpec extends SpanSpec {
  readonly host?: string;
  readonly instance?: string;
  /** event times, ns after T0 */
  readonly events?: readonly number[];
}
function clocked(spec: ClockedSpec): DecodedSpan {
  const span = decodedSpan(spec);
  const attributes = [...span.resource.attributes];
  if (spec.host !== undefined) attributes.push(str('host.name', spec.host));
  if (spec.instance !== undefined) attributes.push(str('service.instance.id', spec.instance));
  return {
    ...span,
    resource: { ...span.resource, attributes },
    events: (spec.events ?? []).map((t) => ({ timeUnixNano: T0 + BigInt(t), name: 'log', attributes: [], droppedAttributesCount: 0 })),
  };
}
const clockedTrace = (specs: readonly ClockedSpec[]): Trace => buildTrace(specs.map(clocked));
/** absolute start (ns after T0) of every span, and of every event */
const absoluteStarts = (trace: Trace): Record<string, number> => {
  const base = Number(trace.startUnixNano - T0);
  return Object.fromEntries(trace.spans.map((s) => [name(s.spanId), base + s.startNs]));
};
const absoluteEvents = (trace: Trace, spanName: string): number[] => {
  const base = Number(trace.startUnixNano - T0);
  return (spanWithId(trace, id(spanName))?.events ?? []).map((e) => base + e.timeNs);
};

describe('adjustClockSkew: Jaeger’s clock-skew cases (its clockskew_test.go), rewritten as ours', () => {
  // times in ms; `adjusted` is each span's start after adjustment (absolute, like Jaeger's test)
  interface Case {
    readonly description: string;
    readonly spans: readonly (ClockedSpec & { readonly adjusted: number; readonly adjustedEvents?: readonly number[] })[];
  }
  const span = (spanId: string, parent: string | undefined, startMs: number, durationMs: number, host: string | undefined, adjustedMs: number, events?: [number[], number[]]) => ({
    id: spanId,
    ...(parent !== undefined ? { parent } : {}),
    start: startMs * MS,
    end: (startMs + durationMs) * MS,
    service: host === undefined ? 'svc' : `svc-${host}`,
    ...(host !== undefined ? { host } : {}),
    ...(events ? { events: events[0].map((t) => t * MS), adjustedEvents: events[1].map((t) => t * MS) } : {}),
    adjusted: adjustedMs * MS,
  });
  const cases: Case[] = [
    // the parent is not in the trace: the span is a root, and a root's clock is the reference
    { description: 'a single span with a missing parent', spans: [span('1', '63', 0, 100, 'a', 0)] },
    { description: 'a single span with no host', spans: [span('1', undefined, 0, 100, undefined, 0)] },
    //  a1 [0 ............ 100]
    //  a2     [10 ... 60]           same host
    { description: 'parent and child on the same host', spans: [span('1', undefined, 0, 100, 'a', 0), span('2', '1', 10, 50, 'a', 10)] },
    //  a1    [10 ............ 110]
    //  a2 [0 ..... 50]              same host: the early start is real
    { description: 'a child on its parent’s host starting first is left alone', spans: [span('1', undefined, 10, 100, 'a', 10), span('2', '1', 0, 50, 'a', 0)] },
    //  a1 [10 ............ 110]
    //  b2    [20 ... 70]
    { description: 'a child that fits inside its parent is left alone', spans: [span('1', undefined, 10, 100, 'a', 10), span('2', '1', 20, 50, 'b', 20)] },
    //  a1 [10 ............ 110]
    //  b2    [20 ..................... 170]   longer than its parent: async, or the parent timed out
    { description: 'a child longer than its parent that starts after it is left alone', spans: [span('1', undefined, 10, 100, 'a', 10), span('2', '1', 20, 150, 'b', 20)] },
    //  a1     [10 ............ 110]
    //  b2 [0 ..... 50]           → [35 ..... 85]   latency (100 − 50) / 2 = 25 each way
    {
      description: 'a child starting before its parent is centred in it, its events along',
      spans: [span('1', undefined, 10, 100, 'a', 10), span('2', '1', 0, 50, 'b', 35, [[5, 10], [40, 45]])],
    },
    //  a1     [10 ............ 110]
    //  b2 [0 ................. 150]  → starts with its parent: it cannot fit either way
    { description: 'a child starting before its parent, even a longer one, starts no earlier than it', spans: [span('1', undefined, 10, 100, 'a', 10), span('2', '1', 0, 150, 'b', 10)] },
    //  a1 [10 ............ 110]
    //  b2             [50 ...... 120]   → [25 ...... 95]   latency (100 − 70) / 2 = 15
    //  b3                 [60 . 80]     → [35 . 55]        same host b: the same delta, −25
    {
      description: 'a shorter child ending after its parent is centred, and its host’s other spans move with it',
      spans: [span('1', undefined, 10, 100, 'a', 10), span('2', '1', 50, 70, 'b', 25), span('3', '2', 60, 20, 'b', 35, [[65, 70], [40, 45]])],
    },
  ];
  it.each(cases)('$description', ({ spans }) => {
    const result = adjustClockSkew(clockedTrace(spans));
    expect(absoluteStarts(result.trace)).toEqual(Object.fromEntries(spans.map((s) => [s.id, s.adjusted])));
    for (const s of spans) {
      const moved = result.trace.spans.find((x) => name(x.spanId) === s.id);
      expect(moved && moved.endNs - moved.startNs).toBe(s.end - s.start);
      if (s.adjustedEvents) expect(absoluteEvents(result.trace, s.id)).toEqual(s.adjustedEvents);
    }
    // one adjustment per moved span, as Jaeger warns on each span it moves
    expect(result.adjustments.map((a) => name(a.spanId)).sort()).toEqual(spans.filter((s) => s.adjusted !== s.start).map((s) => s.id).sort());
  });
});

describe('adjustClockSkew', () => {
  //  frontend client  [0 ...................... 100 ms]
  //  backend server (clock 15 ms ahead)  [25 ........................ 105]   ends 5 ms after its parent
  //    backend db                              [45 .. 65]
  // true times: server [10, 90] (10 ms each way on the wire), db [30, 50]
  const skewed: SpanSpec[] = [
    { id: 'client', start: 0, end: 100 * MS, service: 'frontend', kind: 'client' },
    { id: 'server', parent: 'client', start: 25 * MS, end: 105 * MS, service: 'backend', kind: 'server' },
    { id: 'db', parent: 'server', start: 45 * MS, end: 65 * MS, service: 'backend' },
  ];

  it('shifts the clock of a service 15 ms ahead back: its server span into the middle of its parent, its other spans and events along', () => {
    const decoded = skewed.map(decodedSpan).map((d) => (d.spanId === id('db') ? { ...d, events: [{ timeUnixNano: T0 + BigInt(50 * MS), name: 'query', attributes: [], droppedAttributesCount: 0 }] } : d));
    const raw = buildTrace(decoded);
    const result = adjustClockSkew(raw);

    expect(times(result.trace)).toEqual({ client: [0, 100 * MS], server: [10 * MS, 90 * MS], db: [30 * MS, 50 * MS] });
    expect(spanWithId(result.trace, id('db'))?.events[0]?.timeNs).toBe(35 * MS);
    expect(offsets(result)).toEqual({ client: 0, server: -15 * MS, db: -15 * MS });
    const reason = 'backend span ended 5 ms after its frontend parent; all 2 spans on the clock of service backend shifted earlier by 15 ms to centre it in the parent';
    expect(result.clocks).toEqual([{ clock: 'service backend', services: ['backend'], offsetNs: -15 * MS, spanCount: 2, reason }]);
    expect(result.adjustments).toEqual([
      { spanId: id('server'), offsetNs: -15 * MS, reason },
      { spanId: id('db'), offsetNs: -15 * MS, reason },
    ]);
    expect(result.trace.durationNs).toBe(100 * MS);
    expect(spanWithId(result.trace, id('client'))?.children[0]).toBe(spanWithId(result.trace, id('server')));
  });

  it('leaves the raw trace as it was', () => {
    const raw = traceOf(skewed);
    const before = structuredClone(raw);
    const result = adjustClockSkew(raw);
    expect(result.trace).not.toBe(raw);
    expect(raw).toEqual(before);
    expect(times(raw)).toEqual({ client: [0, 100 * MS], server: [25 * MS, 105 * MS], db: [45 * MS, 65 * MS] });
  });

  it('never shifts a same-service child: one clock, so the overhang is real', () => {
    const trace = traceOf([
      { id: 'handler', start: 0, end: 100, service: 'api' },
      { id: 'flush', parent: 'handler', start: 80, end: 130, service: 'api' },
      { id: 'early', parent: 'handler', start: -10, end: 20, service: 'api' },
    ]);
    const result = adjustClockSkew(trace);
    expect(result.trace).toBe(trace);
    expect(result.adjustments).toEqual([]);
    expect(result.clocks).toEqual([]);
    expect([...result.offsetNs]).toEqual([0, 0, 0]);
  });

  // The demo's order flow: the producer publishes in under a millisecond, notification's
  // consumer picks the message up 68 ms later and works for almost 3 s.
  //  web-frontend GET /checkout  [0 ............ 330]
  //  order send orders              [250 .]                    PRODUCER, 0.8 ms
  //  notification process orders          [318 ........................ 3300]   CONSUMER, links to the producer
  //  notification SELECT users             [319 .. 321]
  const demoShape: ClockedSpec[] = [
    { id: 'root', start: 0, end: 330 * MS, service: 'web-frontend', kind: 'server', host: 'pool-5' },
    { id: 'send', parent: 'root', start: 250 * MS, end: 250 * MS + 776_000, service: 'order', kind: 'producer', host: 'pool-1' },
    { id: 'process', parent: 'send', start: 318.5 * MS, end: 3300 * MS, service: 'notification', kind: 'consumer', host: 'pool-2', links: ['send'] },
    { id: 'select', parent: 'process', start: 319 * MS, end: 321 * MS, service: 'notification', kind: 'client', host: 'pool-2' },
  ];

  it('leaves a Kafka consumer that starts 68 ms after its producer and outlives it where it is', () => {
    const raw = clockedTrace(demoShape);
    const result = adjustClockSkew(raw);
    expect(result.trace).toBe(raw);
    expect(result.adjustments).toEqual([]);
    expect(result.trace.durationNs).toBe(3300 * MS);
  });

  it.each([
    ['a consumer under its producer', { parentKind: 'producer', kind: 'consumer' }],
    ['a consumer under a client', { parentKind: 'client', kind: 'consumer' }],
    ['any child of a producer', { parentKind: 'producer', kind: 'internal' }],
    ['a child that links to its parent (messaging, follows_from)', { parentKind: 'client', kind: 'server', links: ['p'] }],
  ] as const)('lets %s end after its parent: the parent did not wait for it', (_, shape) => {
    //  p (svc a) [0 ...... 100]
    //  c (svc b)       [60 ...... 120]   no longer than p, ends after it: only async makes that real
    const raw = clockedTrace([
      { id: 'p', start: 0, end: 100, service: 'a', kind: shape.parentKind },
      { id: 'c', parent: 'p', start: 60, end: 120, service: 'b', kind: shape.kind, ...('links' in shape ? { links: shape.links } : {}) },
    ]);
    expect(adjustClockSkew(raw).trace).toBe(raw);
  });

  it('does shift that child when it is synchronous: a client waits for its server', () => {
    const result = adjustClockSkew(
      clockedTrace([
        { id: 'p', start: 0, end: 100, service: 'a', kind: 'client' },
        { id: 'c', parent: 'p', start: 60, end: 120, service: 'b', kind: 'server' },
      ]),
    );
    expect(offsets(result)).toEqual({ p: 0, c: -40 });
  });

  it('moves a consumer that starts before its producer to start with it, and only that far', () => {
    //  send (order)         [250 .]
    //  process (notification) [248 .............. 3300]   starts 2 ms before its producer: a clock is off
    const result = adjustClockSkew(clockedTrace(demoShape.map((s) => (s.id === 'process' ? { ...s, start: 248 * MS } : s))));
    expect(offsets(result)).toEqual({ root: 0, send: 0, process: 2 * MS, select: 2 * MS });
    expect(result.clocks.map((c) => [c.clock, c.offsetNs, c.spanCount])).toEqual([['host pool-2', 2 * MS, 2]]);
    expect(result.clocks[0]?.reason).toBe(
      'notification span started 2 ms before its order parent; all 2 spans on the clock of host pool-2 shifted later by 2 ms to start it with the parent',
    );
  });

  it('never pulls a child earlier to close a gap after its parent’s start', () => {
    //  p (svc a) [0 ............ 100]
    //  c (svc b)        [50 . 60]        fits: nothing to adjust
    //  d (svc c)               [70 ........ 150]   longer than p: async or a timeout, not skew
    const raw = traceOf([
      { id: 'p', start: 0, end: 100, service: 'a', kind: 'client' },
      { id: 'c', parent: 'p', start: 50, end: 60, service: 'b', kind: 'server' },
      { id: 'd', parent: 'p', start: 70, end: 180, service: 'c', kind: 'server' },
    ]);
    expect(adjustClockSkew(raw).trace).toBe(raw);
  });

  //  a (svc a)  [0 ...................... 100]
  //  b (svc b) [-10 ............ 70]                 starts before a: centred, +20 → [10, 90]
  //  c (svc c)                       [95 . 105]       judged against b as placed [10, 90]: centred, −50 → [45, 55]
  //  d (svc c, same as c)             [96 100]        same clock as c: −50 → [46, 50]
  it('judges each clock against the clocks already placed, so shifts compose down the tree', () => {
    const result = adjustClockSkew(
      traceOf([
        { id: 'a', start: 10, end: 110, service: 'a' },
        { id: 'b', parent: 'a', start: 0, end: 80, service: 'b' },
        { id: 'c', parent: 'b', start: 105, end: 115, service: 'c' },
        { id: 'd', parent: 'c', start: 106, end: 110, service: 'c' },
      ]),
    );
    // the earliest span (b, at T0) moved, so the trace now starts with a, 10 ns later
    expect(result.trace.startUnixNano).toBe(T0 + 10n);
    expect(times(result.trace)).toEqual({ a: [0, 100], b: [10, 90], c: [45, 55], d: [46, 50] });
    expect(offsets(result)).toEqual({ a: 0, b: 20, c: -50, d: -50 });
    expect(result.clocks.map((c) => [c.clock, c.offsetNs])).toEqual([
      ['service b', 20],
      ['service c', -50],
    ]);
  });

  it('leaves a child longer than its parent that starts after it where it is', () => {
    //  p (web) [0 ..... 50]
    //  c (db)        [30 .......... 130]   the old rule pulled it back to start with p
    const raw = traceOf([
      { id: 'p', start: 0, end: 50, service: 'web' },
      { id: 'c', parent: 'p', start: 30, end: 130, service: 'db' },
    ]);
    expect(adjustClockSkew(raw).trace).toBe(raw);
  });

  //  gw (gateway, host h1)   [0 .................................. 200]
  //  pay #1 (payment, h2)        [20 ......... 80]   client
  //  fraud #1 (fraud, h3)             [45 .... 85]   ends 5 after its parent
  //  pay #2 (payment, h2)                        [100 ......... 160]
  //  fraud #2 (fraud, h3)                              [118 ... 158]   fits
  //  cache (cache, h3)                                  [120 124]  another service on the same host
  //  callback (payment, h2)                              [125 130]  back on payment's host, under fraud #2
  it('moves one clock by one delta, all its services along; spans of the parent’s clock under it stay put', () => {
    const result = adjustClockSkew(
      clockedTrace([
        { id: 'gw', start: 0, end: 200, service: 'gateway', kind: 'server', host: 'h1' },
        { id: 'pay1', parent: 'gw', start: 20, end: 80, service: 'payment', kind: 'client', host: 'h2' },
        { id: 'fraud1', parent: 'pay1', start: 45, end: 85, service: 'fraud', kind: 'server', host: 'h3' },
        { id: 'pay2', parent: 'gw', start: 100, end: 160, service: 'payment', kind: 'client', host: 'h2' },
        { id: 'fraud2', parent: 'pay2', start: 118, end: 158, service: 'fraud', kind: 'server', host: 'h3' },
        { id: 'cache', parent: 'fraud2', start: 120, end: 124, service: 'cache', kind: 'server', host: 'h3' },
        { id: 'callback', parent: 'fraud2', start: 125, end: 130, service: 'payment', kind: 'server', host: 'h2' },
      ]),
    );
    // h3's delta d: pay1/fraud1 allows [−25, −5], pay2/fraud2 [−18, 2], fraud2/callback (h3 the parent's
    // clock) [−28, 7]; together [−18, −5], centred at −12 (whole ns, rounded down)
    expect(offsets(result)).toEqual({ gw: 0, pay1: 0, fraud1: -12, pay2: 0, fraud2: -12, cache: -12, callback: 0 });
    expect(result.clocks).toEqual([
      {
        clock: 'host h3',
        services: ['cache', 'fraud'],
        offsetNs: -12,
        spanCount: 3,
        reason: 'fraud span ended 5 ns after its payment parent; all 3 spans on the clock of host h3 shifted earlier by 12 ns to fit its 3 parent/child pairs with other clocks',
      },
    ]);
  });

  it('tells clocks apart by host, then service instance, then service', () => {
    //  p [0 ...... 100]  its child on the same host ends after it, on another instance, on another service
    const child = (host?: string, instance?: string, service = 'api'): ClockedSpec => ({
      id: 'c',
      parent: 'p',
      start: 50,
      end: 110,
      service,
      kind: 'server',
      ...(host !== undefined ? { host } : {}),
      ...(instance !== undefined ? { instance } : {}),
    });
    const parent: ClockedSpec = { id: 'p', start: 0, end: 100, service: 'api', kind: 'client', host: 'node-1', instance: 'i-1' };
    const moved = (c: ClockedSpec) => adjustClockSkew(clockedTrace([parent, c])).clocks.map((x) => x.clock);
    expect(moved(child('node-1', 'i-2', 'db'))).toEqual([]); // one host, one clock, whatever runs there
    expect(moved(child('node-2', 'i-1'))).toEqual(['host node-2']);
    const parentOfInstance: ClockedSpec = { id: 'p', start: 0, end: 100, service: 'api', kind: 'client', instance: 'i-1' };
    expect(adjustClockSkew(clockedTrace([parentOfInstance, child(undefined, 'i-1')])).clocks).toEqual([]);
    expect(adjustClockSkew(clockedTrace([parentOfInstance, child(undefined, 'i-2')])).clocks.map((x) => x.clock)).toEqual(['api instance i-2']);
    const parentOfService: ClockedSpec = { id: 'p', start: 0, end: 100, service: 'api', kind: 'client' };
    expect(adjustClockSkew(clockedTrace([parentOfService, child(undefined, undefined, 'api')])).clocks).toEqual([]);
    expect(adjustClockSkew(clockedTrace([parentOfService, child(undefined, undefined, 'db')])).clocks.map((x) => x.clock)).toEqual(['service db']);
  });

  it('lets the start rule win when the pairs contradict each other, and says what is left over', () => {
    //  p1 (a) [0 ........ 100]          p2 (a)  [200 ........ 300]
    //  c1 (b)   [-10 .. 40]  starts before: d ≥ 10    c2 (b) [260 ..... 320]  ends after: d ≤ −20
    const result = adjustClockSkew(
      traceOf([
        { id: 'r', start: -20, end: 400, service: 'a' },
        { id: 'p1', parent: 'r', start: 0, end: 100, service: 'a', kind: 'client' },
        { id: 'c1', parent: 'p1', start: -10, end: 40, service: 'b', kind: 'server' },
        { id: 'p2', parent: 'r', start: 200, end: 300, service: 'a', kind: 'client' },
        { id: 'c2', parent: 'p2', start: 260, end: 320, service: 'b', kind: 'server' },
      ]),
    );
    expect(offsets(result)).toMatchObject({ c1: 10, c2: 10 });
    expect(result.clocks[0]?.reason).toMatch(/; the pairs disagree, so 1 child still ends after its parent \(which timed out, or did not wait\)$/);
  });

  it('re-sorts siblings a shift reorders, and keeps offsets with their spans', () => {
    //  p [0 ............ 100]   x (same service) at 45; y (other service) at 90-110 → centred to 40-60, before x
    const result = adjustClockSkew(
      traceOf([
        { id: 'p', start: 0, end: 100, service: 'web' },
        { id: 'x', parent: 'p', start: 45, end: 50, service: 'web' },
        { id: 'y', parent: 'p', start: 90, end: 110, service: 'db' },
      ]),
    );
    expect(result.trace.spans.map((s) => name(s.spanId))).toEqual(['p', 'y', 'x']);
    expect(times(result.trace)).toEqual({ p: [0, 100], x: [45, 50], y: [40, 60] });
    expect([...result.offsetNs]).toEqual([0, -50, 0]);
    expect(spanWithId(result.trace, id('p'))?.children.map((c) => name(c.spanId))).toEqual(['y', 'x']);
  });

  it('puts a 100,000-deep chain of two alternating clocks back in place without recursion', () => {
    const depth = 100_000;
    const L = 30 * depth;
    const AHEAD = 25;
    const specs: SpanSpec[] = [];
    // true times: span i is [10i, L − 10i], nested 10 ns inside its parent at both ends; the odd clock runs 25 ns ahead
    for (let i = 0; i < depth; i++) {
      const skew = i % 2 === 1 ? AHEAD : 0;
      specs.push({ id: `s${i.toString(16)}`, ...(i > 0 ? { parent: `s${(i - 1).toString(16)}` } : {}), start: 10 * i + skew, end: L - 10 * i + skew, service: i % 2 === 0 ? 'even' : 'odd', kind: 'server' });
    }
    const result = adjustClockSkew(traceOf(specs));
    expect(result.clocks.map((c) => [c.clock, c.offsetNs, c.spanCount])).toEqual([['service odd', -AHEAD, depth / 2]]);
    expect(result.trace.spans.every((s, i) => s.startNs === 10 * i && s.endNs === L - 10 * i)).toBe(true);
  });
});

describe('adjustClockSkew on a trace without skew', () => {
  /** mulberry32: a small seeded generator, so a failure names a seed that reproduces it */
  function prng(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /**
   * A random well-nested trace on true clocks: every synchronous child inside its parent;
   * async children (consumers under producers, children linking to their parent) and
   * same-clock children anywhere at or after their parent's start, as long as they like;
   * a few extra roots. Services and hosts repeat, so clocks are shared.
   */
  function randomTrace(seed: number): Trace {
    const next = prng(seed);
    const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
    const specs: ClockedSpec[] = [];
    const count = int(1, 120);
    for (let i = 0; i < count; i++) {
      const parent = i === 0 || next() < 0.05 ? undefined : specs[int(0, i - 1)];
      const service = `svc${int(0, 5)}`;
      const host = next() < 0.5 ? `host${int(0, 3)}` : undefined;
      const base: ClockedSpec = { id: `s${i.toString(16)}`, start: 0, end: 0, service, ...(host !== undefined ? { host } : {}) };
      if (parent === undefined) {
        const start = int(0, 1e6);
        specs.push({ ...base, start, end: start + int(0, 1e6), kind: 'server' });
        continue;
      }
      const shape = next();
      if (shape < 0.15) {
        // async: a consumer of a message the parent produced, or work that links back to it
        const asConsumer = parent.kind === 'producer';
        const start = parent.start + int(0, 2e6);
        specs.push({ ...base, parent: parent.id, start, end: start + int(0, 3e6), kind: asConsumer ? 'consumer' : 'internal', links: [parent.id] });
      } else if (shape < 0.25 && parent.service === service && parent.host === host) {
        // one clock: an overhang is real and never adjusted
        const start = parent.start + int(-1e5, 1e6);
        specs.push({ ...base, parent: parent.id, start, end: start + int(0, 2e6), kind: 'internal' });
      } else {
        const start = int(parent.start, parent.end);
        const end = int(start, parent.end);
        specs.push({ ...base, parent: parent.id, start, end, kind: next() < 0.1 ? 'producer' : next() < 0.5 ? 'client' : 'server' });
      }
    }
    return clockedTrace(specs);
  }

  it.each(Array.from({ length: 200 }, (_, seed) => seed))('changes nothing (seed %i)', (seed) => {
    const raw = randomTrace(seed);
    const result = adjustClockSkew(raw);
    expect(result.adjustments).toEqual([]);
    expect(result.clocks).toEqual([]);
    expect(result.trace).toBe(raw);
    expect([...result.offsetNs].every((x) => x === 0)).toBe(true);
  });
});
