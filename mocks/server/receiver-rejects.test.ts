import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceFixtures } from '../../src/core/formats/__fixtures__';
import { startLocalServer, type LocalServer } from '../server';
import { tracesData, type FixtureSpan } from '../testing/otlp-fixtures';
import { decodeExportResponse, encodeOtlpProtobuf } from './otlp-protobuf';

/**
 * OTLP/HTTP: whatever is not stored is reported. A body the receiver does not
 * keep gets 400 naming what it looks like; spans it does not keep are counted in
 * partialSuccess with the reason; a 200 is never given for spans that are gone.
 */
const JSON_HEADERS = { 'Content-Type': 'application/json' };
const TRACE = '11111111111111111111111111111111';
const root: FixtureSpan = { traceId: TRACE, spanId: '1000000000000001', name: 'GET /', service: 'web', startMs: 0, durationMs: 10 };
const DEEP = 100_000;

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ port: 0, otlpPort: false });
});
afterAll(async () => {
  await server.close();
});

const post = async (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = JSON_HEADERS) => {
  const response = await fetch(`${server.url}/v1/traces`, { method: 'POST', body, headers });
  return { status: response.status, body: headers['Content-Type'] === 'application/json' ? ((await response.json()) as Record<string, unknown>) : new Uint8Array(await response.arrayBuffer()) };
};
const tempoV2 = async (traceId: string) => {
  const response = await fetch(`${server.url}/local/tempo/api/v2/traces/${traceId}`);
  return { status: response.status, body: response.ok ? ((await response.json()) as { trace: { resourceSpans: { scopeSpans: { spans: { spanId: string; name: string }[] }[] }[] } }) : undefined };
};
const namesIn = (answer: Awaited<ReturnType<typeof tempoV2>>) => answer.body?.trace.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.name))) ?? [];

describe('a body that is not an ExportTraceServiceRequest', () => {
  it.each([
    ['zipkin/yelp.json', /^this is a Zipkin v2 span array; the OTLP endpoint takes an ExportTraceServiceRequest .* open it as a file instead$/],
    ['jaeger/otlp2jaeger-out.json', /^this is Jaeger JSON/],
    ['jaeger-ui/petclinic-spanAmongEachOtherGroupedAndSpans.json', /^this is Jaeger JSON/],
    ['jaeger/apiv3-GetTrace.json', /^this is a Jaeger api_v3 answer/],
  ] as const)('%s: 400 with a google.rpc.Status naming the format; nothing is stored', async (name, message) => {
    const before = server.stats();
    const answer = await post(traceFixtures[name]);
    expect(answer).toEqual({ status: 400, body: { code: 3, message: expect.stringMatching(message) } });
    expect(server.stats()).toMatchObject({ traces: before.traces, spans: before.spans });
  });

  it('a Tempo v2 answer: 400 naming it', async () => {
    const answer = await post(JSON.stringify({ trace: tracesData([root]) }));
    expect(answer).toEqual({ status: 400, body: { code: 3, message: expect.stringMatching(/^this is a Tempo v2 trace-by-id answer/) } });
  });

  it('lists that are not lists: 400 saying which, when nothing could be stored', async () => {
    const answer = await post('{"resourceSpans":{"x":1}}');
    expect(answer).toEqual({ status: 400, body: { code: 3, message: 'spans not stored: resourceSpans: expected an array, found an object with key x; skipped' } });
    const inner = await post(JSON.stringify({ resourceSpans: [{ scopeSpans: { spans: [] } }] }));
    expect(inner).toEqual({ status: 400, body: { code: 3, message: expect.stringContaining('resourceSpans[0].scopeSpans: expected an array, found an object with key spans') } });
  });

  it(`${DEEP.toLocaleString('en')}-deep arrays: 400, no stack overflow`, async () => {
    const deep = `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`;
    const bare = await post(deep);
    expect(bare).toEqual({ status: 400, body: { code: 3, message: expect.stringContaining('this is not a trace file') } });
    const inResourceSpans = await post(`{"resourceSpans":${deep}}`);
    expect(inResourceSpans).toEqual({ status: 400, body: { code: 3, message: expect.stringContaining('resourceSpans[0]: expected an object, found an array') } });
    // as a span: counted (one span sent, none stored), so partialSuccess says it
    const asSpan = await post(`{"resourceSpans":[{"scopeSpans":[{"spans":${deep}}]}]}`);
    expect(asSpan).toEqual({ status: 200, body: { partialSuccess: { rejectedSpans: '1', errorMessage: expect.stringContaining('expected a span object') } } });
  });
});

