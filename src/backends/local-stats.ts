import { BackendError } from './backend-error';
import { fetchJson } from './http-client';

/** What `npm run serve` says about its store (GET /local/api/stats), as far as the UI shows it. */
export interface LocalStoreStats {
  readonly traces: number;
  readonly spans: number;
  readonly logs: number;
  readonly evictedTraces: number;
  readonly rejectedSpans: number;
  /** ingest requests answered 429 since the server started */
  readonly throttled: number;
  readonly maxTraces?: number;
}

export async function fetchLocalStats(url: string, sourceName: string, signal?: AbortSignal): Promise<LocalStoreStats> {
  const body = await fetchJson(url, { signal, sourceName, timeoutMs: 10_000 });
  const o = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
  const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined);
  const child = (key: string) => (o && typeof o[key] === 'object' && o[key] !== null ? (o[key] as Record<string, unknown>) : {});
  const traces = count(o?.traces);
  const spans = count(o?.spans);
  if (traces === undefined || spans === undefined) throw new BackendError('bad-response', `${sourceName}: ${url} did not answer with store statistics.`, url);
  return {
    traces,
    spans,
    logs: count(o?.logs) ?? 0,
    evictedTraces: count(child('evicted').traces) ?? 0,
    rejectedSpans: count(child('rejected').spans) ?? 0,
    throttled: count(child('ingest').throttled) ?? 0,
    maxTraces: count(child('limits').maxTraces),
  };
}
