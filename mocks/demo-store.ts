import { demoBatches, type DemoDataOptions } from './generator';
import { TraceStore } from './store';

/** The seed the app's demo uses: fixed, so a trace id seen today is there again after a reload at the same `now`. */
export const DEMO_SEED = 20_240_917;

export interface DemoStoreOptions extends Partial<Omit<DemoDataOptions, 'now'>> {
  /** unix ms: the app passes Date.now() at page load, tests a fixed time */
  readonly now: number;
}

/** Generates the simulated shop's data and feeds it through the OTLP ingest path into a new store. */
export function createDemoStore(options: DemoStoreOptions): TraceStore {
  const store = new TraceStore();
  for (const batch of demoBatches({ ...options, seed: options.seed ?? DEMO_SEED })) {
    if (batch.traces) store.ingestTraces(batch.traces);
    if (batch.logs) store.ingestLogs(batch.logs);
  }
  return store;
}
