import type { Attribute } from './attributes';
import type { SpanId, TraceId } from './ids';

export type SpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';
export type StatusCode = 'unset' | 'ok' | 'error';

export interface SpanStatus {
  readonly code: StatusCode;
  readonly message: string;
}

/** Shared by every span that came in the same ResourceSpans block. */
export interface Resource {
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  readonly schemaUrl?: string;
}

/** The instrumentation scope (library) that produced a span. */
export interface InstrumentationScope {
  readonly name: string;
  readonly version: string;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  readonly schemaUrl?: string;
}

export interface SpanEvent {
  /** ns relative to the trace's startUnixNano (may be negative for odd producers) */
  readonly timeNs: number;
  readonly name: string;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
}

export interface SpanLink {
  readonly traceId: TraceId;
  readonly spanId: SpanId;
  readonly traceState: string;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  readonly flags: number;
}

/** What every span holds, decoded (absolute times) or built into a trace (relative times, tree). */
export interface SpanData {
  readonly traceId: TraceId;
  readonly spanId: SpanId;
  /** the parent named by the producer, whether or not it is in the trace */
  readonly parentSpanId?: SpanId;
  readonly name: string;
  /** resource attribute service.name, or 'unknown_service' */
  readonly service: string;
  readonly kind: SpanKind;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  /** shared by every span of the same resource block (the encoders group by identity) */
  readonly resource: Resource;
  readonly scope: InstrumentationScope;
  readonly droppedEventsCount: number;
  readonly links: readonly SpanLink[];
  readonly droppedLinksCount: number;
  readonly status: SpanStatus;
  readonly traceState: string;
  /** OTLP span flags (W3C trace flags in bits 0-7) */
  readonly flags: number;
  /**
   * What the producer or the store found wrong with this span, as text (Jaeger's
   * per-span `warnings`; in OTLP, the `@jaeger@warnings` attribute Jaeger writes).
   * Absent or undefined when there are none.
   */
  readonly warnings?: readonly string[] | undefined;
}

export interface Span extends SpanData {
  /** ns relative to Trace.startUnixNano: exact, since the offset stays far below 2^53 */
  readonly startNs: number;
  readonly endNs: number;
  readonly events: readonly SpanEvent[];

  // Filled in by buildTrace: the tree.
  /** 0 for roots */
  depth: number;
  /** sorted by startNs, then by span id for a stable order */
  children: Span[];
  /** names a parent that is not in the trace (or is broken off a cycle) */
  orphan: boolean;
}
