import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/core';
import { T0_MS, tracesData, unixNano, type FixtureSpan } from '../testing/otlp-fixtures';
import { createDemoStore } from '../demo-store';
import { ROOT_NOT_YET_RECEIVED } from './stored-trace';
import { TraceStore } from './trace-store';

const A = 'a'.repeat(32);
const B = '0000000000000000b0b0b0b0b0b0b0b0';
const C = 'c'.repeat(32);
const T0_SEC = T0_MS / 1000;

/**
 * Three traces, minutes apart:
 *   A (T0-30m, 120 ms)  web-frontend GET /cart ─┬─ auth POST /login (ERROR)
 *                                               └─ order SELECT orders
 *   B (T0-20m, 1.5 s)   web-frontend GET /search ── inventory GET (http.route=/search, cache.hit=true)
 *   C (T0-10m, 40 ms)   auth GET /health
 */
const spansOfA: FixtureSpan[] = [
  { traceId: A, spanId: 'a000000000000001', name: 'GET /cart', service: 'web-frontend', startMs: -1_800_000, durationMs: 120, attributes: { 'http.route': '/cart', 'http.response.status_code': 500 } },
  { traceId: A, spanId: 'a000000000000002', parentSpanId: 'a000000000000001', name: 'POST /login', service: 'auth', startMs: -1_799_990, durationMs: 50, error: 'bad password store', host: 'node-9' },
  { traceId: A, spanId: 'a000000000000003', parentSpanId: 'a000000000000001', name: 'SELECT orders', service: 'order', startMs: -1_799_930, durationMs: 20, kind: 3, attributes: { 'db.system.name': 'postgresql' } },
];
const spansOfB: FixtureSpan[] = [
  { traceId: B, spanId: 'b000000000000001', name: 'GET /search', service: 'web-frontend', startMs: -1_200_000, durationMs: 1_500, attributes: { 'http.route': '/search' } },
  { traceId: B, spanId: 'b000000000000002', parentSpanId: 'b000000000000001', name: 'GET', service: 'inventory', startMs: -1_199_000, durationMs: 400, attributes: { 'http.route': '/search', 'cache.hit': true } },
];
const spansOfC: FixtureSpan[] = [{ traceId: C, spanId: 'c000000000000001', name: 'GET /health', service: 'auth', startMs: -600_000, durationMs: 40 }];

function storeWithFixtures(): TraceStore {
  const store = new TraceStore();
  store.ingestTraces(tracesData([...spansOfA, ...spansOfB, ...spansOfC]));
  return store;
}

