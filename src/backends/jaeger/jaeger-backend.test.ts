import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import findTraceSummaries from '../../core/formats/__fixtures__/jaeger/apiv3-FindTraceSummaries.json?raw';
import getTrace from '../../core/formats/__fixtures__/jaeger/apiv3-GetTrace.json?raw';
import { BackendError } from '../backend-error';
import { createJaegerBackend } from './jaeger-backend';
import { jaegerSearchParams } from './jaeger-search-params';

const BASE = 'http://jaeger.test:16686/jaeger';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const newJaeger = () => createJaegerBackend({ url: `${BASE}/`, name: 'Jaeger (test)', timeoutMs: 300 });
const query = {
  service: 'frontend',
  operation: 'HTTP GET /',
  tags: [['http.status_code', '500'], ['error', 'true']] as [string, string][],
  minDurationNs: 100e6,
  maxDurationNs: 1.5e9,
  startMs: 1_700_000_000_000,
  endMs: 1_700_003_600_500,
  limit: 20,
};
const plainQuery = { tags: [] as [string, string][], startMs: 1_700_000_000_000, endMs: 1_700_003_600_000, limit: 20 };

// Bodies in the shapes Jaeger's Go code writes them: http.Error → text/plain, a trailing newline.
const TEXT = { 'Content-Type': 'text/plain; charset=utf-8' };
const jaegerError = (status: number, message: string) => new HttpResponse(`${JSON.stringify({ error: { httpCode: status, message } })}\n`, { status, headers: TEXT });
/** a Go http.ServeMux without the route */
const goNotFound = () => new HttpResponse('404 page not found\n', { status: 404, headers: TEXT });
/** the recorded GetTrace result as a success body, JSON labelled text/plain as the gateway sends it */
const recordedTrace = () => new HttpResponse(getTrace, { headers: TEXT });

/**
 * What `/api/v3/traces` sends for two matches: the recorded trace …01, then a
 * second trace's resource block appended (returnTraces merges them so).
 *   …02  frontend GET /orders 0──────────1s
 *          orders  SELECT    200ms──600ms (ERROR)
 */
function mergedSearchResult(): string {
  const recorded = JSON.parse(getTrace) as { result: { resourceSpans: unknown[] } };
  const second = {
    resource: { attributes: [{ key: 'service.name', value: { stringValue: 'frontend' } }] },
    scopeSpans: [{ scope: {}, spans: [{ traceId: '00000000000000000000000000000002', spanId: '00000000000000a1', name: 'GET /orders', kind: 2, startTimeUnixNano: '1700000001000000000', endTimeUnixNano: '1700000002000000000', status: {} }] }],
  };
  const third = {
    resource: { attributes: [{ key: 'service.name', value: { stringValue: 'orders' } }] },
    scopeSpans: [{ scope: {}, spans: [{ traceId: '00000000000000000000000000000002', spanId: '00000000000000a2', parentSpanId: '00000000000000a1', name: 'SELECT', kind: 3, startTimeUnixNano: '1700000001200000000', endTimeUnixNano: '1700000001600000000', status: { code: 2 } }] }],
  };
  return JSON.stringify({ result: { resourceSpans: [...recorded.result.resourceSpans, second, third] } });
}

describe('Jaeger search parameters', () => {
  it('sends every parameter in camelCase and snake_case, tags as query.attributes JSON', () => {
    expect(Object.fromEntries(jaegerSearchParams(query))).toEqual({
      'query.serviceName': 'frontend',
      'query.service_name': 'frontend',
      'query.operationName': 'HTTP GET /',
      'query.operation_name': 'HTTP GET /',
      'query.attributes': '{"http.status_code":"500","error":"true"}',
      'query.startTimeMin': '2023-11-14T22:13:20.000Z',
      'query.start_time_min': '2023-11-14T22:13:20.000Z',
      'query.startTimeMax': '2023-11-14T23:13:20.500Z',
      'query.start_time_max': '2023-11-14T23:13:20.500Z',
      'query.durationMin': '100ms',
      'query.duration_min': '100ms',
      'query.durationMax': '1500ms',
      'query.duration_max': '1500ms',
      'query.searchDepth': '20',
      'query.search_depth': '20',
      'query.num_traces': '20',
    });
  });

  it('leaves out what the query does not set', () => {
    expect([...jaegerSearchParams(plainQuery).keys()]).toEqual([
      'query.startTimeMin',
      'query.start_time_min',
      'query.startTimeMax',
      'query.start_time_max',
      'query.searchDepth',
      'query.search_depth',
      'query.num_traces',
    ]);
  });
});

