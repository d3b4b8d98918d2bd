import type { TraceSummary } from '../model/trace-summary';
import { normaliseTraceId } from '../model/ids';
import { isObject, readDouble, readUint64 } from './wire-values';

/**
 * Grafana Tempo's `/api/search` response → summaries.
 * Tempo strips leading zeros from trace ids here (16–32 chars), sends
 * startTimeUnixNano as a string, leaves durationMs out when it is 0 and
 * counts spans only per service (serviceStats). See backend-apis.md §3.3.
 */
export interface TempoSearchMetrics {
  readonly inspectedTraces?: number;
  readonly inspectedBytes?: number;
}

export interface TempoSearchDecoded {
  readonly summaries: TraceSummary[];
  readonly metrics: TempoSearchMetrics;
  readonly warnings: string[];
}

export function decodeTempoSearch(value: unknown): TempoSearchDecoded {
  const warnings: string[] = [];
  if (!isObject(value) || (value.traces !== undefined && !Array.isArray(value.traces))) {
    throw new TypeError('the search response is not Tempo\'s: expected an object with a "traces" array');
  }
  const rows = Array.isArray(value.traces) ? value.traces : [];
  const summaries: TraceSummary[] = [];
  rows.forEach((row: unknown, index) => {
    const place = `traces[${index}]`;
    if (!isObject(row)) {
      warnings.push(`${place}: not an object`);
      return;
    }
    const traceId = typeof row.traceID === 'string' ? normaliseTraceId(row.traceID) : undefined;
    if (!traceId) {
      warnings.push(`${place}: missing or invalid traceID`);
      return;
    }
    const start = toBigInt(row.startTimeUnixNano);
    if (start === undefined) warnings.push(`${place}: invalid startTimeUnixNano`);
    const services: { name: string; spanCount: number; errorSpanCount: number }[] = [];
    if (isObject(row.serviceStats)) {
      for (const [name, stats] of Object.entries(row.serviceStats)) {
        const s = isObject(stats) ? stats : {};
        services.push({ name, spanCount: toNumber(s.spanCount) ?? 0, errorSpanCount: toNumber(s.errorCount) ?? 0 });
      }
      services.sort((a, b) => b.spanCount - a.spanCount || a.name.localeCompare(b.name));
    }
    const hasStats = services.length > 0;
    summaries.push({
      traceId,
      rootServiceName: typeof row.rootServiceName === 'string' ? row.rootServiceName : '<root span not yet received>',
      rootSpanName: typeof row.rootTraceName === 'string' ? row.rootTraceName : '',
      startUnixNano: start ?? 0n,
      durationNs: (toNumber(row.durationMs) ?? 0) * 1e6,
      spanCount: hasStats ? services.reduce((sum, s) => sum + s.spanCount, 0) : undefined,
      errorSpanCount: hasStats ? services.reduce((sum, s) => sum + s.errorSpanCount, 0) : undefined,
      services,
    });
  });
  const metrics = isObject(value.metrics) ? value.metrics : {};
  return {
    summaries,
    metrics: { inspectedTraces: toNumber(metrics.inspectedTraces), inspectedBytes: toNumber(metrics.inspectedBytes) },
    warnings,
  };
}

function toNumber(value: unknown): number | undefined {
  const n = readDouble(value);
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

function toBigInt(value: unknown): bigint | undefined {
  const reading = readUint64(value);
  return reading.ok ? reading.value : undefined;
}