describe('TraceStore ingest', () => {
  it('writes a trace answer once and writes it again after the trace changes', () => {
    const store = new TraceStore();
    store.ingestTraces(tracesData(spansOfA.slice(1)));
    let writes = 0;
    const write = (trace: { spans: readonly unknown[] }) => `${++writes}:${trace.spans.length}`;
    const text = (kind: string, id = A) => new TextDecoder().decode(store.traceAnswer(id, kind, write));
    expect(text('test')).toBe('1:2');
    expect(text('test', A.toUpperCase())).toBe('1:2');
    expect(text('other')).toBe('2:2');
    store.ingestTraces(tracesData(spansOfA.slice(0, 1)));
    expect(text('test')).toBe('3:3');
    expect(store.traceAnswer(C, 'test', write)).toBeUndefined();
  });

  it('keeps a bytes answer (protobuf) as written, once per change of the trace', () => {
    const store = new TraceStore();
    store.ingestTraces(tracesData(spansOfA.slice(1)));
    let writes = 0;
    const write = (trace: { spans: readonly unknown[] }) => new Uint8Array([++writes, trace.spans.length, 0xff]);
    const first = store.traceAnswer(A, 'proto', write);
    expect(first).toEqual(new Uint8Array([1, 2, 0xff]));
    expect(store.traceAnswer(A, 'proto', write)).toBe(first);
    store.ingestTraces(tracesData(spansOfA.slice(0, 1)));
    expect(store.traceAnswer(A, 'proto', write)).toEqual(new Uint8Array([2, 3, 0xff]));
  });

  it('merges one trace that arrives in two OTLP batches, and rebuilds it', () => {
    const store = new TraceStore();
    const children = spansOfA.slice(1);
    expect(store.ingestTraces(tracesData(children))).toEqual({ accepted: 2, rejected: 0, message: '', warnings: [] });
    expect(store.search({ tags: { 'service.name': 'auth' } }).traces[0]?.rootServiceName).toBe(ROOT_NOT_YET_RECEIVED);
    expect(store.getTrace(A)?.spans).toHaveLength(2);

    store.ingestTraces(tracesData(spansOfA.slice(0, 1)));
    const trace = store.getTrace(A.toUpperCase());
    expect(trace?.spans.map((s) => s.spanId)).toEqual(['a000000000000001', 'a000000000000002', 'a000000000000003']);
    expect(trace?.roots.map((s) => s.name)).toEqual(['GET /cart']);
    expect(trace?.startUnixNano).toBe(BigInt(unixNano(-1_800_000)));
    const [summary] = store.search({}).traces;
    expect(summary).toMatchObject({ traceId: A, rootServiceName: 'web-frontend', rootTraceName: 'GET /cart', spanCount: 3, errorCount: 1, durationNs: 120e6 });
    expect(Object.fromEntries(summary?.serviceStats ?? [])).toEqual({
      'web-frontend': { spanCount: 1, errorCount: 0 },
      auth: { spanCount: 1, errorCount: 1 },
      order: { spanCount: 1, errorCount: 0 },
    });
  });

  it('stores a re-sent span once, counts spans the decoder skipped as rejected, and throws on a non-trace payload', () => {
    const store = storeWithFixtures();
    store.ingestTraces(tracesData(spansOfC));
    expect(store.stats().spans).toBe(6);
    const bad = tracesData([{ ...spansOfC[0]!, traceId: 'not-an-id', spanId: 'c000000000000009' }, { ...spansOfC[0]!, spanId: 'c000000000000002' }]);
    const result = store.ingestTraces(bad);
    expect(result).toMatchObject({ accepted: 1, rejected: 1 });
    expect(result.message).toMatch(/^1 spans rejected: .*traceId/);
    expect(() => store.ingestTraces({ hello: 'world' })).toThrow(DecodeError);
  });

  it('keeps the first copy of a span id sent again with other content, and counts the other as rejected', () => {
    const store = storeWithFixtures();
    const renamed = { ...spansOfC[0]!, name: 'GET /health (retried elsewhere)' };
    const result = store.ingestTraces(tracesData([renamed, { ...spansOfC[0]!, spanId: 'c000000000000002', parentSpanId: 'c000000000000001' }]));
    expect(result).toMatchObject({ accepted: 1, rejected: 1, message: `1 spans rejected: span c000000000000001 of trace ${C} is already stored with other content; the first copy is kept` });
    expect(store.getTrace(C)?.spans.map((s) => s.name)).toEqual(['GET /health', 'GET /health']);
    expect(store.stats().spans).toBe(7);
  });

  it('refuses other formats whole, naming them: the bounded store could not find their traces by id', () => {
    const store = new TraceStore();
    const zipkin = [{ traceId: C, id: 'c000000000000001', name: 'x', timestamp: 1, duration: 1 }];
    expect(() => store.ingestTraces(zipkin)).toThrow(/^this is a Zipkin v2 span array; the OTLP endpoint takes an ExportTraceServiceRequest/);
    expect(() => store.ingestTraces({ result: tracesData(spansOfC) })).toThrow(/^this is a Jaeger api_v3 answer/);
    expect(store.stats()).toEqual({ traces: 0, spans: 0, logs: 0 });
  });

  it('names lists that are not lists, spans and log records alike', () => {
    const store = new TraceStore();
    expect(store.ingestTraces({ resourceSpans: [{ scopeSpans: { x: 1 } }] })).toEqual({
      accepted: 0,
      rejected: 0,
      message: 'spans not stored: resourceSpans[0].scopeSpans: expected an array, found an object with key x; skipped',
      warnings: ['resourceSpans[0].scopeSpans: expected an array, found an object with key x; skipped'],
    });
    expect(store.ingestLogs({ resourceLogs: [{ scopeLogs: [{ logRecords: 'none' }] }] })).toMatchObject({
      accepted: 0,
      rejected: 0,
      message: 'log records not stored: resourceLogs[0].scopeLogs[0].logRecords: expected an array, found a string "none"',
    });
  });

  it('indexes attribute keys named like Object.prototype members as any other key', () => {
    const store = new TraceStore();
    const attributes = { ['__proto__']: 'p', constructor: 'c', hasOwnProperty: 'h' };
    store.ingestTraces(tracesData([{ ...spansOfC[0]!, attributes }]));
    expect(store.tagNames().span).toEqual(['__proto__', 'constructor', 'hasOwnProperty']);
    for (const [key, value] of Object.entries(attributes)) {
      expect(store.search({ tags: [[key, value]] }).traces.map((t) => t.traceId)).toEqual([C]);
      expect(store.tagValues(`span.${key}`)).toEqual([{ type: 'string', value }]);
    }
    expect(store.search({ tags: [['constructor', 'other']] }).traces).toEqual([]);
  });

  it('keeps logs by trace, sorted by time', () => {
    const store = new TraceStore();
    const record = (spanId: string, ms: number, body: string) => ({ timeUnixNano: unixNano(ms), severityNumber: 9, severityText: 'INFO', body: { stringValue: body }, traceId: A, spanId });
    store.ingestLogs({ resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'auth' } }] }, scopeLogs: [{ logRecords: [record('a000000000000002', 5, 'second'), record('a000000000000001', 1, 'first'), { observedTimeUnixNano: unixNano(9), body: { stringValue: 'no trace' } }] }] }] });
    expect(store.logsForTrace(A).map((l) => l.body)).toEqual([{ type: 'string', value: 'first' }, { type: 'string', value: 'second' }]);
    expect(store.logsForTrace(C)).toEqual([]);
    expect(store.stats().logs).toBe(3);
  });
});

