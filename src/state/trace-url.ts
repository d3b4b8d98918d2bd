/**
 * The trace page's shareable state as the URL holds it (DESIGN.md "State"): the
 * selected span, the zoomed time window, the find text and the view toggles. One
 * module reads and writes it; an invalid parameter is dropped (and named) without
 * losing the valid ones, and parameters it does not own (`source`, …) are kept.
 *
 *   ?span=<16 hex>            selected span (details open for it)
 *   &window=<from>-<to>       zoom, as fractions of the trace's duration, 0 ≤ from < to ≤ 1
 *   &find=<text>              in-trace find
 *   &matches=1                show only the find's matches (with their ancestors)
 *   &critical=1               show only spans on the critical path (with their ancestors)
 *   &times=raw                clock-skew adjustment off
 *   &view=logs                waterfall (default) | flame | logs | stats | map
 *   &lsev=WARN                logs: this severity and above (TRACE … FATAL)
 *   &lsvc=<service>           logs: one service's records
 *   &lq=<text>                logs: records whose body or attributes contain the text
 *   &lspan=span|tree          logs: only the selected span's records (tree: with its descendants')
 *   &group=service            statistics: service | operation | service+operation | attr:<key>
 *   &sort=self.desc           statistics: <column>.<asc|desc>
 *   &collapse=depth:3,+<id>,-<id>
 *                             collapsed spans: below a depth, then up to 20 spans
 *                             collapsed (+) or expanded (-) by hand; never an unbounded list
 *
 * The window is a fraction, not ns, so one link means the same part of the trace in
 * adjusted and raw times (whose durations differ).
 */
import { readFlameUrl, writeFlameUrl } from './flame-url';

export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

export const TRACE_VIEWS = ['waterfall', 'flame', 'logs', 'stats', 'map'] as const;
export type TraceViewId = (typeof TRACE_VIEWS)[number];

export const LOG_SEVERITIES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
export type LogSeverityFilter = (typeof LOG_SEVERITIES)[number];
export type LogSpanScope = 'span' | 'tree';

export interface LogFilters {
  /** this severity and above */
  readonly minSeverity?: LogSeverityFilter;
  readonly service?: string;
  readonly text: string;
  readonly spanScope?: LogSpanScope;
}

export type StatsGrouping = 'service' | 'operation' | 'service+operation' | { readonly attribute: string };
export const STATS_COLUMNS = ['label', 'count', 'total', 'self', 'avg', 'min', 'max', 'percent', 'critical', 'errors'] as const;
export type StatsColumn = (typeof STATS_COLUMNS)[number];
export interface StatsSort {
  readonly column: StatsColumn;
  readonly direction: 'asc' | 'desc';
}

/** A bounded collapse state: spans at `depth` (levels shown) collapsed, then hand toggles on top. */
export interface CollapseState {
  readonly depth?: number;
  /** span ids collapsed by hand */
  readonly collapsed: readonly string[];
  /** span ids expanded by hand (below the depth) */
  readonly expanded: readonly string[];
}

export interface TraceUrlState {
  readonly span?: string;
  readonly window?: TimeWindow;
  readonly find: string;
  readonly matchesOnly: boolean;
  readonly criticalOnly: boolean;
  readonly rawTimes: boolean;
  readonly view: TraceViewId;
  readonly logs: LogFilters;
  readonly group: StatsGrouping;
  readonly sort?: StatsSort;
  readonly collapse?: CollapseState;
}

export const DEFAULT_LOG_FILTERS: LogFilters = { text: '' };
/** Hand toggles a link keeps: a URL must stay short enough to paste into a chat. */
export const MAX_COLLAPSE_IDS = 20;
const MAX_LOG_TEXT_CHARS = 200;
const MAX_NAME_CHARS = 200;
const MAX_DEPTH = 10_000;

/** Narrowest window a link may ask for: 1e-6 of the trace is 1 ns of a 1 ms trace. */
export const MIN_WINDOW_FRACTION = 1e-6;
const MAX_FIND_CHARS = 500;
const SPAN_ID_RE = /^[0-9a-f]{16}$/i;

