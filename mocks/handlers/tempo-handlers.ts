import { http, HttpResponse, type HttpHandler } from 'msw';
import { parseTraceQL, toTempoTraceJson, toTempoTraceProto, type FieldExpr, type SpansetExpr, type TraceQLQuery } from '../../src/core';
import type { TraceStore } from '../store';
import { route, TEXT_PLAIN } from './routes';
import { acceptsProtobuf, PROTOBUF } from './tempo-partial';
import { parseTempoSearchParams } from './tempo-search-params';
import { tempoSearchResponse, tempoTagNamesV1, tempoTagNamesV2, tempoTagValuesV1, tempoTagValuesV2, type TagScope } from './tempo-wire';

/**
 * Spans per ResourceSpans block in a protobuf trace answer. Tempo answers a trace as the
 * batches it received (an SDK exports up to 512 spans at a time, a collector's batch
 * processor ~8,192 split by resource); the store keeps spans, not batches, so blocks of
 * this size give the answer the same shape.
 */
const TEMPO_BATCH_SPANS = 1_000;

/**
 * The stored answer as a body, not a copy of it: a Response copies a byte array it is
 * given (the Fetch standard's rule for BufferSource bodies) — 23 MB at 100,000 spans,
 * 60 ms of the server's CPU before the first byte, on the machine that also runs the
 * browser. A stream of the one chunk hands the stored bytes on as they are.
 */
