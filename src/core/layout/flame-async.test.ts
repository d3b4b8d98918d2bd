import { describe, expect, it } from 'vitest';
import { decodeOtlpProtoColumns } from '../formats/otlp-proto-columns';
import { encodeOtlpProto } from '../formats/otlp-proto-encode';
import type { Trace } from '../model/trace';
import { traceFromColumns } from '../trace/columns-trace';
import { name } from '../trace/__fixtures__/make-trace';
import { asyncReasonOf, asyncSpanInputOf, followsFromParentOfColumns } from './flame-async';
import { flameChartLayout } from './flame-chart-layout';
import { flameGraphLayout, type FlameGraphLayout } from './flame-graph-layout';
import { checkoutWithConsumer, graphLayoutProblems, traceOfNamed, type NamedSpanSpec } from './flame-test-traces';
import { visibleRows } from './waterfall-rows';

/** Each node as "depth·[async ]service:op ×count total [start, end)", in array (depth-first) order. */
const picture = (layout: FlameGraphLayout): string[] =>
  Array.from({ length: layout.nodeCount }, (_, i) => {
    const label = i === 0 ? 'all' : `${layout.asyncStart[i] === 1 ? 'async ' : ''}${layout.texts[layout.serviceText[i] as number]}:${layout.texts[layout.nameText[i] as number]}`;
    return `${'  '.repeat(layout.row[i] as number)}${label} ×${layout.count[i]} total ${layout.totalNs[i]} [${layout.startUnits[i]}, ${layout.endUnits[i]})`;
  });

const reasons = (trace: Trace): Record<string, string> => {
  const input = asyncSpanInputOf(trace);
  const out: Record<string, string> = {};
  trace.spans.forEach((span, i) => {
    const reason = asyncReasonOf(input, i);
    if (reason) out[name(span.spanId)] = reason;
  });
  return out;
};

/**
 * The cases every view must get right: each names the async span, why it is async,
 * and its real time. The waterfall and the time mode draw spans at their own times;
 * the aggregated mode gives the async span a stack of its own, as wide as its time.
 */
const cases: { name: string; specs: readonly NamedSpanSpec[]; async: Record<string, string> }[] = [
  { name: 'the demo: a Kafka consumer under its producer, after the response', specs: checkoutWithConsumer, async: { c: 'consumer' } },
  {
    //  job   [0 .. 10]
    //    flush (FOLLOWS_FROM) [5 . 9]          inside its parent: only the reference says it is async
    //    write                [2 . 4]
    name: 'a FOLLOWS_FROM child, even one that fits inside its parent',
    specs: [
      { id: 'a', start: 0, end: 10, service: 'batch', op: 'job' },
      { id: 'b', parent: 'a', start: 5, end: 9, service: 'batch', op: 'flush', followsFrom: true },
      { id: 'c', parent: 'a', start: 2, end: 4, service: 'batch', op: 'write' },
    ],
    async: { b: 'follows-from' },
  },
  {
    //  handler [0 ...... 10]
    //    fire-and-forget [8 ..................... 400]   longer than its parent, ends after it: async
    //    skewed       [5 ...... 12]                       no longer than its parent: clock skew, stays
    name: 'a child that outlives its parent, beside one that only pokes out (skew)',
    specs: [
      { id: 'a', start: 0, end: 10, service: 'api', op: 'handler' },
      { id: 'b', parent: 'a', start: 8, end: 400, service: 'api', op: 'fire-and-forget' },
      { id: 'c', parent: 'a', start: 5, end: 12, service: 'api', op: 'skewed' },
    ],
    async: { b: 'outlives-parent' },
  },
  {
    //  request [0 ........ 100]
    //  replay (root, links to request)  [50 .. 80]   started by a link: async
    //  late (orphan root, no links)         [60 . 90] a missing parent, not async
    name: 'a root started by a link, beside an orphan',
    specs: [
      { id: 'a', start: 0, end: 100, service: 'api', op: 'request' },
      { id: 'b', start: 50, end: 80, service: 'worker', op: 'replay', links: ['a'] },
      { id: 'c', parent: 'gone', start: 60, end: 90, service: 'api', op: 'late' },
    ],
    async: { b: 'linked-root' },
  },
];

