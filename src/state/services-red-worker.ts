import type { Span, Trace } from '../core';
import type { RedCompute } from '../backends/metrics/sampled-metrics';
import { inThreadRedCompute } from '../backends/metrics/in-thread-red';
import type { RedWorkerReply, RedWorkerRequest } from '../workers/red-protocol';

/**
 * The page side of src/workers/red-worker.ts: one worker, started on the first sample
 * and kept for the tab (a sample is computed twice per window: overview and graph).
 * A cancelled job's answer is dropped; its computation (≤ 300 ms) is not worth
 * killing the worker for. Without Web Workers (tests, Node) core runs in the thread.
 */
export function redCompute(): RedCompute {
  if (typeof Worker !== 'function') return inThreadRedCompute;
  compute ??= workerRedCompute();
  return compute;
}

let compute: RedCompute | undefined;

function workerRedCompute(): RedCompute {
  let worker: Worker | undefined;
  let nextJobId = 1;
  const waiting = new Map<number, { resolve: (reply: RedWorkerReply) => void; reject: (error: Error) => void }>();

  const start = (): Worker => {
    if (worker) return worker;
    const started = new Worker(new URL('../workers/red-worker.ts', import.meta.url), { type: 'module', name: 'tracery-red' });
    started.onmessage = (event: MessageEvent<RedWorkerReply>) => {
      const job = waiting.get(event.data.jobId);
      waiting.delete(event.data.jobId);
      job?.resolve(event.data);
    };
    started.onerror = (event) => {
      // the worker is gone (its script failed to load): every job waiting on it fails, the next starts a new one
      event.preventDefault();
      for (const job of waiting.values()) job.reject(new Error(`the computing worker failed: ${event.message || 'it could not start'}`));
      waiting.clear();
      started.terminate();
      worker = undefined;
    };
    worker = started;
    return started;
  };

  const run = (request: RedWorkerRequest, signal: AbortSignal | undefined): Promise<RedWorkerReply> => {
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        waiting.delete(request.jobId);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.set(request.jobId, {
        resolve: (reply) => {
          signal?.removeEventListener('abort', onAbort);
          if (reply.type === 'error') reject(new Error(reply.message));
          else resolve(reply);
        },
        reject,
      });
      start().postMessage(request);
    });
  };

  const flat = (traces: readonly Trace[]) => traces.map(plainTrace);

  return {
    async red(traces, options, signal) {
      const reply = await run({ type: 'red', jobId: nextJobId++, traces: flat(traces), options }, signal);
      return reply.type === 'red' ? reply.rows : [];
    },
    async graph(traces, range, signal) {
      const reply = await run({ type: 'graph', jobId: nextJobId++, traces: flat(traces), range }, signal);
      if (reply.type !== 'graph') throw new Error('the computing worker answered another question');
      return reply.graph;
    },
  };
}

/**
 * A trace as plain data for postMessage: structured clone keeps only own fields, and a
 * span decoded from protobuf reads its ids and attributes through getters over shared
 * columns. The tree goes over flat (children lists empty; the worker rebuilds them: a
 * deep tree overflows structured clone), and events stay behind (RED reads none).
 * The id index becomes a Map for the same reason.
 */
export function plainTrace(trace: Trace): Trace {
  const spans = trace.spans.map(
    (span): Span => ({
      traceId: span.traceId,
      spanId: span.spanId,
      ...(span.parentSpanId !== undefined ? { parentSpanId: span.parentSpanId } : {}),
      name: span.name,
      service: span.service,
      kind: span.kind,
      attributes: span.attributes,
      droppedAttributesCount: span.droppedAttributesCount,
      resource: span.resource,
      scope: span.scope,
      droppedEventsCount: span.droppedEventsCount,
      links: span.links,
      droppedLinksCount: span.droppedLinksCount,
      status: span.status,
      traceState: span.traceState,
      flags: span.flags,
      startNs: span.startNs,
      endNs: span.endNs,
      events: [],
      depth: span.depth,
      children: [],
      orphan: span.orphan,
    }),
  );
  // a decoded trace's index may be its own structure over the id columns: a Map survives the clone
  const indexById = new Map(spans.map((span, i) => [span.spanId, i]));
  const roots = trace.roots.map((root) => spans[indexById.get(root.spanId) ?? -1]).filter((span): span is Span => span !== undefined);
  return {
    traceId: trace.traceId,
    startUnixNano: trace.startUnixNano,
    durationNs: trace.durationNs,
    spans,
    indexById,
    roots,
    services: trace.services,
    warnings: [],
  };
}
