import { setupServer } from 'msw/node';
import { createDemoStore } from '../../mocks/demo-store';
import { createDemoHandlers } from '../../mocks/handlers';
import type { TraceStore } from '../../mocks/store';
import { measure, once, type Measurement } from './measure';

const ORIGIN = 'http://bench.local';
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const TRACE_COUNT = 20_000;

/**
 * The services overview's queries against the demo backend at 20,000 traces
 * (~450,000 spans), through the real HTTP handlers (msw in Node, real fetch):
 * TraceQL metrics as the Tempo adapter sends them (rate, errors, quantiles by
 * service, then by service and operation; 1 h at Tempo's default 15 s step), and
 * Jaeger's SPM and dependencies as the Jaeger adapter sends them.
 */
export async function demoMetricsBench(): Promise<Measurement[]> {
  const results: Measurement[] = [];
  let store: TraceStore | undefined;
  results.push(
    await once('demo store', `generate + ingest ${TRACE_COUNT.toLocaleString('en-US')} traces`, () => {
      store = createDemoStore({ now: NOW, traceCount: TRACE_COUNT, windowMs: 2 * 3_600_000 });
    }),
  );
  if (!store) throw new Error('no store');
  const spans = store.stats().spans;
  const server = setupServer(...createDemoHandlers(store));
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const end = Math.floor(NOW / 1000) - 60;
    const window = `start=${end - 3600}&end=${end}&step=15s`;
    const tempo = (q: string) => `/demo/tempo/api/metrics/query_range?${window}&q=${encodeURIComponent(q)}`;
    const byService = 'by (resource.service.name)';
    const byOperation = 'by (resource.service.name, name)';
    const services = store.services().map((s) => `service=${encodeURIComponent(s)}`).join('&');
    const spm = (path: string, extra = '') => `/demo/jaeger/api/metrics/${path}?${services}&endTs=${end * 1000}&lookback=3600000&step=15000&ratePer=600000${extra}`;
    results.push(await once('metrics @20,000', 'span columns (first SPM query builds them)', async () => (await fetch(`${ORIGIN}${spm('calls')}`)).text()));
    const cases: [string, string][] = [
      ['tempo: rate by service (server spans)', tempo(`{ kind = server } | rate() ${byService}`)],
      ['tempo: errors by service', tempo(`{ kind = server && status = error } | rate() ${byService}`)],
      ['tempo: p50/p90/p99 by service', tempo(`{ kind = server } | quantile_over_time(duration, .5, .9, .99) ${byService}`)],
      ['tempo: rate by service + operation', tempo(`{ kind = server } | rate() ${byOperation}`)],
      ['tempo: errors by service + operation', tempo(`{ kind = server && status = error } | rate() ${byOperation}`)],
      ['tempo: p50/p90/p99 by service + operation', tempo(`{ kind = server } | quantile_over_time(duration, .5, .9, .99) ${byOperation}`)],
      ['tempo: root spans rate by service', tempo(`{ nestedSetParent < 0 } | rate() ${byService}`)],
      ['tempo: payment, duration histogram', tempo('{ resource.service.name = "payment" && kind = server } | histogram_over_time(duration)')],
      ['jaeger: calls, all services', spm('calls')],
      ['jaeger: errors, all services', spm('errors')],
      ['jaeger: p95, all services', spm('latencies', '&quantile=0.95')],
      ['jaeger: p95 by operation, all services', spm('latencies', '&quantile=0.95&groupByOperation=true')],
      ['jaeger: dependencies (24 h)', `/demo/jaeger/api/dependencies?endTs=${end * 1000}`],
    ];
    for (const [name, path] of cases) {
      const response = await fetch(`${ORIGIN}${path}`);
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status} ${await response.text()}`);
      // CPU time beside wall time: the machine is shared, and another job's load stretches the wall clock
      const cpuMs: number[] = [];
      const measured = await measure(`metrics @${TRACE_COUNT.toLocaleString('en-US')}`, name, async () => {
        const before = process.cpuUsage();
        await (await fetch(`${ORIGIN}${path}`)).text();
        const used = process.cpuUsage(before);
        cpuMs.push((used.user + used.system) / 1000);
      }, { runs: 15 });
      const sortedCpu = cpuMs.slice(3).sort((a, b) => a - b);
      const cpuMedian = sortedCpu[sortedCpu.length >> 1] ?? Number.NaN;
      results.push({ ...measured, note: `${spans.toLocaleString('en-US')} spans; CPU median ${cpuMedian.toFixed(1)} ms` });
    }
  } finally {
    server.close();
  }
  return results;
}
