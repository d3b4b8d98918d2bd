import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { BackendError } from '../backend-error';
import { createTempoBackend, tempoSearchParams } from './tempo-backend';
import { inThreadProtoDecoder } from '../proto-trace';
import { toOtlpTracesData, toTempoTraceProto } from '../../core';
import { TRACE_ID, traceOf } from '../../core/trace/__fixtures__/make-trace';

const BASE = 'http://tempo.test:3200';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const tempo = createTempoBackend({ url: `${BASE}/`, name: 'Tempo (test)', timeoutMs: 300 });
const query = { service: 'shop-backend', tags: [['http.url', 'api/x y']] as [string, string][], minDurationNs: 100e6, startMs: 1_700_000_000_000, endMs: 1_700_003_600_500, limit: 20 };

// The example response of Tempo's search API (reference/backend-apis.md §3.3), with a
// trace id whose leading zeros Tempo stripped and a second row without durationMs.
const searchResponse = {
  traces: [
    {
      traceID: '2f3e0cee77ae5dc9c17ade3689eb2e54',
      rootServiceName: 'shop-backend',
      rootTraceName: 'update-billing',
      startTimeUnixNano: '1684778327699392724',
      durationMs: 557,
      spanSets: [{ spans: [{ spanID: '563d623c76514f8e', startTimeUnixNano: '1684778327735077898', durationNanos: '446979497' }], matched: 1 }],
      serviceStats: { 'shop-backend': { spanCount: 3, errorCount: 1 }, postgres: { spanCount: 2 } },
    },
    { traceID: 'c17ade3689eb2e54', rootServiceName: 'cart', rootTraceName: 'GET /cart', startTimeUnixNano: '1684778327000000000' },
    { rootServiceName: 'broken row' },
  ],
  metrics: { inspectedTraces: 3100, inspectedBytes: '3811736', completedJobs: 1, totalJobs: 1 },
};

