import { createLocalTraceStore, type LocalTraceStore } from '../backends/file/trace-store';

let store: LocalTraceStore | undefined;

/** The one IndexedDB store of Local files in this tab (opened on first use). */
export function localTraceStore(): LocalTraceStore {
  store ??= createLocalTraceStore();
  return store;
}