describe('Jaeger search through /api/v3/trace-summaries (2.19+)', () => {
  it('reads the recorded summaries response', async () => {
    let seen: URLSearchParams | undefined;
    server.use(
      http.get(`${BASE}/api/v3/trace-summaries`, ({ request }) => {
        seen = new URL(request.url).searchParams;
        return new HttpResponse(findTraceSummaries, { headers: TEXT });
      }),
    );
    const result = await newJaeger().searchTraces(query);
    expect(seen?.get('query.serviceName')).toBe('frontend');
    expect(seen?.get('query.service_name')).toBe('frontend');
    expect(seen?.get('query.attributes')).toBe('{"http.status_code":"500","error":"true"}');
    expect(result).toEqual({
      summaries: [
        {
          traceId: '00000000000000000000000000000001',
          rootServiceName: 'frontend',
          rootSpanName: 'HTTP GET /',
          startUnixNano: 1_000_000_000_000n,
          durationNs: 1e9,
          spanCount: 2,
          errorSpanCount: 1,
          services: [{ name: 'frontend', spanCount: 2, errorSpanCount: 1 }],
        },
      ],
      warnings: [],
    });
  });

  it('a 404 "No traces found" is an empty result, without asking /api/v3/traces', async () => {
    server.use(http.get(`${BASE}/api/v3/trace-summaries`, () => jaegerError(404, 'No traces found')));
    expect(await newJaeger().searchTraces(query)).toEqual({ summaries: [], warnings: [] });
  });

  it("a 400 shows Jaeger's message from its JSON-as-text body", async () => {
    server.use(http.get(`${BASE}/api/v3/trace-summaries`, () => jaegerError(400, 'malformed parameter query.durationMin: time: invalid duration "x"')));
    const error = await newJaeger().searchTraces(query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ kind: 'http', status: 400, message: 'Jaeger (test) answered 400 Bad Request: malformed parameter query.durationMin: time: invalid duration "x". The server could not read this request: check the search (TraceQL, tags, durations).' });
  });

  it('a 500 is an error, not a reason to try the other route', async () => {
    server.use(http.get(`${BASE}/api/v3/trace-summaries`, () => jaegerError(500, 'storage unavailable')));
    await expect(newJaeger().searchTraces(query)).rejects.toMatchObject({ kind: 'http', status: 500, message: expect.stringContaining('storage unavailable') });
  });
});

describe('Jaeger search through /api/v3/traces (before 2.19)', () => {
  it('falls back on a 404 that is not Jaeger\'s, splits the merged traces and summarises each, newest first', async () => {
    const calls: string[] = [];
    server.use(
      http.get(`${BASE}/api/v3/trace-summaries`, () => {
        calls.push('trace-summaries');
        return goNotFound();
      }),
      http.get(`${BASE}/api/v3/traces`, ({ request }) => {
        calls.push('traces');
        expect(new URL(request.url).searchParams.get('query.start_time_min')).toBe('2023-11-14T22:13:20.000Z');
        return new HttpResponse(mergedSearchResult(), { headers: TEXT });
      }),
    );
    const jaeger = newJaeger();
    const result = await jaeger.searchTraces(plainQuery);
    // the decoder's word on the recorded span, which has no times
    expect(result.warnings).toEqual(['result.resourceSpans[0].scopeSpans[0].spans[0]: no startTimeUnixNano; read as 0 (1970-01-01)']);
    expect(result.summaries).toEqual([
      {
        traceId: '00000000000000000000000000000002',
        rootServiceName: 'frontend',
        rootSpanName: 'GET /orders',
        startUnixNano: 1_700_000_001_000_000_000n,
        durationNs: 1e9,
        spanCount: 2,
        errorSpanCount: 1,
        orphanSpanCount: 0,
        services: [
          { name: 'frontend', spanCount: 1, errorSpanCount: 0 },
          { name: 'orders', spanCount: 1, errorSpanCount: 1 },
        ],
      },
      {
        // the recorded span has no times and no service.name
        traceId: '00000000000000000000000000000001',
        rootServiceName: 'unknown_service',
        rootSpanName: 'foobar',
        startUnixNano: 0n,
        durationNs: 0,
        spanCount: 1,
        errorSpanCount: 1,
        orphanSpanCount: 0,
        services: [{ name: 'unknown_service', spanCount: 1, errorSpanCount: 1 }],
      },
    ]);
    // the missing route is remembered: the next search goes straight to /api/v3/traces
    await jaeger.searchTraces(plainQuery);
    expect(calls).toEqual(['trace-summaries', 'traces', 'traces']);
  });

  it("falls back when an old Jaeger answers the unknown route with its UI's index.html", async () => {
    server.use(
      http.get(`${BASE}/api/v3/trace-summaries`, () => HttpResponse.html('<!doctype html><html><head><title>Jaeger UI</title></head></html>')),
      http.get(`${BASE}/api/v3/traces`, () => recordedTrace()),
    );
    const result = await newJaeger().searchTraces(plainQuery);
    expect(result.summaries.map((s) => s.traceId)).toEqual(['00000000000000000000000000000001']);
  });

  it('a 404 "No traces found" there is an empty result too; tags get a warning, since old servers ignore them', async () => {
    server.use(
      http.get(`${BASE}/api/v3/trace-summaries`, () => goNotFound()),
      http.get(`${BASE}/api/v3/traces`, () => jaegerError(404, 'No traces found')),
    );
    expect(await newJaeger().searchTraces(query)).toEqual({
      summaries: [],
      warnings: ['Jaeger (test) is older than Jaeger 2.19, which ignores attribute filters over HTTP: these results may not match them.'],
    });
  });

  it('does not remember the fallback when it failed too (a proxy, not an old Jaeger)', async () => {
    const calls: string[] = [];
    server.use(
      http.get(`${BASE}/api/v3/trace-summaries`, () => {
        calls.push('trace-summaries');
        return HttpResponse.html('<html>Sign in</html>');
      }),
      http.get(`${BASE}/api/v3/traces`, () => {
        calls.push('traces');
        return HttpResponse.html('<html>Sign in</html>');
      }),
    );
    const jaeger = newJaeger();
    await expect(jaeger.searchTraces(plainQuery)).rejects.toMatchObject({ kind: 'bad-response', message: expect.stringContaining('answered with an HTML page instead of JSON — a login page from a proxy?') });
    await expect(jaeger.searchTraces(plainQuery)).rejects.toMatchObject({ kind: 'bad-response' });
    expect(calls).toEqual(['trace-summaries', 'traces', 'trace-summaries', 'traces']);
  });
});

