/// <reference lib="webworker" />
import { runProtoDecode, runProtoFetch, type LayOutGraphs, type ProtoDecodeReply, type ProtoWorkerMessage } from './proto-decode-protocol';

/**
 * The Web Worker that fetches and decodes protobuf trace answers (Tempo's trace by
 * id), so a million spans arrive and are scanned off the page's thread, and lays the
 * trace out for the flame view. Everything it does is in proto-decode-protocol.ts; one
 * job at a time, and the page reuses it for the next (a cancelled job ends with the
 * worker, terminated).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

/** The last job's aggregated layouts, made when the page asks ('flame-graphs'). */
let graphsOfLastJob: LayOutGraphs | undefined;

scope.onmessage = (event: MessageEvent<ProtoWorkerMessage>) => {
  const message = event.data;
  const post = (reply: ProtoDecodeReply, transfer: ArrayBuffer[]) => scope.postMessage(reply, transfer);
  if (message.type === 'flame-graphs') {
    const layOut = graphsOfLastJob;
    graphsOfLastJob = undefined;
    if (layOut) layOut();
    else post({ type: 'flame-graphs', byName: undefined, byWidth: undefined }, []);
    return;
  }
  graphsOfLastJob = undefined;
  if (message.type === 'decode') graphsOfLastJob = runProtoDecode(message, post);
  else void runProtoFetch(message, post).then((layOut) => (graphsOfLastJob = layOut));
};
