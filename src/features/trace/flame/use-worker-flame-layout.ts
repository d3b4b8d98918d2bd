import { useEffect, useState } from 'react';
import type { Trace } from '../../../core';
import { requestWorkerFlameLayout, workerFlameLayoutArrival, type WorkerFlameLayoutKey } from '../../../state/worker-flame-layouts';

/**
 * Whether the flame view should wait for the worker's layout of `trace` (it is on its
 * way: laying the trace out here as well would spend the page's thread on work another
 * thread is finishing); asks the worker for it if it waits to be asked. Re-renders when
 * it arrives, or when it is known not to come.
 */
export function useWaitForWorkerFlameLayout(trace: Trace, key: WorkerFlameLayoutKey): boolean {
  const arrival = workerFlameLayoutArrival(trace, key);
  const [, setSettled] = useState<Promise<void> | undefined>(undefined);
  useEffect(() => {
    if (!arrival) return;
    requestWorkerFlameLayout(trace, key);
    let live = true;
    void arrival.then(() => {
      if (live) setSettled(arrival);
    });
    return () => {
      live = false;
    };
  }, [arrival, trace, key]);
  return arrival !== undefined;
}
