/// <reference lib="webworker" />
import { answerRedRequest, type RedWorkerRequest } from './red-protocol';

/**
 * The Web Worker that computes RED figures and the service graph from sampled traces.
 * The page makes it with
 * `new Worker(new URL('../workers/red-worker.ts', import.meta.url), { type: 'module' })`;
 * everything it does is answerRedRequest (red-protocol.ts).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (message: MessageEvent<RedWorkerRequest>) => {
  scope.postMessage(answerRedRequest(message.data));
};
