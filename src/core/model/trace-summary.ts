import type { TraceId } from './ids';

/** One row of a search result: what a backend tells about a trace without sending it. */
export interface TraceSummary {
  readonly traceId: TraceId;
  readonly rootServiceName: string;
  readonly rootSpanName: string;
  readonly startUnixNano: bigint;
  readonly durationNs: number;
  /** undefined when the backend does not say */
  readonly spanCount?: number;
  readonly errorSpanCount?: number;
  /** spans whose parent is missing (the trace is incomplete); undefined when the backend does not say */
  readonly orphanSpanCount?: number;
  /** per service: spans and errors (Tempo's serviceStats, Jaeger's services[]) */
  readonly services: readonly { readonly name: string; readonly spanCount: number; readonly errorSpanCount: number }[];
}
