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
  readonly spanById: ReadonlyMap<SpanId, Span>;
  /** spans without a parent in the trace, by start time */
  readonly roots: Span[];
  /** distinct service names, sorted */
  readonly services: string[];
  /** problems met while decoding and building, each naming its place */
  readonly warnings: string[];
  /** set when the backend said it sent only part of the trace (Tempo's status PARTIAL): its reason */
  readonly incomplete?: string;
}
