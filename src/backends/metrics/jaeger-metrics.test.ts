import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { MetricsRange, RedOverview, SystemGraph } from '../../core';
import { withFallback, type MetricsBackend } from './metrics-backend';
import { createJaegerMetrics, jaegerMetricsParams } from './jaeger-metrics';

const BASE = 'http://jaeger.test:16686';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

// 2023-11-14T22:13:00Z … 22:16:00Z, one-minute steps
const range: MetricsRange = { startMs: 1_700_000_000_000 - 20_000, endMs: 1_700_000_160_000, stepMs: 60_000 };
const at = (ms: number) => new Date(ms).toISOString().replace('.000', '');

/** A bare MetricFamily as SPM answers (reference §4.1): RFC 3339 times, "NaN" for no traffic. */
function family(name: string, values: readonly (number | 'NaN')[]) {
  return {
    name,
    type: 'GAUGE',
    help: name,
    metrics: [
      {
        labels: [{ name: 'service_name', value: 'checkout' }],
        metricPoints: values.map((value, i) => ({ gaugeValue: { doubleValue: value }, timestamp: at(range.startMs + (i + 1) * range.stepMs) })),
      },
    ],
  };
}

const sampled = (reason: string): MetricsBackend => ({
  redOverview: ({ range: r, scope }): Promise<RedOverview> => Promise.resolve({ range: r, scope, rows: [], origin: { kind: 'sample', traces: 20, spans: 300, limited: false, reason } }),
  systemGraph: ({ range: r }): Promise<SystemGraph> => Promise.resolve({ range: r, nodes: [], edges: [], origin: { kind: 'sample', traces: 20, spans: 300, limited: false, reason } }),
});

describe('Jaeger SPM', () => {
  it('sends every service, the span kinds and times in ms as SPM reads them', () => {
    const params = jaegerMetricsParams({ range, scope: 'all', groupBy: 'operation' }, ['a', 'b'], { quantile: '0.99' });
    expect(params.getAll('service')).toEqual(['a', 'b']);
    expect(params.get('groupByOperation')).toBe('true');
    expect(params.get('quantile')).toBe('0.99');
    expect(params.get('endTs')).toBe('1700000160000');
    expect(params.get('lookback')).toBe('180000');
    expect(params.get('step')).toBe('60000');
    expect(params.get('ratePer')).toBe('120000');
    expect(params.getAll('spanKind')).toEqual(['unspecified', 'internal', 'server', 'client', 'producer', 'consumer']);
    expect(jaegerMetricsParams({ range, scope: 'server', groupBy: 'service' }, ['a'], {}).getAll('spanKind')).toEqual(['server']);
  });

  it('asks calls, errors and three latencies in parallel and reads rows', async () => {
    const asked: string[] = [];
    server.use(
      http.get(`${BASE}/api/metrics/:what`, ({ request, params }) => {
        const url = new URL(request.url);
        asked.push(`${String(params.what)}${url.searchParams.has('quantile') ? ` ${url.searchParams.get('quantile') ?? ''}` : ''}`);
        if (params.what === 'calls') return HttpResponse.json(family('service_call_rate', [10, 20, 'NaN']));
        if (params.what === 'errors') return HttpResponse.json(family('service_error_rate', [0, 0.5, 'NaN']));
        return HttpResponse.json(family('service_latencies', [5, 7, 'NaN']));
      }),
    );
    const jaeger = createJaegerMetrics({ url: BASE, name: 'Jaeger (test)', services: () => Promise.resolve(['checkout']) });
    const overview = await jaeger.redOverview({ range, scope: 'server', groupBy: 'service' });
    expect(asked.sort()).toEqual(['calls', 'errors', 'latencies 0.5', 'latencies 0.9', 'latencies 0.99']);
    expect(overview.origin).toEqual({ kind: 'jaeger-spm' });
    const [row] = overview.rows;
    expect(row?.service).toBe('checkout');
    // "NaN" is no point: a gap
    expect(row?.rate.map((p) => p.value)).toEqual([10, 20]);
    // errors are a fraction of calls: 0.5 × 20/s
    expect(row?.errorRate.map((p) => p.value)).toEqual([0, 10]);
  });

  it('a Jaeger without SPM (501) says so and falls back, once', async () => {
    let asked = 0;
    server.use(
      http.get(`${BASE}/api/metrics/:what`, () => {
        asked++;
        return new HttpResponse(`${JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 501, msg: 'trace metrics are currently disabled - no metrics backend configured' }] })}\n`, {
          status: 501,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        });
      }),
    );
    const jaeger = withFallback(createJaegerMetrics({ url: BASE, name: 'Jaeger (test)', services: () => Promise.resolve(['checkout']) }), sampled);
    const overview = await jaeger.redOverview({ range, scope: 'server', groupBy: 'service' });
    expect(overview.origin).toMatchObject({ kind: 'sample', reason: 'Jaeger (test) does not answer Service Performance Monitoring (SPM) (/api/metrics/calls: 501)' });
    const askedFirst = asked;
    await jaeger.redOverview({ range, scope: 'server', groupBy: 'operation' });
    expect(asked).toBe(askedFirst);
  });

  it('root spans are sampled (SPM cannot tell them), without giving up SPM for the other scopes', async () => {
    server.use(http.get(`${BASE}/api/metrics/:what`, () => HttpResponse.json(family('x', [1]))));
    const jaeger = withFallback(createJaegerMetrics({ url: BASE, name: 'Jaeger (test)', services: () => Promise.resolve(['checkout']) }), sampled);
    const root = await jaeger.redOverview({ range, scope: 'root', groupBy: 'service' });
    expect(root.origin).toMatchObject({ kind: 'sample', reason: "Jaeger (test)'s SPM counts spans by kind and cannot tell which spans are roots" });
    expect((await jaeger.redOverview({ range, scope: 'server', groupBy: 'service' })).origin).toEqual({ kind: 'jaeger-spm' });
  });

  it('draws the graph from /api/dependencies, its nodes with SPM’s figures, and without them when SPM is off', async () => {
    let dependencyParams: URLSearchParams | undefined;
    server.use(
      http.get(`${BASE}/api/dependencies`, ({ request }) => {
        dependencyParams = new URL(request.url).searchParams;
        return HttpResponse.json({ data: [{ parent: 'frontend', child: 'checkout', callCount: 1520 }], total: 0, limit: 0, offset: 0, errors: null });
      }),
      http.get(`${BASE}/api/metrics/:what`, () => new HttpResponse('{"errors":[{"code":501,"msg":"disabled"}]}\n', { status: 501 })),
    );
    const jaeger = createJaegerMetrics({ url: BASE, name: 'Jaeger (test)', services: () => Promise.resolve(['checkout', 'frontend']) });
    const graph = await jaeger.systemGraph({ range });
    expect(dependencyParams?.get('endTs')).toBe('1700000160000');
    expect(dependencyParams?.get('lookback')).toBe('180000');
    expect(graph.edges).toHaveLength(1);
    expect(graph.edges[0]?.callCount).toBe(1520);
    expect(graph.nodes.map((n) => n.name).sort()).toEqual(['checkout', 'frontend']);
  });
});
