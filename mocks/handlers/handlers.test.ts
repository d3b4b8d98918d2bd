import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTraces } from '../../src/core';
import { createDemoStore } from '../demo-store';
import { T0_MS, tracesData, type FixtureSpan } from '../testing/otlp-fixtures';
import { createDemoHandlers } from './index';

const TEMPO = 'http://localhost/demo/tempo';
const OTLP = 'http://localhost/demo/otlp';
/** a trace id with leading zeros, which Tempo's search strips */
const ZERO_LED = '000000000000000000c0ffee00c0ffee';

const zeroLed: FixtureSpan[] = [
  { traceId: ZERO_LED, spanId: '00000000000000a1', name: 'GET /zero', service: 'zero-svc', startMs: -60_000, durationMs: 250, attributes: { 'http.route': '/zero' } },
  { traceId: ZERO_LED, spanId: '00000000000000a2', parentSpanId: '00000000000000a1', name: 'SELECT zeros', service: 'zero-db', startMs: -59_990, durationMs: 100, kind: 3, error: 'boom' },
];

const store = createDemoStore({ now: T0_MS, traceCount: 150 });
const server = setupServer(...createDemoHandlers(store));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const getJson = async (url: string): Promise<{ status: number; body: Record<string, unknown> }> => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const getText = async (url: string): Promise<[number, string]> => {
  const response = await fetch(url);
  return [response.status, await response.text()];
};
const postOtlp = (path: string, body: string, contentType = 'application/json') =>
  fetch(`${OTLP}${path}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });

describe('OTLP/HTTP receiver', () => {
  it('accepts a JSON export with 200 {"partialSuccess":{}}', async () => {
    const response = await postOtlp('/v1/traces', JSON.stringify(tracesData(zeroLed)));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ partialSuccess: {} });
  });

  it('reports rejected spans as a partial success', async () => {
    const data = tracesData([
      { traceId: 'zz', spanId: '00000000000000b1', name: 'bad', service: 'x', startMs: -1000, durationMs: 1 },
      { traceId: '', spanId: '00000000000000b2', name: 'bad too', service: 'x', startMs: -1000, durationMs: 1 },
      { traceId: 'b'.repeat(32), spanId: '00000000000000b3', name: 'good', service: 'x', startMs: -1000, durationMs: 1 },
    ]);
    const response = await postOtlp('/v1/traces', JSON.stringify(data));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
    expect(body.partialSuccess.rejectedSpans).toBe('2');
    expect(body.partialSuccess.errorMessage).toMatch(/^2 spans rejected/);
  });

  it('answers 400 with a google.rpc.Status for bad JSON or a non-OTLP body, and 415 for another content type', async () => {
    const broken = await postOtlp('/v1/traces', '{"resourceSpans": [');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ code: 3, message: expect.stringMatching(/^unmarshal request: /) });
    const wrongShape = await postOtlp('/v1/logs', '{"hello":1}');
    expect(wrongShape.status).toBe(400);
    expect(await wrongShape.json()).toEqual({ code: 3, message: expect.any(String) });
    const protobuf = await postOtlp('/v1/traces', 'x', 'application/x-protobuf');
    expect([protobuf.status, await protobuf.text()]).toEqual([415, '415 unsupported media type, supported: [application/json]']);
  });

  it('ingests logs', async () => {
    const body = { resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'zero-svc' } }] }, scopeLogs: [{ logRecords: [{ timeUnixNano: '1768478340000000000', severityNumber: 17, severityText: 'ERROR', body: { stringValue: 'boom' }, traceId: ZERO_LED, spanId: '00000000000000a2' }] }] }] };
    const response = await postOtlp('/v1/logs', JSON.stringify(body));
    expect(await response.json()).toEqual({ partialSuccess: {} });
    expect(store.logsForTrace(ZERO_LED).map((l) => l.severityText)).toEqual(['ERROR']);
  });
});

describe('Tempo API', () => {
  it('echoes', async () => {
    expect(await getText(`${TEMPO}/api/echo`)).toEqual([200, 'echo']);
  });

  it("answers a search in Tempo's shape, with leading zeros stripped from trace ids", async () => {
    const { status, body } = await getJson(`${TEMPO}/api/search?tags=${encodeURIComponent('service.name=zero-svc')}&start=${T0_MS / 1000 - 3600}&end=${T0_MS / 1000}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      traces: [
        {
          traceID: 'c0ffee00c0ffee',
          rootServiceName: 'zero-svc',
          rootTraceName: 'GET /zero',
          startTimeUnixNano: '1768478340000000000',
          durationMs: 250,
          spanSet: { spans: [{ spanID: '00000000000000a1', name: 'GET /zero', startTimeUnixNano: '1768478340000000000', durationNanos: '250000000', attributes: [{ key: 'service.name', value: { stringValue: 'zero-svc' } }] }], matched: 1 },
          spanSets: [{ spans: [expect.objectContaining({ spanID: '00000000000000a1' })], matched: 1 }],
          serviceStats: { 'zero-svc': { spanCount: 1 }, 'zero-db': { spanCount: 1, errorCount: 1 } },
        },
      ],
      metrics: { inspectedTraces: expect.any(Number), inspectedBytes: expect.stringMatching(/^\d+$/), totalBlocks: 1, completedJobs: 1, totalJobs: 1 },
    });
  });

  it('searches by tags, duration and limit, newest first; q={} returns everything', async () => {
    const { body } = await getJson(`${TEMPO}/api/search?tags=${encodeURIComponent('service.name=payment status=error')}&limit=500`);
    const traces = body.traces as { startTimeUnixNano: string; serviceStats: Record<string, { errorCount?: number }> }[];
    for (const t of traces) expect(t.serviceStats.payment).toBeDefined();
    const slow = await getJson(`${TEMPO}/api/search?minDuration=1.5s&limit=3`);
    for (const t of slow.body.traces as { durationMs: number }[]) expect(t.durationMs).toBeGreaterThanOrEqual(1500);
    const all = await getJson(`${TEMPO}/api/search?q=${encodeURIComponent('{}')}`);
    const starts = (all.body.traces as { startTimeUnixNano: string }[]).map((t) => BigInt(t.startTimeUnixNano));
    expect(starts).toHaveLength(20);
    expect([...starts].sort((a, b) => (a < b ? 1 : -1))).toEqual(starts);
  });

  it("rejects bad parameters with 400 and Tempo's plain-text messages", async () => {
    expect(await getText(`${TEMPO}/api/search?minDuration=abc`)).toEqual([400, 'invalid minDuration: time: invalid duration "abc"']);
    expect(await getText(`${TEMPO}/api/search?maxDuration=10`)).toEqual([400, 'invalid maxDuration: time: missing unit in duration "10"']);
    expect(await getText(`${TEMPO}/api/search?minDuration=2s&maxDuration=1s`)).toEqual([400, 'invalid maxDuration: must be greater than minDuration']);
    expect(await getText(`${TEMPO}/api/search?q=%7B%7D&tags=a%3Db`)).toEqual([400, "invalid request: can't specify tags and q in the same query"]);
    expect(await getText(`${TEMPO}/api/search?limit=0`)).toEqual([400, 'invalid limit: must be a positive number']);
    expect(await getText(`${TEMPO}/api/search?start=10&end=5`)).toEqual([400, 'http parameter start must be before end. received start=10 end=5']);
    expect(await getText(`${TEMPO}/api/search?tags=${encodeURIComponent('a=b=c')}`)).toEqual([400, "invalid tags: unexpected '=' at pos 4"]);
    expect(await getText(`${TEMPO}/api/search?q=foo`)).toEqual([400, 'invalid TraceQL query: parse error at line 1, col 1: syntax error: unexpected IDENTIFIER']);
  });

  it('serves a trace by id as v1 batches and v2 trace, with base64 ids and enum names that decode back', async () => {
    for (const [path, wrapper] of [['/api/traces/', 'batches'], ['/api/v2/traces/', 'trace']] as const) {
      // the id as search gave it: leading zeros stripped, left-padded by the server
      const { status, body } = await getJson(`${TEMPO}${path}c0ffee00c0ffee`);
      expect(status).toBe(200);
      expect(Object.keys(body)).toEqual([wrapper]);
      const text = JSON.stringify(body);
      expect(text).toContain('"traceId":"AAAAAAAAAAAAwP/uAMD/7g=="');
      expect(text).toContain('"kind":"SPAN_KIND_SERVER"');
      expect(text).toContain('"code":"STATUS_CODE_ERROR"');
      const [trace] = decodeTraces(body).traces;
      expect(trace?.traceId).toBe(ZERO_LED);
      expect(trace?.spans.map((s) => [s.spanId, s.kind, s.status.code])).toEqual([
        ['00000000000000a1', 'server', 'unset'],
        ['00000000000000a2', 'client', 'error'],
      ]);
    }
  });

  it('answers 404 "trace not found" for an unknown id and 400 for a non-hex or too long id', async () => {
    expect(await getText(`${TEMPO}/api/v2/traces/${'1'.repeat(32)}`)).toEqual([404, 'trace not found']);
    expect(await getText(`${TEMPO}/api/traces/xyz`)).toEqual([400, "trace IDs can only contain hex characters: invalid character 'x' at position 1"]);
    expect(await getText(`${TEMPO}/api/traces/${'a'.repeat(33)}`)).toEqual([400, "trace IDs can't be larger than 128 bits"]);
  });

  it('lists tag names by scope and tag values, typed in v2', async () => {
    const { body } = await getJson(`${TEMPO}/api/v2/search/tags`);
    const scopes = body.scopes as { name: string; tags: string[] }[];
    expect(scopes.map((s) => s.name)).toEqual(['resource', 'span', 'intrinsic']);
    expect(scopes[0]?.tags).toContain('service.name');
    expect(scopes[1]?.tags).toContain('http.route');
    expect(scopes[2]?.tags).toEqual(['duration', 'kind', 'name', 'rootName', 'rootServiceName', 'status', 'statusMessage', 'traceDuration']);

    const services = await getJson(`${TEMPO}/api/v2/search/tag/resource.service.name/values`);
    expect(services.body.tagValues).toEqual(expect.arrayContaining([{ type: 'string', value: 'auth' }, { type: 'string', value: 'fraud-check' }]));
    const unscoped = await getJson(`${TEMPO}/api/v2/search/tag/.service.name/values`);
    expect(unscoped.body.tagValues).toEqual(services.body.tagValues);
    const statuses = await getJson(`${TEMPO}/api/v2/search/tag/status/values`);
    expect(statuses.body.tagValues).toEqual([{ type: 'keyword', value: 'error' }, { type: 'keyword', value: 'unset' }]);
    const codes = await getJson(`${TEMPO}/api/v2/search/tag/span.http.response.status_code/values`);
    expect(codes.body.tagValues).toEqual(expect.arrayContaining([{ type: 'int', value: '200' }]));

    const v1 = await getJson(`${TEMPO}/api/search/tag/service.name/values`);
    expect(v1.body.tagValues).toEqual(expect.arrayContaining(['auth', 'payment']));
    const v1names = await getJson(`${TEMPO}/api/search/tags?scope=resource`);
    expect(v1names.body.tagNames).toContain('k8s.pod.name');
  });
});
