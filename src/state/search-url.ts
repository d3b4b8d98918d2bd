import {
  DEFAULT_LOOKBACK,
  DEFAULT_SEARCH_LIMIT,
  isLookback,
  lookbackMs,
  parseDuration,
  parseLogfmt,
  parseTraceQL,
  type Lookback,
  type SearchQuery,
  type SortDirection,
  type SummarySortKey,
} from '../core';

/**
 * The search form as the URL holds it: what a user typed, kept as typed so a
 * link reproduces the form exactly. One module reads and writes it; an invalid
 * parameter is dropped (with a note) without losing the valid ones.
 */
export interface SearchForm {
  readonly service: string;
  readonly operation: string;
  /** logfmt, e.g. `http.route=/cart error=true` */
  readonly tags: string;
  readonly minDuration: string;
  readonly maxDuration: string;
  readonly lookback: Lookback;
  /** an absolute window (unix ms) instead of the lookback: set by brushing the scatter plot or the custom range */
  readonly range?: { readonly startMs: number; readonly endMs: number };
  readonly limit: number;
  readonly errorsOnly: boolean;
  /** TraceQL typed by the user; when set it is the whole query (Tempo sources) */
  readonly traceql?: string;
}

export const EMPTY_FORM: SearchForm = {
  service: '',
  operation: '',
  tags: '',
  minDuration: '',
  maxDuration: '',
  lookback: DEFAULT_LOOKBACK,
  limit: DEFAULT_SEARCH_LIMIT,
  errorsOnly: false,
};

const MAX_LIMIT = 1000;
const FORM_KEYS = ['service', 'operation', 'tags', 'minDuration', 'maxDuration', 'lookback', 'start', 'end', 'limit', 'errors', 'q'] as const;

/** True when the URL asks for a search (the user pressed Search, or pasted such a link). */
export function hasSearch(params: URLSearchParams): boolean {
  return FORM_KEYS.some((key) => params.has(key));
}

export function readSearchForm(params: URLSearchParams): { form: SearchForm; dropped: string[] } {
  const dropped: string[] = [];
  const text = (key: string) => (params.get(key) ?? '').slice(0, 2000);
  const lookbackText = params.get('lookback');
  let lookback = DEFAULT_LOOKBACK;
  if (lookbackText !== null) {
    if (isLookback(lookbackText)) lookback = lookbackText;
    else dropped.push(`lookback "${lookbackText}"`);
  }
  let limit = DEFAULT_SEARCH_LIMIT;
  const limitText = params.get('limit');
  if (limitText !== null) {
    const n = Number(limitText);
    if (Number.isInteger(n) && n > 0 && n <= MAX_LIMIT) limit = n;
    else dropped.push(`limit "${limitText}"`);
  }
  let range: SearchForm['range'];
  const startText = params.get('start');
  const endText = params.get('end');
  if (startText !== null || endText !== null) {
    const startMs = Number(startText);
    const endMs = Number(endText);
    if (Number.isSafeInteger(startMs) && Number.isSafeInteger(endMs) && startMs >= 0 && endMs > startMs) range = { startMs, endMs };
    else dropped.push(`time range "${startText ?? ''}".."${endText ?? ''}"`);
  }
  const errorsText = params.get('errors');
  if (errorsText !== null && errorsText !== 'true' && errorsText !== 'false') dropped.push(`errors "${errorsText}"`);
  return {
    form: {
      service: text('service'),
      operation: text('operation'),
      tags: text('tags'),
      minDuration: text('minDuration'),
      maxDuration: text('maxDuration'),
      lookback,
      range,
      limit,
      errorsOnly: errorsText === 'true',
      traceql: params.has('q') ? text('q') : undefined,
    },
    dropped,
  };
}

export function writeSearchForm(form: SearchForm): URLSearchParams {
  const params = new URLSearchParams();
  if (form.traceql !== undefined) {
    params.set('q', form.traceql);
    writeWindow(params, form);
    params.set('limit', String(form.limit));
    return params;
  }
  if (form.service) params.set('service', form.service);
  if (form.service && form.operation) params.set('operation', form.operation);
  if (form.tags.trim()) params.set('tags', form.tags.trim());
  if (form.minDuration.trim()) params.set('minDuration', form.minDuration.trim());
  if (form.maxDuration.trim()) params.set('maxDuration', form.maxDuration.trim());
  writeWindow(params, form);
  params.set('limit', String(form.limit));
  if (form.errorsOnly) params.set('errors', 'true');
  return params;
}

