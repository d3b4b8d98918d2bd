import {
  decodeJaegerDependencies,
  decodeJaegerMetricFamily,
  redRowsFromJaeger,
  systemGraphFromDependencies,
  type MetricSeries,
  type RedRow,
  type SpanScope,
} from '../../core';
import { BackendError } from '../backend-error';
import { fetchJson } from '../http-client';
import { MetricsUnavailable, type MetricsBackend, type RedRequest, type SystemGraphRequest } from './metrics-backend';

export interface JaegerMetricsConfig {
  /** base URL of Jaeger's query service, as the trace adapter takes it */
  readonly url: string;
  readonly name: string;
  readonly timeoutMs?: number;
  /** the services SPM is asked about (it requires at least one `service`) */
  readonly services: (signal?: AbortSignal) => Promise<string[]>;
}

export const JAEGER_SPM_FEATURE = 'Service Performance Monitoring (SPM)';

/** Span kinds SPM filters by (reference §4.1): server spans, or every kind for "all spans". */
const SPAN_KINDS: Readonly<Record<Exclude<SpanScope, 'root'>, readonly string[]>> = {
  server: ['server'],
  all: ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'],
};

/**
 * Jaeger's SPM endpoints (calls, errors, latencies at p50/p90/p99) in five parallel
 * requests for all services at once, and `/api/dependencies` for the graph, whose
 * nodes take their RED figures from SPM when it is configured.
 */
export function createJaegerMetrics(config: JaegerMetricsConfig): MetricsBackend {
  const base = config.url.replace(/\/+$/, '');
  const options = (signal?: AbortSignal) => ({ signal, sourceName: config.name, timeoutMs: config.timeoutMs });

  async function family(path: string, params: URLSearchParams, signal?: AbortSignal): Promise<readonly MetricSeries[]> {
    const url = `${base}/api/metrics/${path}?${params.toString()}`;
    let body: unknown;
    try {
      body = await fetchJson(url, options(signal));
    } catch (error) {
      throw jaegerMetricsError(error, config.name, url);
    }
    try {
      return decodeJaegerMetricFamily(body);
    } catch (error) {
      throw new BackendError('bad-response', `${config.name}: ${(error as Error).message} (${url}).`, url);
    }
  }

  async function rows(request: RedRequest, signal?: AbortSignal): Promise<readonly RedRow[]> {
    if (request.scope === 'root') {
      // not a missing feature of this server, only of this question: the next scope asked may be answered
      throw new MetricsUnavailable(JAEGER_SPM_FEATURE, `${config.name}'s SPM counts spans by kind and cannot tell which spans are roots`, `${base}/api/metrics/calls`, undefined, false);
    }
    const services = request.service !== undefined ? [request.service] : await config.services(signal);
    if (services.length === 0) return [];
    const params = (extra: Record<string, string>) => jaegerMetricsParams({ ...request, scope: request.scope as 'server' | 'all' }, services, extra);
    const [calls, errors, p50, p90, p99] = await Promise.all([
      family('calls', params({}), signal),
      family('errors', params({}), signal),
      family('latencies', params({ quantile: '0.5' }), signal),
      family('latencies', params({ quantile: '0.9' }), signal),
      family('latencies', params({ quantile: '0.99' }), signal),
    ]);
    return redRowsFromJaeger(request.range, request.groupBy, { calls, errors, p50, p90, p99 });
  }

  return {
    async redOverview(request: RedRequest, signal?: AbortSignal) {
      return { range: request.range, scope: request.scope, rows: await rows(request, signal), origin: { kind: 'jaeger-spm' } };
    },

    async systemGraph({ range, service }: SystemGraphRequest, signal?: AbortSignal) {
      const params = new URLSearchParams({ endTs: String(Math.round(range.endMs)), lookback: String(Math.round(range.endMs - range.startMs)) });
      // Jaeger keeps only the links of that service (reference §5.1)
      if (service !== undefined) params.set('service', service);
      const url = `${base}/api/dependencies?${params.toString()}`;
      const [body, nodeRows] = await Promise.all([
        fetchJson(url, options(signal)),
        // the graph stands without SPM: its nodes then have no figures
        rows({ range, scope: 'server', groupBy: 'service' }, signal).catch((error: unknown) => {
          if (error instanceof MetricsUnavailable) return [];
          throw error;
        }),
      ]);
      let dependencies;
      try {
        dependencies = decodeJaegerDependencies(body);
      } catch (error) {
        throw new BackendError('bad-response', `${config.name}: ${(error as Error).message} (${url}).`, url);
      }
      return systemGraphFromDependencies(range, dependencies, nodeRows);
    },
  };
}

/**
 * SPM's parameters (reference §4.1): times in ms; `ratePer` is PromQL's rate() window,
 * set to two steps (at least a minute) so each point counts its own interval rather
 * than the default 10 minutes, which would smear a step change across 40 points.
 */
export function jaegerMetricsParams(
  request: { readonly range: RedRequest['range']; readonly scope: 'server' | 'all'; readonly groupBy: RedRequest['groupBy'] },
  services: readonly string[],
  extra: Readonly<Record<string, string>>,
): URLSearchParams {
  const { range } = request;
  const params = new URLSearchParams();
  for (const service of services) params.append('service', service);
  if (request.groupBy === 'operation') params.set('groupByOperation', 'true');
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  params.set('endTs', String(Math.round(range.endMs)));
  params.set('lookback', String(Math.round(range.endMs - range.startMs)));
  params.set('step', String(Math.round(range.stepMs)));
  params.set('ratePer', String(Math.max(2 * range.stepMs, 60_000)));
  for (const kind of SPAN_KINDS[request.scope]) params.append('spanKind', kind);
  return params;
}

/** 501 "no metrics backend configured", or no such route (a Jaeger before SPM): fall back. */
export function jaegerMetricsError(error: unknown, sourceName: string, url: string): unknown {
  if (!(error instanceof BackendError)) return error;
  const path = new URL(url, 'http://x').pathname.replace(/^.*(\/api\/)/, '$1');
  if (error.status === 501 || error.kind === 'not-found' || (error.kind === 'bad-response' && error.status === undefined)) {
    return new MetricsUnavailable(JAEGER_SPM_FEATURE, `${sourceName} does not answer ${JAEGER_SPM_FEATURE} (${path}: ${error.status ?? 'not a JSON answer'})`, url, error.status);
  }
  return error;
}
