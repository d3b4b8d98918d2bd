import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracesData } from '../testing/otlp-fixtures';
import { startLocalServer, type LocalServer } from '../server';
import { decodeExportResponse, decodeStatus, encodeOtlpProtobuf } from './otlp-protobuf';

/** OTLP/HTTP as reference §1.1–1.2 and the collector's otlpreceiver answer it, edge by edge. */
const TRACE = '5b8efff798038103d269b633813fc60c';
const batch = tracesData([
  { traceId: TRACE, spanId: 'eee19b7ec3c1b174', name: 'GET /', service: 'web', startMs: 0, durationMs: 10 },
  { traceId: TRACE, spanId: 'eee19b7ec3c1b175', parentSpanId: 'eee19b7ec3c1b174', name: 'SELECT', service: 'db', startMs: 1, durationMs: 5 },
]);
/** one good span and one without a trace id, which the decoder rejects */
const halfBad = { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8), name: 'ok', startTimeUnixNano: '1', endTimeUnixNano: '2' }, { spanId: 'ef'.repeat(8), name: 'no trace id' }] }] }] };
const logs = {
  resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'web' } }] }, scopeLogs: [{ logRecords: [{ timeUnixNano: '1768478400000000000', severityNumber: 9, body: { stringValue: 'hello' }, traceId: TRACE, spanId: 'eee19b7ec3c1b174' }] }] }],
};

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ port: 0, otlpPort: 0, maxBodyBytes: 64 * 1024 });
});
afterAll(async () => {
  await server.close();
});

const post = (path: string, body: BodyInit, headers: Record<string, string>) => fetch(`${server.otlpUrl}${path}`, { method: 'POST', body, headers });
const JSON_HEADERS = { 'Content-Type': 'application/json' };
const PROTO_HEADERS = { 'Content-Type': 'application/x-protobuf' };

