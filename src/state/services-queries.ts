import { queryOptions } from '@tanstack/react-query';
import type { MetricsBackend, RedRequest, SystemGraphRequest } from '../backends/metrics/metrics-backend';
import { withFallback } from '../backends/metrics/metrics-backend';
import { createTempoMetrics } from '../backends/metrics/tempo-metrics';
import { createJaegerMetrics } from '../backends/metrics/jaeger-metrics';
import { createSampledMetrics } from '../backends/metrics/sampled-metrics';
import { createTempoBackend } from '../backends/tempo/tempo-backend';
import { backendFor, type DataSource } from './data-sources';
import { browserBaseUrl } from './config';
import { redCompute } from './services-red-worker';
import { retryOnceIfWorthIt } from './queries';

export type { RedRequest, SystemGraphRequest } from '../backends/metrics/metrics-backend';
export { MetricsQueryError } from '../backends/metrics/metrics-backend';

/** Why Tempo's graph is drawn from traces even when it answers TraceQL metrics (tempo-metrics.ts). */
const TEMPO_GRAPH_REASON = 'TraceQL metrics cannot name a call’s caller, so the graph is drawn from traces';

const metricsBackends = new Map<string, MetricsBackend>();

/**
 * The metrics adapter of a data source, made once per source: its own metrics API
 * where it has one, falling back to traces sampled through its search when that API
 * is missing; Local files compute from every kept trace.
 */
export function metricsBackendFor(source: DataSource): MetricsBackend {
  let backend = metricsBackends.get(source.id);
  if (!backend) {
    const traces = backendFor(source);
    const config = { url: browserBaseUrl(source), name: source.name, ...(source.timeoutSeconds !== undefined ? { timeoutMs: source.timeoutSeconds * 1000 } : {}) };
    // Sampled traces are only counted: Tempo's JSON answer skips the protobuf worker, which
    // also lays out each trace's flame graph for a trace page that will never open.
    const sampleSource = source.kind === 'tempo' ? createTempoBackend(config) : traces;
    const sampled = createSampledMetrics({ traces: sampleSource, compute: redCompute(), allTraces: source.kind === 'files' });
    backend =
      source.kind === 'files'
        ? sampled.withReason('')
        : source.kind === 'jaeger'
          ? withFallback(createJaegerMetrics({ ...config, services: (signal) => traces.services(signal) }), (reason) => sampled.withReason(reason))
          : withFallback(createTempoMetrics({ ...config, graph: sampled.withReason(TEMPO_GRAPH_REASON) }), (reason) => sampled.withReason(reason));
    metricsBackends.set(source.id, backend);
  }
  return backend;
}

/** The services pages' server data (STYLE.md rule 8): keys start with the source id. */
export const servicesQueries = {
  red: (source: DataSource, request: RedRequest) =>
    queryOptions({
      queryKey: [source.id, 'metrics', 'red', request] as const,
      queryFn: ({ signal }) => metricsBackendFor(source).redOverview(request, signal),
      staleTime: 30_000,
      retry: retryOnceIfWorthIt,
    }),

  systemGraph: (source: DataSource, request: SystemGraphRequest) =>
    queryOptions({
      queryKey: [source.id, 'metrics', 'graph', request] as const,
      queryFn: ({ signal }) => metricsBackendFor(source).systemGraph(request, signal),
      staleTime: 30_000,
      retry: retryOnceIfWorthIt,
    }),
};
