import { decodeTempoSearch, formatLogfmt, toGoDuration } from '../../core';
import type { SearchQuery, Trace, TraceLoadProgress } from '../../core';
import { BackendError } from '../backend-error';
import { fetchJson } from '../http-client';
import { fetchTraceById } from '../fetch-trace';
import type { ProtoTraceDecoder, SearchResult, TraceBackend } from '../trace-backend';

export interface TempoSourceConfig {
  /** base URL of Tempo's HTTP API, e.g. `/demo/tempo` or a proxy path */
  readonly url: string;
  readonly name: string;
  readonly timeoutMs?: number;
  /**
   * set: trace by id asks for protobuf (`Accept: application/protobuf`, as Grafana
   * does) and decodes it with this; a Tempo that answers JSON anyway still works
   */
  readonly protobuf?: ProtoTraceDecoder;
}

/** Grafana Tempo's HTTP API (backend-apis.md §3). */
export function createTempoBackend(config: TempoSourceConfig): TraceBackend {
  const base = config.url.replace(/\/+$/, '');
  const options = (signal?: AbortSignal) => ({ signal, sourceName: config.name, timeoutMs: config.timeoutMs });

  /** `/api/v2/search/tag/{tag}/values`: `{"tagValues":[{"type","value"}]}` → distinct sorted strings */
  const tagValues = async (tag: string, q: string | undefined, signal?: AbortSignal): Promise<string[]> => {
    const url = `${base}/api/v2/search/tag/${encodeURIComponent(tag)}/values${q ? `?q=${encodeURIComponent(q)}` : ''}`;
    const body = await fetchJson(url, options(signal));
    const values = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).tagValues : undefined;
    if (!Array.isArray(values)) throw new BackendError('bad-response', `${config.name}: expected "tagValues" in ${url}.`, url);
    const names = values
      .map((v: unknown) => (typeof v === 'string' ? v : typeof v === 'object' && v !== null ? (v as Record<string, unknown>).value : undefined))
      .filter((v): v is string => typeof v === 'string');
    return [...new Set(names)].sort((a, b) => a.localeCompare(b));
  };

  return {
    kind: 'tempo',

    async searchTraces(query: SearchQuery, signal?: AbortSignal): Promise<SearchResult> {
      const url = `${base}/api/search?${tempoSearchParams(query).toString()}`;
      const body = await fetchJson(url, options(signal));
      let decoded;
      try {
        decoded = decodeTempoSearch(body);
      } catch (error) {
        throw new BackendError('bad-response', `${config.name}: ${(error as Error).message} (${url}).`, url);
      }
      return { summaries: decoded.summaries, warnings: decoded.warnings, note: inspectedNote(decoded.metrics) };
    },

    getTrace(traceId: string, signal?: AbortSignal, onProgress?: (progress: TraceLoadProgress) => void): Promise<Trace> {
      // Tempo before v2 has only the v1 route (`batches`), answering the v2 path with Go's 404 page.
      const v2 = (id: string) => `${base}/api/v2/traces/${id}`;
      const protobuf = config.protobuf && { decoder: config.protobuf, shapeOf: (url: string) => (url.startsWith(`${base}/api/v2/`) ? ('v2' as const) : ('v1' as const)) };
      return fetchTraceById(traceId, (id) => [v2(id), `${base}/api/traces/${id}`], { ...options(signal), onProgress, ...(protobuf ? { protobuf } : {}) });
    },

    services(signal?: AbortSignal): Promise<string[]> {
      return tagValues('resource.service.name', undefined, signal);
    },

    async tagNames(signal?: AbortSignal): Promise<string[]> {
      // Tag search keys are bare attribute names, span or resource alike.
      const url = `${base}/api/v2/search/tags`;
      const body = await fetchJson(url, options(signal));
      const scopes = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).scopes : undefined;
      if (!Array.isArray(scopes)) throw new BackendError('bad-response', `${config.name}: expected "scopes" in ${url}.`, url);
      const names = new Set<string>();
      for (const scope of scopes as unknown[]) {
        if (typeof scope !== 'object' || scope === null) continue;
        const { name, tags } = scope as Record<string, unknown>;
        if ((name !== 'resource' && name !== 'span') || !Array.isArray(tags)) continue;
        for (const tag of tags) if (typeof tag === 'string') names.add(tag);
      }
      return [...names].sort((a, b) => a.localeCompare(b));
    },

    tagValues(name: string, signal?: AbortSignal): Promise<string[]> {
      // `.name` is TraceQL's unscoped attribute: span or resource, as tag search matches.
      return tagValues(`.${name}`, undefined, signal);
    },

    operations(service: string, signal?: AbortSignal): Promise<string[]> {
      // Span names of that service: tag values filtered by a TraceQL spanset (Tempo ≥ 2.2).
      return tagValues('name', `{ resource.service.name = ${JSON.stringify(service)} }`, signal);
    },
  };
}

/** "Tempo inspected 3,100 traces (3.8 MB)", from the search response's metrics. */
function inspectedNote(metrics: { inspectedTraces?: number; inspectedBytes?: number }): string | undefined {
  if (metrics.inspectedTraces === undefined) return undefined;
  const bytes = metrics.inspectedBytes;
  const size = bytes === undefined ? '' : bytes >= 1e6 ? ` (${(bytes / 1e6).toFixed(1)} MB)` : ` (${Math.ceil(bytes / 1e3)} kB)`;
  return `Tempo inspected ${metrics.inspectedTraces.toLocaleString('en-US')} traces${size}`;
}

/** SearchQuery → Tempo's tag-search parameters (`tags` logfmt; `start`/`end` in unix seconds). */
export function tempoSearchParams(query: SearchQuery): URLSearchParams {
  if (query.traceql !== undefined) {
    // Tempo answers 400 when `q` and `tags` come together: TraceQL stands alone.
    const params = new URLSearchParams({ q: query.traceql, limit: String(query.limit) });
    params.set('start', String(Math.floor(query.startMs / 1000)));
    params.set('end', String(Math.ceil(query.endMs / 1000)));
    return params;
  }
  const tags: [string, string][] = [];
  if (query.service) tags.push(['service.name', query.service]);
  if (query.operation) tags.push(['name', query.operation]);
  tags.push(...query.tags.map(([k, v]): [string, string] => [k, v]));
  if (query.errorsOnly) tags.push(['status', 'error']);
  const params = new URLSearchParams();
  if (tags.length > 0) params.set('tags', formatLogfmt(tags));
  if (query.minDurationNs !== undefined) params.set('minDuration', toGoDuration(query.minDurationNs));
  if (query.maxDurationNs !== undefined) params.set('maxDuration', toGoDuration(query.maxDurationNs));
  params.set('limit', String(query.limit));
  params.set('start', String(Math.floor(query.startMs / 1000)));
  params.set('end', String(Math.ceil(query.endMs / 1000)));
  return params;
}
