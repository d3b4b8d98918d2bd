import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoHandlers } from '../../../mocks/handlers';
import { adapterShopStore } from '../../../mocks/testing/adapter-shop';
import { T0_MS } from '../../../mocks/testing/otlp-fixtures';
import { createJaegerBackend } from './jaeger-backend';

// The adapter against the demo backend's Jaeger API: both sides of the wire agree.
const store = adapterShopStore('1'.repeat(32));
const server = setupServer(...createDemoHandlers(store));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const jaeger = createJaegerBackend({ url: 'http://localhost/demo/jaeger', name: 'Demo Jaeger' });
const lastHour = { startMs: T0_MS - 3_600_000, endMs: T0_MS, limit: 20 };

describe('Jaeger adapter against the demo backend', () => {
  it('searches by service, operation, tags and duration', async () => {
    const found = await jaeger.searchTraces({ ...lastHour, service: 'web', operation: 'GET /cart', tags: [['http.route', '/cart']], minDurationNs: 100e6 });
    expect(found).toEqual({
      summaries: [
        {
          traceId: '1'.repeat(32),
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
      ],
      warnings: [],
    });
    const all = await jaeger.searchTraces({ ...lastHour, service: 'web', tags: [] });
    expect(all.summaries.map((s) => s.traceId[0])).toEqual(['3', '2', '1']);
    expect((await jaeger.searchTraces({ ...lastHour, service: 'nobody', tags: [] })).summaries).toEqual([]);
  });

  it('fetches a trace, lists services and operations, and reports an unknown trace as not found', async () => {
    const trace = await jaeger.getTrace('1'.repeat(32));
    expect(trace.spans.map((s) => `${s.service}:${s.name}`)).toEqual(['web:GET /cart', 'db:SELECT cart']);
    expect(await jaeger.services()).toEqual(['db', 'web']);
    expect(await jaeger.operations('web')).toEqual(['GET /cart', 'POST /pay']);
    await expect(jaeger.getTrace('4'.repeat(32))).rejects.toMatchObject({ kind: 'not-found', message: `Trace ${'4'.repeat(32)} was not found in Demo Jaeger.` });
  });
});
