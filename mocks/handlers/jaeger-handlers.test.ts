import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTraces, hexToBase64 } from '../../src/core';
import { TraceStore } from '../store';
import { T0_MS, tracesData, unixNano, type FixtureSpan } from '../testing/otlp-fixtures';
import { createDemoHandlers } from './index';

const JAEGER = 'http://localhost/demo/jaeger';
const CHECKOUT = 'a'.repeat(32);
/** leading zeros: the path may carry it short */
const CART = '00000000000000000000000000000b0b';
const OLD = 'c'.repeat(32);
const ORPHANED = 'd'.repeat(32);

// Times are ms after T0 (2026-01-15T12:00:00Z).
//   checkout  -60.0s  frontend POST /checkout ───────── 800ms
//             -59.9s    payment charge (client, ERROR) ─── 500ms   payment.method=card retries=2
//   cart      -30.0s  frontend GET /cart ── 50ms
//             -29.99s   cart-db SELECT cart (client) ─ 20ms          db.system=postgres
//   orphaned  -10.0s  payment charge (parent missing) ─ 100ms         payment.method=paypal
//             -9.99s    payment validate (UNSPECIFIED kind) ─ 10ms
//   old       -2h     frontend POST /checkout ── 1200ms
const spans: FixtureSpan[] = [
  { traceId: CHECKOUT, spanId: 'a000000000000001', name: 'POST /checkout', service: 'frontend', startMs: -60_000, durationMs: 800, attributes: { 'http.route': '/checkout' } },
  { traceId: CHECKOUT, spanId: 'a000000000000002', parentSpanId: 'a000000000000001', name: 'charge', service: 'payment', startMs: -59_900, durationMs: 500, kind: 3, error: 'declined', attributes: { 'payment.method': 'card', retries: 2 } },
  { traceId: CART, spanId: 'b000000000000001', name: 'GET /cart', service: 'frontend', startMs: -30_000, durationMs: 50 },
  { traceId: CART, spanId: 'b000000000000002', parentSpanId: 'b000000000000001', name: 'SELECT cart', service: 'cart-db', startMs: -29_990, durationMs: 20, kind: 3, attributes: { 'db.system': 'postgres' } },
  { traceId: ORPHANED, spanId: 'd000000000000001', parentSpanId: 'dddddddddddddddd', name: 'charge', service: 'payment', startMs: -10_000, durationMs: 100, kind: 3, attributes: { 'payment.method': 'paypal' } },
  { traceId: ORPHANED, spanId: 'd000000000000002', parentSpanId: 'd000000000000001', name: 'validate', service: 'payment', startMs: -9_990, durationMs: 10, kind: 0 },
  { traceId: OLD, spanId: 'c000000000000001', name: 'POST /checkout', service: 'frontend', startMs: -7_200_000, durationMs: 1200 },
];

const store = new TraceStore();
store.ingestTraces(tracesData(spans));
const server = setupServer(...createDemoHandlers(store));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const iso = (msAfterT0: number) => new Date(T0_MS + msAfterT0).toISOString();
/** the last hour, as the adapter sends it */
const LAST_HOUR = { 'query.startTimeMin': iso(-3_600_000), 'query.startTimeMax': iso(0) };

async function get(path: string, params: Record<string, string> = {}): Promise<{ status: number; type: string | null; text: string }> {
  const query = new URLSearchParams(params).toString();
  const response = await fetch(`${JAEGER}${path}${query ? `?${query}` : ''}`);
  return { status: response.status, type: response.headers.get('Content-Type'), text: await response.text() };
}
async function getJson(path: string, params: Record<string, string> = {}): Promise<unknown> {
  const { status, text } = await get(path, params);
  expect(status).toBe(200);
  return JSON.parse(text) as unknown;
}
/** trace id → span count, in the order the traces come on the wire (decodeTraces would sort them by start) */
async function searchTraces(params: Record<string, string>): Promise<Record<string, number>> {
  const body = (await getJson('/api/v3/traces', params)) as { result: { resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[] } };
  const counts: Record<string, number> = {};
  for (const block of body.result.resourceSpans) {
    for (const scope of block.scopeSpans) for (const span of scope.spans) counts[span.traceId] = (counts[span.traceId] ?? 0) + 1;
  }
  return counts;
}
const jaegerError = (httpCode: number, message: string) => `${JSON.stringify({ error: { httpCode, message } })}\n`;

