import { DecodeError, traceFromColumns, type FlameChartLayout, type FlameGraphLayout, type Trace } from '../core';
import { BackendError } from '../backends/backend-error';
import type { TextAnswer } from '../backends/http-client';
import type { ProtoDecodeRequest, ProtoFetchRequest, ProtoTraceDecoder } from '../backends/trace-backend';
import type { ProtoDecodeReply, ProtoWorkerMessage } from '../workers/proto-decode-protocol';
import { expectWorkerFlameLayout } from './worker-flame-layouts';

/**
 * The page side of the protobuf trace worker (src/workers/proto-decode-worker.ts):
 * compact columns come back and traceFromColumns makes the Trace the views read,
 * with each span's attributes, events and links decoded only when something reads them.
 *
 * `fetchInWorker`: the worker also fetches the answer, so receiving hundreds of MB
 * never occupies the page's thread (in Chromium the page's thread takes in a fetch's
 * body; at 100,000 spans that held the trace page's own first render back by most of
 * a second). The bundled demo answers from inside the page (msw), so its traces are
 * fetched by the page and only decoded in the worker.
 *
 * One worker is kept warm: `warm()` starts it while the page loads, and a finished job
 * hands it back for the next trace. A cancelled job terminates its worker (a
 * million-span scan cannot be interrupted any other way).
 */
