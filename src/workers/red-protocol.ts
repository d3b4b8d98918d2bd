import { reattachChildren, redFromTraces, systemGraphFromTraces, type MetricsRange, type RedRow, type SpanScope, type SystemGraph, type Trace } from '../core';

/**
 * RED figures from sampled traces, as messages between the page and a Web Worker, so
 * 2,000 traces' percentiles never hold the page's thread. This module is the whole
 * behaviour (pure, runs in Node tests); red-worker.ts only connects it to `self`.
 * Traces cross with their children lists emptied (core's detachChildren): a deep tree
 * overflows structured clone.
 */
export type RedWorkerRequest =
  | {
      readonly type: 'red';
      readonly jobId: number;
      readonly traces: readonly Trace[];
      readonly options: { readonly range: MetricsRange; readonly scope: SpanScope; readonly groupBy: 'service' | 'operation'; readonly service?: string };
    }
  | { readonly type: 'graph'; readonly jobId: number; readonly traces: readonly Trace[]; readonly range: MetricsRange };

export type RedWorkerReply =
  | { readonly type: 'red'; readonly jobId: number; readonly rows: readonly RedRow[] }
  | { readonly type: 'graph'; readonly jobId: number; readonly graph: SystemGraph }
  | { readonly type: 'error'; readonly jobId: number; readonly message: string };

export function answerRedRequest(request: RedWorkerRequest): RedWorkerReply {
  try {
    request.traces.forEach(reattachChildren);
    if (request.type === 'red') return { type: 'red', jobId: request.jobId, rows: redFromTraces(request.traces, request.options) };
    return { type: 'graph', jobId: request.jobId, graph: systemGraphFromTraces(request.traces, request.range) };
  } catch (error) {
    // a bug, not bad data (the core functions skip what they cannot read): the page shows it instead of waiting
    return { type: 'error', jobId: request.jobId, message: `computing the figures failed: ${(error as Error).message}` };
  }
}
