import { columnsTransferList, decodeOtlpProtoColumns, DecodeError, unwrapTempoTraceProto, type TraceColumns } from '../core';

/**
 * The protobuf trace decoder's messages (the worker is proto-decode-worker.ts; the page
 * side is src/state/proto-trace-decoder.ts). The bytes come in transferred, the columns
 * go back transferred: typed arrays and the bytes' buffer move, nothing is copied, and
 * no per-span object is made in the worker that the page would have to clone.
 */
export interface ProtoDecodeMessage {
  readonly type: 'decode';
  readonly bytes: Uint8Array;
  readonly traceId: string;
  readonly shape: 'v1' | 'v2';
}

export type ProtoDecodeReply =
  | { readonly type: 'progress'; readonly spans: number }
  | { readonly type: 'done'; readonly columns: TraceColumns }
  /** `decodeError`: the bytes are not a trace (the page words it as a bad answer), else a bug */
  | { readonly type: 'error'; readonly message: string; readonly decodeError: boolean };

export function runProtoDecode(message: ProtoDecodeMessage, post: (reply: ProtoDecodeReply, transfer: ArrayBuffer[]) => void): void {
  try {
    const { traceData, incomplete } = unwrapTempoTraceProto(message.bytes, message.shape);
    // a PARTIAL answer's reason travels in the columns (traceFromColumns sets trace.incomplete)
    const columns = decodeOtlpProtoColumns(traceData, { traceId: message.traceId, incomplete, onProgress: (spans) => post({ type: 'progress', spans }, []) });
    post({ type: 'done', columns }, columnsTransferList(columns));
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error), decodeError: error instanceof DecodeError }, []);
  }
}
