import type { MetricsRange, RedOverview, SpanScope, SystemGraph } from '../../core';

/** What the overview asks: a service's operations when `service` is set and `groupBy` is `operation`. */
export interface RedRequest {
  readonly range: MetricsRange;
  readonly scope: SpanScope;
  readonly groupBy: 'service' | 'operation';
  /** only this service's rows */
  readonly service?: string;
}

export interface SystemGraphRequest {
  readonly range: MetricsRange;
  /** only the calls of this service matter (its page): a source that samples traces samples this service's */
  readonly service?: string;
}

/**
 * RED metrics and the system's service graph of one data source, whatever the source
 * answers them with (TraceQL metrics, Jaeger SPM, or traces sampled through search).
 * Every call takes react-query's signal so an abandoned page aborts its requests.
 */
export interface MetricsBackend {
  redOverview(request: RedRequest, signal?: AbortSignal): Promise<RedOverview>;
  systemGraph(request: SystemGraphRequest, signal?: AbortSignal): Promise<SystemGraph>;
}

/**
 * The source has no such feature (Tempo without TraceQL metrics, Jaeger without SPM):
 * not a failure of the query, so the figures come from elsewhere and the page says why.
 */
export class MetricsUnavailable extends Error {
  /** "TraceQL metrics", "Service Performance Monitoring (SPM)" */
  readonly feature: string;
  readonly url: string;
  readonly status: number | undefined;
  /** the server lacks the feature (kept for the page's lifetime), rather than only this question (Jaeger and root spans) */
  readonly permanent: boolean;

  /** `message`: a sentence without its full stop, which the page continues with what it does instead */
  constructor(feature: string, message: string, url: string, status?: number, permanent = true) {
    super(message);
    this.name = 'MetricsUnavailable';
    this.feature = feature;
    this.url = url;
    this.status = status;
    this.permanent = permanent;
  }
}

/**
 * A metrics query the source refused (Tempo's 400 with its own error text): shown with
 * the query, since the person can read both and the fallback would hide a real bug.
 */
export class MetricsQueryError extends Error {
  readonly query: string;
  readonly url: string;
  readonly status: number | undefined;

  constructor(message: string, query: string, url: string, status?: number) {
    super(message);
    this.name = 'MetricsQueryError';
    this.query = query;
    this.url = url;
    this.status = status;
  }
}

/**
 * The primary backend, and when it says the feature is missing, the fallback with the
 * reason: the answer's origin then carries the sentence the page shows. The finding is
 * kept, so a missing endpoint costs one request per page load, not one per query.
 */
export function withFallback(primary: MetricsBackend, fallback: (reason: string) => MetricsBackend): MetricsBackend {
  let missing: MetricsUnavailable | undefined;
  async function run<T>(ask: (backend: MetricsBackend) => Promise<T>): Promise<T> {
    if (missing) return ask(fallback(missing.message));
    try {
      return await ask(primary);
    } catch (error) {
      if (!(error instanceof MetricsUnavailable)) throw error;
      if (error.permanent) missing = error;
      return ask(fallback(error.message));
    }
  }
  return {
    redOverview: (request, signal) => run((backend) => backend.redOverview(request, signal)),
    systemGraph: (request, signal) => run((backend) => backend.systemGraph(request, signal)),
  };
}

/** Runs `tasks` with at most `limit` in flight, results in order; the first failure rejects. */
export async function inParallel<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
