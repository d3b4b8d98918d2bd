import type { Attribute } from './attributes';
import type { SpanId, TraceId } from './ids';
import type { InstrumentationScope, Resource, SpanKind, SpanLink, SpanStatus } from './span';

/** A span event before it belongs to a built trace: absolute time. */
export interface DecodedSpanEvent {
  readonly timeUnixNano: bigint;
  readonly name: string;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
}

/**
 * A span as a decoder hands it over: everything a Span has except the tree, with
 * absolute times as exact bigint unix nanos. Decoding and building are two stages so
 * a store can merge spans of one trace that arrive in several batches, then build.
 */
export interface DecodedSpan {
  readonly traceId: TraceId;
  readonly spanId: SpanId;
  readonly parentSpanId?: SpanId;
  readonly name: string;
  /** resource attribute service.name, or 'unknown_service' */
  readonly service: string;
  readonly kind: SpanKind;
  readonly startUnixNano: bigint;
  /** never before startUnixNano: decoders repair that (with a warning) */
  readonly endUnixNano: bigint;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  /** shared by every span of the same resource block (the encoders group by identity) */
  readonly resource: Resource;
  readonly scope: InstrumentationScope;
  readonly events: readonly DecodedSpanEvent[];
  readonly droppedEventsCount: number;
  readonly links: readonly SpanLink[];
  readonly droppedLinksCount: number;
  readonly status: SpanStatus;
  readonly traceState: string;
  readonly flags: number;
}