describe('Tempo search', () => {
  it('sends tag search parameters as Tempo takes them', () => {
    expect(Object.fromEntries(tempoSearchParams(query))).toEqual({
      tags: 'service.name=shop-backend http.url="api/x y"',
      minDuration: '100ms',
      limit: '20',
      start: '1700000000',
      end: '1700003601',
    });
  });

  it('reads summaries: ids padded back to 32 hex, counts summed over services', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${BASE}/api/search`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json(searchResponse);
      }),
    );
    const result = await tempo.searchTraces(query);
    expect(seen?.searchParams.get('tags')).toBe('service.name=shop-backend http.url="api/x y"');
    expect(result.summaries).toEqual([
      {
        traceId: '2f3e0cee77ae5dc9c17ade3689eb2e54',
        rootServiceName: 'shop-backend',
        rootSpanName: 'update-billing',
        startUnixNano: 1684778327699392724n,
        durationNs: 557e6,
        spanCount: 5,
        errorSpanCount: 1,
        services: [
          { name: 'shop-backend', spanCount: 3, errorSpanCount: 1 },
          { name: 'postgres', spanCount: 2, errorSpanCount: 0 },
        ],
      },
      {
        traceId: '0000000000000000c17ade3689eb2e54',
        rootServiceName: 'cart',
        rootSpanName: 'GET /cart',
        startUnixNano: 1684778327000000000n,
        durationNs: 0,
        spanCount: undefined,
        errorSpanCount: undefined,
        services: [],
      },
    ]);
    expect(result.warnings).toEqual(['traces[2]: missing or invalid traceID']);
    expect(result.note).toBe('Tempo inspected 3,100 traces (3.8 MB)');
  });

  it('an empty result is an empty list, not an error', async () => {
    server.use(http.get(`${BASE}/api/search`, () => HttpResponse.json({ traces: [], metrics: {} })));
    expect((await tempo.searchTraces(query)).summaries).toEqual([]);
  });

  it('a 400 carries Tempo\'s plain-text message', async () => {
    server.use(http.get(`${BASE}/api/search`, () => new HttpResponse('invalid TraceQL query: parse error at line 1, col 3', { status: 400, statusText: 'Bad Request' })));
    const error = await tempo.searchTraces(query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ kind: 'http', status: 400, message: 'Tempo (test) answered 400 Bad Request: invalid TraceQL query: parse error at line 1, col 3. The server could not read this request: check the search (TraceQL, tags, durations).' });
  });

  it('an HTML page (a proxy login) is a bad response, said as such', async () => {
    server.use(http.get(`${BASE}/api/search`, () => HttpResponse.html('<!doctype html><html><body>Sign in</body></html>')));
    await expect(tempo.searchTraces(query)).rejects.toMatchObject({ kind: 'bad-response', message: expect.stringContaining('answered with an HTML page instead of JSON — a login page from a proxy?') });
  });

  it('a server that does not answer in time is a timeout', async () => {
    server.use(
      http.get(`${BASE}/api/search`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    await expect(tempo.searchTraces(query)).rejects.toMatchObject({
      kind: 'timeout',
      url: `${BASE}/api/search?${tempoSearchParams(query).toString()}`,
      message: expect.stringMatching(/^Tempo \(test\) did not answer within 300 ms\. /),
    });
  });

  it('a network failure names the source, and the URL is on the error', async () => {
    server.use(http.get(`${BASE}/api/search`, () => HttpResponse.error()));
    await expect(tempo.searchTraces(query)).rejects.toMatchObject({ kind: 'network', url: expect.stringContaining(`${BASE}/api/search?`), message: expect.stringContaining('Could not reach Tempo (test): ') });
  });

  it('an abort by the caller is passed through as an abort', async () => {
    server.use(
      http.get(`${BASE}/api/search`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const controller = new AbortController();
    const pending = tempo.searchTraces(query, controller.signal);
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(BackendError);
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('Tempo trace by id', () => {
  // Tempo's own documentation example of /api/v2/traces/{id}: base64 ids, enum names.
  const v2 = {
    trace: {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'my.service' } }] },
          scopeSpans: [
            {
              scope: { name: 'my.library', version: '1.0.0' },
              spans: [
                {
                  traceId: 'W47/95gDgQPSabYzgT/HAA==',
                  spanId: '7uGbfsPBsQA=',
                  name: 'I am a span!',
                  kind: 'SPAN_KIND_SERVER',
                  startTimeUnixNano: '1689969302000000000',
                  endTimeUnixNano: '1689970000000000000',
                  attributes: [{ key: 'my.span.attr', value: { stringValue: 'some value' } }],
                  status: {},
                },
              ],
            },
          ],
        },
      ],
    },
  };

  it('fetches /api/v2/traces/{id} and decodes base64 ids and enum names', async () => {
    server.use(http.get(`${BASE}/api/v2/traces/:id`, ({ params }) => (params.id === '5b8efff798038103d269b633813fc700' ? HttpResponse.json(v2) : new HttpResponse('trace not found', { status: 404 }))));
    const trace = await tempo.getTrace('5B8EFFF798038103D269B633813FC700');
    expect(trace.traceId).toBe('5b8efff798038103d269b633813fc700');
    expect(trace.spans).toHaveLength(1);
    expect(trace.spans[0]).toMatchObject({ spanId: 'eee19b7ec3c1b100', kind: 'server', service: 'my.service', name: 'I am a span!' });
    expect(trace.durationNs).toBe(698_000_000_000);
  });

  it('falls back to the v1 route (`batches`) when an older Tempo has no v2 route', async () => {
    const v1 = { batches: v2.trace.resourceSpans };
    server.use(
      http.get(`${BASE}/api/v2/traces/:id`, () => new HttpResponse('404 page not found', { status: 404 })),
      http.get(`${BASE}/api/traces/:id`, () => HttpResponse.json(v1)),
    );
    const trace = await tempo.getTrace('5b8efff798038103d269b633813fc700');
    expect(trace.spans[0]?.name).toBe('I am a span!');
  });

  it('a 404 is "not found", naming the trace and the source', async () => {
    server.use(http.get(`${BASE}/api/v2/traces/:id`, () => new HttpResponse('trace not found', { status: 404 })));
    await expect(tempo.getTrace('abc')).rejects.toMatchObject({ kind: 'not-found', message: 'Trace 00000000000000000000000000000abc was not found in Tempo (test).' });
  });

  it('a body that is no trace is a bad response with the decoder\'s reason', async () => {
    server.use(http.get(`${BASE}/api/v2/traces/:id`, () => HttpResponse.json({ resourceMetrics: [] })));
    await expect(tempo.getTrace('abc')).rejects.toMatchObject({ kind: 'bad-response', message: expect.stringContaining('Tempo (test) sent trace 00000000000000000000000000000abc in a form Tracery cannot read') });
  });

  it('refuses a malformed id without asking the server', async () => {
    await expect(tempo.getTrace('not-an-id')).rejects.toMatchObject({ kind: 'not-found', message: '"not-an-id" is not a trace id (16 or 32 hex characters).' });
  });
});

describe('Tempo services', () => {
  it('reads v2 tag values of resource.service.name', async () => {
    server.use(
      http.get(`${BASE}/api/v2/search/tag/resource.service.name/values`, () =>
        HttpResponse.json({ tagValues: [{ type: 'string', value: 'cart' }, { type: 'string', value: 'auth' }, { type: 'string', value: 'cart' }], metrics: {} }),
      ),
    );
    expect(await tempo.services()).toEqual(['auth', 'cart']);
  });

  it('asks for the span names of one service with a TraceQL filter', async () => {
    let q: string | null = null;
    server.use(
      http.get(`${BASE}/api/v2/search/tag/name/values`, ({ request }) => {
        q = new URL(request.url).searchParams.get('q');
        return HttpResponse.json({ tagValues: [{ type: 'string', value: 'GET /cart' }, { type: 'string', value: 'POST /cart' }] });
      }),
    );
    expect(await tempo.operations('cart "v2"')).toEqual(['GET /cart', 'POST /cart']);
    expect(q).toBe('{ resource.service.name = "cart \\"v2\\"" }');
  });

  it('lists span and resource attribute names for autocomplete, and values by unscoped name', async () => {
    server.use(
      http.get(`${BASE}/api/v2/search/tags`, () =>
        HttpResponse.json({
          scopes: [
            { name: 'resource', tags: ['service.name', 'host.name'] },
            { name: 'span', tags: ['http.route', 'host.name'] },
            { name: 'intrinsic', tags: ['duration', 'name'] },
          ],
        }),
      ),
      http.get(`${BASE}/api/v2/search/tag/.http.route/values`, () => HttpResponse.json({ tagValues: [{ type: 'string', value: '/cart' }] })),
    );
    expect(await tempo.tagNames?.()).toEqual(['host.name', 'http.route', 'service.name']);
    expect(await tempo.tagValues?.('http.route')).toEqual(['/cart']);
  });

  it('sends a TraceQL query alone, as `q`, with the window and limit', () => {
    expect(Object.fromEntries(tempoSearchParams({ ...query, traceql: '{ status = error }' }))).toEqual({
      q: '{ status = error }',
      limit: '20',
      start: '1700000000',
      end: '1700003601',
    });
  });

  it('sends "errors only" as the status intrinsic', () => {
    expect(tempoSearchParams({ ...query, tags: [], errorsOnly: true }).get('tags')).toBe('service.name=shop-backend status=error');
  });
});

describe('Tempo trace by id in protobuf', () => {
  const protoTempo = createTempoBackend({ url: BASE, name: 'Tempo (test)', timeoutMs: 2_000, protobuf: inThreadProtoDecoder });
  const original = traceOf([
    { id: 'a1', start: 0, end: 100 },
    { id: 'b2', parent: 'a1', start: 10, end: 60, service: 'db' },
  ]);

  it('asks for protobuf first, as Grafana does, and decodes the v2 answer', async () => {
    const accepts: string[] = [];
    server.use(
      http.get(`${BASE}/api/v2/traces/:id`, ({ request }) => {
        accepts.push(request.headers.get('Accept') ?? '');
        return new HttpResponse(toTempoTraceProto(original, 'v2'), { headers: { 'Content-Type': 'application/protobuf' } });
      }),
    );
    const progress: string[] = [];
    const trace = await protoTempo.getTrace(TRACE_ID, undefined, (p) => progress.push(p.phase));
    expect(accepts).toEqual(['application/protobuf, application/json;q=0.9']);
    expect(trace.spans.map((s) => [s.spanId, s.service, s.startNs, s.endNs])).toEqual(original.spans.map((s) => [s.spanId, s.service, s.startNs, s.endNs]));
    expect(trace.startUnixNano).toBe(original.startUnixNano);
    expect(progress).toContain('receiving');
  });

  it('takes JSON from a Tempo that ignores the Accept header', async () => {
    server.use(http.get(`${BASE}/api/v2/traces/:id`, () => HttpResponse.json({ trace: toOtlpTracesData([original]) })));
    const trace = await protoTempo.getTrace(TRACE_ID);
    expect(trace.spans).toHaveLength(2);
  });

  it('reads the v1 route\'s protobuf (the Trace itself) when an older Tempo has no v2 route', async () => {
    server.use(
      http.get(`${BASE}/api/v2/traces/:id`, () => new HttpResponse('404 page not found', { status: 404 })),
      http.get(`${BASE}/api/traces/:id`, () => new HttpResponse(toTempoTraceProto(original, 'v1'), { headers: { 'Content-Type': 'application/protobuf' } })),
    );
    const trace = await protoTempo.getTrace(TRACE_ID);
    expect(trace.spans.map((s) => s.name)).toEqual(original.spans.map((s) => s.name));
  });

  it('calls protobuf that does not decode a bad response, naming the source and the trace', async () => {
    server.use(http.get(`${BASE}/api/v2/traces/:id`, () => new HttpResponse(new Uint8Array([0x0a, 0xff, 0xff]), { headers: { 'Content-Type': 'application/protobuf' } })));
    await expect(protoTempo.getTrace(TRACE_ID)).rejects.toMatchObject({ kind: 'bad-response', message: expect.stringContaining(`Tempo (test) sent trace ${TRACE_ID} in a form Tracery cannot read`) });
  });
});