describe('a request partly unreadable', () => {
  it('stores the readable spans, says what was not read, and the trace is found by id', async () => {
    const good = tracesData([{ ...root, traceId: '22222222222222222222222222222222' }]);
    const answer = await post(JSON.stringify({ resourceSpans: [...good.resourceSpans, { scopeSpans: { x: 1 } }] }));
    expect(answer).toEqual({ status: 200, body: { partialSuccess: { errorMessage: 'spans not stored: resourceSpans[1].scopeSpans: expected an array, found an object with key x; skipped' } } });
    expect(namesIn(await tempoV2('22222222222222222222222222222222'))).toEqual(['GET /']);
  });
});

describe('every spelling the decoder reads', () => {
  it('snake_case instrumentation_library_spans (pre-1.0 OTLP): stored and found by id', async () => {
    const traceId = '55555555555555555555555555555555';
    const [block] = tracesData([{ ...root, traceId }]).resourceSpans;
    const answer = await post(JSON.stringify({ resource_spans: [{ resource: block?.resource, instrumentation_library_spans: block?.scopeSpans }] }));
    expect(answer).toEqual({ status: 200, body: { partialSuccess: {} } });
    expect(namesIn(await tempoV2(traceId))).toEqual(['GET /']);
  });
});

describe('a span id sent again', () => {
  it('the same content (an exporter retry): 200, stored once', async () => {
    const traceId = '33333333333333333333333333333333';
    const batch = JSON.stringify(tracesData([{ ...root, traceId }]));
    expect(await post(batch)).toEqual({ status: 200, body: { partialSuccess: {} } });
    expect(await post(batch)).toEqual({ status: 200, body: { partialSuccess: {} } });
    expect(server.store.getTrace(traceId)?.spans).toHaveLength(1);
  });

  it('other content: the first copy is kept, and rejectedSpans and errorMessage say so, in JSON and protobuf', async () => {
    const traceId = '44444444444444444444444444444444';
    expect(await post(JSON.stringify(tracesData([{ ...root, traceId }])))).toEqual({ status: 200, body: { partialSuccess: {} } });
    const changed = tracesData([{ ...root, traceId, name: 'GET /changed' }, { ...root, traceId, spanId: '1000000000000002', parentSpanId: root.spanId, name: 'child' }]);
    const message = `1 spans rejected: span 1000000000000001 of trace ${traceId} is already stored with other content; the first copy is kept`;
    expect(await post(JSON.stringify(changed))).toEqual({ status: 200, body: { partialSuccess: { rejectedSpans: '1', errorMessage: message } } });
    const proto = await post(encodeOtlpProtobuf('traces', changed), { 'Content-Type': 'application/x-protobuf' });
    expect(proto.status).toBe(200);
    expect(decodeExportResponse('traces', proto.body as Uint8Array)).toEqual({ partialSuccess: { rejectedSpans: '1', errorMessage: message } });
    expect(namesIn(await tempoV2(traceId)).sort()).toEqual(['GET /', 'child']);
  });
});

describe('a trace held by an older segment of the bounded store', () => {
  // maxTraces 8 over 8 segments: each trace gets a segment of its own, so a late span is routed
  const limits = { maxTraces: 8, maxSpans: 1000, maxLogs: 1000 };
  const traceOf = (n: number) => n.toString(16).padStart(32, '0');

  it('reports a conflicting copy and an unreadable list sent with its late spans', async () => {
    const small = await startLocalServer({ port: 0, otlpPort: false, limits });
    try {
      const send = async (body: unknown) => {
        const response = await fetch(`${small.url}/v1/traces`, { method: 'POST', body: JSON.stringify(body), headers: JSON_HEADERS });
        return { status: response.status, body: (await response.json()) as unknown };
      };
      for (let n = 1; n <= 3; n++) expect((await send(tracesData([{ ...root, traceId: traceOf(n) }]))).status).toBe(200);
      const late = tracesData([{ ...root, traceId: traceOf(1), name: 'other content' }, { ...root, traceId: traceOf(1), spanId: '1000000000000002', name: 'late child' }]);
      const answer = await send({ resourceSpans: [...late.resourceSpans, { scopeSpans: [{ spans: { x: 1 } }] }] });
      expect(answer).toEqual({
        status: 200,
        body: { partialSuccess: { rejectedSpans: '1', errorMessage: expect.stringMatching(/already stored with other content; the first copy is kept.*resourceSpans\[\d\]\.scopeSpans\[0\]\.spans: expected an array|resourceSpans\[\d\]\.scopeSpans\[0\]\.spans: expected an array.*already stored with other content/) } },
      });
      expect(small.store.getTrace(traceOf(1))?.spans.map((s) => s.name).sort()).toEqual(['GET /', 'late child']);
    } finally {
      await small.close();
    }
  });
});
