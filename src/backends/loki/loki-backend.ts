import { buildTraceLogQuery, decodeLokiQueryRange, DecodeError } from '../../core';
import type { LogRecord, TraceLogStyle } from '../../core';
import { BackendError, isBackendError } from '../backend-error';
import { fetchJson } from '../http-client';

export interface LokiSourceConfig {
  /** base URL of Loki's HTTP API, e.g. `/demo/loki` or a proxy path */
  readonly url: string;
  readonly name: string;
  /** stream selector; default every OTLP stream, `{service_name=~".+"}` */
  readonly selector?: string;
  /** label or JSON field holding the trace id; default `trace_id` */
  readonly traceIdField?: string;
  /** where this deployment keeps the trace id (see core's TraceLogStyle); default structured metadata */
  readonly style?: TraceLogStyle;
  readonly timeoutMs?: number;
  /**
   * Added before and after the trace's span times: a log is stamped by its own
   * clock and may be flushed after the span ends, so a query on the span times
   * alone misses lines. 5 min by default, far above usual drift, yet one trace's
   * id filter keeps the answer small.
   */
  readonly windowMarginMs?: number;
  /** lines asked for; Loki refuses more than `max_entries_limit_per_query` (5000 by default) */
  readonly limit?: number;
}

/** Absolute unix nanoseconds, as Trace.startUnixNano. */
export interface LogWindow {
  readonly startNs: bigint;
  readonly endNs: bigint;
}

export interface TraceLogs {
  /** oldest first */
  readonly logs: LogRecord[];
  /** problems that did not stop us: Loki's own warnings, skipped lines, a cut-off answer */
  readonly warnings: string[];
}

/** A data source that holds logs: what the trace page's Logs tab calls. */
export interface LogBackend {
  readonly kind: string;
  /** rejects with a BackendError; an abort through `signal` is rethrown as is */
  logsForTrace(traceId: string, window: LogWindow, signal?: AbortSignal): Promise<TraceLogs>;
}

export const DEFAULT_WINDOW_MARGIN_MS = 5 * 60_000;
export const DEFAULT_LOG_LIMIT = 1000;

/** Grafana Loki's `query_range`, one trace's lines (loki-and-traceql.md A1–A3). */
export function createLokiBackend(config: LokiSourceConfig): LogBackend {
  const base = config.url.replace(/\/+$/, '');
  const limit = config.limit ?? DEFAULT_LOG_LIMIT;
  const marginNs = BigInt(Math.max(0, Math.round(config.windowMarginMs ?? DEFAULT_WINDOW_MARGIN_MS))) * 1_000_000n;

  return {
    kind: 'loki',

    async logsForTrace(traceId: string, window: LogWindow, signal?: AbortSignal): Promise<TraceLogs> {
      const url = `${base}/loki/api/v1/query_range?${lokiQueryParams(traceId, window, config, marginNs, limit).toString()}`;
      let body: unknown;
      try {
        // categorize-labels: Loki keeps structured metadata (trace_id, span_id,
        // record attributes) apart from the stream's index labels
        body = await fetchJson(url, { signal, sourceName: config.name, timeoutMs: config.timeoutMs, headers: { 'X-Loki-Response-Encoding-Flags': 'categorize-labels' } });
      } catch (error) {
        // Loki answers 404 only for a path it does not serve: the URL is not Loki's
        if (isBackendError(error) && error.kind === 'not-found') {
          throw new BackendError('http', `${config.name} has no Loki query API at ${base}/loki/api/v1/query_range: is the data source URL Loki's?`, url, 404);
        }
        throw error;
      }
      let decoded;
      try {
        decoded = decodeLokiQueryRange(body);
      } catch (error) {
        if (error instanceof DecodeError) throw new BackendError('bad-response', `${config.name}: ${error.message} (${url}).`, url);
        throw error;
      }
      const warnings = [...decoded.warnings];
      if (decoded.logs.length >= limit) {
        warnings.push(`${config.name} returned its limit of ${limit} lines: later lines of this trace are not shown.`);
      }
      return { logs: decoded.logs, warnings };
    },
  };
}

/**
 * `query_range` parameters: the LogQL for the trace, the window widened by the
 * margin as ns integers (Loki reads integers over 10 digits as ns; `end` is
 * exclusive, hence + 1), oldest lines first.
 */
export function lokiQueryParams(traceId: string, window: LogWindow, config: Pick<LokiSourceConfig, 'selector' | 'traceIdField' | 'style'>, marginNs: bigint, limit: number): URLSearchParams {
  const query = buildTraceLogQuery({
    traceId,
    ...(config.selector !== undefined ? { selector: config.selector } : {}),
    ...(config.traceIdField !== undefined ? { traceIdField: config.traceIdField } : {}),
    ...(config.style !== undefined ? { style: config.style } : {}),
  });
  const [from, to] = window.startNs <= window.endNs ? [window.startNs, window.endNs] : [window.endNs, window.startNs];
  const start = from > marginNs ? from - marginNs : 0n;
  const end = to + marginNs + 1n;
  return new URLSearchParams({ query, start: start.toString(), end: end.toString(), limit: String(limit), direction: 'forward' });
}
