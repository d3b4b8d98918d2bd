import { queryOptions } from '@tanstack/react-query';
import type { SearchQuery } from '../core';
import { isWorthRetrying } from '../backends/backend-error';
import { fetchLocalStats } from '../backends/local-stats';
import { reportTraceLoadProgress, traceLoadKey } from './trace-load-progress';
import { backendFor, logBackendFor, type DataSource, type TraceLogs } from './data-sources';

/**
 * react-query's `retry` for every backend query: once, quietly, for a dropped
 * connection or a 500/502/503/504. A timeout, a 429, a 4xx (not found, no
 * credentials) or an unreadable answer is shown at once with its Retry button:
 * asking again would only double the wait for the same message.
 */
export function retryOnceIfWorthIt(failureCount: number, error: Error): boolean {
  return failureCount < 1 && isWorthRetrying(error);
}

/**
 * One queryOptions factory per server resource (STYLE.md rule 8). Keys start
 * with the data source id; every query passes react-query's signal down so an
 * abandoned request is aborted on the wire.
 */
export const queries = {
  services: (source: DataSource) =>
    queryOptions({
      queryKey: [source.id, 'services'] as const,
      queryFn: ({ signal }) => backendFor(source).services(signal),
      staleTime: 60_000,
    }),

  operations: (source: DataSource, service: string) =>
    queryOptions({
      queryKey: [source.id, 'operations', service] as const,
      queryFn: ({ signal }) => backendFor(source).operations(service, signal),
      staleTime: 60_000,
      enabled: service !== '',
    }),

  /** names for tag autocomplete; an empty list where the backend has no such API */
  tagNames: (source: DataSource) =>
    queryOptions({
      queryKey: [source.id, 'tagNames'] as const,
      queryFn: ({ signal }) => backendFor(source).tagNames?.(signal) ?? Promise.resolve([]),
      staleTime: 5 * 60_000,
    }),

  tagValues: (source: DataSource, name: string) =>
    queryOptions({
      queryKey: [source.id, 'tagValues', name] as const,
      queryFn: ({ signal }) => backendFor(source).tagValues?.(name, signal) ?? Promise.resolve([]),
      staleTime: 60_000,
      enabled: name !== '',
    }),

  /** the local server's store statistics, refreshed every 5 s while shown */
  localStats: (source: DataSource & { stats: string }) =>
    queryOptions({
      queryKey: [source.id, 'localStats'] as const,
      queryFn: ({ signal }) => fetchLocalStats(source.stats, source.name, signal),
      refetchInterval: 5_000,
    }),

  search: (source: DataSource, query: SearchQuery) =>
    queryOptions({
      queryKey: [source.id, 'search', query] as const,
      queryFn: ({ signal }) => backendFor(source).searchTraces(query, signal),
      staleTime: 30_000,
    }),

  trace: (source: DataSource, traceId: string) =>
    queryOptions({
      queryKey: [source.id, 'trace', traceId] as const,
      queryFn: async ({ signal }) => {
        const key = traceLoadKey(source.id, traceId);
        try {
          return await backendFor(source).getTrace(traceId, signal, (progress) => reportTraceLoadProgress(key, progress));
        } finally {
          reportTraceLoadProgress(key, undefined);
        }
      },
      // A trace, once complete, does not change; keep it while the tab lives.
      staleTime: Infinity,
      retry: retryOnceIfWorthIt,
    }),

  /**
   * The log records of one trace, from the source's log server. `window` is the
   * trace's absolute span of time (unix ns as decimal text, so the key stays
   * serialisable); disabled when the source has no logs configured.
   */
  traceLogs: (source: DataSource, traceId: string, window: { startNs: bigint; endNs: bigint }) =>
    queryOptions({
      queryKey: [source.id, 'traceLogs', traceId, window.startNs.toString(), window.endNs.toString()] as const,
      queryFn: ({ signal }): Promise<TraceLogs> => {
        const backend = logBackendFor(source);
        if (!backend) return Promise.resolve({ logs: [], warnings: [] });
        return backend.logsForTrace(traceId, window, signal);
      },
      enabled: source.logs !== undefined,
      // a finished trace's logs rarely change; a late flush shows after a minute
      staleTime: 60_000,
      retry: false,
    }),
};

export { isBackendError, BackendError } from '../backends/backend-error';
export type { SearchResult } from '../backends/trace-backend';
export type { TraceLogs } from './data-sources';

export type { LocalStoreStats } from '../backends/local-stats';
