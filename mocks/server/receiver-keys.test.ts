import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeTraces } from '../../src/core';
import { startLocalServer, type LocalServer } from '../server';
import { tracesData } from '../testing/otlp-fixtures';

/** Attribute keys named like Object.prototype members go through the receiver, the store's indexes and every API as data. */
const TRACE = 'ab'.repeat(16);
const ATTRIBUTES = { ['__proto__']: 'p', constructor: 'c', hasOwnProperty: 'h' };

let server: LocalServer;
const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
beforeAll(async () => {
  server = await startLocalServer({ port: 0, otlpPort: false });
  const body = tracesData([
    { traceId: TRACE, spanId: '1'.repeat(16), name: 'op', service: 'svc', startMs: 0, durationMs: 1, attributes: ATTRIBUTES },
    { traceId: TRACE, spanId: '2'.repeat(16), parentSpanId: '1'.repeat(16), name: 'child', service: '__proto__', startMs: 0, durationMs: 1 },
  ]);
  const response = await fetch(`${server.url}/v1/traces`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  expect(response.status).toBe(200);
});
afterAll(async () => {
  await server.close();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
});

const getJson = async (path: string): Promise<unknown> => {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status).toBe(200);
  return response.json();
};

it.each(['/local/tempo/api/traces/', '/local/tempo/api/v2/traces/', '/local/jaeger/api/v3/traces/'])('%s<id> gives the keys back with their values', async (path) => {
  const { traces } = decodeTraces(await getJson(`${path}${TRACE}`));
  expect(traces[0]?.spans[0]?.attributes.map((a) => [a.key, a.value])).toEqual(Object.entries(ATTRIBUTES).map(([key, value]) => [key, { type: 'string', value }]));
});

it('tag search, tag names and tag values find them', async () => {
  for (const [key, value] of Object.entries(ATTRIBUTES)) {
    const found = (await getJson(`/local/tempo/api/search?tags=${encodeURIComponent(`${key}=${value}`)}`)) as { traces: { traceID: string }[] };
    expect(found.traces.map((t) => t.traceID)).toEqual([TRACE]);
    expect(await getJson(`/local/tempo/api/v2/search/tag/span.${key}/values`)).toMatchObject({ tagValues: [{ type: 'string', value }] });
  }
  expect(await getJson('/local/tempo/api/v2/search/tags')).toMatchObject({ scopes: expect.arrayContaining([{ name: 'span', tags: ['__proto__', 'constructor', 'hasOwnProperty'] }]) });
});

it('a service named __proto__ is counted in the search answer like any other', async () => {
  const found = (await getJson('/local/tempo/api/search?tags=__proto__%3Dp')) as { traces: { serviceStats: Record<string, unknown> }[] };
  expect(Object.keys(found.traces[0]?.serviceStats ?? {}).sort()).toEqual(['__proto__', 'svc']);
});
