import { decodeOtlpProtoColumns, traceFromColumns, unwrapTempoTraceProto, type Trace } from '../core';
import type { ProtoDecodeRequest, ProtoTraceDecoder } from './trace-backend';

/**
 * The protobuf decoder on the calling thread: for Node (tests, scripts) and for a
 * browser without workers. The page uses the worker one (src/state/proto-trace-decoder.ts),
 * which runs the same two core steps on either side of postMessage.
 */
export const inThreadProtoDecoder: ProtoTraceDecoder = {
  decode(bytes: Uint8Array, { traceId, shape, onProgress }: ProtoDecodeRequest): Promise<Trace> {
    try {
      const { traceData, incomplete } = unwrapTempoTraceProto(bytes, shape);
      const columns = decodeOtlpProtoColumns(traceData, { traceId, incomplete, onProgress: (spans) => onProgress?.({ phase: 'decoding', bytes: bytes.byteLength, spans }) });
      return Promise.resolve(traceFromColumns(columns));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  },
};
