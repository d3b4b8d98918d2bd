/**
 * public/tracery.config.json: the data sources a deployment offers. Pure
 * parsing, no fetch, so vite.config.ts reads the same file the same way to set
 * up its proxy.
 */
export type DataSourceKind = 'tempo' | 'jaeger' | 'files';

/** Where a data source's logs are: today Grafana Loki (`query_range` filtered by trace id). */
export interface LogSourceConfig {
  readonly kind: 'loki';
  /** an absolute http(s) URL (reached through the proxy at /proxy-logs/<source id>) or a same-origin path */
  readonly url: string;
  /** LogQL stream selector; default every OTLP stream */
  readonly selector?: string;
  /** label or field holding the trace id; default `trace_id` */
  readonly traceIdField?: string;
  /** where the trace id lives: structured metadata (default, OTLP ingest), a JSON field, or the line */
  readonly style?: 'structured-metadata' | 'json' | 'line';
}

export interface DataSource {
  readonly id: string;
  readonly name: string;
  readonly kind: DataSourceKind;
  /**
   * Where the server is: an absolute http(s) URL for a real Tempo or Jaeger
   * (reached through the same-origin proxy at /proxy/<id>, since neither sends
   * CORS headers), or a same-origin path.
   */
  readonly url: string;
  /** served by the bundled demo backend (msw) in this tab */
  readonly demo: boolean;
  /** the logs correlated with this source's traces; absent: the trace page says how to add them */
  readonly logs?: LogSourceConfig;
  /** a same-origin path answering the local server's store statistics (`npm run serve`: /local/api/stats) */
  readonly stats?: string;
  /** how long a request to this source (and its logs) may take before it is reported as unanswered; default 30 */
  readonly timeoutSeconds?: number;
}

export interface TraceryConfig {
  readonly dataSources: readonly DataSource[];
  /** attribute key terms whose values the views mask until revealed; absent: core's DEFAULT_SENSITIVE_KEYS, [] masks nothing */
  readonly sensitiveKeys?: readonly string[];
  /** opened trace files bigger than this are refused before reading (`"maxFileMB"`, default 512) */
  readonly maxFileBytes?: number;
}

/** Kinds a config file may name; `files` is built in (LOCAL_FILES_SOURCE), not configured. */
const KINDS: ReadonlySet<string> = new Set<DataSourceKind>(['tempo', 'jaeger']);

/**
 * Trace files the user opened in this browser, kept in IndexedDB: always offered,
 * after the configured sources, so `/trace/<id>?source=local` links work everywhere.
 */
export const LOCAL_FILES_SOURCE: DataSource = { id: 'local', name: 'Local files', kind: 'files', url: '/', demo: false };

/** The configured sources plus Local files, which a config cannot replace (its id is reserved). */
export function withLocalFiles(config: TraceryConfig): TraceryConfig {
  return { ...config, dataSources: [...config.dataSources.filter((s) => s.id !== LOCAL_FILES_SOURCE.id), LOCAL_FILES_SOURCE] };
}

/** The proxy path a real server is reached through from the browser. */
export const PROXY_PREFIX = '/proxy';
/** The proxy path a real log server is reached through (a sibling of PROXY_PREFIX, so the two never overlap). */
export const LOGS_PROXY_PREFIX = '/proxy-logs';
const LOG_STYLES: ReadonlySet<string> = new Set(['structured-metadata', 'json', 'line']);

/**
 * Reads the config file's JSON, keeping every valid data source and saying
 * what was wrong with the others (STYLE.md rule 6: recover per entry).
 */
