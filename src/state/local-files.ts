import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { Trace } from '../core';
import { toStoredTrace } from '../backends/file/stored-trace';
import { LocalStoreError, type StoredTraceSummary } from '../backends/file/trace-store';
import { LOCAL_FILES_SOURCE } from './config';
import { localTraceStore } from './local-trace-store';
import { queries } from './queries';

export type { StoredTraceSummary } from '../backends/file/trace-store';
export { LocalStoreError } from '../backends/file/trace-store';

/** react-query keys of Local files start with its source id, like every other source's (STYLE.md rule 8). */
export const localFilesQueries = {
  /** every kept trace's summary row, newest import first */
  list: () =>
    queryOptions({
      queryKey: [LOCAL_FILES_SOURCE.id, 'kept'] as const,
      queryFn: (): Promise<StoredTraceSummary[]> => localTraceStore().list(),
      staleTime: Infinity,
    }),
};

/**
 * Keeps the traces of one opened file in IndexedDB (one transaction: all or none) and
 * hands them to react-query, so opening one now needs no second decode. Rejects with
 * a LocalStoreError (kind 'quota' when the disk is full): the caller shows it.
 */
export async function keepOpenedTraces(
  queryClient: QueryClient,
  opened: { readonly fileName: string; readonly traces: readonly Trace[]; readonly otlpJson: readonly string[] },
  importedAtMs = Date.now(),
): Promise<void> {
  const entries = opened.traces.map((trace, i) => toStoredTrace(trace, { fileName: opened.fileName, otlpJson: opened.otlpJson[i] ?? '', importedAtMs }));
  await localTraceStore().put(entries);
  for (const trace of opened.traces) queryClient.setQueryData(queries.trace(LOCAL_FILES_SOURCE, trace.traceId).queryKey, trace);
  await invalidateLocalFiles(queryClient);
}

export async function deleteKeptTrace(queryClient: QueryClient, traceId: string): Promise<void> {
  await localTraceStore().delete(traceId);
  queryClient.removeQueries({ queryKey: queries.trace(LOCAL_FILES_SOURCE, traceId).queryKey });
  await invalidateLocalFiles(queryClient);
}

export async function deleteAllKeptTraces(queryClient: QueryClient): Promise<void> {
  await localTraceStore().clear();
  queryClient.removeQueries({ queryKey: [LOCAL_FILES_SOURCE.id, 'trace'] });
  await invalidateLocalFiles(queryClient);
}

/** The list, the search results and the search form's services all change with what is kept. */
function invalidateLocalFiles(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: [LOCAL_FILES_SOURCE.id], predicate: (q) => q.queryKey[1] !== 'trace' });
}

export function isQuotaError(error: unknown): boolean {
  return error instanceof LocalStoreError && error.kind === 'quota';
}
