import { decodeJaegerTraceSummaries, decodeTraces, DecodeError, summariseTrace } from '../../core';
import type { SearchQuery, Trace } from '../../core';
import { BackendError } from '../backend-error';
import { fetchJson } from '../http-client';
import { fetchTraceById } from '../fetch-trace';
import type { SearchResult, TraceBackend } from '../trace-backend';
import { jaegerSearchParams } from './jaeger-search-params';


export interface JaegerSourceConfig {
  /** base URL of Jaeger's query service (with its base path), e.g. `/demo/jaeger` or a proxy path */
  readonly url: string;
  readonly name: string;
  readonly timeoutMs?: number;
}

/** TraceBackend plus the operations list, until TraceBackend itself has it. */
export interface JaegerBackend extends TraceBackend {
  /** span names of a service (all span kinds), sorted */
  operations(service: string, signal?: AbortSignal): Promise<string[]>;
}

/** What Jaeger's api_v3 says, as a 404 body, when a search or an id finds nothing. */
const NO_TRACES_FOUND = 'No traces found';

/**
 * Jaeger's query api_v3 (reference §2.1). Searches ask `/api/v3/trace-summaries`
 * (v2.19+) and, on a server without that route, `/api/v3/traces`, which sends
 * every matching trace whole and merged into one TracesData.
 */
export function createJaegerBackend(config: JaegerSourceConfig): JaegerBackend {
  const base = config.url.replace(/\/+$/, '');
  const options = (signal?: AbortSignal) => ({ signal, sourceName: config.name, timeoutMs: config.timeoutMs });
  /** learnt on the first search, so an old server costs the extra round trip once */
  let hasSummariesRoute: boolean | undefined;

  const badResponse = (url: string, what: string) => new BackendError('bad-response', `${config.name}: ${what} (${url}).`, url);

  async function searchBySummaries(params: string, signal?: AbortSignal): Promise<SearchResult | 'route missing'> {
    const url = `${base}/api/v3/trace-summaries?${params}`;
    let body: unknown;
    try {
      body = await fetchJson(url, options(signal));
    } catch (error) {
      if (isNoTracesFound(error)) return { summaries: [], warnings: [] };
      if (isMissingRoute(error)) return 'route missing';
      throw error;
    }
    try {
      return decodeJaegerTraceSummaries(body);
    } catch (error) {
      throw badResponse(url, (error as Error).message);
    }
  }

  async function searchByTraces(query: SearchQuery, params: string, signal?: AbortSignal): Promise<SearchResult> {
    const url = `${base}/api/v3/traces?${params}`;
    // before v2.19 the HTTP gateway ignored query.attributes (reference §2.1)
    const warnings = query.tags.length > 0 ? [`${config.name} is older than Jaeger 2.19, which ignores attribute filters over HTTP: these results may not match them.`] : [];
    let body: unknown;
    try {
      body = await fetchJson(url, options(signal));
    } catch (error) {
      if (isNoTracesFound(error)) return { summaries: [], warnings };
      throw error;
    }
    let decoded;
    try {
      decoded = decodeTraces(body);
    } catch (error) {
      if (error instanceof DecodeError) throw badResponse(url, error.message);
      throw error;
    }
    // decodeTraces splits the merged result by trace id, oldest first; newest first reads like a search
    const summaries = decoded.traces.map(summariseTrace).reverse();
    return { summaries, warnings: [...warnings, ...decoded.warnings] };
  }

  return {
    kind: 'jaeger',

    async searchTraces(query: SearchQuery, signal?: AbortSignal): Promise<SearchResult> {
      const params = jaegerSearchParams(query).toString();
      if (hasSummariesRoute !== false) {
        const result = await searchBySummaries(params, signal);
        if (result !== 'route missing') {
          hasSummariesRoute = true;
          return result;
        }
      }
      const result = await searchByTraces(query, params, signal);
      // only now: a proxy's login page also looks like a missing route, and then this fails too
      hasSummariesRoute = false;
      return result;
    },

    getTrace(traceId: string, signal?: AbortSignal): Promise<Trace> {
      return fetchTraceById(traceId, (id) => [`${base}/api/v3/traces/${id}`], options(signal));
    },

    async services(signal?: AbortSignal): Promise<string[]> {
      const url = `${base}/api/v3/services`;
      const list = listField(await fetchJson(url, options(signal)), 'services');
      if (!list) throw badResponse(url, 'expected a "services" list');
      return uniqueSorted(list.filter((name): name is string => typeof name === 'string'));
    },

    async operations(service: string, signal?: AbortSignal): Promise<string[]> {
      const url = `${base}/api/v3/operations?${new URLSearchParams({ service }).toString()}`;
      const list = listField(await fetchJson(url, options(signal)), 'operations');
      if (!list) throw badResponse(url, 'expected an "operations" list');
      const names = list.map((op: unknown) => (typeof op === 'object' && op !== null ? (op as Record<string, unknown>).name : undefined));
      return uniqueSorted(names.filter((name): name is string => typeof name === 'string'));
    },
  };
}

/** Jaeger's 404 for "nothing matched": an empty result, not an error. */
function isNoTracesFound(error: unknown): boolean {
  // fetchText turns the JSON body {"error":{"message":"No traces found"}} into the error's message
  return error instanceof BackendError && error.kind === 'not-found' && error.message === NO_TRACES_FOUND;
}

/**
 * The server has no such route: a 404 without Jaeger's JSON (Go's "404 page not
 * found"), or — on Jaeger before the API catch-all was fixed — the UI's
 * index.html, which it serves with 200 for any path it does not know.
 */
function isMissingRoute(error: unknown): boolean {
  if (!(error instanceof BackendError)) return false;
  return (error.kind === 'not-found' && error.message !== NO_TRACES_FOUND) || (error.kind === 'bad-response' && error.status === undefined);
}

/**
 * A list field of an api_v3 answer. An empty list may be left out (gogo jsonpb
 * omits empty repeated fields), so `{}` is an empty list.
 */
function listField(body: unknown, field: string): unknown[] | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const value = (body as Record<string, unknown>)[field];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as unknown[]) : undefined;
}

function uniqueSorted(names: readonly string[]): string[] {
  return [...new Set(names)].sort((a, b) => a.localeCompare(b));
}
