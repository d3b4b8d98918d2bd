import { demoBatches, type DemoDataOptions } from './generator';
import { TraceStore } from './store';

/** The seed the app's demo uses: fixed, so a trace id seen today is there again after a reload at the same `now`. */
export const DEMO_SEED = 20_240_917;

const HOUR_MS = 3_600_000;
/** The page's demo spans the hour in progress and the two before it. */
export const PAGE_DEMO_WINDOW_MS = 3 * HOUR_MS;

export interface DemoStoreOptions extends Partial<Omit<DemoDataOptions, 'now'>> {
  /** unix ms: the end of the generated window (the page's demo: demoClock; tests: a fixed time) */
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

/**
 * The demo's clock: the end of the hour `pageLoadMs` falls in. Generating relative to
 * the page load gave the same trace id a new start time on every reload, so a
 * permalink reopened a minute later showed another picture; anchored to the hour, a
 * link shows the same trace, same times, until the hour turns.
 */
export function demoClock(pageLoadMs: number): number {
  return Math.floor(pageLoadMs / HOUR_MS) * HOUR_MS + HOUR_MS;
}

/**
 * The in-page demo (mocks/browser.ts): the window up to the end of the current hour,
 * less the traces that end after the page loaded, so there are always at least two
 * hours of past traffic and nothing in the future.
 */
export function createPageDemoStore(pageLoadMs: number, options: Partial<Omit<DemoStoreOptions, 'now' | 'visibleUntil'>> = {}): TraceStore {
  return createDemoStore({ windowMs: PAGE_DEMO_WINDOW_MS, ...options, now: demoClock(pageLoadMs), visibleUntil: pageLoadMs });
}
