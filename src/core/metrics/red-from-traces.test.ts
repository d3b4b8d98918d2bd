import { describe, expect, it } from 'vitest';
import type { Attribute } from '../model/attributes';
import type { SpanKind } from '../model/span';
import type { Trace } from '../model/trace';
import { buildTrace } from '../trace/build-trace';
import { decodedSpan, id } from '../trace/__fixtures__/make-trace';
import type { MetricsRange, RedRow, SpanScope } from './red-model';
import { nearestRank, redFromTraces, systemGraphFromTraces } from './red-from-traces';

const T0_MS = 1_700_000_000_000;
const MS = 1_000_000n;
/** four intervals of 60 s: (0, 60], (60, 120], (120, 180], (180, 240] seconds after T0 */
const RANGE: MetricsRange = { startMs: T0_MS, endMs: T0_MS + 240_000, stepMs: 60_000 };

interface Spec {
  readonly id: string;
  readonly parent?: string;
  /** ns after T0 (the range's start) */
  readonly startNs: bigint;
  readonly durationNs: number;
  readonly service: string;
  readonly name?: string;
  readonly kind?: SpanKind;
  readonly error?: boolean;
  readonly attributes?: Readonly<Record<string, string>>;
}

let traceCounter = 0;
function traceOf(specs: readonly Spec[]): Trace {
  traceCounter++;
  const traceId = traceCounter.toString(16).padStart(32, '0');
  return buildTrace(
    specs.map((s) => {
      const start = BigInt(T0_MS) * MS + s.startNs;
      const attributes: Attribute[] = Object.entries(s.attributes ?? {}).map(([key, value]) => ({ key, value: { type: 'string', value } }));
      return {
        ...decodedSpan({ id: s.id, ...(s.parent === undefined ? {} : { parent: s.parent }), start: 0, end: 0, service: s.service, kind: s.kind ?? 'internal' }),
        traceId,
        name: s.name ?? s.id,
        startUnixNano: start,
        endUnixNano: start + BigInt(s.durationNs),
        attributes,
        ...(s.error ? { status: { code: 'error' as const, message: 'boom' } } : {}),
      };
    }),
  );
}

const sec = (s: number): bigint => BigInt(s) * 1_000n * MS;
const points = (row: RedRow | undefined, field: 'rate' | 'errorRate' | 'p50Ms' | 'p90Ms' | 'p99Ms') => row?.[field].map((p) => [(p.timeMs - T0_MS) / 1000, p.value]);

describe('redFromTraces: a hand-built case', () => {
  //  seconds after T0:   -10   0    30   60   90  120  150  180  210  240  250
  //  t1 web  GET /   server     |--| (30 s, 20 ms)
  //     └ cart GET /cart server   (31 s, 10 ms, ERROR)
  //  t2 web  GET /   server               |--| (60 s exactly: the interval ending at 60) 40 ms
  //  t3 web  POST /  server                        |--| (120.000000001 s) 100 ms, ERROR
  //  t4 web  GET /   server    (−10 s: before the range)   t5 web (250 s: after it)
  //  t6 orphan: cart span whose parent is not in the trace, 200 s, server, 5 ms
  const traces = [
    traceOf([
      { id: 'a', startNs: sec(30), durationNs: 20e6, service: 'web', name: 'GET /', kind: 'server' },
      { id: 'b', parent: 'a', startNs: sec(31), durationNs: 10e6, service: 'cart', name: 'GET /cart', kind: 'server', error: true },
    ]),
    traceOf([{ id: 'a', startNs: sec(60), durationNs: 40e6, service: 'web', name: 'GET /', kind: 'server' }]),
    traceOf([{ id: 'a', startNs: sec(120) + 1n, durationNs: 100e6, service: 'web', name: 'POST /', kind: 'server', error: true }]),
    traceOf([{ id: 'a', startNs: -sec(10), durationNs: 1e6, service: 'web', name: 'GET /', kind: 'server' }]),
    traceOf([{ id: 'a', startNs: sec(250), durationNs: 1e6, service: 'web', name: 'GET /', kind: 'server' }]),
    traceOf([{ id: 'c', parent: 'gone', startNs: sec(200), durationNs: 5e6, service: 'cart', name: 'GET /cart', kind: 'server' }]),
  ];

  it('root spans per service: rates per step, error rate 0 where there were requests, gaps elsewhere', () => {
    const rows = redFromTraces(traces, { range: RANGE, scope: 'root', groupBy: 'service' });
    expect(rows.map((r) => r.service)).toEqual(['web']); // cart has no root: its orphan names a parent
    const web = rows[0];
    expect(points(web, 'rate')).toEqual([[60, 2 / 60], [180, 1 / 60]]);
    expect(points(web, 'errorRate')).toEqual([[60, 0], [180, 1 / 60]]);
    expect(points(web, 'p50Ms')).toEqual([[60, 20], [180, 100]]);
    expect(points(web, 'p99Ms')).toEqual([[60, 40], [180, 100]]);
    expect(web?.total).toEqual({
      ratePerSecond: 3 / 240,
      errorsPerSecond: 1 / 240,
      errorFraction: 1 / 3,
      requestCount: 3,
      errorCount: 1,
      p50Ms: 40, // nearest rank: ⌈0.5 · 3⌉ = 2nd of 20, 40, 100
      p90Ms: 100,
      p99Ms: 100,
    });
    expect(web?.exemplars).toEqual([
      { timeMs: T0_MS + 60_000, value: 40, traceId: traces[1]?.traceId, spanId: id('a') },
      { timeMs: T0_MS + 120_000.000001, value: 100, traceId: traces[2]?.traceId, spanId: id('a') },
    ]);
  });

  it('server spans count the orphan and the called service', () => {
    const rows = redFromTraces(traces, { range: RANGE, scope: 'server', groupBy: 'service' });
    expect(rows.map((r) => [r.service, r.total.requestCount, r.total.errorCount])).toEqual([
      ['cart', 2, 1],
      ['web', 3, 1],
    ]);
    expect(points(rows[0], 'rate')).toEqual([[60, 1 / 60], [240, 1 / 60]]);
  });

  it('groups by operation, and keeps to one service when asked', () => {
    const rows = redFromTraces(traces, { range: RANGE, scope: 'all', groupBy: 'operation', service: 'web' });
    expect(rows.map((r) => [r.service, r.operation, r.total.requestCount, r.total.errorFraction])).toEqual([
      ['web', 'GET /', 2, 0],
      ['web', 'POST /', 1, 1],
    ]);
  });

  it('gives no rows for a range no span falls in', () => {
    expect(redFromTraces(traces, { range: { startMs: T0_MS + 1_000_000, endMs: T0_MS + 1_060_000, stepMs: 60_000 }, scope: 'all', groupBy: 'service' })).toEqual([]);
  });
});

