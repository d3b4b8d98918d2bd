import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isHttpUrl, LOGS_PROXY_PREFIX, PROXY_PREFIX, type TraceryConfig } from '../../src/state/config.ts';
import { headersFor, type ProxyHeaders } from './proxy-secrets.ts';
import { crossOriginRefusal } from './same-origin-guard.ts';

/** One proxied server: what `/proxy/<id>/…` or `/proxy-logs/<id>/…` reaches. */
export interface ProxyTarget {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
}

/** A source's query server and its Loki, each keyed by the whole id (a prefix never matches another id). */
export interface ProxyTable {
  readonly [PROXY_PREFIX]: ReadonlyMap<string, ProxyTarget>;
  readonly [LOGS_PROXY_PREFIX]: ReadonlyMap<string, ProxyTarget>;
}

/** Connection-level headers, and what must not cross the proxy in either direction (cookies of Tracery's origin, the backend's). */
const DROPPED_REQUEST_HEADERS = new Set(['connection', 'keep-alive', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'cookie']);
const DROPPED_RESPONSE_HEADERS = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'trailer', 'transfer-encoding', 'upgrade', 'set-cookie']);
/** longer than any source's `timeoutSeconds` may be (3600 s): the browser gives up first and its abort ends the upstream call */
const UPSTREAM_IDLE_MS = 3_700_000;

export function proxyTable(config: TraceryConfig, secrets: ProxyHeaders): ProxyTable {
  const queries = new Map<string, ProxyTarget>();
  const logs = new Map<string, ProxyTarget>();
  for (const source of config.dataSources) {
    if (isHttpUrl(source.url)) queries.set(source.id, { url: new URL(source.url), headers: headersFor(secrets, source.id) });
    if (source.logs && isHttpUrl(source.logs.url)) {
      const logsHeaders = headersFor(secrets, `${source.id}-logs`);
      logs.set(source.id, { url: new URL(source.logs.url), headers: Object.keys(logsHeaders).length > 0 ? logsHeaders : headersFor(secrets, source.id) });
    }
  }
  return { [PROXY_PREFIX]: queries, [LOGS_PROXY_PREFIX]: logs };
}

/**
 * `/proxy/<id>/<rest>` and `/proxy-logs/<id>/<rest>` → the source's server at
 * `<rest>`, with its configured headers; false for any other path. Answers
 * itself (JSON errors) for an unknown id, a path with `..`, and a request a
 * browser made for another site.
 */
export function handleProxyRequest(table: ProxyTable, req: IncomingMessage, res: ServerResponse): boolean {
  const raw = req.url ?? '/';
  const prefix = raw.startsWith(`${LOGS_PROXY_PREFIX}/`) ? LOGS_PROXY_PREFIX : raw.startsWith(`${PROXY_PREFIX}/`) ? PROXY_PREFIX : undefined;
  if (prefix === undefined) return false;
  const afterPrefix = raw.slice(prefix.length + 1);
  const queryAt = afterPrefix.search(/[?#]/);
  const pathPart = queryAt === -1 ? afterPrefix : afterPrefix.slice(0, queryAt);
  const search = queryAt === -1 ? '' : afterPrefix.slice(queryAt).replace(/#.*$/, '');
  const slash = pathPart.indexOf('/');
  const id = slash === -1 ? pathPart : pathPart.slice(0, slash);
  const rest = slash === -1 ? '/' : pathPart.slice(slash);

  const target = table[prefix].get(id);
  if (!target) {
    const known = [...table[prefix].keys()];
    return answer(res, 404, `no data source "${id}" behind ${prefix}/ (${known.length > 0 ? `configured: ${known.join(', ')}` : 'none is configured with an http(s) URL'})`);
  }
  const refusal = crossOriginRefusal(req);
  if (refusal) return answer(res, 403, refusal);
  if (hasDotSegment(rest)) return answer(res, 400, `the path ${rest} has a "." or ".." segment; the proxy forwards only plain paths`);
  forward(req, res, id, target, rest + search);
  return true;
}

function forward(req: IncomingMessage, res: ServerResponse, id: string, target: ProxyTarget, pathAndQuery: string): void {
  const basePath = target.url.pathname.replace(/\/$/, '');
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !DROPPED_REQUEST_HEADERS.has(name)) headers[name] = value;
  }
  for (const [name, value] of Object.entries(target.headers)) {
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    headers[name] = value;
  }
  headers.host = target.url.host;
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send({
    protocol: target.url.protocol,
    hostname: target.url.hostname.replace(/^\[|\]$/g, ''),
    port: target.url.port,
    method: req.method,
    path: `${basePath}${pathAndQuery}`,
    headers,
  });
  upstream.setTimeout(UPSTREAM_IDLE_MS, () => upstream.destroy(new Error('timed out')));
  upstream.on('response', (answered) => {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(answered.headers)) {
      if (value !== undefined && !DROPPED_RESPONSE_HEADERS.has(name)) out[name] = value;
    }
    res.writeHead(answered.statusCode ?? 502, answered.statusMessage, out);
    answered.pipe(res);
    answered.on('error', () => res.destroy());
  });
  upstream.on('error', (error) => {
    if (res.headersSent) return void res.destroy();
    const timedOut = error.message === 'timed out';
    // the target's origin and the error's code only: never the headers, which may hold a token
    answer(res, timedOut ? 504 : 502, `the proxy could not reach data source "${id}" at ${target.url.origin}: ${(error as NodeJS.ErrnoException).code ?? error.message}`);
  });
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

/** `.` and `..` segments, plain or percent-encoded: a server may resolve them above the source's base path */
function hasDotSegment(path: string): boolean {
  return path.split('/').some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
}

function answer(res: ServerResponse, status: number, error: string): true {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error }));
  return true;
}
