import { http, HttpResponse, type HttpHandler } from 'msw';
import { lokiEntryOf, type LogRecord, type LokiEntry } from '../../src/core';
import type { TraceStore } from '../store';
import { evaluate, traceIdOfQuery, type MatchedEntry } from './loki-eval';
import { parseLogQuery, parseSelector, matches, type Matcher } from './loki-logql';
import { parseQueryRangeParams, parseRange, streamsResponse, wantsCategories, type RangeParams } from './loki-wire';
import { route, TEXT_PLAIN } from './routes';

/**
 * Grafana Loki's read API over the store's logs (loki-and-traceql.md A1–A3):
 * `query_range` for the LogQL subset of loki-logql.ts, `labels` and
 * `label/{name}/values`, answering with Loki's shapes and plain-text errors.
 * Logs look as Loki's OTLP ingest makes them (core's lokiEntryOf), with
 * `severity_text` as an index label (Loki's `severity_text_as_label`) so streams
 * split by level as in many deployments.
 *
 * The store keeps logs by trace id, so a query naming a trace reads that trace's
 * logs; any other query reads the logs of the traces overlapping its window.
 * Lines without a trace id are not reachable (the store has no accessor for them).
 */
export function lokiHandlers(store: TraceStore, base: string, now: () => number = Date.now): HttpHandler[] {
  const badRequest = (message: string) => HttpResponse.text(message, { status: 400, headers: TEXT_PLAIN });
  const nowNs = (): bigint => BigInt(Math.round(now())) * 1_000_000n;

  const entriesIn = (range: RangeParams, traceId: string | undefined): LokiEntry[] => {
    const logs = traceId !== undefined ? store.logsForTrace(traceId) : logsOfTracesIn(store, range);
    const entries: LokiEntry[] = [];
    for (const log of logs) {
      if (log.timeUnixNano < range.startNs || log.timeUnixNano >= range.endNs) continue;
      entries.push(lokiEntryOf(log, { severityTextAsLabel: true }));
    }
    return entries;
  };

  /** index labels of the streams in the window (matching `query` when given) */
  const streamsIn = (request: Request): { ok: true; labels: Readonly<Record<string, string>>[] } | { ok: false; error: string } => {
    const params = new URL(request.url).searchParams;
    const range = parseRange(params, nowNs());
    if (!range.ok) return range;
    const query = params.get('query');
    let selector: readonly Matcher[] = [];
    if (query !== null && query.trim() !== '') {
      const parsed = parseSelector(query);
      if (!parsed.ok) return parsed;
      selector = parsed.query.selector;
    }
    const labels = entriesIn(range.value, undefined)
      .map((e) => e.labels)
      .filter((l) => selector.every((m) => matches(m, l[m.name] ?? '')));
    return { ok: true, labels };
  };

  return [
    http.get(route(base, '/ready'), () => HttpResponse.text('ready\n', { headers: TEXT_PLAIN })),
    http.get(route(base, '/loki/api/v1/status/buildinfo'), () =>
      HttpResponse.json({ version: '3.7.6', revision: 'demo', branch: 'HEAD', buildUser: 'tracery-demo', buildDate: '', goVersion: 'go1.24' }),
    ),

    http.get(route(base, '/loki/api/v1/query_range'), ({ request }) => {
      const params = parseQueryRangeParams(new URL(request.url).searchParams, nowNs());
      if (!params.ok) return badRequest(params.error);
      const parsed = parseLogQuery(params.value.query);
      if (!parsed.ok) return badRequest(parsed.error);
      const traceId = traceIdOfQuery(parsed.query);
      const matched: MatchedEntry[] = [];
      for (const entry of entriesIn(params.value, traceId)) {
        const m = evaluate(parsed.query, entry);
        if (m) matched.push(m);
      }
      const forward = params.value.direction === 'forward';
      // stable: lines at the same ns keep the store's order
      matched.sort((a, b) => {
        const order = a.entry.timeUnixNano < b.entry.timeUnixNano ? -1 : a.entry.timeUnixNano > b.entry.timeUnixNano ? 1 : 0;
        return forward ? order : -order;
      });
      return HttpResponse.json(streamsResponse(matched.slice(0, params.value.limit), wantsCategories(request), []));
    }),

    http.get(route(base, '/loki/api/v1/query'), ({ request }) => {
      const query = new URL(request.url).searchParams.get('query') ?? '';
      const parsed = parseLogQuery(query);
      if (!parsed.ok) return badRequest(parsed.error);
      return badRequest('log queries are not supported as an instant query type, please change your query to a range query type');
    }),

    http.get(route(base, '/loki/api/v1/labels'), ({ request }) => {
      const streams = streamsIn(request);
      if (!streams.ok) return badRequest(streams.error);
      const names = new Set<string>();
      for (const labels of streams.labels) for (const name of Object.keys(labels)) names.add(name);
      return HttpResponse.json({ status: 'success', data: [...names].sort() });
    }),

    http.get(route(base, '/loki/api/v1/label/:name/values'), ({ request, params }) => {
      const name = String(params.name ?? '');
      const streams = streamsIn(request);
      if (!streams.ok) return badRequest(streams.error);
      const values = new Set<string>();
      for (const labels of streams.labels) {
        const value = labels[name];
        if (value !== undefined) values.add(value);
      }
      return HttpResponse.json({ status: 'success', data: [...values].sort() });
    }),
  ];
}

/** The logs of every trace overlapping the window (whole seconds, as the store searches). */
function logsOfTracesIn(store: TraceStore, range: RangeParams): LogRecord[] {
  const { traces } = store.search({
    startUnixSec: Number(range.startNs / 1_000_000_000n),
    endUnixSec: Number((range.endNs + 999_999_999n) / 1_000_000_000n),
    limit: Number.MAX_SAFE_INTEGER,
    spansPerSpanSet: 0,
  });
  return traces.flatMap((t) => store.logsForTrace(t.traceId));
}
