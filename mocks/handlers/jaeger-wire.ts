import { HttpResponse } from 'msw';
import { toOtlpTracesData } from '../../src/core';
import type { OtlpResourceSpans, Span, Trace } from '../../src/core';
import { TEXT_PLAIN } from './routes';

/**
 * Jaeger api_v3's HTTP answers, byte for byte where it matters (reference §2.1,
 * apiv3/http_gateway.go). The gateway writes bodies without setting a
 * Content-Type, so Go's sniffing labels its JSON `text/plain; charset=utf-8`;
 * errors go through http.Error, which sets that type, adds nosniff and ends the
 * body with a newline. A client must read JSON whatever the label says.
 */
const GO_HTTP_ERROR_HEADERS = { ...TEXT_PLAIN, 'X-Content-Type-Options': 'nosniff' } as const;

/** `{"error":{"httpCode":…,"message":…}}` as http.Error writes it */
export function jaegerError(status: number, message: string): HttpResponse<string> {
  return HttpResponse.text(`${JSON.stringify({ error: { httpCode: status, message } })}\n`, { status, headers: GO_HTTP_ERROR_HEADERS });
}

/** what both search routes and trace-by-id answer when nothing matched */
export function noTracesFound(): HttpResponse<string> {
  return jaegerError(404, 'No traces found');
}

export function jaegerJson(value: unknown): HttpResponse<string> {
  return HttpResponse.text(JSON.stringify(value), { headers: TEXT_PLAIN });
}

/**
 * `{"result": TracesData}` with every trace's resource blocks appended one trace
 * after another, as returnTraces merges them: a client splits them by traceId.
 */
export function tracesResult(traces: readonly Trace[]): unknown {
  const resourceSpans: OtlpResourceSpans[] = [];
  for (const trace of traces) resourceSpans.push(...toOtlpTracesData([trace]).resourceSpans);
  return { result: { resourceSpans } };
}

export interface JaegerServiceSummary {
  readonly name: string;
  readonly spanCount: number;
  readonly errorSpanCount: number;
}

/**
 * One row of `/api/v3/trace-summaries` (apiv3/summaries.go traceSummaryJSON, in
 * its field order), aggregated from the whole trace as Jaeger does for storage
 * without native summaries: the root is the earliest span without a parent, an
 * error span has status ERROR, an orphan names a parent the trace lacks, services
 * are sorted by name. Times are decimal strings of unix ns.
 */
export function jaegerTraceSummary(trace: Trace): Record<string, unknown> {
  let root: Span | undefined;
  let errorSpanCount = 0;
  let orphanSpanCount = 0;
  const services = new Map<string, { spanCount: number; errorSpanCount: number }>();
  for (const span of trace.spans) {
    if (span.parentSpanId === undefined) {
      if (!root || span.startNs < root.startNs) root = span;
    } else if (!trace.spanById.has(span.parentSpanId)) {
      orphanSpanCount++;
    }
    const isError = span.status.code === 'error';
    if (isError) errorSpanCount++;
    let stats = services.get(span.service);
    if (!stats) {
      stats = { spanCount: 0, errorSpanCount: 0 };
      services.set(span.service, stats);
    }
    stats.spanCount++;
    if (isError) stats.errorSpanCount++;
  }
  return {
    traceId: trace.traceId,
    rootServiceName: root?.service ?? '',
    rootOperationName: root?.name ?? '',
    minStartTimeUnixNano: trace.startUnixNano.toString(),
    maxEndTimeUnixNano: (trace.startUnixNano + BigInt(trace.durationNs)).toString(),
    spanCount: trace.spans.length,
    errorSpanCount,
    orphanSpanCount,
    services: [...services]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, stats]): JaegerServiceSummary => ({ name, spanCount: stats.spanCount, errorSpanCount: stats.errorSpanCount })),
  };
}
