import { DEFAULT_LOOKBACK, isLookback, lookbackMs, type Lookback, type SpanScope } from '../core';
import { EMPTY_FORM, writeSearchForm } from './search-url';

/**
 * The services pages as the URL holds them (`/services`, `/services/<name>`): one
 * module reads and writes it, so a link reopens the same picture. The time range uses
 * the search form's own parameters (`lookback`, or `start`/`end` in unix ms), so its
 * presets are shared and a window carries over between the pages. An invalid
 * parameter is dropped, with a note, without losing the valid ones.
 */
export interface ServicesView {
  readonly lookback: Lookback;
  /** an absolute window (unix ms) instead of the lookback: set by brushing a sparkline or chart */
  readonly range?: { readonly startMs: number; readonly endMs: number };
  readonly scope: SpanScope;
  /** the overview's rows: one per service, or one per operation of every service */
  readonly groupBy: 'service' | 'operation';
  readonly sort: ServicesSortKey;
  readonly order: 'asc' | 'desc';
  readonly view: 'table' | 'graph';
  /** a service page's chosen operation ('' for the whole service) */
  readonly operation: string;
}

export const SORT_KEYS = ['name', 'rate', 'errors', 'errorPct', 'p50', 'p90', 'p99'] as const;
export type ServicesSortKey = (typeof SORT_KEYS)[number];
const SCOPES: readonly SpanScope[] = ['server', 'root', 'all'];

export const DEFAULT_SERVICES_VIEW: ServicesView = {
  lookback: DEFAULT_LOOKBACK,
  scope: 'server',
  groupBy: 'service',
  sort: 'rate',
  order: 'desc',
  view: 'table',
  operation: '',
};

const MAX_TEXT = 2000;

export function readServicesView(params: URLSearchParams): { view: ServicesView; dropped: string[] } {
  const dropped: string[] = [];
  const pick = <T extends string>(key: string, allowed: readonly T[], fallback: T, what = key): T => {
    const text = params.get(key);
    if (text === null) return fallback;
    if ((allowed as readonly string[]).includes(text)) return text as T;
    dropped.push(`${what} "${text.slice(0, 100)}"`);
    return fallback;
  };
  const lookbackText = params.get('lookback');
  let lookback = DEFAULT_LOOKBACK;
  if (lookbackText !== null) {
    if (isLookback(lookbackText)) lookback = lookbackText;
    else dropped.push(`lookback "${lookbackText.slice(0, 100)}"`);
  }
  let range: ServicesView['range'];
  const startText = params.get('start');
  const endText = params.get('end');
  if (startText !== null || endText !== null) {
    const startMs = Number(startText);
    const endMs = Number(endText);
    if (startText !== null && endText !== null && Number.isSafeInteger(startMs) && Number.isSafeInteger(endMs) && startMs >= 0 && endMs > startMs) range = { startMs, endMs };
    else dropped.push(`time range "${(startText ?? '').slice(0, 30)}".."${(endText ?? '').slice(0, 30)}"`);
  }
  return {
    view: {
      lookback,
      ...(range ? { range } : {}),
      scope: pick('scope', SCOPES, DEFAULT_SERVICES_VIEW.scope),
      groupBy: pick('group', ['service', 'operation'] as const, DEFAULT_SERVICES_VIEW.groupBy),
      sort: pick('sort', SORT_KEYS, DEFAULT_SERVICES_VIEW.sort),
      order: pick('order', ['asc', 'desc'] as const, DEFAULT_SERVICES_VIEW.order),
      view: pick('view', ['table', 'graph'] as const, DEFAULT_SERVICES_VIEW.view),
      operation: (params.get('operation') ?? '').slice(0, MAX_TEXT),
    },
    dropped,
  };
}

/** Only what differs from the defaults, so a plain `/services` stays plain; `source` is kept when given. */
export function writeServicesView(view: ServicesView, sourceId?: string | null): URLSearchParams {
  const params = new URLSearchParams();
  if (sourceId) params.set('source', sourceId);
  if (view.range) {
    params.set('start', String(Math.round(view.range.startMs)));
    params.set('end', String(Math.round(view.range.endMs)));
  } else if (view.lookback !== DEFAULT_SERVICES_VIEW.lookback) {
    params.set('lookback', view.lookback);
  }
  if (view.scope !== DEFAULT_SERVICES_VIEW.scope) params.set('scope', view.scope);
  if (view.groupBy !== DEFAULT_SERVICES_VIEW.groupBy) params.set('group', view.groupBy);
  if (view.sort !== DEFAULT_SERVICES_VIEW.sort) params.set('sort', view.sort);
  if (view.order !== DEFAULT_SERVICES_VIEW.order) params.set('order', view.order);
  if (view.view !== DEFAULT_SERVICES_VIEW.view) params.set('view', view.view);
  if (view.operation) params.set('operation', view.operation);
  return params;
}

