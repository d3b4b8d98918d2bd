import type { FlameChartLayout, FlameGraphLayout, FlameGraphOrder, Trace } from '../core';

/**
 * Flame layouts made by the protobuf worker for the traces it decoded, so the flame
 * view does not spend the page's thread on them (at 100,000 spans: a frame or four for
 * the time mode, ~0.2 s for the aggregated one). The time mode is laid out while the
 * page builds its spans; the aggregated mode only when asked (`requestWorkerFlameLayout`:
 * once the flame view is open and the page idle, or when the aggregated view opens),
 * because laying it out beside the page's build held the first paint back by ~0.15 s
 * on two cores, and a reader who stays in the waterfall never needs it. Keyed by the
 * trace object, so a clock-skew-adjusted copy (other times) is never given the raw
 * trace's layouts.
 */
export type WorkerFlameLayouts = {
  readonly chart: FlameChartLayout;
} & { readonly [K in `graph:${FlameGraphOrder}`]: FlameGraphLayout };

export type WorkerFlameLayoutKey = keyof WorkerFlameLayouts;

const ready = new WeakMap<Trace, Partial<Record<WorkerFlameLayoutKey, WorkerFlameLayouts[WorkerFlameLayoutKey]>>>();
const pending = new WeakMap<Trace, Partial<Record<WorkerFlameLayoutKey, { readonly arrival: Promise<void>; readonly request: (() => void) | undefined }>>>();

/**
 * The worker will send this layout of `trace`: it arrives through `layout` (undefined:
 * it will not, lay it out here). `request`, if given, asks the worker to make it (it
 * waits until then); asking twice is the caller's to ignore.
 */
export function expectWorkerFlameLayout<K extends WorkerFlameLayoutKey>(trace: Trace, key: K, layout: Promise<WorkerFlameLayouts[K] | undefined>, request?: () => void): void {
  const waits = pending.get(trace) ?? {};
  pending.set(trace, waits);
  const arrival = layout.then(
    (found) => {
      // a layout of another span count is not this trace's (a bug): the page lays it out instead
      if (found && spanCountOf(found) === trace.spans.length) {
        const have = ready.get(trace) ?? {};
        have[key] = found;
        ready.set(trace, have);
      }
      delete waits[key];
    },
    () => void delete waits[key],
  );
  waits[key] = { arrival, request };
}

/** Ask the worker for this layout of `trace` if it is waiting to be asked (no-op otherwise). */
export function requestWorkerFlameLayout(trace: Trace, key: WorkerFlameLayoutKey): void {
  pending.get(trace)?.[key]?.request?.();
}

/** The worker's layout of `trace` once it has arrived. */
export function workerFlameLayout<K extends WorkerFlameLayoutKey>(trace: Trace, key: K): WorkerFlameLayouts[K] | undefined {
  return ready.get(trace)?.[key] as WorkerFlameLayouts[K] | undefined;
}

/** Settles when the worker's layout has arrived or will not; undefined when none is coming. */
export function workerFlameLayoutArrival(trace: Trace, key: WorkerFlameLayoutKey): Promise<void> | undefined {
  return pending.get(trace)?.[key]?.arrival;
}

function spanCountOf(layout: FlameChartLayout | FlameGraphLayout): number {
  return layout.kind === 'chart' ? layout.frameCount : layout.nodeOfSpan.length;
}