export function readTraceUrl(params: URLSearchParams): { state: TraceUrlState; dropped: string[] } {
  const dropped: string[] = [];
  const spanText = params.get('span');
  let span: string | undefined;
  if (spanText !== null) {
    if (SPAN_ID_RE.test(spanText)) span = spanText.toLowerCase();
    else dropped.push(`span "${spanText.slice(0, 40)}"`);
  }
  const windowText = params.get('window');
  let window: TimeWindow | undefined;
  if (windowText !== null) {
    window = parseWindow(windowText);
    if (!window) dropped.push(`window "${windowText.slice(0, 40)}"`);
  }
  const flag = (key: string, on: string): boolean => {
    const value = params.get(key);
    if (value === null) return false;
    if (value === on) return true;
    dropped.push(`${key} "${value.slice(0, 40)}"`);
    return false;
  };
  const oneOf = <T extends string>(key: string, values: readonly T[]): T | undefined => {
    const value = params.get(key);
    if (value === null) return undefined;
    if ((values as readonly string[]).includes(value)) return value as T;
    dropped.push(`${key} "${value.slice(0, 40)}"`);
    return undefined;
  };
  const view = oneOf('view', TRACE_VIEWS) ?? 'waterfall';
  const minSeverity = oneOf('lsev', LOG_SEVERITIES);
  const spanScope = oneOf<LogSpanScope>('lspan', ['span', 'tree']);
  const serviceText = params.get('lsvc');
  const logs: LogFilters = {
    ...(minSeverity !== undefined ? { minSeverity } : {}),
    ...(serviceText !== null && serviceText !== '' ? { service: serviceText.slice(0, MAX_NAME_CHARS) } : {}),
    text: (params.get('lq') ?? '').slice(0, MAX_LOG_TEXT_CHARS),
    ...(spanScope !== undefined ? { spanScope } : {}),
  };
  const groupText = params.get('group');
  let group: StatsGrouping = 'service';
  if (groupText !== null) {
    const parsed = parseGrouping(groupText);
    if (parsed) group = parsed;
    else dropped.push(`group "${groupText.slice(0, 40)}"`);
  }
  const sortText = params.get('sort');
  let sort: StatsSort | undefined;
  if (sortText !== null) {
    sort = parseSort(sortText);
    if (!sort) dropped.push(`sort "${sortText.slice(0, 40)}"`);
  }
  const collapseText = params.get('collapse');
  let collapse: CollapseState | undefined;
  if (collapseText !== null) {
    collapse = parseCollapse(collapseText);
    if (!collapse) dropped.push(`collapse "${collapseText.slice(0, 40)}"`);
  }
  return {
    state: {
      ...(span !== undefined ? { span } : {}),
      ...(window !== undefined ? { window } : {}),
      find: (params.get('find') ?? '').slice(0, MAX_FIND_CHARS),
      matchesOnly: flag('matches', '1'),
      criticalOnly: flag('critical', '1'),
      rawTimes: flag('times', 'raw'),
      view,
      logs,
      group,
      ...(sort !== undefined ? { sort } : {}),
      ...(collapse !== undefined ? { collapse } : {}),
    },
    dropped,
  };
}

/** `current` with the given fields changed (undefined / false / '' remove the parameter); other parameters stay. */
export function writeTraceUrl(current: URLSearchParams, patch: Partial<TraceUrlState>): URLSearchParams {
  const next = new URLSearchParams(current);
  const set = (key: string, value: string | undefined): void => {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  };
  if ('span' in patch) set('span', patch.span);
  if ('window' in patch) set('window', patch.window && !isFullWindow(patch.window) ? formatWindow(patch.window) : undefined);
  if ('find' in patch) set('find', patch.find?.slice(0, MAX_FIND_CHARS));
  if ('matchesOnly' in patch) set('matches', patch.matchesOnly ? '1' : undefined);
  if ('criticalOnly' in patch) set('critical', patch.criticalOnly ? '1' : undefined);
  if ('rawTimes' in patch) set('times', patch.rawTimes ? 'raw' : undefined);
  if ('view' in patch) set('view', patch.view === 'waterfall' ? undefined : patch.view);
  if ('logs' in patch) {
    const logs = patch.logs ?? DEFAULT_LOG_FILTERS;
    set('lsev', logs.minSeverity);
    set('lsvc', logs.service?.slice(0, MAX_NAME_CHARS));
    set('lq', logs.text.slice(0, MAX_LOG_TEXT_CHARS));
    set('lspan', logs.spanScope);
  }
  if ('group' in patch) set('group', patch.group === undefined || patch.group === 'service' ? undefined : formatGrouping(patch.group));
  if ('sort' in patch) set('sort', patch.sort ? `${patch.sort.column}.${patch.sort.direction}` : undefined);
  if ('collapse' in patch) set('collapse', patch.collapse ? formatCollapse(patch.collapse) : undefined);
  return next;
}

