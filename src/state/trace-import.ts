import { reattachChildren } from '../core';
import type { DecodeEvent, DecodeInput, DecodeRequest } from '../workers/decode-protocol';

export { DEFAULT_MAX_FILE_BYTES, formatBytes, type DecodeEvent, type DecodeInput, type DecodeProgress, type FileError, type FileOutcome } from '../workers/decode-protocol';

export interface ImportJob {
  /** stops the work at once: the worker is terminated, no event follows */
  cancel(): void;
}

let lastJobId = 0;

/**
 * Reads and decodes trace files in a Web Worker (src/workers/decode-worker.ts), one
 * worker per job so Cancel can terminate it mid-JSON.parse and its memory goes with it.
 * `onEvent` gets the protocol's events; a worker that dies ends the job with an error
 * for each file not answered yet, then `done`.
 */
export function startImportJob(inputs: readonly DecodeInput[], maxFileBytes: number, onEvent: (event: DecodeEvent) => void): ImportJob {
  const jobId = ++lastJobId;
  const worker = new Worker(new URL('../workers/decode-worker.ts', import.meta.url), { type: 'module', name: 'tracery-decode' });
  let finished = false;
  const answered: string[] = [];
  const finish = () => {
    finished = true;
    worker.terminate();
  };
  worker.onmessage = (message: MessageEvent<DecodeEvent>) => {
    if (finished) return;
    const event = message.data;
    if (event.type === 'result' && 'traces' in event) event.traces.forEach(reattachChildren);
    if (event.type === 'result') answered.push(event.name);
    onEvent(event);
    if (event.type === 'done') finish();
  };
  const fail = (reason: string) => {
    if (finished) return;
    const pending = [...answered];
    for (const input of inputs) {
      const name = input.kind === 'file' ? input.file.name : input.name;
      const at = pending.indexOf(name);
      if (at >= 0) pending.splice(at, 1);
      else onEvent({ type: 'result', jobId, name, error: { message: reason } });
    }
    onEvent({ type: 'done', jobId, cancelled: false });
    finish();
  };
  // e.g. the tab ran out of memory in the worker, or the worker script failed to load
  worker.onerror = (event) => {
    event.preventDefault();
    fail(`the decoder stopped: ${event.message || 'the worker failed (out of memory?)'}`);
  };
  worker.onmessageerror = () => fail('the decoded trace could not be passed back to the page');
  const start: DecodeRequest = { type: 'start', jobId, inputs, maxFileBytes };
  worker.postMessage(start);
  return {
    cancel() {
      if (finished) return;
      finish();
    },
  };
}
