import { HttpResponse } from 'msw';
import { summariseTrace, toOtlpTracesData } from '../../src/core';
import type { OtlpResourceSpans, Trace } from '../../src/core';
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
  const summary = summariseTrace(trace);
  return {
    traceId: summary.traceId,
    rootServiceName: summary.rootServiceName,
    rootOperationName: summary.rootSpanName,
    minStartTimeUnixNano: summary.startUnixNano.toString(),
    maxEndTimeUnixNano: (summary.startUnixNano + BigInt(summary.durationNs)).toString(),
    spanCount: summary.spanCount,
    errorSpanCount: summary.errorSpanCount,
    orphanSpanCount: summary.orphanSpanCount,
    services: summary.services.map((s): JaegerServiceSummary => ({ name: s.name, spanCount: s.spanCount, errorSpanCount: s.errorSpanCount })),
  };
}