describe('Jaeger api_v3: services and operations', () => {
  it('lists services sorted, JSON labelled text/plain as the Go gateway sends it', async () => {
    const response = await get('/api/v3/services');
    expect(response).toEqual({ status: 200, type: 'text/plain; charset=utf-8', text: '{"services":["cart-db","frontend","payment"]}' });
  });

  it('lists operations with lower-case kinds; UNSPECIFIED is reported as "internal"', async () => {
    expect(await getJson('/api/v3/operations', { service: 'payment' })).toEqual({
      operations: [
        { name: 'charge', spanKind: 'client' },
        { name: 'validate', spanKind: 'internal' },
      ],
    });
    expect(await getJson('/api/v3/operations', { service: 'frontend', spanKind: 'server' })).toEqual({
      operations: [
        { name: 'GET /cart', spanKind: 'server' },
        { name: 'POST /checkout', spanKind: 'server' },
      ],
    });
    expect(await getJson('/api/v3/operations', { service: 'payment', span_kind: 'client' })).toEqual({ operations: [{ name: 'charge', spanKind: 'client' }] });
    expect(await getJson('/api/v3/operations', { service: 'nobody' })).toEqual({ operations: [] });
  });
});

describe('Jaeger api_v3: search', () => {
  it('merges every matching trace into one TracesData that splits back by trace id', async () => {
    const body = await getJson('/api/v3/traces', { 'query.serviceName': 'frontend', ...LAST_HOUR });
    const text = JSON.stringify(body);
    // standard OTLP/JSON: lower-case hex ids, integer enums, int64 as strings
    expect(text).toContain(`"traceId":"${CART}"`);
    expect(text).toContain('"kind":3');
    expect(text).toContain(`"startTimeUnixNano":"${unixNano(-30_000)}"`);
    expect(text).toContain('"intValue":"2"');
    expect(Object.keys(body as object)).toEqual(['result']);
    const { traces } = decodeTraces(body);
    expect(traces.map((t) => [t.traceId, t.spans.map((s) => `${s.service}:${s.name}`)])).toEqual([
      [CHECKOUT, ['frontend:POST /checkout', 'payment:charge']],
      [CART, ['frontend:GET /cart', 'cart-db:SELECT cart']],
    ]);
  });

  it('takes every parameter in camelCase or snake_case, camelCase first', async () => {
    const camel = await searchTraces({ 'query.serviceName': 'payment', 'query.operationName': 'charge', ...LAST_HOUR, 'query.durationMin': '50ms', 'query.durationMax': '1s', 'query.searchDepth': '5' });
    const snake = await searchTraces({
      'query.service_name': 'payment',
      'query.operation_name': 'charge',
      'query.start_time_min': iso(-3_600_000),
      'query.start_time_max': iso(0),
      'query.duration_min': '50ms',
      'query.duration_max': '1s',
      'query.search_depth': '5',
    });
    expect(Object.keys(camel)).toEqual([ORPHANED, CHECKOUT]);
    expect(snake).toEqual(camel);
    // both spellings sent, as the adapter does: the camelCase one wins
    expect(Object.keys(await searchTraces({ 'query.serviceName': 'cart-db', 'query.service_name': 'payment', ...LAST_HOUR }))).toEqual([CART]);
  });

  it('matches the window on span start, inclusive, in nanoseconds', async () => {
    const window = (min: number, max: number) => searchTraces({ 'query.startTimeMin': iso(min), 'query.startTimeMax': iso(max) });
    expect(Object.keys(await window(-40_000, 0))).toEqual([ORPHANED, CART]);
    // a child span starting in the window finds its trace (the root began before it)
    expect(Object.keys(await window(-59_950, -59_900))).toEqual([CHECKOUT]);
    const oneNsEarly = await get('/api/v3/traces', { 'query.startTimeMin': iso(-59_950), 'query.startTimeMax': '2026-01-15T11:59:00.099999999Z' });
    expect(oneNsEarly.status).toBe(404);
    expect(Object.keys(await window(-8_000_000, -7_000_000))).toEqual([OLD]);
    const nanos = await searchTraces({ 'query.startTimeMin': '2026-01-15T11:59:29.999999999Z', 'query.startTimeMax': '2026-01-15T13:59:30.000000001+02:00' });
    expect(Object.keys(nanos)).toEqual([CART]);
  });

  it('bounds the duration of one span, not of the trace', async () => {
    expect(Object.keys(await searchTraces({ ...LAST_HOUR, 'query.durationMin': '600ms' }))).toEqual([CHECKOUT]);
    expect(Object.keys(await searchTraces({ ...LAST_HOUR, 'query.serviceName': 'frontend', 'query.durationMax': '100ms' }))).toEqual([CART]);
    // 500ms charge and 800ms checkout are on different spans: no single span has both
    const { status } = await get('/api/v3/traces', { ...LAST_HOUR, 'query.operationName': 'charge', 'query.durationMin': '600ms' });
    expect(status).toBe(404);
  });

  it('filters by query.attributes: exact text of a span or resource attribute, all on one span', async () => {
    const attributes = (map: Record<string, string>, extra: Record<string, string> = {}) => searchTraces({ ...LAST_HOUR, 'query.attributes': JSON.stringify(map), ...extra });
    expect(Object.keys(await attributes({ 'payment.method': 'card' }))).toEqual([CHECKOUT]);
    expect(Object.keys(await attributes({ retries: '2', 'host.name': 'node-1' }))).toEqual([CHECKOUT]);
    expect(Object.keys(await attributes({ 'db.system': 'postgres' }))).toEqual([CART]);
    expect(Object.keys(await attributes({ error: 'true' }))).toEqual([CHECKOUT]);
    expect(Object.keys(await attributes({ 'host.name': 'node-1' }))).toEqual([ORPHANED, CART, CHECKOUT]);
    const { status } = await get('/api/v3/traces', { ...LAST_HOUR, 'query.attributes': '{"payment.method":"card"}', 'query.serviceName': 'frontend' });
    expect(status).toBe(404);
    const partial = await get('/api/v3/traces', { ...LAST_HOUR, 'query.attributes': '{"payment.method":"car"}' });
    expect(partial.status).toBe(404);
  });

  it('returns at most searchDepth traces, newest first (query.num_traces is the old name)', async () => {
    expect(Object.keys(await searchTraces({ ...LAST_HOUR, 'query.searchDepth': '1' }))).toEqual([ORPHANED]);
    expect(Object.keys(await searchTraces({ ...LAST_HOUR, 'query.num_traces': '2' }))).toEqual([ORPHANED, CART]);
  });

  it('answers an empty search with 404 "No traces found", JSON sent as text/plain', async () => {
    for (const path of ['/api/v3/traces', '/api/v3/trace-summaries']) {
      const response = await get(path, { ...LAST_HOUR, 'query.serviceName': 'nobody' });
      expect(response).toEqual({ status: 404, type: 'text/plain; charset=utf-8', text: jaegerError(404, 'No traces found') });
    }
  });

  it("rejects bad parameters with 400 and the gateway's messages", async () => {
    const error = async (params: Record<string, string>) => {
      const response = await get('/api/v3/traces', params);
      expect(response.status).toBe(400);
      expect(response.type).toBe('text/plain; charset=utf-8');
      return (JSON.parse(response.text) as { error: { httpCode: number; message: string } }).error;
    };
    expect(await error({ 'query.startTimeMax': iso(0) })).toEqual({ httpCode: 400, message: 'query.startTimeMin and query.startTimeMax are required' });
    expect(await error({ 'query.startTimeMin': 'NaN', 'query.startTimeMax': iso(0) })).toEqual({
      httpCode: 400,
      message: 'malformed parameter query.startTimeMin: parsing time "NaN" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse "NaN" as "2006"',
    });
    expect((await error({ 'query.start_time_min': iso(0), 'query.start_time_max': '2026-01-15 12:00:00Z' })).message).toBe(
      'malformed parameter query.start_time_max: parsing time "2026-01-15 12:00:00Z" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse " 12:00:00Z" as "T"',
    );
    expect((await error({ 'query.startTimeMin': iso(0), 'query.startTimeMax': iso(0) })).message).toBe('query.startTimeMin must be before query.startTimeMax');
    expect((await error({ ...LAST_HOUR, 'query.durationMin': '10' })).message).toBe('malformed parameter query.durationMin: time: missing unit in duration "10"');
    expect((await error({ ...LAST_HOUR, 'query.duration_max': 'x' })).message).toBe('malformed parameter query.duration_max: time: invalid duration "x"');
    expect((await error({ ...LAST_HOUR, 'query.num_traces': 'ten' })).message).toBe('malformed parameter query.num_traces: strconv.Atoi: parsing "ten": invalid syntax');
    expect((await error({ ...LAST_HOUR, 'query.attributes': '{"retries":2}' })).message).toBe(
      'malformed parameter query.attributes: json: cannot unmarshal number into Go struct field .retries of type string',
    );
    expect((await error({ ...LAST_HOUR, 'query.rawTraces': 'yes' })).message).toBe('malformed parameter query.rawTraces: strconv.ParseBool: parsing "yes": invalid syntax');
  });
});