describe('asyncReasonOf: which spans did not hold their parent up', () => {
  it.each(cases)('$name', ({ specs, async }) => {
    expect(reasons(traceOfNamed(specs))).toEqual(async);
  });

  it('a consumer under anything but a producer, and a producer under a consumer, are synchronous', () => {
    const trace = traceOfNamed([
      { id: 'a', start: 0, end: 100, kind: 'consumer' },
      { id: 'b', parent: 'a', start: 10, end: 20, kind: 'producer' },
      { id: 'c', parent: 'a', start: 30, end: 40, kind: 'consumer' },
    ]);
    expect(reasons(trace)).toEqual({});
  });

  it('a link to the parent that is not follows_from is not async', () => {
    const trace = traceOfNamed([
      { id: 'a', start: 0, end: 100 },
      { id: 'b', parent: 'a', start: 10, end: 20, links: ['a'] },
    ]);
    expect(reasons(trace)).toEqual({});
  });

  it('protobuf columns: the worker finds the same follows-from links as the page', () => {
    const trace = traceOfNamed(cases[1]?.specs ?? []);
    const columns = decodeOtlpProtoColumns(encodeOtlpProto([trace]));
    expect(Array.from(followsFromParentOfColumns(columns) ?? [])).toEqual([0, 0, 1]); // write (2 ns) sorts before flush (5 ns)
    expect(reasons(traceFromColumns(columns))).toEqual({ b: 'follows-from' });
    // without links, nothing is decoded and nothing is found
    expect(followsFromParentOfColumns(decodeOtlpProtoColumns(encodeOtlpProto([traceOfNamed(cases[2]?.specs ?? [])])))).toBeUndefined();
  });
});

describe('every view shows async work at its real time', () => {
  it.each(cases)('waterfall: $name', ({ specs, async }) => {
    const trace = traceOfNamed(specs);
    const rows = Array.from(visibleRows(trace, new Set()), (i) => name(trace.spans[i]?.spanId ?? ''));
    for (const spanName of Object.keys(async)) {
      const span = trace.spans.find((s) => name(s.spanId) === spanName);
      const spec = specs.find((s) => s.id === spanName);
      // a row of its own, drawn from its own times (the waterfall's bar is [startNs, endNs] of the trace)
      expect(rows).toContain(spanName);
      expect([span?.startNs, span?.endNs]).toEqual([spec?.start, spec?.end]);
    }
  });

  it.each(cases)('time mode: $name', ({ specs, async }) => {
    const trace = traceOfNamed(specs);
    const layout = flameChartLayout(trace);
    for (const spanName of Object.keys(async)) {
      const i = trace.spans.findIndex((s) => name(s.spanId) === spanName);
      const spec = specs.find((s) => s.id === spanName);
      const frame = layout.frameOfSpan[i] as number;
      expect([layout.startNs[frame], layout.endNs[frame]]).toEqual([spec?.start, spec?.end]);
    }
  });

  it.each(cases)('aggregated: $name', ({ specs, async }) => {
    const trace = traceOfNamed(specs);
    for (const order of ['name', 'width'] as const) {
      const layout = flameGraphLayout(trace, { order });
      expect(graphLayoutProblems(layout)).toEqual([]);
      for (const spanName of Object.keys(async)) {
        const i = trace.spans.findIndex((s) => name(s.spanId) === spanName);
        const spec = specs.find((s) => s.id === spanName);
        const node = layout.nodeOfSpan[i] as number;
        // a stack of its own, as wide as its time
        expect(layout.parent[node]).toBe(0);
        expect(layout.asyncStart[node]).toBe(1);
        expect(layout.widthUnits[node]).toBe((spec?.end ?? 0) - (spec?.start ?? 0));
      }
    }
  });
});

