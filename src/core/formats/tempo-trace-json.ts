import { hexToBase64 } from '../model/ids';
import type { Trace } from '../model/trace';
import { toOtlpTracesData } from './otlp-json-encode';
import type { OtlpLink, OtlpSpan } from './otlp-json-types';

const KIND_NAMES = ['SPAN_KIND_UNSPECIFIED', 'SPAN_KIND_INTERNAL', 'SPAN_KIND_SERVER', 'SPAN_KIND_CLIENT', 'SPAN_KIND_PRODUCER', 'SPAN_KIND_CONSUMER'];
const STATUS_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

/**
 * A trace as Grafana Tempo's HTTP API writes it (for the demo Tempo server), which is
 * gogo jsonpb at its defaults, not OTLP/JSON: ids are base64 (bytes fields), enums
 * are names, int64 are strings, default values are left out (`"status":{}` when unset).
 * v1 (`/api/traces/{id}`) wraps resourceSpans as `{"batches":[…]}`; v2
 * (`/api/v2/traces/{id}`) as `{"trace":{"resourceSpans":[…]}}`.
 */
export function toTempoTraceJson(trace: Trace, version: 'v1' | 'v2'): unknown {
  const resourceSpans = toOtlpTracesData([trace]).resourceSpans.map((rs) => ({
    ...rs,
    scopeSpans: rs.scopeSpans.map((ss) => ({ ...ss, spans: ss.spans.map(toTempoSpan) })),
  }));
  return version === 'v1' ? { batches: resourceSpans } : { trace: { resourceSpans } };
}

function toTempoSpan(span: OtlpSpan): Record<string, unknown> {
  const { traceId, spanId, parentSpanId, kind, status, links, ...rest } = span;
  return {
    traceId: hexToBase64(traceId),
    spanId: hexToBase64(spanId),
    ...(parentSpanId !== undefined ? { parentSpanId: hexToBase64(parentSpanId) } : {}),
    ...rest,
    ...(kind !== undefined ? { kind: KIND_NAMES[kind] } : {}),
    ...(links !== undefined ? { links: links.map(toTempoLink) } : {}),
    status: {
      ...(status?.code !== undefined ? { code: STATUS_NAMES[status.code] } : {}),
      ...(status?.message !== undefined ? { message: status.message } : {}),
    },
  };
}

function toTempoLink(link: OtlpLink): Record<string, unknown> {
  return { ...link, traceId: hexToBase64(link.traceId), spanId: hexToBase64(link.spanId) };
}
