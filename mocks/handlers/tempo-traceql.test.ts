import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoStore } from '../demo-store';
import { TraceStore } from '../store';
import { T0_MS, tracesData, type FixtureSpan } from '../testing/otlp-fixtures';
import { tempoHandlers } from './tempo-handlers';

const TEMPO = 'http://localhost/tq/tempo';
const DEMO = 'http://localhost/tq/demo';
const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const C = 'c'.repeat(32);
const D = 'd'.repeat(32);

/**
 *   A (T0-30m, 120 ms)  web-frontend GET /cart ─┬─ auth POST /login (ERROR)
 *                                               └─ order SELECT orders (client, db.system.name=postgresql)
 *   B (T0-20m, 1.5 s)   web-frontend GET /search ── inventory GET (http.route=/search, cache.hit=true)
 *   C (T0-10m, 40 ms)   auth GET /health
 *   D (T0-5m, 300 ms)   web-frontend GET /cart ── auth POST /login (200 ms)
 */
const spans: FixtureSpan[] = [
  { traceId: A, spanId: 'a000000000000001', name: 'GET /cart', service: 'web-frontend', startMs: -1_800_000, durationMs: 120, attributes: { 'http.route': '/cart', 'http.response.status_code': 500 } },
  { traceId: A, spanId: 'a000000000000002', parentSpanId: 'a000000000000001', name: 'POST /login', service: 'auth', startMs: -1_799_990, durationMs: 50, error: 'bad password' },
  { traceId: A, spanId: 'a000000000000003', parentSpanId: 'a000000000000001', name: 'SELECT orders', service: 'order', startMs: -1_799_930, durationMs: 20, kind: 3, attributes: { 'db.system.name': 'postgresql' } },
  { traceId: B, spanId: 'b000000000000001', name: 'GET /search', service: 'web-frontend', startMs: -1_200_000, durationMs: 1_500, attributes: { 'http.route': '/search' } },
  { traceId: B, spanId: 'b000000000000002', parentSpanId: 'b000000000000001', name: 'GET', service: 'inventory', startMs: -1_199_000, durationMs: 400, attributes: { 'http.route': '/search', 'cache.hit': true } },
  { traceId: C, spanId: 'c000000000000001', name: 'GET /health', service: 'auth', startMs: -600_000, durationMs: 40 },
  { traceId: D, spanId: 'd000000000000001', name: 'GET /cart', service: 'web-frontend', startMs: -300_000, durationMs: 300, attributes: { 'http.route': '/cart' } },
  { traceId: D, spanId: 'd000000000000002', parentSpanId: 'd000000000000001', name: 'POST /login', service: 'auth', startMs: -299_950, durationMs: 200 },
];

const store = new TraceStore();
store.ingestTraces(tracesData(spans));
const demo = createDemoStore({ now: T0_MS, traceCount: 300 });
const server = setupServer(...tempoHandlers(store, TEMPO), ...tempoHandlers(demo, DEMO));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

interface SearchBody {
  traces: {
    traceID: string;
    spanSets: { spans: { spanID: string; attributes?: { key: string; value: Record<string, unknown> }[] }[]; matched: number }[];
    serviceStats: Record<string, { spanCount: number; errorCount?: number }>;
  }[];
}

async function search(q: string, params = '', base = TEMPO): Promise<SearchBody> {
  const response = await fetch(`${base}/api/search?q=${encodeURIComponent(q)}${params}`);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as SearchBody;
}
const traceIds = (body: SearchBody) => body.traces.map((t) => t.traceID[0]);
const spanIds = (body: SearchBody) => body.traces.map((t) => t.spanSets[0]?.spans.map((s) => s.spanID));

