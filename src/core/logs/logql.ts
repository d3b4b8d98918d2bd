import { normaliseTraceId } from '../model/ids';
import { LABEL_NAME_RE, lokiLabelName } from './loki-labels';

/**
 * Where a deployment keeps the trace id of a log line, which decides the query:
 * - `structured-metadata`: OTLP logs ingested by Loki 3 (`trace_id` is structured
 *   metadata, filtered without a parser): `{…} | trace_id="<id>"`
 * - `json`: applications that write JSON lines with the id as a field:
 *   `{…} |= "<id>" | json | trace_id="<id>"`
 * - `line`: the id is somewhere in the text: `{…} |= "<id>"`
 */
export type TraceLogStyle = 'structured-metadata' | 'json' | 'line';

export interface TraceLogQueryOptions {
  /** any case or length up to 32 hex chars (Tempo's search drops leading zeros) */
  readonly traceId: string;
  /** a stream selector; default `{service_name=~".+"}`, which every OTLP stream has */
  readonly selector?: string;
  /** the label or JSON field holding the id; default `trace_id` */
  readonly traceIdField?: string;
  readonly style?: TraceLogStyle;
}

/**
 * Loki refuses a selector whose every matcher accepts the empty string (A2), so
 * "all streams" is spelled with `.+`; every OTLP-ingested stream has service_name.
 */
export const DEFAULT_LOG_SELECTOR = '{service_name=~".+"}';
export const DEFAULT_TRACE_ID_FIELD = 'trace_id';

/** LogQL for one trace's logs. Throws a RangeError for an id or field that cannot be queried. */
export function buildTraceLogQuery(options: TraceLogQueryOptions): string {
  const traceId = normaliseTraceId(options.traceId);
  // Loki compares text: the id must be spelled as producers write it (32 lower-case hex)
  if (traceId === undefined || !/^[0-9a-f]{32}$/.test(traceId)) throw new RangeError(`not a trace id: "${options.traceId}"`);
  const selector = normaliseSelector(options.selector ?? DEFAULT_LOG_SELECTOR);
  const quoted = quoteLogQL(traceId);
  const style = options.style ?? 'structured-metadata';
  if (style === 'line') return `${selector} |= ${quoted}`;
  const field = options.traceIdField ?? DEFAULT_TRACE_ID_FIELD;
  if (style === 'json') {
    // `| json` names nested fields with `_` (otel.trace_id → otel_trace_id). The
    // line filter first lets Loki skip parsing every line that cannot match,
    // the speed-up its docs recommend.
    const label = lokiLabelName(field);
    return `${selector} |= ${quoted} | json | ${label}=${quoted}`;
  }
  if (!LABEL_NAME_RE.test(field)) throw new RangeError(`not a Loki label name: "${field}"`);
  return `${selector} | ${field}=${quoted}`;
}

/** `{service_name=~"checkout|cart"}`: only the streams of a trace's services, much cheaper than `.+` on a busy Loki. */
export function serviceSelector(services: readonly string[], label = 'service_name'): string {
  const names = [...new Set(services)].filter((s) => s !== '').sort();
  if (names.length === 0) return DEFAULT_LOG_SELECTOR;
  if (names.length === 1) return `{${label}=${quoteLogQL(names[0] ?? '')}}`;
  return `{${label}=~${quoteLogQL(names.map(escapeRegex).join('|'))}}`;
}

/** A LogQL string literal. LogQL strings are Go strings, and JSON's escapes are a subset of Go's. */
export function quoteLogQL(text: string): string {
  return JSON.stringify(text);
}

/** RE2 and JS agree on these metacharacters. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/** Accepts `service_name="x"` as well as `{service_name="x"}`: data-source settings are typed by people. */
function normaliseSelector(selector: string): string {
  const trimmed = selector.trim();
  if (trimmed === '') return DEFAULT_LOG_SELECTOR;
  return trimmed.startsWith('{') ? trimmed : `{${trimmed}}`;
}
