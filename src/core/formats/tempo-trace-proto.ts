import type { Trace } from '../model/trace';
import { encodeOtlpProto, writeTracesData, type BlockOptions } from './otlp-proto-encode';
import { ProtoWriter } from './protobuf-writer';

/** Field numbers of tempopb.TraceByIDResponse (Tempo's pkg/tempopb/tempo.proto). */
export const TRACE_BY_ID_RESPONSE = { trace: 1, metrics: 2, status: 3, message: 4 } as const;
/** tempopb.PartialStatus */
export const PARTIAL_STATUS = { complete: 0, partial: 1 } as const;

/**
 * A trace as Grafana Tempo answers trace-by-id with `Accept: application/protobuf`:
 * v1 (`/api/traces/{id}`) a `tempopb.Trace`, whose field 1 (resource spans) makes it
 * the same bytes as OTLP TracesData; v2 (`/api/v2/traces/{id}`) a
 * `TraceByIDResponse` holding that Trace as field 1 (status COMPLETE, the default,
 * left out).
 */
export function toTempoTraceProto(trace: Trace, version: 'v1' | 'v2', options: BlockOptions = {}): Uint8Array<ArrayBuffer> {
  if (version === 'v1') return encodeOtlpProto([trace], options);
  const writer = new ProtoWriter(Math.max(1024, trace.spans.length * 256));
  // a whole trace is megabytes: four length bytes reserved, so it is not moved
  writer.beginMessage(TRACE_BY_ID_RESPONSE.trace, 4);
  writeTracesData(writer, [trace], options);
  writer.endMessage();
  return writer.finish();
}
