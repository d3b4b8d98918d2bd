import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { fetchLocalStats } from './local-stats';

const URL_ = 'http://local.test/local/api/stats';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('fetchLocalStats', () => {
  it('reads the local server\'s store statistics', async () => {
    server.use(
      http.get(URL_, () =>
        HttpResponse.json({
          traces: 12,
          spans: 340,
          logs: 90,
          evicted: { traces: 3, spans: 40, logs: 0 },
          rejected: { spans: 2, logs: 0 },
          limits: { maxTraces: 20000, maxSpans: 500000, maxLogs: 200000 },
          ingest: { pending: 0, pendingBytes: 0, throttled: 5 },
        }),
      ),
    );
    expect(await fetchLocalStats(URL_, 'Local')).toEqual({ traces: 12, spans: 340, logs: 90, evictedTraces: 3, rejectedSpans: 2, throttled: 5, maxTraces: 20000 });
  });

  it('says so when the answer is not store statistics', async () => {
    server.use(http.get(URL_, () => HttpResponse.json({ hello: 'world' })));
    await expect(fetchLocalStats(URL_, 'Local')).rejects.toMatchObject({ kind: 'bad-response', message: `Local: ${URL_} did not answer with store statistics.` });
  });
});