describe('OTLP/HTTP receiver', () => {
  it('JSON: 200 with the collector\'s empty partialSuccess, gzipped or not, charset or not', async () => {
    const plain = await post('/v1/traces', JSON.stringify(batch), { 'Content-Type': 'application/json; charset=utf-8' });
    expect([plain.status, plain.headers.get('content-type'), await plain.json()]).toEqual([200, 'application/json', { partialSuccess: {} }]);
    const gzipped = await post('/v1/traces', gzipSync(JSON.stringify(batch)), { ...JSON_HEADERS, 'Content-Encoding': 'gzip' });
    expect([gzipped.status, await gzipped.json()]).toEqual([200, { partialSuccess: {} }]);
    expect(server.store.getTrace(TRACE)?.spans).toHaveLength(2);
  });

  it('protobuf: answers an ExportTraceServiceResponse in protobuf', async () => {
    const response = await post('/v1/traces', encodeOtlpProtobuf('traces', batch), PROTO_HEADERS);
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'application/x-protobuf']);
    expect(decodeExportResponse('traces', new Uint8Array(await response.arrayBuffer()))).toEqual({ partialSuccess: {} });
  });

  it('partialSuccess counts rejected spans, in JSON and in protobuf', async () => {
    const json = await post('/v1/traces', JSON.stringify(halfBad), JSON_HEADERS);
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({ partialSuccess: { rejectedSpans: '1', errorMessage: expect.stringContaining('1 spans rejected') } });
    const proto = await post('/v1/traces', encodeOtlpProtobuf('traces', halfBad), PROTO_HEADERS);
    expect(decodeExportResponse('traces', new Uint8Array(await proto.arrayBuffer()))).toEqual({ partialSuccess: { rejectedSpans: '1', errorMessage: expect.stringContaining('rejected') } });
    expect(server.stats().rejected.spans).toBe(2);
  });

  it('logs in protobuf are stored with their trace', async () => {
    const response = await post('/v1/logs', encodeOtlpProtobuf('logs', logs), PROTO_HEADERS);
    expect(decodeExportResponse('logs', new Uint8Array(await response.arrayBuffer()))).toEqual({ partialSuccess: {} });
    expect(server.store.logsForTrace(TRACE).map((log) => [log.spanId, log.body])).toEqual([['eee19b7ec3c1b174', { type: 'string', value: 'hello' }]]);
  });

  it('400 with a google.rpc.Status for bodies that do not decode, in the request\'s encoding', async () => {
    const badJson = await post('/v1/traces', '{"resourceSpans":', JSON_HEADERS);
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ code: 3, message: expect.stringContaining('unmarshal') });
    const badGzip = await post('/v1/traces', 'not gzip', { ...JSON_HEADERS, 'Content-Encoding': 'gzip' });
    expect(badGzip.status).toBe(400);
    expect(await badGzip.json()).toMatchObject({ code: 3, message: expect.stringContaining('gzip') });
    const badProto = await post('/v1/traces', new Uint8Array([0xff, 0xff, 0xff]), PROTO_HEADERS);
    expect([badProto.status, badProto.headers.get('content-type')]).toEqual([400, 'application/x-protobuf']);
    expect(decodeStatus(new Uint8Array(await badProto.arrayBuffer()))).toMatchObject({ code: 3, message: expect.stringContaining('proto') });
    const notOtlp = await post('/v1/traces', '{"hello":1}', JSON_HEADERS);
    expect(notOtlp.status).toBe(400);
  });

  it('415 for other content types, 405 for other methods, 404 off the OTLP paths', async () => {
    const text = await post('/v1/traces', 'x', { 'Content-Type': 'text/plain' });
    expect([text.status, await text.text()]).toEqual([415, '415 unsupported media type, supported: [application/json, application/x-protobuf]']);
    const get = await fetch(`${server.otlpUrl}/v1/logs`);
    expect([get.status, await get.text()]).toEqual([405, '405 method not allowed, supported: [POST]']);
    expect((await fetch(`${server.otlpUrl}/local/tempo/api/search`)).status).toBe(404); // the OTLP port serves OTLP only
  });

  it('413 over the body limit, declared or not, and for a gzip bomb', async () => {
    const big = JSON.stringify({ resourceSpans: [], pad: 'x'.repeat(100 * 1024) });
    const declared = await post('/v1/traces', big, JSON_HEADERS);
    expect(declared.status).toBe(413);
    const bomb = await post('/v1/traces', gzipSync(big), { ...JSON_HEADERS, 'Content-Encoding': 'gzip' });
    expect([bomb.status, ((await bomb.json()) as { message: string }).message]).toEqual([413, expect.stringContaining('decompressed')]);
    const chunked = await rawPost(`${server.otlpUrl}/v1/traces`, [big]);
    expect(chunked.status).toBe(413);
  });
});

describe('under overload', () => {
  it('answers 429 with Retry-After while the queue is full, then takes data again', async () => {
    const small = await startLocalServer({ port: 0, otlpPort: false, maxPending: 1 });
    try {
      const body = JSON.stringify(batch);
      // the first request sends half its body and waits: it holds the only slot
      const slow = rawPost(`${small.url}/v1/traces`, [body.slice(0, 10), body.slice(10)], 300);
      await expect.poll(() => small.stats().ingest.pending).toBe(1);
      const refused = await fetch(`${small.url}/v1/traces`, { method: 'POST', body, headers: JSON_HEADERS });
      expect([refused.status, refused.headers.get('retry-after')]).toEqual([429, '1']);
      expect(await refused.json()).toMatchObject({ code: 8 });
      expect((await slow).status).toBe(200);
      const again = await fetch(`${small.url}/v1/traces`, { method: 'POST', body, headers: JSON_HEADERS });
      expect(again.status).toBe(200);
      expect(small.stats().ingest).toEqual({ pending: 0, pendingBytes: 0, throttled: 1 });
    } finally {
      await small.close();
    }
  });
});

/** A chunked POST (no Content-Length), its parts `gapMs` apart. */
function rawPost(url: string, parts: readonly string[], gapMs = 0): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: JSON_HEADERS }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // a refused upload may be cut off while we still write: the answer already came, or the error says why
    req.on('error', reject);
    void (async () => {
      for (const part of parts) {
        req.write(part);
        if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
      }
      req.end();
    })();
  });
}
