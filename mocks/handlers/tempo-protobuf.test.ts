import { getResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTraces, type Trace } from '../../src/core';
import { expectSameTraces } from '../../src/core/formats/__fixtures__/expect-same-traces';
import { createDemoStore } from '../demo-store';
import { decodeTempoTraceProtobuf } from '../server/otlp-protobuf';
import { T0_MS } from '../testing/otlp-fixtures';
import { createDemoHandlers } from './index';
import { acceptsProtobuf, partialTraceAnswer, truncatedAnswer } from './tempo-partial';

const TEMPO = 'http://localhost/demo/tempo';
const store = createDemoStore({ now: T0_MS, traceCount: 40 });
const server = setupServer(...createDemoHandlers(store));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/** a demo trace whose spans come from several services: several resource blocks */
const traceId = (() => {
  const match = store.search({ limit: 40 }).traces.find((t) => t.serviceStats.size >= 3);
  if (!match) throw new Error('the demo store has no trace across 3 services');
  return match.traceId;
})();

const get = async (path: string, accept?: string) => {
  const response = await fetch(`${TEMPO}${path}`, accept !== undefined ? { headers: { Accept: accept } } : {});
  return { status: response.status, contentType: response.headers.get('Content-Type'), body: new Uint8Array(await response.arrayBuffer()) };
};

const onlyTrace = (value: unknown): Trace => {
  const { traces, warnings } = decodeTraces(value);
  expect(warnings).toEqual([]);
  expect(traces).toHaveLength(1);
  return traces[0] as Trace;
};

const jsonTrace = async (path: string): Promise<Trace> => {
  const { body } = await get(path);
  return onlyTrace(JSON.parse(new TextDecoder().decode(body)));
};

describe('Tempo trace by id as protobuf', () => {
  it.each([
    ['v1', '/api/traces/', 'application/protobuf'],
    ['v2', '/api/v2/traces/', 'application/protobuf'],
    ['v1', '/api/traces/', 'application/x-protobuf'],
    ['v2', '/api/v2/traces/', 'application/protobuf, application/json;q=0.5'],
  ] as const)('%s answers Accept: %s with protobuf bytes of the same spans as the JSON answer', async (version, path, accept) => {
    const answer = await get(`${path}${traceId}`, accept);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/protobuf');
    const decoded = decodeTempoTraceProtobuf(version, answer.body);
    expect(decoded.status).toBeUndefined();
    expect(decoded.message).toBeUndefined();
    const fromProto = onlyTrace({ resourceSpans: decoded.resourceSpans });
    expect(fromProto.traceId).toBe(traceId);
    expect(fromProto.spans.length).toBeGreaterThan(2);
    expectSameTraces([fromProto], [await jsonTrace(`${path}${traceId}`)]);
  });

  it('wraps the v1 Trace as field 1 of v2 TraceByIDResponse, with nothing else when the trace is complete', async () => {
    const v1 = (await get(`/api/traces/${traceId}`, 'application/protobuf')).body;
    const v2 = (await get(`/api/v2/traces/${traceId}`, 'application/protobuf')).body;
    // tag: field 1, length-delimited; then the length as a varint
    const length: number[] = [];
    for (let n = v1.length; ; n = Math.floor(n / 128)) {
      length.push(n >= 128 ? (n % 128) | 0x80 : n);
      if (n < 128) break;
    }
    expect([...v2.subarray(0, 1 + length.length)]).toEqual([0x0a, ...length]);
    expect(v2.subarray(1 + length.length)).toEqual(v1);
    // and the v1 body is OTLP TracesData: field 1 = the resource blocks
    expect(v1[0]).toBe(0x0a);
  });

  it('keeps the JSON answers as they were when Accept does not ask for protobuf', async () => {
    for (const accept of [undefined, 'application/json', '*/*']) {
      const v1 = await get(`/api/traces/${traceId}`, accept);
      expect(v1.contentType).toBe('application/json');
      expect(Object.keys(JSON.parse(new TextDecoder().decode(v1.body)) as object)).toEqual(['batches']);
      const v2 = await get(`/api/v2/traces/${traceId}`, accept);
      expect(v2.contentType).toBe('application/json');
      expect(Object.keys(JSON.parse(new TextDecoder().decode(v2.body)) as object)).toEqual(['trace']);
    }
  });

  it('answers an unknown or bad id in text, as for JSON', async () => {
    const missing = await get(`/api/v2/traces/${'1'.repeat(32)}`, 'application/protobuf');
    expect([missing.status, new TextDecoder().decode(missing.body)]).toEqual([404, 'trace not found']);
    const bad = await get('/api/traces/xyz', 'application/protobuf');
    expect(bad.status).toBe(400);
  });
});

