import type { TraceSummary } from '../model/trace-summary';
import { normaliseTraceId } from '../model/ids';
import { asArray, isObject, readString, readUint64 } from './wire-values';

/**
 * Jaeger api_v3 `GET /api/v3/trace-summaries` → summaries (backend-apis.md §2.1).
 * Duration is maxEnd - minStart, in exact bigint arithmetic as jaeger-ui does.
 * An empty result may come as `{}` or `{"summaries":[]}`: both are no rows.
 */
export function decodeJaegerTraceSummaries(value: unknown): { summaries: TraceSummary[]; warnings: string[] } {
  if (!isObject(value) || (value.summaries !== undefined && !Array.isArray(value.summaries))) {
    throw new TypeError('the response is not Jaeger\'s trace summaries: expected an object with a "summaries" array');
  }
  const warnings: string[] = [];
  const summaries: TraceSummary[] = [];
  asArray(value.summaries).forEach((row, index) => {
    const place = `summaries[${index}]`;
    if (!isObject(row)) return void warnings.push(`${place}: not an object`);
    const traceId = normaliseTraceId(readString(row.traceId));
    if (!traceId) return void warnings.push(`${place}: missing or invalid traceId`);
    const start = readUint64(row.minStartTimeUnixNano);
    const end = readUint64(row.maxEndTimeUnixNano);
    if (!start.ok || !end.ok) warnings.push(`${place}: invalid minStartTimeUnixNano/maxEndTimeUnixNano`);
    const startNano = start.ok ? start.value : 0n;
    const durationNs = start.ok && end.ok && end.value > start.value ? Number(end.value - start.value) : 0;
    const services = asArray(row.services)
      .filter(isObject)
      .map((s) => ({ name: readString(s.name), spanCount: count(s.spanCount), errorSpanCount: count(s.errorSpanCount) }))
      .filter((s) => s.name !== '');
    summaries.push({
      traceId,
      rootServiceName: readString(row.rootServiceName),
      rootSpanName: readString(row.rootOperationName),
      startUnixNano: startNano,
      durationNs,
      spanCount: typeof row.spanCount === 'number' ? row.spanCount : undefined,
      errorSpanCount: typeof row.errorSpanCount === 'number' ? row.errorSpanCount : 0,
      services,
    });
    return undefined;
  });
  return { summaries, warnings };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}
