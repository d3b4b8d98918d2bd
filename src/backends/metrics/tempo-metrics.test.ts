import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { MetricsRange, RedOverview, SystemGraph } from '../../core';
import { MetricsQueryError, withFallback, type MetricsBackend } from './metrics-backend';
import { createTempoMetrics, tempoQueryRangeParams } from './tempo-metrics';

const BASE = 'http://tempo.test:3200';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

// 1699999920 … 1700000160 s with a 60 s step: four intervals, samples at …980, …040, …100, …160 (reference §2.4)
const range: MetricsRange = { startMs: 1_699_999_920_000, endMs: 1_700_000_160_000, stepMs: 60_000 };
const noGraph: Pick<MetricsBackend, 'systemGraph'> = { systemGraph: () => Promise.reject(new Error('not asked')) };

const label = (key: string, value: { stringValue: string } | { doubleValue: number }) => ({ key, value });
const svc = label('resource.service.name', { stringValue: 'checkout' });
/** What Tempo answers each of the four queries, told apart by their function (reference §2.1 shapes). */
function answer(q: string): Record<string, unknown> {
  if (q.includes('status = error')) return { series: [{ labels: [svc], samples: [{ timestampMs: '1700000040000', value: 0.5 }] }], metrics: {} };
  if (q.includes('rate()')) {
    return {
      series: [
        {
          labels: [svc],
          // …100 had no spans at all: left out, so it stays a gap
          samples: [
            { timestampMs: '1699999980000', value: 2 },
            { timestampMs: '1700000040000', value: 4 },
            { timestampMs: '1700000160000', value: 2 },
          ],
        },
      ],
      metrics: { inspectedSpans: '480' },
    };
  }
  if (q.includes('quantile_over_time')) {
    const p = (q: number, seconds: number) => ({
      labels: [svc, label('p', { doubleValue: q })],
      samples: [{ timestampMs: '1700000040000', value: seconds }],
      ...(q === 0.99 ? { exemplars: [{ labels: [label('trace:id', { stringValue: '5b8efff798038103d269b633813fc60c' })], value: 0.8, timestampMs: '1700000031412' }] } : {}),
    });
    return { series: [p(0.5, 0.02), p(0.9, 0.1), p(0.99, 0.8)], metrics: {} };
  }
  return { series: [], metrics: {} };
}

describe('Tempo TraceQL metrics', () => {
  it('sends start and end in seconds, one step after the aligned start (Tempo adds that step back)', () => {
    expect(Object.fromEntries(tempoQueryRangeParams('{ true } | rate()', range))).toEqual({ q: '{ true } | rate()', start: '1699999980', end: '1700000160', step: '60' });
    expect(tempoQueryRangeParams('x', { startMs: 1_000, endMs: 1_250, stepMs: 50 }).get('start')).toBe('1.050');
  });

  it('asks rate, errors, quantiles and histogram in parallel and reads one row per service', async () => {
    const asked: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    server.use(
      http.get(`${BASE}/api/metrics/query_range`, async ({ request }) => {
        const q = new URL(request.url).searchParams.get('q') ?? '';
        asked.push(q);
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight--;
        return HttpResponse.json(answer(q));
      }),
    );
    const tempo = createTempoMetrics({ url: BASE, name: 'Tempo (test)', graph: noGraph });
    const overview = await tempo.redOverview({ range, scope: 'server', groupBy: 'service' });
    expect(mostInFlight).toBe(4);
    expect(asked.sort()).toEqual([
      '{ kind = server && status = error } | rate() by (resource.service.name)',
      '{ kind = server } | histogram_over_time(duration) by (resource.service.name)',
      '{ kind = server } | quantile_over_time(duration, .5, .9, .99) by (resource.service.name)',
      '{ kind = server } | rate() by (resource.service.name)',
    ]);
    expect(overview.origin).toEqual({ kind: 'tempo-metrics' });
    const [row] = overview.rows;
    expect(row?.service).toBe('checkout');
    // the interval without spans is missing, not zero
    expect(row?.rate.map((p) => p.timeMs)).toEqual([1_699_999_980_000, 1_700_000_040_000, 1_700_000_160_000]);
    expect(row?.p99Ms).toEqual([{ timeMs: 1_700_000_040_000, value: 800 }]);
    expect(row?.exemplars[0]?.traceId).toBe('5b8efff798038103d269b633813fc60c');
  });

  it('a query Tempo rejects keeps Tempo’s words and the query', async () => {
    server.use(http.get(`${BASE}/api/metrics/query_range`, () => new HttpResponse('parse error at line 1, col 9: syntax error: unexpected IDENTIFIER', { status: 400, headers: { 'Content-Type': 'text/plain' } })));
    const tempo = createTempoMetrics({ url: BASE, name: 'Tempo (test)', graph: noGraph });
    const failure = await tempo.redOverview({ range, scope: 'root', groupBy: 'service' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MetricsQueryError);
    expect((failure as MetricsQueryError).message).toContain('parse error at line 1, col 9: syntax error: unexpected IDENTIFIER');
    expect((failure as MetricsQueryError).query).toMatch(/^\{ nestedSetParent < 0 \} \| /);
  });

  describe('a Tempo without TraceQL metrics', () => {
    const sampled = (reason: string): MetricsBackend => ({
      redOverview: ({ range: r, scope }): Promise<RedOverview> => Promise.resolve({ range: r, scope, rows: [], origin: { kind: 'sample', traces: 500, spans: 9000, limited: true, reason } }),
      systemGraph: ({ range: r }): Promise<SystemGraph> => Promise.resolve({ range: r, nodes: [], edges: [], origin: { kind: 'sample', traces: 500, spans: 9000, limited: true, reason } }),
    });

    it.each([
      ['the route is missing (404)', () => new HttpResponse('404 page not found', { status: 404 }), 'Tempo (test) does not answer TraceQL metrics (/api/metrics/query_range: 404)'],
      ['it is not implemented (501)', () => new HttpResponse('not implemented', { status: 501 }), 'Tempo (test) does not answer TraceQL metrics (/api/metrics/query_range: 501)'],
      [
        'no metrics generator is configured',
        () => new HttpResponse('error finding generators in Querier.queryRangeRecent: empty ring', { status: 500 }),
        'Tempo (test) does not answer TraceQL metrics (/api/metrics/query_range: 500, error finding generators in Querier.queryRangeRecent: empty ring)',
      ],
    ])('says why and falls back to sampling when %s, asking once', async (_, respond, reason) => {
      let asked = 0;
      server.use(
        http.get(`${BASE}/api/metrics/query_range`, () => {
          asked++;
          return respond();
        }),
      );
      const tempo = withFallback(createTempoMetrics({ url: BASE, name: 'Tempo (test)', graph: noGraph }), sampled);
      const first = await tempo.redOverview({ range, scope: 'server', groupBy: 'service' });
      expect(first.origin).toEqual({ kind: 'sample', traces: 500, spans: 9000, limited: true, reason });
      const askedFirst = asked;
      await tempo.redOverview({ range, scope: 'all', groupBy: 'operation' });
      // the finding is kept: the next page does not ask the missing endpoint again
      expect(asked).toBe(askedFirst);
    });
  });
});