function writeWindow(params: URLSearchParams, form: SearchForm): void {
  if (form.range) {
    params.set('start', String(Math.round(form.range.startMs)));
    params.set('end', String(Math.round(form.range.endMs)));
  } else {
    params.set('lookback', form.lookback);
  }
}

export type FormErrors = Partial<Record<'tags' | 'minDuration' | 'maxDuration' | 'traceql', string>>;

/** The form → a backend query, or the reasons it cannot be one. */
export function toSearchQuery(form: SearchForm, nowMs: number): { query?: SearchQuery; errors: FormErrors } {
  const errors: FormErrors = {};
  const startMs = form.range ? form.range.startMs : nowMs - lookbackMs(form.lookback);
  const endMs = form.range ? form.range.endMs : nowMs;
  if (form.traceql !== undefined) {
    // An empty box asks for every trace, as Grafana's editor does.
    const traceql = form.traceql.trim() === '' ? '{ }' : form.traceql;
    // A syntax error is caught here, with Tempo's own wording and position, so the
    // form can point at it; anything else (a construct only a newer Tempo knows, a
    // type error) is the backend's to judge, and its error text reaches the person.
    const parsed = parseTraceQL(traceql);
    if (!parsed.ok && parsed.kind === 'syntax') return { errors: { traceql: parsed.error } };
    return { errors, query: { tags: [], traceql, startMs, endMs, limit: form.limit } };
  }
  const tags = parseLogfmt(form.tags);
  if (!tags.ok) errors.tags = tags.error;
  const duration = (text: string, field: 'minDuration' | 'maxDuration') => {
    if (!text.trim()) return undefined;
    const parsed = parseDuration(text);
    if (parsed.ok) return parsed.ns;
    errors[field] = parsed.error;
    return undefined;
  };
  const minDurationNs = duration(form.minDuration, 'minDuration');
  const maxDurationNs = duration(form.maxDuration, 'maxDuration');
  if (minDurationNs !== undefined && maxDurationNs !== undefined && maxDurationNs < minDurationNs) {
    errors.maxDuration = 'max duration is shorter than min duration';
  }
  if (Object.keys(errors).length > 0 || !tags.ok) return { errors };
  return {
    errors,
    query: {
      service: form.service || undefined,
      operation: (form.service && form.operation) || undefined,
      tags: tags.pairs,
      minDurationNs,
      maxDurationNs,
      startMs,
      endMs,
      limit: form.limit,
      errorsOnly: form.errorsOnly,
    },
  };
}

/** Auto-refresh ("live") is a view option beside the query: `live=1`. */
export function isLive(params: URLSearchParams): boolean {
  return params.get('live') === '1';
}

export function withLive(params: URLSearchParams, live: boolean): URLSearchParams {
  const next = new URLSearchParams(params);
  if (live) next.set('live', '1');
  else next.delete('live');
  return next;
}

/** The results' order, a view option beside the query (`sort=duration-desc`): a link shows the table as it was. */
export interface ResultSort {
  readonly key: SummarySortKey;
  readonly direction: SortDirection;
}

const SORT_KEYS: readonly SummarySortKey[] = ['root', 'start', 'duration', 'spans', 'errors'];
const DIRECTIONS: Record<string, SortDirection> = { asc: 'ascending', desc: 'descending' };

/** The sort the URL names, null for the backend's order; `dropped` says what could not be read. */
export function readSort(params: URLSearchParams): { sort: ResultSort | null; dropped?: string } {
  const text = params.get('sort');
  if (text === null) return { sort: null };
  const match = /^([a-z]+)-(asc|desc)$/.exec(text);
  const key = SORT_KEYS.find((k) => k === match?.[1]);
  const direction = match?.[2] !== undefined ? DIRECTIONS[match[2]] : undefined;
  if (key === undefined || direction === undefined) return { sort: null, dropped: `sort "${text.slice(0, 40)}"` };
  return { sort: { key, direction } };
}

export function withSort(params: URLSearchParams, sort: ResultSort | null): URLSearchParams {
  const next = new URLSearchParams(params);
  if (sort) next.set('sort', `${sort.key}-${sort.direction === 'ascending' ? 'asc' : 'desc'}`);
  else next.delete('sort');
  return next;
}

/** The parameters that make the query: view options (auto-refresh, sort) change what is shown, not what is asked. */
export function queryParams(params: URLSearchParams): URLSearchParams {
  return withSort(withLive(params, false), null);
}
