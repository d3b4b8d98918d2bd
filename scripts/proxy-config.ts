import { existsSync, readFileSync } from 'node:fs';
import type { ProxyOptions } from 'vite';
import { isHttpUrl, logsProxyTargets, parseConfig, PROXY_PREFIX } from '../src/state/config.ts';

/**
 * The same-origin proxy for real backends (Tempo sends no CORS headers at all;
 * Jaeger none by default): `/proxy/<id>/…` → the data source's URL. Headers a
 * server needs (Tempo's X-Scope-OrgID, a bearer token) come from a local file
 * that is never served to the browser nor committed: tracery.proxy.local.json,
 * `{ "<source id>": { "headers": { "X-Scope-OrgID": "tenant-a" } } }`.
 */
export function backendProxies(root: string): Record<string, ProxyOptions> {
  const configPath = `${root}/public/tracery.config.json`;
  if (!existsSync(configPath)) return {};
  const { config, problems } = parseConfig(JSON.parse(readFileSync(configPath, 'utf8')) as unknown);
  for (const problem of problems) console.warn(`tracery.config.json: ${problem}`);
  const headersById = readProxyHeaders(process.env.TRACERY_PROXY_FILE ?? `${root}/tracery.proxy.local.json`);
  const proxies: Record<string, ProxyOptions> = {};
  for (const source of config.dataSources) {
    if (!isHttpUrl(source.url)) continue;
    const prefix = `${PROXY_PREFIX}/${source.id}`;
    proxies[prefix] = {
      target: source.url,
      changeOrigin: true,
      rewrite: (path) => path.slice(prefix.length) || '/',
      headers: headersById[source.id] ?? {},
    };
  }
  // a data source's Loki, when it is a real server: /proxy-logs/<id>/… (headers keyed by the source id)
  for (const { prefix, target } of logsProxyTargets(config)) {
    const id = prefix.slice(prefix.lastIndexOf('/') + 1);
    proxies[prefix] = { target, changeOrigin: true, rewrite: (path) => path.slice(prefix.length) || '/', headers: headersById[`${id}-logs`] ?? headersById[id] ?? {} };
  }
  return proxies;
}

function readProxyHeaders(path: string): Record<string, Record<string, string>> {
  if (!existsSync(path)) return {};
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const result: Record<string, Record<string, string>> = {};
  if (typeof parsed !== 'object' || parsed === null) return result;
  for (const [id, entry] of Object.entries(parsed as Record<string, unknown>)) {
    const headers = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).headers : undefined;
    if (typeof headers !== 'object' || headers === null) continue;
    result[id] = Object.fromEntries(Object.entries(headers).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
  }
  return result;
}
