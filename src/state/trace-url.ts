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
 *
 * The window is a fraction, not ns, so one link means the same part of the trace in
 * adjusted and raw times (whose durations differ).
 */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

export interface TraceUrlState {
  readonly span?: string;
  readonly window?: TimeWindow;
  readonly find: string;
  readonly matchesOnly: boolean;
  readonly criticalOnly: boolean;
  readonly rawTimes: boolean;
}

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
  return {
    state: {
      ...(span !== undefined ? { span } : {}),
      ...(window !== undefined ? { window } : {}),
      find: (params.get('find') ?? '').slice(0, MAX_FIND_CHARS),
      matchesOnly: flag('matches', '1'),
      criticalOnly: flag('critical', '1'),
      rawTimes: flag('times', 'raw'),
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
  return next;
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
