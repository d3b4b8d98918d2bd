import { describe, expect, it } from 'vitest';
import { parseTraceQL } from '../../src/core';
import { demoBatches } from '../generator';
import { TraceStore } from '../store';
import { tracesData, type FixtureSpan } from '../testing/otlp-fixtures';
import { BoundedTraceStore } from './bounded-store';

const traceId = (n: number) => n.toString(16).padStart(32, '0');
/** trace n: one root span of service svc-(n % 3), started n seconds after T0 */
const rootOf = (n: number): FixtureSpan => ({ traceId: traceId(n), spanId: `${n.toString(16).padStart(15, '0')}1`, name: `op-${n}`, service: `svc-${n % 3}`, startMs: n * 1000, durationMs: 5 });
const childOf = (n: number): FixtureSpan => ({ ...rootOf(n), spanId: `${n.toString(16).padStart(15, '0')}2`, parentSpanId: rootOf(n).spanId, name: 'late child' });
const logsOf = (n: number) => ({
  resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: '1768478400000000000', body: { stringValue: `log of ${n}` }, traceId: traceId(n) }] }] }],
});

describe('BoundedTraceStore', () => {
  it('evicts the oldest traces first and keeps at most the limit', () => {
    const store = new BoundedTraceStore({ maxTraces: 8, maxSpans: 1000, maxLogs: 1000 });
    for (let n = 1; n <= 20; n++) store.ingestTraces(tracesData([rootOf(n)]));
    const { traces, evicted } = store.retention();
    expect(traces).toBeLessThanOrEqual(8);
    expect(traces + evicted.traces).toBe(20);
    expect(store.getTrace(traceId(1))).toBeUndefined();
    expect(store.getTrace(traceId(20))?.spans).toHaveLength(1);
    // newest first across segments, cut to the limit
    expect(store.search({ limit: 3 }).traces.map((t) => t.traceId)).toEqual([traceId(20), traceId(19), traceId(18)]);
  });

  it('sends late spans and logs to the segment holding their trace, so eviction takes a trace whole', () => {
    const store = new BoundedTraceStore({ maxTraces: 8, maxSpans: 1000, maxLogs: 1000 });
    store.ingestTraces(tracesData([rootOf(1)]));
    for (let n = 2; n <= 5; n++) store.ingestTraces(tracesData([rootOf(n)]));
    // one batch with a late span of trace 1 (an older segment) and a new trace
    store.ingestTraces(tracesData([childOf(1), rootOf(6)]));
    store.ingestLogs(logsOf(1));
    expect(store.getTrace(traceId(1))?.spans.map((s) => s.name)).toEqual(['op-1', 'late child']);
    expect(store.logsForTrace(traceId(1))).toHaveLength(1);
    expect(store.stats()).toEqual({ traces: 6, spans: 7, logs: 1 });

    for (let n = 7; n <= 12; n++) store.ingestTraces(tracesData([rootOf(n)]));
    expect(store.getTrace(traceId(1))).toBeUndefined();
    expect(store.logsForTrace(traceId(1))).toEqual([]);
    expect(store.retention().evicted).toMatchObject({ spans: expect.any(Number), logs: 1 });
  });

  it('bounds logs and spans too', () => {
    const store = new BoundedTraceStore({ maxTraces: 1000, maxSpans: 1000, maxLogs: 16 });
    for (let n = 1; n <= 100; n++) store.ingestLogs(logsOf(n));
    expect(store.stats().logs).toBeLessThanOrEqual(16);
    expect(store.retention().evicted.logs).toBe(100 - store.stats().logs);
    expect(store.logsForTrace(traceId(100))).toHaveLength(1);
  });

  it('answers like one TraceStore while nothing is evicted, over many segments', () => {
    const options = { seed: 7, now: Date.UTC(2026, 0, 15, 12), traceCount: 160, nightlyBatch: false } as const;
    const plain = new TraceStore();
    const bounded = new BoundedTraceStore({ maxTraces: 160, maxSpans: 1e6, maxLogs: 1e6 });
    for (const batch of demoBatches(options)) {
      for (const store of [plain, bounded]) {
        if (batch.traces) store.ingestTraces(batch.traces);
        if (batch.logs) store.ingestLogs(batch.logs);
      }
    }
    expect(bounded.retention().evicted.traces).toBe(0);
    expect(bounded.stats()).toEqual(plain.stats());
    const ids = (result: ReturnType<TraceStore['search']>) => result.traces.map((t) => [t.traceId, t.matchedCount]);
    expect(ids(bounded.search({ limit: 50 }))).toEqual(ids(plain.search({ limit: 50 })));
    expect(ids(bounded.search({ tags: { 'service.name': 'payment' }, limit: 1000 }))).toEqual(ids(plain.search({ tags: { 'service.name': 'payment' }, limit: 1000 })));
    const query = parseTraceQL('{ resource.service.name = "inventory" && status = error }');
    if (!query.ok) throw new Error('bad TraceQL in the test');
    expect(ids(bounded.searchTraceQL(query.query, { limit: 1000 }))).toEqual(ids(plain.searchTraceQL(query.query, { limit: 1000 })));
    expect(ids(bounded.searchBySpan({ limit: 1000 }, (span) => span.kind === 'client'))).toEqual(ids(plain.searchBySpan({ limit: 1000 }, (span) => span.kind === 'client')));
    expect(bounded.services()).toEqual(plain.services());
    expect(bounded.operations('payment')).toEqual(plain.operations('payment'));
    expect(bounded.tagNames()).toEqual(plain.tagNames());
    expect(bounded.tagValues('resource.service.name')).toEqual(plain.tagValues('resource.service.name'));
    expect(bounded.tagValues('name')).toEqual(plain.tagValues('name'));
    expect(bounded.tagValuesWhere('name', query.query)).toEqual(plain.tagValuesWhere('name', query.query));
    const [first] = plain.search({ limit: 1 }).traces;
    expect(bounded.getTrace(first?.traceId ?? '')?.spans.length).toBe(plain.getTrace(first?.traceId ?? '')?.spans.length);
    expect(bounded.logsForTrace(first?.traceId ?? '')).toEqual(plain.logsForTrace(first?.traceId ?? ''));
  });

  it('overrides every public TraceStore method (a new one must learn to ask each segment)', () => {
    // TraceStore's private helpers: only reached through the public methods overridden here
    const privateHelpers = new Set(['constructor', 'scan', 'index', 'noteUnindexed', 'tracesWithAll', 'tracesWith', 'tracesByStart', 'storedTrace']);
    const publicMethods = Object.getOwnPropertyNames(TraceStore.prototype).filter((name) => !privateHelpers.has(name));
    const overridden = new Set(Object.getOwnPropertyNames(BoundedTraceStore.prototype));
    expect(publicMethods.filter((name) => !overridden.has(name))).toEqual([]);
  });
});