describe('Jaeger api_v3: trace summaries', () => {
  it('summarises each matching trace: root, times, counts, services by name', async () => {
    expect(await getJson('/api/v3/trace-summaries', { 'query.serviceName': 'payment', ...LAST_HOUR })).toEqual({
      summaries: [
        {
          traceId: ORPHANED,
          rootServiceName: '',
          rootOperationName: '',
          minStartTimeUnixNano: unixNano(-10_000),
          maxEndTimeUnixNano: unixNano(-9_900),
          spanCount: 2,
          errorSpanCount: 0,
          orphanSpanCount: 1,
          services: [{ name: 'payment', spanCount: 2, errorSpanCount: 0 }],
        },
        {
          traceId: CHECKOUT,
          rootServiceName: 'frontend',
          rootOperationName: 'POST /checkout',
          minStartTimeUnixNano: unixNano(-60_000),
          maxEndTimeUnixNano: unixNano(-59_200),
          spanCount: 2,
          errorSpanCount: 1,
          orphanSpanCount: 0,
          services: [
            { name: 'frontend', spanCount: 1, errorSpanCount: 0 },
            { name: 'payment', spanCount: 1, errorSpanCount: 1 },
          ],
        },
      ],
    });
  });
});

describe('Jaeger api_v3: trace by id', () => {
  it('answers {"result": TracesData} for hex of any case and length ≤ 32, and for base64', async () => {
    for (const id of ['b0b', 'B0B', CART, hexToBase64(CART), hexToBase64(CART).replace(/=+$/, '')]) {
      const { traces } = decodeTraces(await getJson(`/api/v3/traces/${encodeURIComponent(id)}`));
      expect(traces.map((t) => [t.traceId, t.spans.length])).toEqual([[CART, 2]]);
    }
  });

  it('answers 404 "No traces found" for an unknown id and 400 for a malformed one', async () => {
    expect(await get(`/api/v3/traces/${'1'.repeat(32)}`)).toEqual({ status: 404, type: 'text/plain; charset=utf-8', text: jaegerError(404, 'No traces found') });
    expect((await get('/api/v3/traces/xyz')).text).toBe(jaegerError(400, 'malformed parameter trace_id: strconv.ParseUint: parsing "xyz": invalid syntax'));
    expect((await get(`/api/v3/traces/${'a'.repeat(33)}`)).text).toBe(jaegerError(400, `malformed parameter trace_id: TraceID cannot be longer than 32 hex characters: ${'a'.repeat(33)}`));
    const badTime = await get(`/api/v3/traces/${CART}`, { start_time: 'abc' });
    expect([badTime.status, badTime.text]).toEqual([400, jaegerError(400, 'malformed parameter start_time: parsing time "abc" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse "abc" as "2006"')]);
  });
});

describe('Jaeger api_v3: mounting', () => {
  it('mounts under jaegerBase', async () => {
    server.use(...createDemoHandlers(store, { jaegerBase: 'http://jaeger.test:16686/jaeger' }));
    const response = await fetch('http://jaeger.test:16686/jaeger/api/v3/services');
    expect(await response.json()).toEqual({ services: ['cart-db', 'frontend', 'payment'] });
  });
});
