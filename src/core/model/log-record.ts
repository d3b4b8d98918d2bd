import type { Attribute, AttributeValue } from './attributes';
import type { Resource, InstrumentationScope } from './span';
import type { SpanId, TraceId } from './ids';

export interface LogRecord {
  /** absolute time; observedTimeUnixNano when the producer left timeUnixNano at 0 */
  readonly timeUnixNano: bigint;
  readonly observedTimeUnixNano: bigint;
  /** 0 = unspecified; 1-4 TRACE, 5-8 DEBUG, 9-12 INFO, 13-16 WARN, 17-20 ERROR, 21-24 FATAL */
  readonly severityNumber: number;
  readonly severityText: string;
  readonly body: AttributeValue;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  readonly flags: number;
  /** normalised; absent when the record has no (valid) trace correlation */
  readonly traceId?: TraceId;
  readonly spanId?: SpanId;
  readonly eventName?: string;
  /** resource attribute service.name, or 'unknown_service' */
  readonly service: string;
  readonly resource: Resource;
  readonly scope: InstrumentationScope;
}