describe('demo failure controls on trace answers', () => {
  it('partial: a protobuf v2 answer keeps its first half of resource blocks, with status PARTIAL and the reason', async () => {
    const whole = await get(`/api/v2/traces/${traceId}`, 'application/protobuf');
    const all = decodeTempoTraceProtobuf('v2', whole.body).resourceSpans;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const partial = partialTraceAnswer({ body: whole.body, contentType: whole.contentType ?? '' }, 'the querier timed out');
    expect(partial.contentType).toBe('application/protobuf');
    const decoded = decodeTempoTraceProtobuf('v2', partial.body);
    expect(decoded.status).toBe(1);
    expect(decoded.message).toBe('the querier timed out');
    expect(decoded.resourceSpans).toEqual(all.slice(0, Math.ceil(all.length / 2)));
  });

  it('partial: a JSON v2 answer says "PARTIAL" and keeps its first half of resource blocks', async () => {
    const whole = await get(`/api/v2/traces/${traceId}`);
    const all = (JSON.parse(new TextDecoder().decode(whole.body)) as { trace: { resourceSpans: unknown[] } }).trace.resourceSpans;
    const partial = partialTraceAnswer({ body: whole.body, contentType: whole.contentType ?? '' }, 'too big');
    expect(partial.contentType).toBe('application/json');
    expect(JSON.parse(new TextDecoder().decode(partial.body))).toEqual({ trace: { resourceSpans: all.slice(0, Math.ceil(all.length / 2)) }, status: 'PARTIAL', message: 'too big' });
  });

  it('truncate: half the bytes, which no longer decode', async () => {
    const whole = await get(`/api/traces/${traceId}`, 'application/protobuf');
    const cut = truncatedAnswer({ body: whole.body, contentType: whole.contentType ?? '' });
    expect(cut.contentType).toBe('application/protobuf');
    expect(cut.body).toEqual(whole.body.subarray(0, Math.floor(whole.body.length / 2)));
    expect(() => decodeTempoTraceProtobuf('v1', cut.body)).toThrow();
  });

  it('reads Accept as Grafana and Tempo spell it', () => {
    const accepts = (accept: string) => acceptsProtobuf(new Request('http://x/', { headers: { Accept: accept } }));
    expect(accepts('application/protobuf')).toBe(true);
    expect(accepts('application/x-protobuf')).toBe(true);
    expect(accepts('Application/Protobuf;q=0.9, application/json')).toBe(true);
    expect(accepts('application/json')).toBe(false);
    expect(accepts('application/protobuffer')).toBe(false);
    expect(acceptsProtobuf(new Request('http://x/'))).toBe(false);
  });
});

describe('a stored trace answer', () => {
  it('goes out as the stored bytes, not a copy (a Response copies a byte array it is given: 234 MB at a million spans)', async () => {
    const request = () => new Request(`${TEMPO}/api/v2/traces/${traceId}`, { headers: { Accept: 'application/protobuf' } });
    const firstChunk = async (): Promise<Uint8Array> => {
      const response = await getResponse(createDemoHandlers(store), request());
      const chunk = await response?.body?.getReader().read();
      if (!chunk?.value) throw new Error('no body');
      return chunk.value;
    };
    const first = await firstChunk();
    const second = await firstChunk();
    expect(second.buffer).toBe(first.buffer);
    expect((await get(`/api/v2/traces/${traceId}`, 'application/protobuf')).body).toEqual(first);
  });
});