/** The whole trace page's state as a query string (what "Copy link" shares): `source` kept, other foreign parameters dropped. */
export function traceStateParams(current: URLSearchParams, state: TraceUrlState): URLSearchParams {
  const base = new URLSearchParams();
  const source = current.get('source');
  if (source !== null) base.set('source', source);
  // the flame view's own settings (mode, focus, colour, order, dimming: flame-url.ts) travel too
  const flame = readFlameUrl(current).state;
  return writeFlameUrl(writeTraceUrl(base, state), flame);
}

export function parseGrouping(text: string): StatsGrouping | undefined {
  if (text === 'service' || text === 'operation' || text === 'service+operation') return text;
  if (text.startsWith('attr:')) {
    const attribute = text.slice(5);
    if (attribute !== '' && attribute.length <= MAX_NAME_CHARS) return { attribute };
  }
  return undefined;
}

export function formatGrouping(group: StatsGrouping): string {
  return typeof group === 'string' ? group : `attr:${group.attribute.slice(0, MAX_NAME_CHARS)}`;
}

function parseSort(text: string): StatsSort | undefined {
  const m = /^([a-z]+)\.(asc|desc)$/.exec(text);
  if (!m || !(STATS_COLUMNS as readonly string[]).includes(m[1] ?? '')) return undefined;
  return { column: m[1] as StatsColumn, direction: m[2] as 'asc' | 'desc' };
}

/** `depth:3,+<id>,-<id>`; undefined when any part is malformed (half a collapse state would mislead). */
export function parseCollapse(text: string): CollapseState | undefined {
  let depth: number | undefined;
  const collapsed: string[] = [];
  const expanded: string[] = [];
  const parts = text.split(',');
  if (parts.length > MAX_COLLAPSE_IDS + 1) return undefined;
  for (const [k, part] of parts.entries()) {
    const d = /^depth:(\d{1,5})$/.exec(part);
    if (d && k === 0) {
      depth = Number(d[1]);
      if (depth > MAX_DEPTH) return undefined;
      continue;
    }
    const id = /^([+-])([0-9a-f]{16})$/i.exec(part);
    if (!id) return undefined;
    (id[1] === '+' ? collapsed : expanded).push((id[2] ?? '').toLowerCase());
  }
  return { ...(depth !== undefined ? { depth } : {}), collapsed, expanded };
}

/** Keeps the depth and the first MAX_COLLAPSE_IDS hand toggles; undefined when nothing is collapsed. */
export function formatCollapse(state: CollapseState): string | undefined {
  const parts: string[] = [];
  if (state.depth !== undefined) parts.push(`depth:${Math.min(Math.max(0, Math.floor(state.depth)), MAX_DEPTH)}`);
  const ids = [...state.collapsed.map((id) => `+${id}`), ...state.expanded.map((id) => `-${id}`)].filter((p) => SPAN_ID_RE.test(p.slice(1)));
  parts.push(...ids.slice(0, MAX_COLLAPSE_IDS));
  return parts.length > 0 ? parts.join(',') : undefined;
}

/**
 * The path and query of another trace (or a span in it), keeping the data source so
 * the link opens in the same backend.
 */
export function traceHref(current: URLSearchParams, traceId: string, spanId?: string): string {
  const next = new URLSearchParams();
  const source = current.get('source');
  if (source !== null) next.set('source', source);
  if (spanId !== undefined) next.set('span', spanId);
  const query = next.toString();
  return `/trace/${encodeURIComponent(traceId)}${query ? `?${query}` : ''}`;
}

export function parseWindow(text: string): TimeWindow | undefined {
  const m = /^(\d*\.?\d+)-(\d*\.?\d+)$/.exec(text);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = Number(m[2]);
  if (!(from >= 0 && to <= 1 && to - from >= MIN_WINDOW_FRACTION)) return undefined;
  return { from, to };
}

/** Clamp and order a window a gesture produced; undefined for the whole trace. */
export function clampWindow(from: number, to: number): TimeWindow | undefined {
  let a = Math.max(0, Math.min(from, to));
  let b = Math.min(1, Math.max(from, to));
  if (b - a < MIN_WINDOW_FRACTION) {
    const mid = (a + b) / 2;
    a = Math.max(0, mid - MIN_WINDOW_FRACTION / 2);
    b = Math.min(1, a + MIN_WINDOW_FRACTION);
  }
  const window = { from: a, to: b };
  return isFullWindow(window) ? undefined : window;
}

function isFullWindow(w: TimeWindow): boolean {
  return w.from <= 0 && w.to >= 1;
}

/** Seven decimals: enough for MIN_WINDOW_FRACTION, short enough to read. */
function formatWindow(w: TimeWindow): string {
  const f = (x: number) => String(Number(x.toFixed(7)));
  return `${f(w.from)}-${f(w.to)}`;
}