describe('nearestRank', () => {
  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9], // ⌈9⌉ exactly: not the 10th
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99, 10],
    [[5], 50, 5],
    [Array.from({ length: 100 }, (_, i) => i + 1), 99, 99],
    [Array.from({ length: 201 }, (_, i) => i + 1), 99, 199], // ⌈198.99⌉
  ])('%j p%d → %d', (values, percent, expected) => {
    expect(nearestRank(values, percent)).toBe(expected);
  });
});

/** mulberry32: a small seeded generator, so a failure reproduces */
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

const SERVICES = ['web', 'cart', 'checkout', 'payment'];
const OPERATIONS = ['GET', 'POST', 'PUT'];

/** Traces across (and a little beyond) the range; a fifth of the starts fall exactly on a step boundary. */
function generatedTraces(seed: number, count: number): Trace[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const traces: Trace[] = [];
  for (let t = 0; t < count; t++) {
    const startNs = random() < 0.2 ? sec(Math.floor(random() * 5) * 60) : BigInt(Math.floor((random() * 260 - 10) * 1e9));
    const specs: Spec[] = [{ id: 'r', startNs, durationNs: 1 + Math.floor(random() * 2e9), service: pick(SERVICES), name: pick(OPERATIONS), kind: 'server', error: random() < 0.1 }];
    const children = Math.floor(random() * 6);
    for (let c = 0; c < children; c++) {
      const parent = pick(specs);
      const childStart = parent.startNs + BigInt(Math.floor(random() * 30e9));
      specs.push({
        id: `c${c}`,
        parent: parent.id,
        startNs: childStart,
        // durations repeat often: ties must not move a nearest-rank quantile
        durationNs: random() < 0.3 ? 5_000_000 : 1 + Math.floor(random() * 1e9),
        service: pick(SERVICES),
        name: pick(OPERATIONS),
        kind: pick<SpanKind>(['server', 'client', 'internal']),
        error: random() < 0.15,
      });
    }
    traces.push(traceOf(specs));
  }
  return traces;
}

/**
 * The same figures the slow, obvious way: every span's absolute start in bigint ns,
 * its interval by integer division, each quantile as the smallest duration with at
 * least p% of the durations at or below it.
 */
