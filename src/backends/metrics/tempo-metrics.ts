import { decodeTempoQueryRange, redRowsFromTempo, tempoRedQueries, type MetricSeries, type MetricsRange } from '../../core';
import { BackendError } from '../backend-error';
import { fetchJson } from '../http-client';
import { MetricsQueryError, MetricsUnavailable, type MetricsBackend, type RedRequest } from './metrics-backend';

export interface TempoMetricsConfig {
  /** base URL of Tempo's HTTP API, as the trace adapter takes it */
  readonly url: string;
  readonly name: string;
  readonly timeoutMs?: number;
  /** where the service graph comes from: TraceQL metrics cannot name a span's caller (see below) */
  readonly graph: Pick<MetricsBackend, 'systemGraph'>;
}

export const TEMPO_METRICS_FEATURE = 'TraceQL metrics';
const QUERY_RANGE_PATH = '/api/metrics/query_range';

/**
 * RED figures from Tempo's TraceQL metrics (reference §2): rate, errors, duration
 * quantiles and the duration histogram as four queries sent in parallel, decoded and combined by core.
 *
 * The service graph is not asked of TraceQL metrics: a series' labels come from the
 * span it counts (and its resource), never from its parent, so no query names both
 * ends of a call, and structural operators (`>>`) select spans without labelling them
 * with the other side. The graph therefore comes from `config.graph` (traces sampled
 * through search), and the page says so.
 */
export function createTempoMetrics(config: TempoMetricsConfig): MetricsBackend {
  const base = config.url.replace(/\/+$/, '');

  async function queryRange(q: string, range: MetricsRange, signal?: AbortSignal): Promise<readonly MetricSeries[]> {
    const url = `${base}${QUERY_RANGE_PATH}?${tempoQueryRangeParams(q, range).toString()}`;
    let body: unknown;
    try {
      body = await fetchJson(url, { signal, sourceName: config.name, timeoutMs: config.timeoutMs });
    } catch (error) {
      throw tempoMetricsError(error, config.name, q, url);
    }
    try {
      return decodeTempoQueryRange(body).series;
    } catch (error) {
      throw new BackendError('bad-response', `${config.name}: ${(error as Error).message} (${url}).`, url);
    }
  }

  return {
    async redOverview(request: RedRequest, signal?: AbortSignal) {
      const queries = tempoRedQueries({ scope: request.scope, groupBy: request.groupBy, ...(request.service !== undefined ? { service: request.service } : {}) });
      // the histogram makes the range-wide percentiles Tempo's estimate over every span, not a mean of the steps'
      const [rate, errors, quantiles, histogram] = await Promise.all([
        queryRange(queries.rate, request.range, signal),
        queryRange(queries.errors, request.range, signal),
        queryRange(queries.quantiles, request.range, signal),
        queryRange(queries.histogram, request.range, signal),
      ]);
      const rows = redRowsFromTempo(request.range, request.groupBy, { rate, errors, quantiles, histogram });
      return { range: request.range, scope: request.scope, rows, origin: { kind: 'tempo-metrics' } };
    },

    systemGraph: (request, signal) => config.graph.systemGraph(request, signal),
  };
}

/**
 * `q`, `start`, `end` and `step` as Tempo reads them: start and end in seconds (a
 * 13-digit millisecond value would be read as nanoseconds), step in seconds. Tempo
 * aligns the window itself and adds one leading step; the range is already aligned
 * with that step included, so `start` is sent one step later and the samples land
 * on the range's own intervals.
 */
export function tempoQueryRangeParams(q: string, range: MetricsRange): URLSearchParams {
  return new URLSearchParams({
    q,
    start: secondsText(range.startMs + range.stepMs),
    end: secondsText(range.endMs),
    step: `${range.stepMs / 1000}`,
  });
}

function secondsText(ms: number): string {
  return ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(3);
}

/**
 * Tempo's answers that mean "no TraceQL metrics here", not "your query is wrong":
 * the route is missing (Tempo before 2.4, or a proxy that does not pass it), or the
 * query-frontend has nothing to evaluate it with (no metrics-generator or local-blocks
 * processor configured).
 */
const NOT_ENABLED = /not (?:enabled|configured|supported|implemented)|disabled|empty ring|local.?blocks|metrics.?generator|unknown (?:path|endpoint)|404 page not found/i;

/** A failed query_range call → unavailable (fall back), rejected (show Tempo's words and the query), or as it was. */
export function tempoMetricsError(error: unknown, sourceName: string, q: string, url: string): unknown {
  if (!(error instanceof BackendError)) return error;
  const where = `${QUERY_RANGE_PATH}: ${error.status ?? error.kind}`;
  const missing = (detail: string) => new MetricsUnavailable(TEMPO_METRICS_FEATURE, `${sourceName} does not answer ${TEMPO_METRICS_FEATURE} (${where}${detail})`, url, error.status);
  if (error.kind === 'not-found' || error.status === 501) return missing('');
  // a proxy's HTML page or a Tempo that answers the unknown route with its UI
  if (error.kind === 'bad-response' && error.status === undefined) return missing(', not a JSON answer');
  if (error.kind === 'http' && (error.status === 400 || error.status === 500) && NOT_ENABLED.test(error.message)) return missing(`, ${firstSentence(error.message)}`);
  if (error.kind === 'http' && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 403 && error.status !== 429) {
    return new MetricsQueryError(`${error.message}`, q, url, error.status);
  }
  return error;
}

/** The server's words out of "<source> answered 400 Bad Request: <words>. <advice>". */
function firstSentence(message: string): string {
  const afterStatus = /answered \d{3}[^:]*: (.*?)\. /.exec(message);
  return afterStatus?.[1] ?? message;
}
