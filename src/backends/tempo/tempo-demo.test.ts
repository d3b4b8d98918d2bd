import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoHandlers } from '../../../mocks/handlers';
import { adapterShopStore } from '../../../mocks/testing/adapter-shop';
import { T0_MS } from '../../../mocks/testing/otlp-fixtures';
import { createTempoBackend } from './tempo-backend';

// The adapter against the demo backend's Tempo API: both sides of the wire agree,
// including Tempo's quirks (base64 ids and enum names in traces, trace ids without
// their leading zeros in search results).
const LEADING_ZEROS = `000000${'1'.repeat(26)}`;
const store = adapterShopStore(LEADING_ZEROS);
const server = setupServer(...createDemoHandlers(store));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const tempo = createTempoBackend({ url: 'http://localhost/demo/tempo', name: 'Demo Tempo' });
const lastHour = { startMs: T0_MS - 3_600_000, endMs: T0_MS, limit: 20 };

describe('Tempo adapter against the demo backend', () => {
  it('searches by service, tag and duration; ids come back whole', async () => {
    const found = await tempo.searchTraces({ ...lastHour, service: 'web', tags: [['http.route', '/cart']], minDurationNs: 100e6 });
    expect(found.summaries).toEqual([
      {
        traceId: LEADING_ZEROS,
        rootServiceName: 'web',
        rootSpanName: 'GET /cart',
        startUnixNano: BigInt(T0_MS - 90_000) * 1_000_000n,
        durationNs: 120e6,
        spanCount: 2,
        errorSpanCount: 1,
        services: [
          { name: 'db', spanCount: 1, errorSpanCount: 1 },
          { name: 'web', spanCount: 1, errorSpanCount: 0 },
        ],
      },
    ]);
    const all = await tempo.searchTraces({ ...lastHour, service: 'web', tags: [] });
    expect(all.summaries.map((s) => s.traceId[6])).toEqual(['3', '2', '1']);
    expect((await tempo.searchTraces({ ...lastHour, tags: [], errorsOnly: true })).summaries.map((s) => s.traceId)).toEqual([LEADING_ZEROS]);
    expect((await tempo.searchTraces({ ...lastHour, tags: [], traceql: '{ span.http.route = "/cart" && duration < 50ms }' })).summaries.map((s) => s.traceId)).toEqual(['2'.repeat(32)]);
  });

  it('fetches a trace, lists services, operations, tag names and values, and reports an unknown trace as not found', async () => {
    const trace = await tempo.getTrace(LEADING_ZEROS);
    expect(trace.spans.map((s) => `${s.service}:${s.name}:${s.kind}:${s.status.code}`)).toEqual(['web:GET /cart:server:unset', 'db:SELECT cart:client:error']);
    expect(await tempo.services()).toEqual(['db', 'web']);
    expect(await tempo.operations('web')).toEqual(['GET /cart', 'POST /pay']);
    expect(await tempo.tagNames?.()).toContain('http.route');
    expect(await tempo.tagValues?.('http.route')).toEqual(['/cart']);
    await expect(tempo.getTrace('4'.repeat(32))).rejects.toMatchObject({ kind: 'not-found', message: `Trace ${'4'.repeat(32)} was not found in Demo Tempo.` });
  });
});
