import { redFromTraces, systemGraphFromTraces } from '../../core';
import type { RedCompute } from './sampled-metrics';

/** core's computation on the calling thread: for tests, Node, and browsers without Web Workers. */
export const inThreadRedCompute: RedCompute = {
  red: (traces, options, signal) => {
    signal?.throwIfAborted();
    return Promise.resolve(redFromTraces(traces, options));
  },
  graph: (traces, range, signal) => {
    signal?.throwIfAborted();
    return Promise.resolve(systemGraphFromTraces(traces, range));
  },
};
