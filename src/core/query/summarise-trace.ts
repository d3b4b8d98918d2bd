import type { Trace } from '../model/trace';
import type { TraceSummary } from '../model/trace-summary';

/**
 * A search-result row for a whole trace, computed as Jaeger's trace-summaries
 * endpoint aggregates one (apiv3 FindTraceSummaries): the root is the earliest
 * span without a parent ('' when the trace has none yet), an error span has
 * status ERROR, an orphan names a parent the trace lacks, services are sorted
 * by name. Used for Jaeger servers older than v2.19 (which send whole traces
 * instead of summaries) and by the demo's Jaeger API to write its summaries.
 */
export function summariseTrace(trace: Trace): TraceSummary {
  const root = trace.roots.find((span) => span.parentSpanId === undefined);
  let errorSpanCount = 0;
  let orphanSpanCount = 0;
  const services = new Map<string, { spanCount: number; errorSpanCount: number }>();
  for (const span of trace.spans) {
    if (span.orphan) orphanSpanCount++;
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
    rootSpanName: root?.name ?? '',
    startUnixNano: trace.startUnixNano,
    durationNs: trace.durationNs,
    spanCount: trace.spans.length,
    errorSpanCount,
    orphanSpanCount,
    services: [...services].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, stats]) => ({ name, ...stats })),
  };
}
