import { existsSync, readFileSync, realpathSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { LOGS_PROXY_PREFIX, parseConfig, PROXY_PREFIX } from '../../src/state/config.ts';
import { handleProxyRequest, proxyTable } from './backend-proxy.ts';
import { isAllowedHost } from './host-check.ts';
import { readProxySecrets } from './proxy-secrets.ts';

export const HEALTH_PATH = '/healthz';
export const CONFIG_PATH = '/tracery.config.json';

export interface AppFrontOptions {
  /** the project root (relative paths, the legacy secrets file) */
  readonly root: string;
  /** the tracery.config.json to serve and proxy for; default public/tracery.config.json */
  readonly configFile?: string;
  /** which of the file's data sources to offer and proxy (each as written in the file); default all */
  readonly keepSource?: (source: Readonly<Record<string, unknown>>) => boolean;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Host names answered besides IP addresses and localhost (scripts/server/host-check.ts);
   * `true`: any. Absent: no check here — Vite's servers check Host themselves.
   */
  readonly allowedHosts?: readonly string[] | true;
}

export interface AppFront {
  /** what GET /tracery.config.json answers: the file as written, less the sources not kept */
  readonly configJson: string;
  readonly configFile: string;
  /** the ids of the sources the proxy reaches */
  readonly proxiedSources: readonly string[];
  /** every secrets file, by its real path where it exists: no route may answer with one */
  readonly secretFiles: readonly string[];
  readonly problems: readonly string[];
  /** Answers the front's own paths (proxy, config, health, a secrets file) and returns true; false for anything else. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

/**
 * What every server of Tracery's app puts in front of it — the dev server
 * (`npm start`), `vite preview` and `npm run serve` alike: the same-origin
 * proxy to the configured real backends with their secrets, the config the app
 * reads, a health check, and a refusal to hand out the secrets file.
 */
export function createAppFront(options: AppFrontOptions): AppFront {
  const env = options.env ?? process.env;
  const configFile = resolve(options.root, options.configFile ?? 'public/tracery.config.json');
  const problems: string[] = [];
  let raw: unknown = { dataSources: [] };
  if (existsSync(configFile)) {
    try {
      raw = JSON.parse(readFileSync(configFile, 'utf8')) as unknown;
    } catch (error) {
      problems.push(`${configFile}: ${(error as Error).message}`);
    }
  } else {
    problems.push(`${configFile} does not exist`);
  }
  const { keepSource } = options;
  if (keepSource && typeof raw === 'object' && raw !== null && Array.isArray((raw as { dataSources?: unknown }).dataSources)) {
    const object = raw as { dataSources: unknown[] };
    raw = { ...object, dataSources: object.dataSources.filter((s) => typeof s !== 'object' || s === null || keepSource(s as Record<string, unknown>)) };
  }
  const parsed = parseConfig(raw);
  problems.push(...parsed.problems.map((p) => `${configFile}: ${p}`));
  const secrets = readProxySecrets(options.root, env);
  problems.push(...secrets.problems);
  const table = proxyTable(parsed.config, secrets.headersById);
  const secretFiles = [...new Set(secrets.files.flatMap((file) => [file, realPath(file)]))];
  const configJson = JSON.stringify(raw, null, 2);

  const { allowedHosts } = options;
  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (allowedHosts !== undefined && !isAllowedHost(req.headers.host, allowedHosts)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`403: this server does not answer for the host ${JSON.stringify(req.headers.host ?? '')}; name it with --allowed-hosts`);
      return true;
    }
    const path = pathnameOf(req.url ?? '/');
    if (namesSecretFile(path, options.root, secretFiles)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 not found');
      return true;
    }
    if (path === HEALTH_PATH) {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ status: 'ok', dataSources: parsed.config.dataSources.length }));
      return true;
    }
    if (path === CONFIG_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : configJson);
      return true;
    }
    return handleProxyRequest(table, req, res);
  };
  const proxiedSources = [...new Set([...table[PROXY_PREFIX].keys(), ...table[LOGS_PROXY_PREFIX].keys()])];
  return { configJson, configFile, proxiedSources, secretFiles, problems, handle };
}

function pathnameOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/**
 * Whether a URL path reaches a secrets file by any spelling a static or dev
 * server understands: percent-escapes, doubled slashes, `.` segments, or the
 * dev server's `/@fs/<absolute path>`.
 */
export function namesSecretFile(pathname: string, root: string, secretFiles: readonly string[]): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = pathname;
  }
  const plain = decoded.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  const candidates = [resolve(root, `.${plain}`)];
  const fsPrefix = '/@fs/';
  if (plain.startsWith(fsPrefix)) candidates.push(resolve(plain.slice(fsPrefix.length - 1)));
  return candidates.some((candidate) => secretFiles.includes(candidate) || secretFiles.includes(realPath(candidate)));
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
