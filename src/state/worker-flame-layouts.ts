import type { FlameChartLayout, Trace } from '../core';

/**
 * Flame chart layouts made by the protobuf worker for the traces it decoded: it lays a
 * trace out while the page builds its spans, and the flame view takes the result
 * instead of spending its own thread on it (a frame or four at 100,000 spans). Keyed
 * by the trace object, so a clock-skew-adjusted copy (other times) is never given the
 * raw trace's layout.
 */
const ready = new WeakMap<Trace, FlameChartLayout>();
const pending = new WeakMap<Trace, Promise<void>>();

/** The worker will send `trace`'s layout: it arrives through `layout` (undefined: it will not, lay it out here). */
export function expectWorkerFlameLayout(trace: Trace, layout: Promise<FlameChartLayout | undefined>): void {
  const arrival = layout.then(
    (found) => {
      // a layout of another span count is not this trace's (a bug): the page lays it out instead
      if (found && found.frameCount === trace.spans.length) ready.set(trace, found);
      pending.delete(trace);
    },
    () => void pending.delete(trace),
  );
  pending.set(trace, arrival);
}

/** The worker's layout of `trace` once it has arrived. */
export function workerFlameLayout(trace: Trace): FlameChartLayout | undefined {
  return ready.get(trace);
}

/** Settles when the worker's layout of `trace` has arrived or will not; undefined when none is coming. */
export function workerFlameLayoutArrival(trace: Trace): Promise<void> | undefined {
  return pending.get(trace);
}