export function workerProtoDecoder(options: { fetchInWorker: boolean }): ProtoTraceDecoder {
  let idle: Worker | undefined;
  /**
   * A worker whose job is done but for the aggregated layouts, which the page has not
   * asked for (it asks once the flame view is open): the next job takes it, and that
   * trace's flame view then lays the aggregated mode out itself.
   */
  let parked: { readonly worker: Worker; readonly release: () => void } | undefined;
  const newWorker = () => new Worker(new URL('../workers/proto-decode-worker.ts', import.meta.url), { type: 'module', name: 'tracery-proto-decode' });
  const take = (): Worker => {
    let worker = idle;
    if (worker === undefined && parked !== undefined) {
      worker = parked.worker;
      parked.release();
    }
    idle = undefined;
    return worker ?? newWorker();
  };

  /**
   * One job on a worker: its replies until the trace, text or an error; the abort signal
   * ends it. After the trace come its flame layouts: the time mode's at once, the
   * aggregated mode's when the page asks for them (worker-flame-layouts.ts); the worker
   * goes back to idle after those, or is parked until then (the next job may take it).
   * Layouts that never come, because the job is cancelled, the worker fails or the next
   * job took it, leave the flame view to lay the trace out itself.
   */
  const run = (message: ProtoWorkerMessage, transfer: ArrayBuffer[], request: ProtoDecodeRequest): Promise<TextAnswer | { readonly trace: Trace }> => {
    const worker = take();
    return new Promise((resolve, reject) => {
      const { signal, onProgress } = request;
      let decoding = false;
      /** set once the trace is out: hand over the worker's layouts, or undefined when none will come */
      let chartArrived: ((layout: FlameChartLayout | undefined) => void) | undefined;
      let graphsArrived: ((layouts: { byName?: FlameGraphLayout; byWidth?: FlameGraphLayout }) => void) | undefined;
      const noLayouts = () => {
        chartArrived?.(undefined);
        graphsArrived?.({});
      };
      /** this job's worker was handed to the next job before the aggregated layouts were asked for */
      let released = false;
      let askedForGraphs = false;
      const detach = () => {
        signal?.removeEventListener('abort', abort);
        worker.onmessage = null;
        worker.onerror = null;
        if (parked?.worker === worker) parked = undefined;
      };
      const settle = (keepWorker: boolean) => {
        detach();
        if (keepWorker && idle === undefined) idle = worker;
        else worker.terminate();
      };
      const abort = () => {
        settle(false);
        noLayouts();
        reject(signal?.reason instanceof Error ? signal.reason : new DOMException('The trace load was cancelled.', 'AbortError'));
      };
      if (signal?.aborted) {
        abort();
        return;
      }
      signal?.addEventListener('abort', abort, { once: true });
      worker.onmessage = (event: MessageEvent<ProtoDecodeReply>) => {
        const reply = event.data;
        if (reply.type === 'progress') {
          // the first 'decoding' says the last byte is in (spans may be decoded already, on the way)
          if (reply.progress.phase === 'decoding' && !decoding) {
            decoding = true;
            performance.mark('tracery:bytes-received');
          }
          onProgress?.(reply.progress);
          return;
        }
        if (reply.type === 'flame-chart') {
          performance.mark('tracery:flame-chart-received');
          chartArrived?.(reply.layout);
          if (!askedForGraphs) {
            parked = {
              worker,
              release: () => {
                released = true;
                detach();
                graphsArrived?.({});
              },
            };
          }
          return;
        }
        if (reply.type === 'flame-graphs') {
          settle(true);
          graphsArrived?.({ ...(reply.byName ? { byName: reply.byName } : {}), ...(reply.byWidth ? { byWidth: reply.byWidth } : {}) });
          return;
        }
        if (reply.type !== 'done') settle(true);
        switch (reply.type) {
          case 'text':
            resolve(reply.answer);
            return;
          case 'backend-error':
            reject(new BackendError(reply.kind, reply.message, reply.url, reply.status, reply.retryAfterSeconds));
            return;
          case 'error':
            reject(reply.decodeError ? new DecodeError(reply.message) : new Error(`the trace decoder failed: ${reply.message}`));
            return;
          case 'done':
            try {
              // marks for the benchmark's breakdown of a load (performance.getEntriesByType('mark'))
              performance.mark('tracery:columns-received');
              onProgress?.({ phase: 'building', bytes: reply.columns.bytes.byteLength, spans: reply.columns.spanCount });
              const trace = traceFromColumns(reply.columns);
              performance.mark('tracery:trace-built');
              expectWorkerFlameLayout(trace, 'chart', new Promise((arrived) => (chartArrived = arrived)));
              const graphs = new Promise<{ byName?: FlameGraphLayout; byWidth?: FlameGraphLayout }>((arrived) => (graphsArrived = arrived));
              const askForGraphs = () => {
                if (askedForGraphs || released) return;
                askedForGraphs = true;
                if (parked?.worker === worker) parked = undefined;
                worker.postMessage({ type: 'flame-graphs' } satisfies ProtoWorkerMessage);
              };
              expectWorkerFlameLayout(trace, 'graph:name', graphs.then((layouts) => layouts.byName), askForGraphs);
              expectWorkerFlameLayout(trace, 'graph:width', graphs.then((layouts) => layouts.byWidth), askForGraphs);
              resolve({ trace });
            } catch (error) {
              settle(false);
              reject(error instanceof Error ? error : new Error(String(error)));
            }
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        settle(false);
        noLayouts();
        reject(new Error(`the trace decoder stopped: ${event.message || 'the worker failed (out of memory?)'}`));
      };
      worker.postMessage(message, transfer);
    });
  };

  const decoder: ProtoTraceDecoder = {
    warm() {
      // a parked worker will do for the next job as it is
      if (idle === undefined && parked === undefined) idle = newWorker();
    },
    async decode(bytes: Uint8Array, request: ProtoDecodeRequest): Promise<Trace> {
      performance.mark('tracery:bytes-received');
      // the bytes move to the worker (and come back inside the columns): no copy of a 250 MB answer
      const answer = await run({ type: 'decode', bytes, traceId: request.traceId, shape: request.shape }, [bytes.buffer as ArrayBuffer], request);
      if (!('trace' in answer)) throw new Error('the trace decoder answered text to bytes');
      return answer.trace;
    },
  };
  if (!options.fetchInWorker) return decoder;
  return {
    ...decoder,
    fetchAndDecode(url: string, request: ProtoFetchRequest): Promise<TextAnswer | { readonly trace: Trace }> {
      const message: ProtoWorkerMessage = {
        type: 'fetch',
        url: new URL(url, window.location.href).href,
        accept: request.accept,
        sourceName: request.sourceName,
        traceId: request.traceId,
        shape: request.shape,
        ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
        ...(request.headers ? { headers: request.headers } : {}),
      };
      return run(message, [], request);
    },
  };
}