describe('Jaeger trace by id', () => {
  it('reads the recorded GetTrace response', async () => {
    let path = '';
    server.use(
      http.get(`${BASE}/api/v3/traces/:id`, ({ request }) => {
        path = new URL(request.url).pathname;
        return recordedTrace();
      }),
    );
    const trace = await newJaeger().getTrace('1');
    expect(path).toBe('/jaeger/api/v3/traces/00000000000000000000000000000001');
    expect(trace.traceId).toBe('00000000000000000000000000000001');
    expect(trace.spans.map((s) => [s.spanId, s.name, s.kind, s.status.code])).toEqual([['0000000000000002', 'foobar', 'server', 'error']]);
  });

  it('picks the trace asked for out of a merged result', async () => {
    server.use(http.get(`${BASE}/api/v3/traces/:id`, () => new HttpResponse(mergedSearchResult(), { headers: TEXT })));
    const trace = await newJaeger().getTrace('00000000000000000000000000000002');
    expect(trace.spans.map((s) => s.name)).toEqual(['GET /orders', 'SELECT']);
  });

  it('a 404 "No traces found" is "not found", naming the trace and the source', async () => {
    server.use(http.get(`${BASE}/api/v3/traces/:id`, () => jaegerError(404, 'No traces found')));
    const error = await newJaeger().getTrace('ABC').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ kind: 'not-found', status: 404, message: 'Trace 00000000000000000000000000000abc was not found in Jaeger (test).' });
  });

  it("a 400 carries the gateway's message", async () => {
    server.use(http.get(`${BASE}/api/v3/traces/:id`, () => jaegerError(400, 'malformed parameter trace_id: strconv.ParseUint: parsing "xyz": invalid syntax')));
    await expect(newJaeger().getTrace('abc')).rejects.toMatchObject({ kind: 'http', message: 'Jaeger (test) answered 400 Bad Request: malformed parameter trace_id: strconv.ParseUint: parsing "xyz": invalid syntax. The server could not read this request: check the search (TraceQL, tags, durations).' });
  });

  it('refuses a malformed id without asking the server', async () => {
    await expect(newJaeger().getTrace('not-an-id')).rejects.toMatchObject({ kind: 'not-found', message: '"not-an-id" is not a trace id (16 or 32 hex characters).' });
  });
});

describe('Jaeger services and operations', () => {
  it('lists services sorted; an empty list may come as {}', async () => {
    server.use(http.get(`${BASE}/api/v3/services`, () => new HttpResponse('{"services":["route","frontend","driver"]}', { headers: TEXT })));
    expect(await newJaeger().services()).toEqual(['driver', 'frontend', 'route']);
    server.use(http.get(`${BASE}/api/v3/services`, () => new HttpResponse('{}', { headers: TEXT })));
    expect(await newJaeger().services()).toEqual([]);
  });

  it('lists the operation names of a service once each, whatever their kinds', async () => {
    let service: string | null = null;
    server.use(
      http.get(`${BASE}/api/v3/operations`, ({ request }) => {
        service = new URL(request.url).searchParams.get('service');
        return HttpResponse.json({ operations: [{ name: 'SQL SELECT', spanKind: 'client' }, { name: 'HTTP GET /customer', spanKind: 'server' }, { name: 'SQL SELECT', spanKind: 'internal' }] });
      }),
    );
    expect(await newJaeger().operations('customer & co')).toEqual(['HTTP GET /customer', 'SQL SELECT']);
    expect(service).toBe('customer & co');
  });

  it('a body without the list is a bad response', async () => {
    server.use(http.get(`${BASE}/api/v3/services`, () => HttpResponse.json({ services: 'frontend' })));
    await expect(newJaeger().services()).rejects.toMatchObject({ kind: 'bad-response', message: `Jaeger (test): expected a "services" list (${BASE}/api/v3/services).` });
  });
});
