import type { AttributeValue, DecodedSpan, OtlpAnyValue } from '../../src/core';
import type { StoreSearchResult, TagNames, TagValue, TraceMatch } from '../store';

/**
 * Grafana Tempo's JSON shapes (reference §3), kept apart from the routes so the
 * Jaeger and Loki handlers to come can share the store without this module.
 * Tempo marshals with gogo jsonpb at its defaults: int64 as strings, zero
 * values left out (durationMs, errorCount, an empty rootTraceName).
 */

/** Tempo's search answer; bytes inspected are estimated (Tempo counts bytes read from blocks). */
export function tempoSearchResponse(result: StoreSearchResult, tags: readonly (readonly [string, string])[]): unknown {
  return {
    traces: result.traces.map((match) => tempoTraceSummary(match, tags)),
    metrics: {
      inspectedTraces: result.inspectedTraces,
      inspectedBytes: String(result.inspectedSpans * BYTES_PER_SPAN),
      totalBlocks: 1,
      completedJobs: 1,
      totalJobs: 1,
    },
  };
}

/** a typical span's size in a parquet block, for inspectedBytes */
const BYTES_PER_SPAN = 420;

function tempoTraceSummary(match: TraceMatch, tags: readonly (readonly [string, string])[]): Record<string, unknown> {
  const durationMs = Math.floor(match.durationNs / 1e6);
  const spanSet = {
    spans: match.matchedSpans.map((span) => tempoSpan(span, tags)),
    matched: match.matchedCount,
  };
  // built from entries, not by assignment: a service named __proto__ is a key like any other
  const serviceStats = Object.fromEntries(
    [...match.serviceStats].map(([name, stats]) => [name, stats.errorCount > 0 ? { spanCount: stats.spanCount, errorCount: stats.errorCount } : { spanCount: stats.spanCount }]),
  );
  return {
    traceID: stripLeadingZeros(match.traceId),
    rootServiceName: match.rootServiceName,
    ...(match.rootTraceName !== '' ? { rootTraceName: match.rootTraceName } : {}),
    startTimeUnixNano: match.startUnixNano.toString(),
    ...(durationMs > 0 ? { durationMs } : {}),
    spanSet,
    spanSets: [spanSet],
    serviceStats,
  };
}

/** A span of a span set: hex span id (16 chars), the attributes the search matched on it. */
function tempoSpan(span: DecodedSpan, tags: readonly (readonly [string, string])[]): Record<string, unknown> {
  const attributes: { key: string; value: OtlpAnyValue }[] = [];
  for (const [key, value] of tags) {
    if (key === 'name' || key === 'status') {
      if (key === 'status' && span.status.code === value) attributes.push({ key: 'status', value: { stringValue: value } });
      continue;
    }
    const attribute = span.attributes.find((a) => a.key === key) ?? span.resource.attributes.find((a) => a.key === key);
    if (attribute) attributes.push({ key, value: toAnyValue(attribute.value) });
  }
  return {
    spanID: span.spanId,
    ...(span.name !== '' ? { name: span.name } : {}),
    startTimeUnixNano: span.startUnixNano.toString(),
    durationNanos: (span.endUnixNano - span.startUnixNano).toString(),
    ...(attributes.length > 0 ? { attributes } : {}),
  };
}

function toAnyValue(value: AttributeValue): OtlpAnyValue {
  switch (value.type) {
    case 'string':
      return { stringValue: value.value };
    case 'int':
      return { intValue: value.value };
    case 'bool':
      return { boolValue: value.value };
    case 'double':
      return { doubleValue: value.value };
    default:
      return {};
  }
}

/** Tempo's search results carry trace ids without leading zeros (util.TraceIDToHexString). */
export function stripLeadingZeros(traceId: string): string {
  return traceId.replace(/^0+/, '');
}

export type TagScope = 'resource' | 'span' | 'intrinsic';

export function tempoTagNamesV1(names: TagNames, scope: TagScope | undefined): unknown {
  const list = scope ? names[scope] : [...new Set([...names.resource, ...names.span])].sort();
  return { tagNames: list, metrics: { inspectedBytes: '0' } };
}

export function tempoTagNamesV2(names: TagNames, scope: TagScope | undefined): unknown {
  const scopes = (['resource', 'span', 'intrinsic'] as const).filter((name) => !scope || scope === name).map((name) => ({ name, tags: names[name] }));
  return { scopes, metrics: { inspectedBytes: '0' } };
}

export function tempoTagValuesV1(values: readonly TagValue[]): unknown {
  return { tagValues: [...new Set(values.map((v) => v.value))], metrics: { inspectedBytes: '0' } };
}

export function tempoTagValuesV2(values: readonly TagValue[]): unknown {
  return { tagValues: values.map((v) => ({ type: v.type, value: v.value })), metrics: { inspectedBytes: '0' } };
}