describe('Tempo /api/search?q= (TraceQL over the demo store)', () => {
  it('finds traces by service, attribute and span duration, newest first, with the matched spans and the attributes the query names', async () => {
    const body = await search('{ resource.service.name = "web-frontend" && span.http.route = "/cart" && duration >= 100ms }');
    expect(traceIds(body)).toEqual(['d', 'a']);
    expect(body.traces[0]?.spanSets).toEqual([
      {
        spans: [
          {
            spanID: 'd000000000000001',
            name: 'GET /cart',
            startTimeUnixNano: expect.any(String),
            durationNanos: '300000000',
            attributes: [
              { key: 'service.name', value: { stringValue: 'web-frontend' } },
              { key: 'http.route', value: { stringValue: '/cart' } },
            ],
          },
        ],
        matched: 1,
      },
    ]);
    expect(traceIds(await search('{ resource.service.name = "web-frontend" && span.http.route = "/cart" && duration >= 200ms }'))).toEqual(['d']);
    expect(traceIds(await search('{ resource.service.name = "web-frontend" && span.http.route = "/nope" }'))).toEqual([]);
  });

  it('{A} && {B} needs both in one trace, on different spans if need be, and returns both', async () => {
    const body = await search('{ resource.service.name = "auth" && status = error } && { span.db.system.name = "postgresql" }');
    expect(traceIds(body)).toEqual(['a']);
    expect(spanIds(body)).toEqual([['a000000000000002', 'a000000000000003']]);
    expect(body.traces[0]?.spanSets[0]?.matched).toBe(2);
    expect(body.traces[0]?.spanSets[0]?.spans[0]?.attributes).toEqual([
      { key: 'service.name', value: { stringValue: 'auth' } },
      { key: 'status', value: { stringValue: 'error' } },
    ]);
    expect(traceIds(await search('{ resource.service.name = "auth" } && { span.cache.hit = true }'))).toEqual([]);
    expect(traceIds(await search('{ name = "GET /health" } || { span.cache.hit = true }'))).toEqual(['c', 'b']);
  });

  it('compares types as Tempo does: an int attribute is not its text', async () => {
    expect(traceIds(await search('{ span.http.response.status_code = 500 }'))).toEqual(['a']);
    expect(traceIds(await search('{ span.http.response.status_code >= 400 && span.http.response.status_code < 600 }'))).toEqual(['a']);
    expect(traceIds(await search('{ span.http.response.status_code = "500" }'))).toEqual([]);
  });

  it('applies trace-level intrinsics, the time window, limit and spss', async () => {
    expect(traceIds(await search('{ trace:duration > 1s }'))).toEqual(['b']);
    expect(traceIds(await search('{ trace:rootService = "auth" }'))).toEqual(['c']);
    expect(traceIds(await search('{ kind = client }'))).toEqual(['a']);
    const windowed = await search('{ resource.service.name = "auth" }', `&start=${T0_MS / 1000 - 900}&end=${T0_MS / 1000}`);
    expect(traceIds(windowed)).toEqual(['d', 'c']);
    const everything = await search('{ }', '&limit=2&spss=1');
    expect(traceIds(everything)).toEqual(['d', 'c']);
    expect(everything.traces[0]?.spanSets[0]).toMatchObject({ spans: [{ spanID: 'd000000000000001' }], matched: 2 });
  });

  it("answers a query it cannot read with 400 and Tempo's plain-text error", async () => {
    const text = async (q: string) => {
      const response = await fetch(`${TEMPO}/api/search?q=${encodeURIComponent(q)}`);
      return [response.status, response.headers.get('content-type'), await response.text()];
    };
    expect(await text('{ resource.service.name = "auth" && }')).toEqual([400, 'text/plain; charset=utf-8', 'invalid TraceQL query: parse error at line 1, col 37: syntax error: unexpected }']);
    expect(await text('{ name = 1 }')).toEqual([400, 'text/plain; charset=utf-8', 'invalid TraceQL query: binary operations must operate on the same type: span:name = 1']);
    expect(await text('{ } >> { status = error }')).toEqual([
      400,
      'text/plain; charset=utf-8',
      'invalid TraceQL query: parse error at line 1, col 5: the structural operator >> (descendant) is not supported by this server, which evaluates { … } filters joined by && and ||',
    ]);
  });

  it("refuses backreferences and lookaround, which RE2 has not, with Go's regexp error", async () => {
    const text = async (q: string) => (await fetch(`${TEMPO}/api/search?q=${encodeURIComponent(q)}`)).text();
    expect(await text('{ name =~ "(a)\\\\1" }')).toBe('invalid TraceQL query: invalid regex: error parsing regexp: invalid escape sequence: `\\1`');
    expect(await text('{ name =~ "GET(?= /cart)" }')).toBe('invalid TraceQL query: invalid regex: error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
  });

  it('agrees with the generated shop: every trace found holds an error span of the service asked for', async () => {
    const body = await search('{ resource.service.name = "inventory" && status = error }', '&limit=50', DEMO);
    expect(body.traces.length).toBeGreaterThan(0);
    for (const trace of body.traces) expect(trace.serviceStats.inventory?.errorCount).toBeGreaterThan(0);
    const both = await search('{ resource.service.name = "payment" } && { resource.service.name = "fraud-check" }', '&limit=50', DEMO);
    expect(both.traces.length).toBeGreaterThan(0);
    for (const trace of both.traces) expect(Object.keys(trace.serviceStats)).toEqual(expect.arrayContaining(['payment', 'fraud-check']));
  });
});

describe('Tempo tag values narrowed by a TraceQL filter (`q`)', () => {
  async function values(tag: string, q?: string): Promise<string[]> {
    const response = await fetch(`${TEMPO}/api/v2/search/tag/${tag}/values${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}`);
    const body = (await response.json()) as { tagValues: { value: string }[] };
    return body.tagValues.map((v) => v.value);
  }

  it('lists the span names of one service, as the operation picker asks', async () => {
    expect(await values('name', '{ resource.service.name = "auth" }')).toEqual(['GET /health', 'POST /login']);
    expect(await values('name', '{ resource.service.name = "order" }')).toEqual(['SELECT orders']);
  });

  it('reads scoped and unscoped attributes of the selected spans', async () => {
    expect(await values('span.http.route', '{ duration > 1s }')).toEqual(['/search']);
    expect(await values('.http.route', '{ resource.service.name = "inventory" }')).toEqual(['/search']);
  });

  it('ignores an incomplete query, as Tempo tolerates one while a person types', async () => {
    expect(await values('resource.service.name', '{ resource.service.name = ')).toEqual(['auth', 'inventory', 'order', 'web-frontend']);
  });
});
