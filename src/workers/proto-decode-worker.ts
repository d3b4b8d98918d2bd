/// <reference lib="webworker" />
import { runProtoDecode, runProtoFetch, type ProtoWorkerMessage } from './proto-decode-protocol';

/**
 * The Web Worker that fetches and decodes protobuf trace answers (Tempo's trace by
 * id), so a million spans arrive and are scanned off the page's thread. Everything it
 * does is in proto-decode-protocol.ts; one job at a time, and the page reuses it for
 * the next (a cancelled job ends with the worker, terminated).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ProtoWorkerMessage>) => {
  const message = event.data;
  const post = (reply: Parameters<Parameters<typeof runProtoDecode>[1]>[0], transfer: ArrayBuffer[]) => scope.postMessage(reply, transfer);
  if (message.type === 'decode') runProtoDecode(message, post);
  else void runProtoFetch(message, post);
};