describe('TraceStore search', () => {
  const store = storeWithFixtures();
  const ids = (query: Parameters<TraceStore['search']>[0]) => store.search(query).traces.map((t) => t.traceId);

  it('returns the newest first, up to the limit', () => {
    expect(ids({})).toEqual([C, B, A]);
    expect(ids({ limit: 2 })).toEqual([C, B]);
  });

  it('matches a tag on a span or resource attribute, ints and bools by their text, exactly', () => {
    expect(ids({ tags: { 'service.name': 'auth' } })).toEqual([C, A]);
    expect(ids({ tags: { 'host.name': 'node-9' } })).toEqual([A]);
    expect(ids({ tags: { 'http.route': '/search' } })).toEqual([B]);
    expect(ids({ tags: { 'http.response.status_code': '500' } })).toEqual([A]);
    expect(ids({ tags: { 'cache.hit': 'true' } })).toEqual([B]);
    expect(ids({ tags: { 'service.name': 'Auth' } })).toEqual([]);
    expect(ids({ tags: { 'service.name': 'aut' } })).toEqual([]);
  });

  it('needs every tag in the same trace, each on some span; name and status are intrinsics', () => {
    expect(ids({ tags: [['service.name', 'order'], ['http.route', '/cart']] })).toEqual([A]);
    expect(ids({ tags: [['service.name', 'order'], ['http.route', '/search']] })).toEqual([]);
    expect(ids({ tags: { name: 'GET /health' } })).toEqual([C]);
    expect(ids({ tags: { status: 'error' } })).toEqual([A]);
    const [match] = store.search({ tags: { 'service.name': 'auth' }, startUnixSec: T0_SEC - 1900, endUnixSec: T0_SEC - 1700 }).traces;
    expect(match?.matchedSpans.map((s) => s.spanId)).toEqual(['a000000000000002']);
    expect(match?.matchedCount).toBe(1);
  });

  it('filters by trace duration and by time window overlap', () => {
    expect(ids({ minDurationNs: 100e6 })).toEqual([B, A]);
    expect(ids({ maxDurationNs: 120e6 })).toEqual([C, A]);
    expect(ids({ minDurationNs: 50e6, maxDurationNs: 1e9 })).toEqual([A]);
    expect(ids({ startUnixSec: T0_SEC - 1500, endUnixSec: T0_SEC })).toEqual([C, B]);
    expect(ids({ startUnixSec: T0_SEC - 3600, endUnixSec: T0_SEC - 1500 })).toEqual([A]);
    // B starts 1 s before this window and ends inside it
    expect(ids({ startUnixSec: T0_SEC - 1199, endUnixSec: T0_SEC - 1100 })).toEqual([B]);
  });

  it('lists tag names by scope and typed tag values', () => {
    const names = store.tagNames();
    expect(names.resource).toEqual(['host.name', 'service.name']);
    expect(names.span).toEqual(['cache.hit', 'db.system.name', 'http.response.status_code', 'http.route']);
    expect(names.intrinsic).toContain('status');
    expect(store.tagValues('resource.service.name')).toEqual([
      { type: 'string', value: 'auth' },
      { type: 'string', value: 'inventory' },
      { type: 'string', value: 'order' },
      { type: 'string', value: 'web-frontend' },
    ]);
    expect(store.tagValues('span.http.response.status_code')).toEqual([{ type: 'int', value: '500' }]);
    expect(store.tagValues('.cache.hit')).toEqual([{ type: 'bool', value: 'true' }]);
    expect(store.tagValues('service.name').map((v) => v.value)).toContain('auth');
    expect(store.tagValues('status')).toEqual([{ type: 'keyword', value: 'error' }, { type: 'keyword', value: 'unset' }]);
    expect(store.tagValues('name').map((v) => v.value)).toContain('SELECT orders');
  });
});

describe('createDemoStore', () => {
  it('loads the generated shop through the OTLP path and answers searches from its indexes', () => {
    const store = createDemoStore({ now: T0_MS, traceCount: 300 });
    expect(store.stats().traces).toBe(301);
    const payment = store.search({ tags: { 'service.name': 'payment' }, limit: 5 }).traces;
    expect(payment).toHaveLength(5);
    for (const match of payment) expect(match.serviceStats.has('payment')).toBe(true);
    const starts = payment.map((m) => m.startUnixNano);
    expect([...starts].sort((a, b) => (a < b ? 1 : -1))).toEqual(starts);
    const errors = store.search({ tags: { status: 'error' }, limit: 100 }).traces;
    expect(errors.length).toBeGreaterThan(0);
    for (const match of errors) expect(match.errorCount).toBeGreaterThan(0);
    expect(store.services()).toContain('fraud-check');
    expect(store.operations('payment')).toContain('POST /v2/charges');
    const first = payment[0];
    expect(first && store.logsForTrace(first.traceId).length).toBeGreaterThan(0);
  });
});
