import { useEffect, useState } from 'react';
import type { Trace } from '../../../core';
import { workerFlameLayoutArrival } from '../../../state/worker-flame-layouts';

/**
 * Whether the flame chart should wait for the worker's layout of `trace` (it is on its
 * way: laying the trace out here as well would spend the page's thread on work another
 * thread is finishing). Re-renders when it arrives, or when it is known not to come.
 */
export function useWaitForWorkerFlameLayout(trace: Trace): boolean {
  const arrival = workerFlameLayoutArrival(trace);
  const [, setSettled] = useState<Promise<void> | undefined>(undefined);
  useEffect(() => {
    if (!arrival) return;
    let live = true;
    void arrival.then(() => {
      if (live) setSettled(arrival);
    });
    return () => {
      live = false;
    };
  }, [arrival]);
  return arrival !== undefined;
}
