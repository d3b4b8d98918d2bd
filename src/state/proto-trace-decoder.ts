import { DecodeError, traceFromColumns, type Trace } from '../core';
import type { ProtoDecodeRequest, ProtoTraceDecoder } from '../backends/trace-backend';
import type { ProtoDecodeMessage, ProtoDecodeReply } from '../workers/proto-decode-protocol';

/**
 * The page side of the protobuf decoder: bytes go to a Web Worker
 * (src/workers/proto-decode-worker.ts), compact columns come back, and
 * traceFromColumns makes the Trace the views read, with each span's attributes,
 * events and links decoded only when something reads them.
 *
 * One worker is kept warm: `warm()` starts it while the bytes are still on the wire,
 * and a finished decode hands it back for the next trace. A cancelled decode
 * terminates its worker (a million-span scan cannot be interrupted any other way).
 */
export function workerProtoDecoder(): ProtoTraceDecoder {
  let idle: Worker | undefined;
  const take = (): Worker => {
    const worker = idle ?? new Worker(new URL('../workers/proto-decode-worker.ts', import.meta.url), { type: 'module', name: 'tracery-proto-decode' });
    idle = undefined;
    return worker;
  };
  return {
    warm() {
      idle ??= take();
    },
    decode(bytes: Uint8Array, request: ProtoDecodeRequest): Promise<Trace> {
      const worker = take();
      return new Promise<Trace>((resolve, reject) => {
        const { signal, onProgress } = request;
        const settle = (keepWorker: boolean) => {
          signal?.removeEventListener('abort', abort);
          worker.onmessage = null;
          worker.onerror = null;
          if (keepWorker && idle === undefined) idle = worker;
          else worker.terminate();
        };
        const abort = () => {
          settle(false);
          reject(signal?.reason instanceof Error ? signal.reason : new DOMException('The trace load was cancelled.', 'AbortError'));
        };
        if (signal?.aborted) {
          abort();
          return;
        }
        signal?.addEventListener('abort', abort, { once: true });
        worker.onmessage = (message: MessageEvent<ProtoDecodeReply>) => {
          const reply = message.data;
          if (reply.type === 'progress') {
            onProgress?.({ phase: 'decoding', bytes: bytes.byteLength, spans: reply.spans });
            return;
          }
          settle(true);
          if (reply.type === 'error') {
            reject(reply.decodeError ? new DecodeError(reply.message) : new Error(`the trace decoder failed: ${reply.message}`));
            return;
          }
          try {
            onProgress?.({ phase: 'building', bytes: bytes.byteLength, spans: reply.columns.spanCount });
            performance.mark('tracery:columns-received');
            const trace = traceFromColumns(reply.columns);
            performance.mark('tracery:trace-built');
            resolve(trace);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        };
        worker.onerror = (event) => {
          event.preventDefault();
          settle(false);
          reject(new Error(`the trace decoder stopped: ${event.message || 'the worker failed (out of memory?)'}`));
        };
        // marks for the benchmark's breakdown of a load (performance.getEntriesByType('mark'))
        performance.mark('tracery:bytes-received');
        const message: ProtoDecodeMessage = { type: 'decode', bytes, traceId: request.traceId, shape: request.shape };
        // the bytes move to the worker (and come back inside the columns): no copy of a 250 MB answer
        worker.postMessage(message, [bytes.buffer as ArrayBuffer]);
      });
    },
  };
}
