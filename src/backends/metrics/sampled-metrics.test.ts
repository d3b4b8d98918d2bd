import { describe, expect, it } from 'vitest';
import { alignedRange, summariseTrace, type SearchQuery, type Trace } from '../../core';
import { traceOf } from '../../core/trace/__fixtures__/make-trace';
import type { SearchResult } from '../trace-backend';
import { inThreadRedCompute } from './in-thread-red';
import { createSampledMetrics, type RedCompute } from './sampled-metrics';

// T0 of the fixtures is 1,700,000,000 s: a window around it
const range = alignedRange(1_699_999_990_000, 1_700_000_010_000);

/**
 *   web ──▶ api        (3 spans each trace, 100 ms)
 */
const traceWithId = (n: number): Trace => {
  const trace = traceOf([
    { id: 'w', start: 0, end: 100e6, service: 'web', kind: 'server' },
    { id: 'c', parent: 'w', start: 1e6, end: 90e6, service: 'web', kind: 'client' },
    { id: 'a', parent: 'c', start: 2e6, end: 80e6, service: 'api', kind: 'server' },
  ]);
  return { ...trace, traceId: n.toString(16).padStart(32, '0') };
};

function fakeTraces(count: number) {
  const traces = Array.from({ length: count }, (_, i) => traceWithId(i + 1));
  const searches: SearchQuery[] = [];
  const fetched: string[] = [];
  return {
    searches,
    fetched,
    backend: {
      searchTraces: (query: SearchQuery, signal?: AbortSignal): Promise<SearchResult> => {
        signal?.throwIfAborted();
        searches.push(query);
        return Promise.resolve({ summaries: traces.slice(0, query.limit).map(summariseTrace), warnings: [] });
      },
      getTrace: (traceId: string, signal?: AbortSignal): Promise<Trace> => {
        fetched.push(traceId);
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => resolve(traces.find((t) => t.traceId === traceId) as Trace), 5);
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason as Error);
          });
        });
      },
    },
  };
}

describe('figures from sampled traces', () => {
  it('searches the window, fetches at most the sample size, and says how many traces and spans it used', async () => {
    const fake = fakeTraces(30);
    const sampled = createSampledMetrics({ traces: fake.backend, compute: inThreadRedCompute, sampleSize: 10 }).withReason('No metrics here');
    const overview = await sampled.redOverview({ range, scope: 'server', groupBy: 'service' });
    expect(fake.searches).toEqual([{ tags: [], startMs: range.startMs, endMs: range.endMs, limit: 10 }]);
    expect(fake.fetched).toHaveLength(10);
    expect(overview.origin).toEqual({ kind: 'sample', traces: 10, spans: 30, limited: true, reason: 'No metrics here' });
    expect(overview.rows.map((r) => r.service).sort()).toEqual(['api', 'web']);
  });

  it('stops before the span budget, however many traces the search found', async () => {
    const fake = fakeTraces(30);
    const sampled = createSampledMetrics({ traces: fake.backend, compute: inThreadRedCompute, sampleSize: 30, spanBudget: 12 }).withReason('');
    const overview = await sampled.redOverview({ range, scope: 'all', groupBy: 'service' });
    expect(fake.fetched).toHaveLength(4);
    expect(overview.origin).toMatchObject({ traces: 4, spans: 12, limited: true });
  });

  it('the overview and the graph of one window share one sample; a service page samples that service', async () => {
    const fake = fakeTraces(5);
    const sampled = createSampledMetrics({ traces: fake.backend, compute: inThreadRedCompute }).withReason('');
    const [overview, graph] = await Promise.all([sampled.redOverview({ range, scope: 'server', groupBy: 'service' }), sampled.systemGraph({ range })]);
    expect(fake.searches).toHaveLength(1);
    expect(overview.origin).toMatchObject({ traces: 5, limited: false });
    expect(graph.origin).toMatchObject({ kind: 'sample', traces: 5 });
    expect(graph.edges.map((e) => `${e.from}→${e.to}`)).toHaveLength(1);
    await sampled.redOverview({ range, scope: 'server', groupBy: 'operation', service: 'api' });
    expect(fake.searches[1]?.service).toBe('api');
  });

  it('one page leaving does not fail another waiting on the same sample', async () => {
    const fake = fakeTraces(5);
    const sampled = createSampledMetrics({ traces: fake.backend, compute: inThreadRedCompute }).withReason('');
    const leaving = new AbortController();
    const first = sampled.redOverview({ range, scope: 'server', groupBy: 'service' }, leaving.signal);
    const second = sampled.systemGraph({ range }, new AbortController().signal);
    leaving.abort();
    await expect(first).rejects.toThrow();
    await expect(second).resolves.toMatchObject({ origin: { traces: 5 } });
  });

  it('Local files use every kept trace, over the time they cover', async () => {
    const fake = fakeTraces(3);
    const asked: unknown[] = [];
    const compute: RedCompute = {
      red: (traces, options) => {
        asked.push(options.range);
        return inThreadRedCompute.red(traces, options);
      },
      graph: inThreadRedCompute.graph,
    };
    const sampled = createSampledMetrics({ traces: fake.backend, compute, allTraces: true }).withReason('');
    // a window a year later: the files are still read, over their own time
    const later = alignedRange(1_731_536_000_000, 1_731_539_600_000);
    const overview = await sampled.redOverview({ range: later, scope: 'server', groupBy: 'service' });
    expect(fake.searches[0]?.limit).toBeGreaterThanOrEqual(10_000);
    expect(overview.origin).toMatchObject({ traces: 3, limited: false, reason: '' });
    expect(overview.range.startMs).toBeLessThanOrEqual(1_700_000_000_000);
    expect(overview.range.endMs).toBeGreaterThanOrEqual(1_700_000_000_100);
    expect(asked).toEqual([overview.range]);
  });
});
