import { parseTraces, type SearchQuery, type Trace } from '../../core';
import { BackendError } from '../backend-error';
import type { SearchResult, TraceBackend } from '../trace-backend';
import { fileSearchNote, matchesStoredSummary } from './stored-trace';
import { LocalStoreError, type LocalTraceStore } from './trace-store';

/**
 * The "Local files" data source: traces the user opened, read back from IndexedDB.
 * `decode` turns the kept OTLP/JSON back into traces (parseTraces by default; the
 * app may pass one that runs in a Worker).
 */
export function createFileBackend(store: LocalTraceStore, name: string, decode: (text: string) => Promise<Trace[]> | Trace[] = (text) => parseTraces(text).traces): TraceBackend {
  const where = (traceId: string) => `indexeddb:tracery-local-files/${traceId}`;
  const read = async <T>(what: () => Promise<T>, url: string, signal?: AbortSignal): Promise<T> => {
    signal?.throwIfAborted();
    try {
      return await what();
    } catch (error) {
      if (error instanceof LocalStoreError) throw new BackendError('network', `${name}: ${error.message}`, url);
      throw error;
    }
  };

  return {
    kind: 'files',

    async getTrace(traceId, signal) {
      const id = traceId.toLowerCase();
      const record = await read(() => store.get(id), where(id), signal);
      if (!record) {
        throw new BackendError('not-found', `${name}: trace ${id} is not kept in this browser. It was opened in another browser or profile, or it was deleted; open its file again.`, where(id));
      }
      let traces: Trace[];
      try {
        traces = await decode(record.otlpJson);
      } catch (error) {
        throw new BackendError('bad-response', `${name}: the kept copy of trace ${id} could not be read (${(error as Error).message}); delete it and open its file again.`, where(id));
      }
      signal?.throwIfAborted();
      const trace = traces.find((t) => t.traceId === id);
      if (!trace) throw new BackendError('bad-response', `${name}: the kept copy of trace ${id} holds no span of it; delete it and open its file again.`, where(id));
      // the warnings of the original file, not of our own re-encoded copy
      return { ...trace, warnings: [...record.warnings], ...(record.incomplete !== undefined ? { incomplete: record.incomplete } : {}) };
    },

    async searchTraces(query: SearchQuery, signal?: AbortSignal): Promise<SearchResult> {
      const rows = await read(() => store.list(), 'indexeddb:tracery-local-files', signal);
      const summaries = rows
        .filter((row) => matchesStoredSummary(row, query))
        .sort((a, b) => (a.startUnixNano > b.startUnixNano ? -1 : a.startUnixNano < b.startUnixNano ? 1 : 0))
        .slice(0, query.limit);
      return { summaries, warnings: [], note: fileSearchNote(query, rows.length) };
    },

    async services(signal) {
      const rows = await read(() => store.list(), 'indexeddb:tracery-local-files', signal);
      return [...new Set(rows.flatMap((row) => row.services.map((s) => s.name)))].sort((a, b) => a.localeCompare(b));
    },

    async operations(service, signal) {
      const rows = await read(() => store.list(), 'indexeddb:tracery-local-files', signal);
      const names = rows.flatMap((row) => row.operations.filter(([s]) => s === service).map(([, op]) => op));
      return [...new Set(names)].sort((a, b) => a.localeCompare(b));
    },
  };
}
