/// <reference lib="webworker" />
import { runProtoDecode, type ProtoDecodeMessage } from './proto-decode-protocol';

/**
 * The Web Worker that decodes protobuf trace answers (Tempo's trace by id), so a
 * million spans are scanned off the page's thread. Everything it does is
 * runProtoDecode; one decode at a time, and the page reuses it for the next.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (message: MessageEvent<ProtoDecodeMessage>) => {
  runProtoDecode(message.data, (reply, transfer) => scope.postMessage(reply, transfer));
};
