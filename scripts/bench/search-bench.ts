import { setupServer } from 'msw/node';
import { createDemoStore } from '../../mocks/demo-store';
import { createDemoHandlers } from '../../mocks/handlers';
import type { TraceStore } from '../../mocks/store';
import { measure, once, type Measurement } from './measure';

const ORIGIN = 'http://bench.local';
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

/**
 * The demo backend's search latency over its whole data set, through the real
 * HTTP handlers (msw in Node, real fetch): 2,000 traces (the default) and 20,000.
 */
export async function searchBench(): Promise<Measurement[]> {
  const results: Measurement[] = [];
  for (const traceCount of [2_000, 20_000]) {
    let store: TraceStore | undefined;
    results.push(
      await once('demo store', `generate + ingest ${traceCount.toLocaleString('en-US')} traces`, () => {
        store = createDemoStore({ now: NOW, traceCount, windowMs: 2 * 3_600_000 });
      }),
    );
    if (!store) throw new Error('no store');
    const server = setupServer(...createDemoHandlers(store));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const start = Math.floor((NOW - 3 * 3_600_000) / 1000);
      const end = Math.ceil(NOW / 1000);
      const window = `start=${start}&end=${end}`;
      const rfc = (ms: number) => new Date(ms).toISOString();
      const jaegerWindow = `query.startTimeMin=${rfc(NOW - 3 * 3_600_000)}&query.startTimeMax=${rfc(NOW)}`;
      const cases: [string, string][] = [
        ['tempo: everything, limit 20', `/demo/tempo/api/search?${window}&limit=20`],
        ['tempo: service', `/demo/tempo/api/search?${window}&limit=20&tags=${encodeURIComponent('service.name=payment')}`],
        [
          'tempo: service + tag + minDuration',
          `/demo/tempo/api/search?${window}&limit=20&minDuration=200ms&tags=${encodeURIComponent('service.name=inventory db.system.name=postgresql')}`,
        ],
        ['tempo: errors only', `/demo/tempo/api/search?${window}&limit=20&tags=${encodeURIComponent('status=error')}`],
        ['tempo: TraceQL service && status = error', `/demo/tempo/api/search?${window}&limit=20&q=${encodeURIComponent('{ resource.service.name = "inventory" && status = error }')}`],
        ['tempo: TraceQL {A} && {B}', `/demo/tempo/api/search?${window}&limit=20&q=${encodeURIComponent('{ resource.service.name = "payment" } && { resource.service.name = "fraud-check" }')}`],
        ['tempo: TraceQL duration > 1s (full scan)', `/demo/tempo/api/search?${window}&limit=20&q=${encodeURIComponent('{ duration > 1s }')}`],
        ['jaeger: trace-summaries by service', `/demo/jaeger/api/v3/trace-summaries?${jaegerWindow}&query.serviceName=payment&query.searchDepth=20`],
        [
          'jaeger: service + attribute',
          `/demo/jaeger/api/v3/trace-summaries?${jaegerWindow}&query.serviceName=inventory&query.searchDepth=20&query.attributes=${encodeURIComponent('{"db.system.name":"postgresql"}')}`,
        ],
      ];
      for (const [name, path] of cases) {
        const response = await fetch(`${ORIGIN}${path}`);
        if (!response.ok) throw new Error(`${name}: HTTP ${response.status} ${await response.text()}`);
        results.push(
          await measure(`search @${traceCount.toLocaleString('en-US')}`, name, async () => {
            await (await fetch(`${ORIGIN}${path}`)).text();
          }, { runs: traceCount > 2_000 ? 15 : 30 }),
        );
      }
    } finally {
      server.close();
    }
  }
  return results;
}