/** The absolute window the view asks about: its range, or the lookback up to `nowMs`. */
export function viewWindow(view: ServicesView, nowMs: number): { startMs: number; endMs: number } {
  return view.range ?? { startMs: nowMs - lookbackMs(view.lookback), endMs: nowMs };
}

/** `/services/<name>` for a service's page. */
export function servicePath(service: string): string {
  return `/services/${encodeURIComponent(service)}`;
}

/**
 * A link to a service's page from the overview: the time range and scope carry over,
 * the overview's own table options (grouping, sorting, view) do not.
 */
export function serviceLink(service: string, view: ServicesView, sourceId?: string | null): { pathname: string; search: string } {
  const next: ServicesView = { ...DEFAULT_SERVICES_VIEW, lookback: view.lookback, ...(view.range ? { range: view.range } : {}), scope: view.scope };
  return { pathname: servicePath(service), search: searchText(writeServicesView(next, sourceId)) };
}

/** The overview with the same range and scope (the service page's way back). */
export function overviewLink(view: ServicesView, sourceId?: string | null): { pathname: string; search: string } {
  const next: ServicesView = { ...DEFAULT_SERVICES_VIEW, lookback: view.lookback, ...(view.range ? { range: view.range } : {}), scope: view.scope };
  return { pathname: '/services', search: searchText(writeServicesView(next, sourceId)) };
}

export interface TracesBehind {
  readonly service?: string;
  readonly operation?: string;
  readonly startMs: number;
  readonly endMs: number;
  /** only traces with an error span */
  readonly errorsOnly?: boolean;
  /** the whole question as TraceQL (Tempo sources): an edge of the graph */
  readonly traceql?: string;
}

/** Search, already filled in, for the traces behind a point, a brushed window or an edge. */
export function searchLink(behind: TracesBehind, sourceId?: string | null): { pathname: string; search: string } {
  const range = { startMs: Math.floor(behind.startMs), endMs: Math.max(Math.ceil(behind.endMs), Math.floor(behind.startMs) + 1) };
  const params = writeSearchForm({
    ...EMPTY_FORM,
    service: behind.service ?? '',
    operation: behind.operation ?? '',
    range,
    errorsOnly: behind.errorsOnly === true,
    ...(behind.traceql !== undefined ? { traceql: behind.traceql } : {}),
  });
  if (sourceId) params.set('source', sourceId);
  return { pathname: '/search', search: searchText(params) };
}

/**
 * The traces crossing an edge of the system graph: with TraceQL, a span of `from`
 * with a descendant span of `to`, or toward an uninstrumented peer, a span of `from`
 * naming it in one of the peer attributes; without TraceQL, the caller's traces (the
 * closest a tag search can say).
 */
export function edgeSearch(from: string, to: { readonly name: string; readonly peer: boolean }, window: { startMs: number; endMs: number }, takesTraceQL: boolean): TracesBehind {
  if (!takesTraceQL) return { service: from, ...window };
  const caller = `resource.service.name = ${traceqlString(from)}`;
  if (!to.peer) return { ...window, traceql: `{ ${caller} } >> { resource.service.name = ${traceqlString(to.name)} }` };
  const named = PEER_TRACEQL.map((attribute) => `${attribute} = ${traceqlString(to.name)}`).join(' || ');
  return { ...window, traceql: `{ ${caller} && (${named}) }` };
}

/** The attributes a peer is named by (core's PEER_ATTRIBUTES), as TraceQL span attributes. */
const PEER_TRACEQL = ['span.peer.service', 'span.db.system.name', 'span.db.system', 'span.messaging.system', 'span.db.namespace', 'span.db.name', 'span.server.address', 'span.net.peer.name'];

/** A TraceQL string literal: JSON's escaping is TraceQL's (backslash, quote, control characters). */
function traceqlString(text: string): string {
  return JSON.stringify(text);
}

function searchText(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : '';
}