describe('flameGraphLayout: async stacks', () => {
  it('the demo consumer is a second stack, as wide as its 2.93 s, not clipped to its 1 ms producer', () => {
    const layout = flameGraphLayout(traceOfNamed(checkoutWithConsumer));
    expect(picture(layout)).toEqual([
      'all ×0 total 3200000 [0, 3200000)',
      '  frontend:POST /checkout ×1 total 270000 [0, 270000)',
      '    frontend:render ×1 total 60000 [0, 60000)',
      '    order:send orders ×1 total 1000 [60000, 61000)',
      '  async notification:process orders ×1 total 2930000 [270000, 3200000)',
      '    notification:POST /v3/mail/send ×1 total 2910000 [270000, 3180000)',
      '    notification:SELECT users ×1 total 1000 [3180000, 3181000)',
    ]);
  });

  it('ordered by width, the async stack that took the time comes first', () => {
    const layout = flameGraphLayout(traceOfNamed(checkoutWithConsumer), { order: 'width' });
    expect(picture(layout).slice(0, 2)).toEqual(['all ×0 total 3200000 [0, 3200000)', '  async notification:process orders ×1 total 2930000 [0, 2930000)']);
  });

  //  checkout   [0 ............ 100]
  //    send (PRODUCER) [10 . 11]
  //      process (CONSUMER)          [150 ...... 250]     ┐ one async stack ×2: same service and
  //  refund     [0 ..... 50]                               │ operation, started from other paths
  //    send (PRODUCER) [20 . 21]                           │
  //      process (CONSUMER)             [160 ...... 260]  ┘
  //        send (PRODUCER) [170 . 171]
  //          audit (CONSUMER)                 [300 .. 340]  nested async work: its own stack too
  //  process (root, no links) [400 . 410]                   a root of the same name: not merged with the async stack
  it('merges async stacks by service and operation, never with a root of that name; nested async work gets its own stack', () => {
    const trace = traceOfNamed([
      { id: 'a', start: 0, end: 100, service: 'shop', op: 'checkout' },
      { id: 'b', parent: 'a', start: 10, end: 11, service: 'shop', op: 'send', kind: 'producer' },
      { id: 'c', parent: 'b', start: 150, end: 250, service: 'mail', op: 'process', kind: 'consumer' },
      { id: 'd', parent: 'x', start: 0, end: 50, service: 'shop', op: 'refund' },
      { id: 'e', parent: 'd', start: 20, end: 21, service: 'shop', op: 'send', kind: 'producer' },
      { id: 'f', parent: 'e', start: 160, end: 260, service: 'mail', op: 'process', kind: 'consumer' },
      { id: 'g', parent: 'f', start: 170, end: 171, service: 'mail', op: 'send', kind: 'producer' },
      { id: 'h', parent: 'g', start: 300, end: 340, service: 'audit', op: 'audit', kind: 'consumer' },
      { id: 'i', parent: 'y', start: 400, end: 410, service: 'mail', op: 'process' },
    ]);
    const layout = flameGraphLayout(trace);
    expect(picture(layout)).toEqual([
      'all ×0 total 400 [0, 400)',
      '  mail:process ×1 total 10 [0, 10)',
      '  shop:checkout ×1 total 100 [10, 110)',
      '    shop:send ×1 total 1 [10, 11)',
      '  shop:refund ×1 total 50 [110, 160)',
      '    shop:send ×1 total 1 [110, 111)',
      '  async audit:audit ×1 total 40 [160, 200)',
      '  async mail:process ×2 total 200 [200, 400)',
      '    mail:send ×1 total 1 [200, 201)',
    ]);
    expect(graphLayoutProblems(layout)).toEqual([]);
  });

  it('a trace without async work lays out as before: no async stacks', () => {
    const layout = flameGraphLayout(traceOfNamed(cases[2]?.specs.filter((s) => s.id !== 'b') ?? []));
    expect(Array.from(layout.asyncStart)).toEqual([0, 0, 0]);
    expect(picture(layout)).toEqual(['all ×0 total 10 [0, 10)', '  api:handler ×1 total 10 [0, 10)', '    api:skewed ×1 total 7 [0, 7)']);
  });
});