function bruteForce(traces: readonly Trace[], range: MetricsRange, scope: SpanScope, groupBy: 'service' | 'operation') {
  const startNs = BigInt(range.startMs) * MS;
  const stepNs = BigInt(range.stepMs) * MS;
  const intervals = (range.endMs - range.startMs) / range.stepMs;
  const groups = new Map<string, { service: string; operation?: string; spans: { interval: number; durationNs: number; error: boolean }[] }>();
  for (const trace of traces) {
    for (const span of trace.spans) {
      if (scope === 'root' && span.parentSpanId !== undefined) continue;
      if (scope === 'server' && span.kind !== 'server') continue;
      const offset = trace.startUnixNano + BigInt(span.startNs) - startNs;
      if (offset <= 0n || offset > stepNs * BigInt(intervals)) continue;
      const interval = Number((offset - 1n) / stepNs);
      const key = groupBy === 'service' ? span.service : `${span.service}/${span.name}`;
      const group = groups.get(key) ?? { service: span.service, ...(groupBy === 'operation' ? { operation: span.name } : {}), spans: [] };
      groups.set(key, group);
      group.spans.push({ interval, durationNs: span.endNs - span.startNs, error: span.status.code === 'error' });
    }
  }
  const quantile = (values: number[], p: number): number => {
    for (const candidate of [...values].sort((a, b) => a - b)) {
      if (values.filter((v) => v <= candidate).length * 100 >= p * values.length) return candidate;
    }
    throw new Error('no values');
  };
  const stepSeconds = range.stepMs / 1000;
  return [...groups.values()].map((g) => {
    const perInterval = Array.from({ length: intervals }, (_, k) => g.spans.filter((s) => s.interval === k));
    const used = perInterval.map((spans, k) => ({ spans, timeMs: range.startMs + (k + 1) * range.stepMs })).filter((x) => x.spans.length > 0);
    const durations = g.spans.map((s) => s.durationNs);
    const errors = g.spans.filter((s) => s.error).length;
    return {
      service: g.service,
      operation: g.operation,
      rate: used.map((x) => ({ timeMs: x.timeMs, value: x.spans.length / stepSeconds })),
      errorRate: used.map((x) => ({ timeMs: x.timeMs, value: x.spans.filter((s) => s.error).length / stepSeconds })),
      p50Ms: used.map((x) => ({ timeMs: x.timeMs, value: quantile(x.spans.map((s) => s.durationNs), 50) / 1e6 })),
      p90Ms: used.map((x) => ({ timeMs: x.timeMs, value: quantile(x.spans.map((s) => s.durationNs), 90) / 1e6 })),
      p99Ms: used.map((x) => ({ timeMs: x.timeMs, value: quantile(x.spans.map((s) => s.durationNs), 99) / 1e6 })),
      total: {
        requestCount: g.spans.length,
        errorCount: errors,
        errorFraction: errors / g.spans.length,
        ratePerSecond: g.spans.length / ((range.endMs - range.startMs) / 1000),
        p50Ms: quantile(durations, 50) / 1e6,
        p90Ms: quantile(durations, 90) / 1e6,
        p99Ms: quantile(durations, 99) / 1e6,
      },
    };
  });
}

describe('redFromTraces against a brute-force computation on generated traces', () => {
  const traces = generatedTraces(20_241_117, 400);
  it.each([
    ['root', 'service'],
    ['server', 'service'],
    ['all', 'service'],
    ['all', 'operation'],
    ['server', 'operation'],
  ] as const)('scope %s, by %s: the same points and totals, exactly', (scope, groupBy) => {
    const rows = redFromTraces(traces, { range: RANGE, scope, groupBy });
    const expected = bruteForce(traces, RANGE, scope, groupBy);
    expect(rows.length).toBe(expected.length);
    expect(rows.length).toBeGreaterThan(groupBy === 'service' ? 3 : 10);
    for (const row of rows) {
      const want = expected.find((e) => e.service === row.service && e.operation === row.operation);
      expect(want, `${row.service} ${row.operation ?? ''}`).toBeDefined();
      const { exemplars: _exemplars, total, ...series } = row;
      const { total: wantTotal, ...wantSeries } = want ?? { total: undefined };
      expect({ ...series, operation: series.operation }).toEqual(wantSeries);
      expect(total).toMatchObject(wantTotal ?? {});
    }
  });

  it('covers the cases that matter: spans on a step boundary, and outside the range', () => {
    const offsets = traces.flatMap((t) => t.spans.map((s) => t.startUnixNano + BigInt(s.startNs) - BigInt(T0_MS) * MS));
    expect(offsets.filter((o) => o > 0n && o % sec(60) === 0n).length).toBeGreaterThan(10);
    expect(offsets.filter((o) => o <= 0n || o > sec(240)).length).toBeGreaterThan(10);
  });
});

