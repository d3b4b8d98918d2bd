import { attributeValueText } from '../../src/core';
import type { Attribute, DecodedSpan, SpanKind, Trace } from '../../src/core';
import type { TraceStore } from '../store';
import type { JaegerFindQuery } from './jaeger-query-params';

/**
 * Jaeger's trace search over the demo store, with the semantics of Jaeger v2's
 * memory storage (internal/storage/v2/memory, validTrace/validSpan): a trace
 * matches when ONE of its spans has the service, the operation, every attribute,
 * a start inside the window and a duration inside the bounds — unlike Tempo's tag
 * search, where each condition may hold on a different span.
 */
export function findJaegerTraces(store: TraceStore, query: JaegerFindQuery): Trace[] {
  const { attributes, wantsError } = splitErrorAttribute(query.attributes);
  // The store's trace-level search narrows the candidates. Every condition it is
  // given must be implied by the span-level match, so only service and operation
  // go in: an attribute with a double value, say, the store's index does not hold.
  const prefilter: [string, string][] = [];
  if (query.serviceName !== '') prefilter.push(['service.name', query.serviceName]);
  if (query.operationName !== '') prefilter.push(['name', query.operationName]);
  const candidates = store.searchBySpan(
    {
      tags: prefilter,
      // a span starting in the window puts its trace across the window, in whole seconds
      startUnixSec: Number(floorDiv(query.startTimeMinNs, 1_000_000_000n)),
      endUnixSec: Number(floorDiv(query.startTimeMaxNs, 1_000_000_000n)) + 1,
      // a trace lasts at least as long as any of its spans
      ...(query.durationMinNs > 0 ? { minDurationNs: query.durationMinNs } : {}),
      // newest first, stopping at the search depth: the cost follows the traces inspected
      limit: query.searchDepth > 0 ? query.searchDepth : Number.MAX_SAFE_INTEGER,
      spansPerSpanSet: 1,
    },
    (span) => spanMatches(span, query, attributes, wantsError),
  );

  const found: Trace[] = [];
  for (const match of candidates.traces) {
    const trace = store.getTrace(match.traceId);
    if (trace) found.push(trace);
  }
  return found;
}

/**
 * The memory store takes `error` out of the attributes and reads it as "the span's
 * status is ERROR". Over HTTP the value arrives as the string "true", which its
 * Bool() reads as false, so Jaeger drops the filter; the demo does what the code
 * means to do, as Jaeger UI's `error=true` search expects.
 */
function splitErrorAttribute(pairs: JaegerFindQuery['attributes']): { attributes: (readonly [string, string])[]; wantsError: boolean } {
  const attributes = pairs.filter(([key]) => key !== 'error');
  const error = pairs.find(([key]) => key === 'error');
  return { attributes, wantsError: error?.[1] === 'true' };
}

function spanMatches(span: DecodedSpan, query: JaegerFindQuery, attributes: readonly (readonly [string, string])[], wantsError: boolean): boolean {
  if (query.serviceName !== '' && span.service !== query.serviceName) return false;
  if (query.operationName !== '' && span.name !== query.operationName) return false;
  if (wantsError && span.status.code !== 'error') return false;
  if (span.startUnixNano < query.startTimeMinNs || span.startUnixNano > query.startTimeMaxNs) return false;
  const durationNs = Number(span.endUnixNano - span.startUnixNano);
  if (query.durationMinNs !== 0 && durationNs < query.durationMinNs) return false;
  if (query.durationMaxNs !== 0 && durationNs > query.durationMaxNs) return false;
  return attributes.every(([key, value]) => holds(span.attributes, key, value) || holds(span.resource.attributes, key, value));
}

/** pcommon.Value.AsString() == value: the attribute's text form, as the find box reads it too */
function holds(list: readonly Attribute[], key: string, value: string): boolean {
  return list.some((attribute) => attribute.key === key && attributeValueText(attribute.value) === value);
}


function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

export interface JaegerOperation {
  readonly name: string;
  /** lower-case span kind; '' for UNSPECIFIED, which the gateway reports as "internal" */
  readonly spanKind: string;
}

/**
 * A service's operations with their span kinds (the store lists names only),
 * sorted by name then kind. Derived by scanning the service's spans, so it is
 * cached until the store's span count changes.
 */
export class JaegerOperationIndex {
  private spanCount = -1;
  private readonly byService = new Map<string, JaegerOperation[]>();

  constructor(private readonly store: TraceStore) {}

  operations(service: string, spanKind: string): JaegerOperation[] {
    const spans = this.store.stats().spans;
    if (spans !== this.spanCount) {
      this.byService.clear();
      this.spanCount = spans;
    }
    let all = this.byService.get(service);
    if (!all) {
      all = this.scan(service);
      this.byService.set(service, all);
    }
    return spanKind === '' ? all : all.filter((operation) => operation.spanKind === spanKind);
  }

  private scan(service: string): JaegerOperation[] {
    if (service === '') return [];
    const seen = new Map<string, JaegerOperation>();
    const { traces } = this.store.search({ tags: [['service.name', service]], limit: Number.MAX_SAFE_INTEGER, spansPerSpanSet: Number.MAX_SAFE_INTEGER });
    for (const match of traces) {
      for (const span of match.matchedSpans) {
        if (span.service !== service) continue;
        const spanKind = jaegerKind(span.kind);
        seen.set(`${span.name}\u0000${spanKind}`, { name: span.name, spanKind });
      }
    }
    return [...seen.values()].sort((a, b) => compare(a.name, b.name) || compare(a.spanKind, b.spanKind));
  }
}

function jaegerKind(kind: SpanKind): string {
  return kind === 'unspecified' ? '' : kind;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
