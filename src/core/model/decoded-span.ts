import type { Attribute } from './attributes';
import type { SpanData } from './span';

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
export interface DecodedSpan extends SpanData {
  readonly startUnixNano: bigint;
  /** never before startUnixNano: decoders repair that (with a warning) */
  readonly endUnixNano: bigint;
  readonly events: readonly DecodedSpanEvent[];
}