describe('systemGraphFromTraces', () => {
  //  seconds:                 30                      300 (after the range)
  //  web   GET /checkout      server |=========|       (100 ms)
  //   ├ web  GET cart         client  |======|         → cart
  //   │ └ cart GET /cart      server   |====|  ERROR    (50 ms)
  //   │   ├ cart SELECT       client    |=|            db.system=postgresql   (10 ms)
  //   │   └ cart GET rates    client     |=|           server.address=api.rates.example (20 ms)
  //   └ web  publish order    producer       |=|       messaging.system=kafka (2 ms, no consumer)
  const t1 = traceOf([
    { id: 'r', startNs: sec(30), durationNs: 100e6, service: 'web', name: 'GET /checkout', kind: 'server' },
    { id: 'a', parent: 'r', startNs: sec(30) + 1_000_000n, durationNs: 60e6, service: 'web', name: 'GET cart', kind: 'client' },
    { id: 'b', parent: 'a', startNs: sec(30) + 2_000_000n, durationNs: 50e6, service: 'cart', name: 'GET /cart', kind: 'server', error: true },
    { id: 'c', parent: 'b', startNs: sec(30) + 3_000_000n, durationNs: 10e6, service: 'cart', name: 'SELECT', kind: 'client', attributes: { 'db.system': 'postgresql' } },
    { id: 'd', parent: 'b', startNs: sec(30) + 20_000_000n, durationNs: 20e6, service: 'cart', name: 'GET rates', kind: 'client', attributes: { 'server.address': 'api.rates.example' } },
    { id: 'p', parent: 'r', startNs: sec(30) + 80_000_000n, durationNs: 2e6, service: 'web', name: 'publish order', kind: 'producer', attributes: { 'messaging.system': 'kafka' } },
  ]);
  //  a second request at 90 s whose cart call went fine; and one after the range
  const t2 = traceOf([
    { id: 'r', startNs: sec(90), durationNs: 30e6, service: 'web', name: 'GET /checkout', kind: 'server' },
    { id: 'a', parent: 'r', startNs: sec(90) + 1_000_000n, durationNs: 20e6, service: 'web', name: 'GET cart', kind: 'client' },
    { id: 'b', parent: 'a', startNs: sec(90) + 2_000_000n, durationNs: 18e6, service: 'cart', name: 'GET /cart', kind: 'server' },
  ]);
  const t3 = traceOf([
    { id: 'r', startNs: sec(300), durationNs: 30e6, service: 'web', name: 'GET /checkout', kind: 'server' },
    { id: 'a', parent: 'r', startNs: sec(300) + 1_000_000n, durationNs: 20e6, service: 'web', name: 'GET cart', kind: 'client' },
    { id: 'b', parent: 'a', startNs: sec(300) + 2_000_000n, durationNs: 18e6, service: 'cart', name: 'GET /cart', kind: 'server' },
  ]);
  const graph = systemGraphFromTraces([t1, t2, t3], RANGE);

  it('has the services and their uninstrumented peers, each kind from what named it', () => {
    expect(graph.nodes.map((n) => [n.id, n.name, n.kind])).toEqual([
      ['peer:api.rates.example', 'api.rates.example', 'external'],
      ['peer:kafka', 'kafka', 'messaging'],
      ['peer:postgresql', 'postgresql', 'database'],
      ['service:cart', 'cart', 'service'],
      ['service:web', 'web', 'service'],
    ]);
  });

  it('puts calls, calls per second, errors and p90 on edges, from the spans in the range only', () => {
    expect(graph.edges.map((e) => [e.from, e.to, e.callCount, e.callsPerSecond, e.errorFraction, e.p90Ms])).toEqual([
      ['service:cart', 'peer:api.rates.example', 1, 1 / 240, 0, 20],
      ['service:cart', 'peer:postgresql', 1, 1 / 240, 0, 10],
      ['service:web', 'peer:kafka', 1, 1 / 240, 0, 2],
      ['service:web', 'service:cart', 2, 2 / 240, 0.5, 50], // b (50 ms, failed) and t2's b (18 ms); t3 is after the range
    ]);
  });

  it('gives a service the figures of its incoming requests, a peer those of the calls to it', () => {
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(byId.get('service:web')).toMatchObject({ ratePerSecond: 2 / 240, errorFraction: 0, p90Ms: 100 });
    expect(byId.get('service:cart')).toMatchObject({ ratePerSecond: 2 / 240, errorFraction: 0.5, p90Ms: 50 });
    expect(byId.get('peer:postgresql')).toMatchObject({ ratePerSecond: 1 / 240, errorFraction: 0, p90Ms: 10 });
    expect(graph.origin).toEqual({ kind: 'sample', traces: 3, spans: 12, limited: false, reason: 'computed from the traces at hand' });
  });
});
