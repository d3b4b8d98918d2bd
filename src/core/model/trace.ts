import type { Span } from './span';
import type { SpanId, TraceId } from './ids';

export interface Trace {
  readonly traceId: TraceId;
  /** absolute start of the earliest span, exact */
  readonly startUnixNano: bigint;
  /** from startUnixNano to the latest span end */
  readonly durationNs: number;
  /** every span, in depth-first tree order (roots by start time, children by start time) */
  readonly spans: Span[];
  /** each span's position in `spans`, by id (spanWithId for the span) */
  readonly indexById: ReadonlyMap<SpanId, number>;
  /** spans without a parent in the trace, by start time */
  readonly roots: Span[];
  /** distinct service names, sorted */
  readonly services: string[];
  /** problems met while decoding and building, each naming its place */
  readonly warnings: string[];
  /** set when the backend said it sent only part of the trace (Tempo's status PARTIAL): its reason */
  readonly incomplete?: string;
}

/** The span with this id, if the trace has it. */
export function spanWithId(trace: Trace, spanId: SpanId): Span | undefined {
  const index = trace.indexById.get(spanId);
  return index === undefined ? undefined : trace.spans[index];
}
