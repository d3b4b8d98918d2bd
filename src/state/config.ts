/**
 * public/tracery.config.json: the data sources a deployment offers. Pure
 * parsing, no fetch, so vite.config.ts reads the same file the same way to set
 * up its proxy.
 */
export type DataSourceKind = 'tempo' | 'jaeger';

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
}

export interface TraceryConfig {
  readonly dataSources: readonly DataSource[];
}

const KINDS: ReadonlySet<string> = new Set<DataSourceKind>(['tempo', 'jaeger']);

/** The proxy path a real server is reached through from the browser. */
export const PROXY_PREFIX = '/proxy';

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
    dataSources.push({ id, name: typeof name === 'string' && name !== '' ? name : id, kind: kind as DataSourceKind, url, demo: e.demo === true });
    return undefined;
  });
  return { config: { dataSources }, problems };
}

/** The base URL the browser calls: same-origin paths as they are, real servers through the proxy. */
export function browserBaseUrl(source: DataSource): string {
  return isHttpUrl(source.url) ? `${PROXY_PREFIX}/${source.id}` : source.url;
}

export function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^/]/i.test(url);
}
