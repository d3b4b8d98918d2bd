import { describe, expect, it } from 'vitest';
import { decodeTraces, detectTraceFormat, encodeOtlpJson, parseTraces, type Trace } from '../../src/core';
import { traceFixtures } from '../../src/core/formats/__fixtures__';
import { expectSameTraces } from '../../src/core/formats/__fixtures__/expect-same-traces';
import { startLocalServer, type LocalServer } from '../server';
import { decodeTempoTraceProtobuf } from './otlp-protobuf';

/**
 * The receiver's promise: what it answers 200 for can be read back by id
 * through every API, unchanged. Checked over every real trace file we hold,
 * each sent as OTLP/JSON to a fresh server and read back through Tempo v1 and
 * v2 (JSON and protobuf) and Jaeger api_v3, then compared span by span (ids,
 * parents, names, services, exact times, attributes, resource, scope, events,
 * links, status) with what the file itself decodes to. Each file is also sent
 * as it is: a 400 must leave nothing behind; a 200 must be readable like the rest.
 */
type Reader = (server: LocalServer, traceId: string) => Promise<Trace | undefined>;

const jsonReader =
  (path: string): Reader =>
  async (server, traceId) => {
    const response = await fetch(`${server.url}${path}${traceId}`);
    if (response.status === 404) return undefined;
    expect(response.status).toBe(200);
    return onlyTrace(decodeTraces(JSON.parse(await response.text())).traces);
  };

const protobufReader =
  (version: 'v1' | 'v2', path: string): Reader =>
  async (server, traceId) => {
    const response = await fetch(`${server.url}${path}${traceId}`, { headers: { Accept: 'application/protobuf' } });
    if (response.status === 404) return undefined;
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'application/protobuf']);
    const { resourceSpans } = decodeTempoTraceProtobuf(version, new Uint8Array(await response.arrayBuffer()));
    return onlyTrace(decodeTraces({ resourceSpans }).traces);
  };

const READERS: Readonly<Record<string, Reader>> = {
  'Tempo v1 JSON': jsonReader('/local/tempo/api/traces/'),
  'Tempo v2 JSON': jsonReader('/local/tempo/api/v2/traces/'),
  'Jaeger api_v3': jsonReader('/local/jaeger/api/v3/traces/'),
  'Tempo v1 protobuf': protobufReader('v1', '/local/tempo/api/traces/'),
  'Tempo v2 protobuf': protobufReader('v2', '/local/tempo/api/v2/traces/'),
};

function onlyTrace(traces: readonly Trace[]): Trace {
  expect(traces).toHaveLength(1);
  return traces[0] as Trace;
}

async function withServer<T>(use: (server: LocalServer) => Promise<T>): Promise<T> {
  const server = await startLocalServer({ port: 0, otlpPort: false });
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}

async function postTraces(server: LocalServer, body: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/v1/traces`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
  return { status: response.status, body: await response.json() };
}

async function expectEveryTraceReadable(server: LocalServer, expected: readonly Trace[]): Promise<void> {
  for (const [api, read] of Object.entries(READERS)) {
    const got: Trace[] = [];
    for (const want of expected) {
      const trace = await read(server, want.traceId);
      expect(trace, `${api}: trace ${want.traceId}`).toBeDefined();
      if (trace) got.push(trace);
    }
    expectSameTraces(got, expected);
  }
}

describe.each(Object.entries(traceFixtures))('%s', (_name, text) => {
  const expected = parseTraces(text).traces;

  it('sent as OTLP/JSON: 200 with nothing rejected, and every trace reads back the same through every API', async () => {
    await withServer(async (server) => {
      expect(await postTraces(server, encodeOtlpJson(expected))).toEqual({ status: 200, body: { partialSuccess: {} } });
      expect(server.stats()).toMatchObject({ traces: expected.length, spans: expected.reduce((sum, t) => sum + t.spans.length, 0) });
      await expectEveryTraceReadable(server, expected);
    });
  });

  // OTLP's own shape (Tempo's batches is the same message under another name) is taken; any other format is refused whole
  const { format } = detectTraceFormat(JSON.parse(text));
  const taken = format === 'otlp-json' || format === 'tempo-v1';

  it(`sent as it is (${format}): ${taken ? '200, and every trace reads back the same' : '400, and nothing is stored'}`, async () => {
    await withServer(async (server) => {
      const answer = await postTraces(server, text);
      if (!taken) {
        expect(answer).toEqual({ status: 400, body: { code: 3, message: expect.stringContaining('open it as a file instead') } });
        expect(server.stats()).toMatchObject({ traces: 0, spans: 0 });
        return;
      }
      expect(answer).toEqual({ status: 200, body: { partialSuccess: {} } });
      await expectEveryTraceReadable(server, expected);
    });
  });
});
