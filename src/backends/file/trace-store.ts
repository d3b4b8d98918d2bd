import type { TraceSummary } from '../../core';

/**
 * What the Local files page lists about a kept trace: read without loading the trace
 * itself, so a list of big traces stays quick.
 */
export interface StoredTraceSummary extends TraceSummary {
  /** the file (or "pasted JSON") the trace came from */
  readonly fileName: string;
  /** UTF-8 size of the kept OTLP/JSON text */
  readonly storedBytes: number;
  /** when it was opened, unix ms */
  readonly importedAtMs: number;
  /** distinct [service, span name] pairs, bounded: what the search form's operation filter needs */
  readonly operations: readonly (readonly [service: string, name: string])[];
}

/** A kept trace: its OTLP/JSON text (core's encodeOtlpJson) and what decoding it first said. */
export interface StoredTraceRecord {
  readonly traceId: string;
  readonly otlpJson: string;
  /** the warnings met when the file was opened (the re-decoded OTLP/JSON no longer shows them) */
  readonly warnings: readonly string[];
  readonly incomplete?: string;
}

export interface LocalTraceStore {
  /** Puts every trace in one transaction: all are kept or none. Replaces traces with the same id. */
  put(entries: readonly { readonly summary: StoredTraceSummary; readonly record: StoredTraceRecord }[]): Promise<void>;
  get(traceId: string): Promise<StoredTraceRecord | undefined>;
  /** newest import first */
  list(): Promise<StoredTraceSummary[]>;
  delete(traceId: string): Promise<void>;
  clear(): Promise<void>;
}

/** Why keeping traces failed, told apart so the UI can say what to do. */
export class LocalStoreError extends Error {
  readonly kind: 'quota' | 'unavailable' | 'failed';
  constructor(kind: LocalStoreError['kind'], message: string) {
    super(message);
    this.name = 'LocalStoreError';
    this.kind = kind;
  }
}

const DB_NAME = 'tracery-local-files';
const DB_VERSION = 1;
/** small rows, read for the list */
const SUMMARIES = 'summaries';
/** the big texts, read one at a time */
const TRACES = 'traces';

/**
 * Traces opened from files, kept in IndexedDB so `/trace/<id>?source=local` survives a
 * reload and a browser restart. `factory` is the browser's indexedDB (a fake in tests).
 */
export function createLocalTraceStore(factory: IDBFactory | undefined = globalThis.indexedDB): LocalTraceStore {
  let opening: Promise<IDBDatabase> | undefined;
  const db = (): Promise<IDBDatabase> => {
    opening ??= openDatabase(factory).catch((error: unknown) => {
      opening = undefined; // a later call may succeed (e.g. after the user freed space)
      throw error;
    });
    return opening;
  };

  return {
    async put(entries) {
      if (entries.length === 0) return;
      await run(await db(), [SUMMARIES, TRACES], 'readwrite', (tx) => {
        for (const { summary, record } of entries) {
          tx.objectStore(SUMMARIES).put(summary);
          tx.objectStore(TRACES).put(record);
        }
      });
    },
    async get(traceId) {
      let found: StoredTraceRecord | undefined;
      await run(await db(), [TRACES], 'readonly', (tx) => {
        const request = tx.objectStore(TRACES).get(traceId);
        request.onsuccess = () => (found = request.result as StoredTraceRecord | undefined);
      });
      return found;
    },
    async list() {
      let rows: StoredTraceSummary[] = [];
      await run(await db(), [SUMMARIES], 'readonly', (tx) => {
        const request = tx.objectStore(SUMMARIES).getAll();
        request.onsuccess = () => (rows = request.result as StoredTraceSummary[]);
      });
      return rows.sort((a, b) => b.importedAtMs - a.importedAtMs || (a.traceId < b.traceId ? -1 : 1));
    },
    async delete(traceId) {
      await run(await db(), [SUMMARIES, TRACES], 'readwrite', (tx) => {
        tx.objectStore(SUMMARIES).delete(traceId);
        tx.objectStore(TRACES).delete(traceId);
      });
    },
    async clear() {
      await run(await db(), [SUMMARIES, TRACES], 'readwrite', (tx) => {
        tx.objectStore(SUMMARIES).clear();
        tx.objectStore(TRACES).clear();
      });
    },
  };
}

function openDatabase(factory: IDBFactory | undefined): Promise<IDBDatabase> {
  if (!factory) return Promise.reject(new LocalStoreError('unavailable', 'This browser offers no IndexedDB (a private window may turn it off): opened traces cannot be kept.'));
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(DB_NAME, DB_VERSION);
    } catch (error) {
      reject(storeError(error, 'open'));
      return;
    }
    request.onupgradeneeded = () => {
      const database = request.result;
      if (!database.objectStoreNames.contains(SUMMARIES)) database.createObjectStore(SUMMARIES, { keyPath: 'traceId' });
      if (!database.objectStoreNames.contains(TRACES)) database.createObjectStore(TRACES, { keyPath: 'traceId' });
    };
    request.onsuccess = () => {
      const database = request.result;
      // another tab upgrading the schema: let it, this tab reopens on its next call
      database.onversionchange = () => database.close();
      resolve(database);
    };
    request.onerror = () => reject(storeError(request.error, 'open'));
    request.onblocked = () => reject(new LocalStoreError('unavailable', 'The Local files store is blocked by another Tracery tab: close it and try again.'));
  });
}

/**
 * One transaction: resolves when it commits, rejects when it aborts. Quota errors
 * arrive as an abort (or as a throw from put), so both paths end here and neither
 * is silent.
 */
function run(database: IDBDatabase, stores: string[], mode: IDBTransactionMode, body: (tx: IDBTransaction) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = database.transaction(stores, mode);
    } catch (error) {
      reject(storeError(error, mode));
      return;
    }
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(storeError(error, mode));
    };
    tx.oncomplete = () => {
      settled = true;
      resolve();
    };
    tx.onabort = () => fail(tx.error);
    tx.onerror = () => fail(tx.error);
    try {
      body(tx);
    } catch (error) {
      fail(error);
      try {
        tx.abort();
      } catch {
        // already finished
      }
    }
  });
}

function storeError(error: unknown, action: IDBTransactionMode | 'open'): LocalStoreError {
  // DOMException is an Error in browsers and in Node, but read it by shape to be safe
  const { name, message } = typeof error === 'object' && error !== null ? (error as { name?: unknown; message?: unknown }) : {};
  const detail = typeof message === 'string' && message !== '' ? message : String(error ?? 'unknown error');
  if (name === 'QuotaExceededError') {
    return new LocalStoreError('quota', `The browser's storage for Tracery is full, so the trace was not kept (${detail}). Delete traces on the Local files page, or free disk space, and open the file again.`);
  }
  const what = action === 'open' ? 'could not be opened' : action === 'readwrite' ? 'could not be written' : 'could not be read';
  return new LocalStoreError(action === 'open' ? 'unavailable' : 'failed', `The Local files store (IndexedDB) ${what}: ${detail}`);
}
