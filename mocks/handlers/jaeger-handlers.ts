import { http, type HttpHandler } from 'msw';
import type { TraceStore } from '../store';
import { checkGetTraceParams, parseFindTracesParams, parseTraceIdParam, spanKindParam } from './jaeger-query-params';
import { findJaegerTraces, JaegerOperationIndex } from './jaeger-search';
import { jaegerError, jaegerJson, jaegerTraceSummary, noTracesFound, tracesResult } from './jaeger-wire';
import { route } from './routes';

/**
 * Jaeger v2's query api_v3 HTTP gateway over the store (reference §2.1): the
 * routes the Jaeger adapter and Jaeger UI call, with Jaeger's quirks — every
 * matching trace merged into one `{"result": TracesData}`, 404 "No traces found"
 * for an empty search, JSON error bodies labelled text/plain.
 */
export function jaegerHandlers(store: TraceStore, base: string): HttpHandler[] {
  const operations = new JaegerOperationIndex(store);

  const search = (request: Request) => {
    const parsed = parseFindTracesParams(new URL(request.url).searchParams);
    return parsed.ok ? { ok: true as const, traces: findJaegerTraces(store, parsed.value) } : parsed;
  };

  return [
    http.get(route(base, '/api/v3/services'), () => jaegerJson({ services: store.services() })),

    http.get(route(base, '/api/v3/operations'), ({ request }) => {
      const params = new URL(request.url).searchParams;
      const list = operations.operations(params.get('service') ?? '', spanKindParam(params));
      // the gateway reports an UNSPECIFIED kind as "internal"
      return jaegerJson({ operations: list.map((op) => ({ name: op.name, spanKind: op.spanKind === '' ? 'internal' : op.spanKind })) });
    }),

    http.get(route(base, '/api/v3/traces'), ({ request }) => {
      const found = search(request);
      if (!found.ok) return jaegerError(400, found.error);
      return found.traces.length === 0 ? noTracesFound() : jaegerJson(tracesResult(found.traces));
    }),

    http.get(route(base, '/api/v3/trace-summaries'), ({ request }) => {
      const found = search(request);
      if (!found.ok) return jaegerError(400, found.error);
      return found.traces.length === 0 ? noTracesFound() : jaegerJson({ summaries: found.traces.map(jaegerTraceSummary) });
    }),

    http.get(route(base, '/api/v3/traces/:traceId'), ({ params, request }) => {
      const id = parseTraceIdParam(String(params.traceId ?? ''));
      if (!id.ok) return jaegerError(400, id.error);
      const query = checkGetTraceParams(new URL(request.url).searchParams);
      if (!query.ok) return jaegerError(400, query.error);
      const trace = store.getTrace(id.value);
      return trace ? jaegerJson(tracesResult([trace])) : noTracesFound();
    }),
  ];
}