function uncopied(bytes: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array<ArrayBuffer>> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** Grafana Tempo's query API over the store (reference §3.1): the routes the Tempo adapter and Grafana call. */
export function tempoHandlers(store: TraceStore, base: string): HttpHandler[] {
  const badRequest = (message: string) => HttpResponse.text(message, { status: 400, headers: TEXT_PLAIN });

  // JSON by default; protobuf when Accept asks for it, as Grafana asks (a fifth of the
  // bytes, and no JSON.parse of hundreds of MB in the browser)
  const traceById = (version: 'v1' | 'v2') =>
    ({ params, request }: { params: Record<string, string | readonly string[] | undefined>; request: Request }) => {
      const raw = String(params.traceId ?? '');
      const checked = checkTraceIdParam(raw);
      if (!checked.ok) return badRequest(checked.error);
      const protobuf = acceptsProtobuf(request);
      const answer = protobuf
        ? store.traceAnswer(checked.traceId, `tempo-${version}-proto`, (trace) => toTempoTraceProto(trace, version, { spansPerBlock: TEMPO_BATCH_SPANS }))
        : store.traceAnswer(checked.traceId, `tempo-${version}`, (trace) => JSON.stringify(toTempoTraceJson(trace, version)));
      if (answer === undefined) return HttpResponse.text('trace not found', { status: 404, headers: TEXT_PLAIN });
      // the length up front, as a server that has the whole answer sends it: the page sizes
      // its buffer once and shows "n of N MB" (JSON is sent as text and measured by the transport)
      const length: Record<string, string> = typeof answer === 'string' ? {} : { 'Content-Length': String(answer.byteLength) };
      return new HttpResponse(uncopied(answer), { headers: { 'Content-Type': protobuf ? PROTOBUF : 'application/json', ...length } });
    };

  const scopeOf = (request: Request): { ok: true; scope: TagScope | undefined; empty: boolean } | { ok: false; error: string } => {
    const scope = new URL(request.url).searchParams.get('scope') ?? '';
    if (scope === '' || scope === 'all') return { ok: true, scope: undefined, empty: false };
    if (scope === 'resource' || scope === 'span' || scope === 'intrinsic') return { ok: true, scope, empty: false };
    // scopes the demo holds nothing for
    if (scope === 'event' || scope === 'link' || scope === 'instrumentation') return { ok: true, scope: undefined, empty: true };
    return { ok: false, error: `invalid scope: ${scope}` }; // guessed wording
  };

  return [
    http.get(route(base, '/api/echo'), () => HttpResponse.text('echo', { headers: TEXT_PLAIN })),
    http.get(route(base, '/ready'), () => HttpResponse.text('ready', { headers: TEXT_PLAIN })),
    http.get(route(base, '/api/status/buildinfo'), () =>
      HttpResponse.json({ version: '3.0.3', revision: 'demo', branch: 'HEAD', buildDate: '', buildUser: 'tracery-demo', goVersion: 'go1.24' }),
    ),

    http.get(route(base, '/api/search'), ({ request }) => {
      const parsed = parseTempoSearchParams(new URL(request.url).searchParams);
      if (!parsed.ok) return badRequest(parsed.error);
      if (parsed.traceQL) {
        const result = store.searchTraceQL(parsed.traceQL, parsed.query);
        return HttpResponse.json(tempoSearchResponse(result, shownAttributes(parsed.traceQL)) as Record<string, unknown>);
      }
      const result = store.search(parsed.query);
      const tags = Array.isArray(parsed.query.tags) ? (parsed.query.tags as readonly (readonly [string, string])[]) : [];
      return HttpResponse.json(tempoSearchResponse(result, tags) as Record<string, unknown>);
    }),

    http.get(route(base, '/api/traces/:traceId'), traceById('v1')),
    http.get(route(base, '/api/v2/traces/:traceId'), traceById('v2')),

    http.get(route(base, '/api/search/tags'), ({ request }) => {
      const scope = scopeOf(request);
      if (!scope.ok) return badRequest(scope.error);
      const names = scope.empty ? { resource: [], span: [], intrinsic: [] } : store.tagNames();
      return HttpResponse.json(tempoTagNamesV1(names, scope.scope) as Record<string, unknown>);
    }),
    http.get(route(base, '/api/v2/search/tags'), ({ request }) => {
      const scope = scopeOf(request);
      if (!scope.ok) return badRequest(scope.error);
      const names = scope.empty ? { resource: [], span: [], intrinsic: [] } : store.tagNames();
      return HttpResponse.json(tempoTagNamesV2(names, scope.scope) as Record<string, unknown>);
    }),
    http.get(route(base, '/api/search/tag/:tag/values'), ({ params }) => {
      return HttpResponse.json(tempoTagValuesV1(store.tagValues(bareTagName(String(params.tag ?? '')))) as Record<string, unknown>);
    }),
    http.get(route(base, '/api/v2/search/tag/:tag/values'), ({ params, request }) => {
      const tag = String(params.tag ?? '');
      // `q` narrows the values to spans a TraceQL filter selects; Tempo tolerates an
      // incomplete query there (the editor sends one while a person types), so one
      // that does not parse is ignored rather than refused.
      const q = new URL(request.url).searchParams.get('q');
      const filter = q ? parseTraceQL(q) : undefined;
      const values = filter?.ok ? store.tagValuesWhere(tag, filter.query) : store.tagValues(tag);
      return HttpResponse.json(tempoTagValuesV2(values) as Record<string, unknown>);
    }),
  ];
}

/**
 * The attributes a TraceQL search shows on each span of a span set: Tempo shows
 * the values it fetched to evaluate the query, so the attributes the query names
 * and `status` when it tests the status. In tempoSpan's `[key, value]` terms: an
 * attribute key shows whatever the span holds; `status` shows when the span's
 * code equals the value, so every code is listed to show each span its own.
 */
function shownAttributes(query: TraceQLQuery): [string, string][] {
  const keys = new Set<string>();
  let status = false;
  const spansets: SpansetExpr[] = [query];
  const conditions: FieldExpr[] = [];
  for (let spanset = spansets.pop(); spanset; spanset = spansets.pop()) {
    if (spanset.type !== 'filter') spansets.push(spanset.right, spanset.left);
    else if (spanset.expr) conditions.push(spanset.expr);
  }
  for (let condition = conditions.shift(); condition; condition = conditions.shift()) {
    if (condition.type === 'and' || condition.type === 'or') conditions.push(condition.left, condition.right);
    else if (condition.type === 'not') conditions.push(condition.operand);
    else if (condition.type === 'compare' || condition.type === 'exists' || condition.type === 'truthy') {
      if (condition.field.type === 'attribute') keys.add(condition.field.name);
      else if (condition.field.name === 'span:status') status = true;
    }
  }
  const shown: [string, string][] = [...keys].map((key) => [key, '']);
  if (status) shown.push(['status', 'error'], ['status', 'ok'], ['status', 'unset']);
  return shown;
}

/** v1 takes a bare attribute name; one that looks scoped ('span.kind') must not be read as a TraceQL scope. */
function bareTagName(tag: string): string {
  return tag.startsWith('resource.') || tag.startsWith('span.') || tag.startsWith('.') ? `.${tag}` : tag;
}

/**
 * A trace id from the path, checked as Tempo's util.HexStringToTraceID does:
 * hex only, at most 128 bits, left-padded to 32 characters.
 */
export function checkTraceIdParam(raw: string): { ok: true; traceId: string } | { ok: false; error: string } {
  for (let i = 0; i < raw.length; i++) {
    if (!/[0-9a-fA-F]/.test(raw[i] ?? '')) {
      return { ok: false, error: `trace IDs can only contain hex characters: invalid character '${raw[i] ?? ''}' at position ${i + 1}` };
    }
  }
  const even = raw.length % 2 === 1 ? `0${raw}` : raw;
  if (even.length > 32) return { ok: false, error: "trace IDs can't be larger than 128 bits" };
  return { ok: true, traceId: even.toLowerCase().padStart(32, '0') };
}
