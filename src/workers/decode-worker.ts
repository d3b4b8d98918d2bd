/// <reference lib="webworker" />
import { detachChildren } from '../core';
import { runDecodeJob, type DecodeEvent, type DecodeInput, type DecodeRequest } from './decode-protocol';

/**
 * The Web Worker that opens trace files, so reading and decoding a 100 MB file never
 * blocks the page. The page makes it with
 * `new Worker(new URL('../workers/decode-worker.ts', import.meta.url), { type: 'module' })`;
 * everything it does is runDecodeJob (decode-protocol.ts). Traces go back by
 * structured clone (their Maps and bigints survive it), their tree flattened.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const running = new Map<number, AbortController>();

scope.onmessage = (message: MessageEvent<DecodeRequest>) => {
  const request = message.data;
  if (request.type === 'cancel') {
    running.get(request.jobId)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(request.jobId, controller);
  const answered = new Set<number>();
  const emit = (event: DecodeEvent) => {
    // the tree goes over flat: a deep one overflows structured clone (core's trace-transfer)
    if (event.type === 'result' && 'traces' in event) event.traces.forEach(detachChildren);
    scope.postMessage(event);
    // counted once it is through: a result that failed to post is answered by the catch below
    if (event.type === 'result') answered.add(request.inputs.findIndex((input, i) => !answered.has(i) && nameOf(input) === event.name));
  };
  runDecodeJob(request.inputs, { jobId: request.jobId, maxFileBytes: request.maxFileBytes, emit, signal: controller.signal })
    .catch((error: unknown) => {
      // a bug, not a bad file (those are results): end the job so the page does not wait forever
      request.inputs.forEach((input, i) => {
        if (!answered.has(i)) emit({ type: 'result', jobId: request.jobId, name: nameOf(input), error: { message: `the decoder failed: ${(error as Error).message}` } });
      });
      emit({ type: 'done', jobId: request.jobId, cancelled: false });
    })
    .finally(() => running.delete(request.jobId));
};

function nameOf(input: DecodeInput): string {
  return input.kind === 'file' ? input.file.name : input.name;
}