export function parseConfig(value: unknown): { config: TraceryConfig; problems: string[] } {
  const problems: string[] = [];
  const list = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).dataSources : undefined;
  if (!Array.isArray(list)) return { config: { dataSources: [] }, problems: ['tracery.config.json has no "dataSources" list'] };
  const dataSources: DataSource[] = [];
  list.forEach((entry: unknown, index) => {
    const e = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const { id, name, kind, url } = e;
    if (typeof id !== 'string' || !/^[\w-]+$/.test(id)) return problems.push(`dataSources[${index}]: "id" must be letters, digits, - or _`);
    if (typeof kind !== 'string' || !KINDS.has(kind)) return problems.push(`dataSources[${index}] (${id}): unknown kind ${JSON.stringify(kind)} (tempo or jaeger)`);
    if (typeof url !== 'string' || url === '') return problems.push(`dataSources[${index}] (${id}): "url" is missing`);
    if (!url.startsWith('/') && !isHttpUrl(url)) return problems.push(`dataSources[${index}] (${id}): "url" must be http(s)://… or a path starting with /`);
    if (dataSources.some((d) => d.id === id)) return problems.push(`dataSources[${index}]: duplicate id "${id}"`);
    if (id === LOCAL_FILES_SOURCE.id) return problems.push(`dataSources[${index}]: the id "${id}" is reserved for Local files (trace files opened in the browser); pick another`);
    const logs = e.logs === undefined ? undefined : parseLogSource(e.logs, `dataSources[${index}] (${id})`, problems);
    const stats = typeof e.stats === 'string' && e.stats.startsWith('/') ? e.stats : undefined;
    if (e.stats !== undefined && stats === undefined) problems.push(`dataSources[${index}] (${id}): "stats" must be a path starting with /`);
    const timeoutSeconds = parseTimeoutSeconds(e.timeoutSeconds, `dataSources[${index}] (${id})`, problems);
    dataSources.push({
      id,
      name: typeof name === 'string' && name !== '' ? name : id,
      kind: kind as DataSourceKind,
      url,
      demo: e.demo === true,
      ...(logs ? { logs } : {}),
      ...(stats ? { stats } : {}),
      ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    });
    return undefined;
  });
  const sensitiveKeys = parseSensitiveKeys((value as Record<string, unknown>).sensitiveKeys, problems);
  const maxFileMB = (value as Record<string, unknown>).maxFileMB;
  const maxFileOk = typeof maxFileMB === 'number' && Number.isFinite(maxFileMB) && maxFileMB > 0;
  if (maxFileMB !== undefined && !maxFileOk) problems.push('"maxFileMB" must be a number of megabytes above 0; the default (512) is used');
  return {
    config: { dataSources, ...(sensitiveKeys ? { sensitiveKeys } : {}), ...(maxFileOk ? { maxFileBytes: Math.round(maxFileMB * 1024 * 1024) } : {}) },
    problems,
  };
}

/** `sensitiveKeys`: a list of strings replacing the default list; anything else is named and the default kept. */
function parseSensitiveKeys(value: unknown, problems: string[]): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((k) => typeof k === 'string')) {
    problems.push('"sensitiveKeys" must be a list of strings; the default list is used');
    return undefined;
  }
  return value as string[];
}

/** The base URL the browser calls: same-origin paths as they are, real servers through the proxy. */
export function browserBaseUrl(source: DataSource): string {
  return isHttpUrl(source.url) ? `${PROXY_PREFIX}/${source.id}` : source.url;
}

/** `timeoutSeconds`: a positive number of seconds (at most an hour); anything else is named and the default kept. */
function parseTimeoutSeconds(value: unknown, where: string, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 3600) return value;
  problems.push(`${where}: "timeoutSeconds" must be a number of seconds between 0 and 3600; using 30`);
  return undefined;
}

/** A source's `logs` entry; undefined (with a problem named) when unusable: the source itself stays. */
function parseLogSource(value: unknown, where: string, problems: string[]): LogSourceConfig | undefined {
  const e = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const { kind, url, selector, traceIdField, style } = e;
  if (kind !== 'loki') return void problems.push(`${where}: logs.kind must be "loki"`);
  if (typeof url !== 'string' || (!url.startsWith('/') && !isHttpUrl(url))) return void problems.push(`${where}: logs.url must be http(s)://… or a path starting with /`);
  if (style !== undefined && (typeof style !== 'string' || !LOG_STYLES.has(style))) return void problems.push(`${where}: logs.style must be structured-metadata, json or line`);
  return {
    kind,
    url,
    ...(typeof selector === 'string' && selector !== '' ? { selector } : {}),
    ...(typeof traceIdField === 'string' && traceIdField !== '' ? { traceIdField } : {}),
    ...(typeof style === 'string' ? { style: style as LogSourceConfig['style'] & string } : {}),
  };
}

/** The base URL the browser calls for a source's logs: same-origin paths as they are, a real Loki through its proxy. */
export function browserLogsUrl(source: DataSource & { logs: LogSourceConfig }): string {
  return isHttpUrl(source.logs.url) ? `${LOGS_PROXY_PREFIX}/${source.id}` : source.logs.url;
}

/** The proxies a dev or preview server needs for real log servers: prefix → target. */
export function logsProxyTargets(config: TraceryConfig): { prefix: string; target: string }[] {
  return config.dataSources.flatMap((s) => (s.logs && isHttpUrl(s.logs.url) ? [{ prefix: `${LOGS_PROXY_PREFIX}/${s.id}`, target: s.logs.url }] : []));
}

export function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^/]/i.test(url);
}
