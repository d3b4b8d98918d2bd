import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Headers the proxy adds per source id; `<id>-logs` keys a source's Loki when it needs other ones. */
export type ProxyHeaders = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface ProxySecrets {
  readonly headersById: ProxyHeaders;
  /** absolute paths of the files the secrets came from (or would have): no static server may answer with them */
  readonly files: readonly string[];
  readonly problems: readonly string[];
}

/** The variable naming one JSON object of the file's shape. */
export const PROXY_HEADERS_VAR = 'TRACERY_PROXY_HEADERS';
/** `TRACERY_PROXY_HEADERS_<ID>`: one source's headers as a JSON object; the id upper-cased, `-` as `_`. */
export const PROXY_HEADERS_VAR_PREFIX = `${PROXY_HEADERS_VAR}_`;
/** The file name a project root used to hold; a dev server serves the root, so it is read from there no more. */
export const LEGACY_PROXY_FILE = 'tracery.proxy.local.json';

/**
 * Outside every folder a static server serves (the project root is the dev
 * server's): `$XDG_CONFIG_HOME/tracery/proxy.json`, else `~/.config/tracery/proxy.json`.
 */
export function defaultProxyFile(env: NodeJS.ProcessEnv = process.env): string {
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return resolve(configHome, 'tracery', 'proxy.json');
}

/**
 * The proxy's secrets, from (later wins, header by header): the file
 * (`TRACERY_PROXY_FILE` or the default), the JSON variable, then the per-source
 * variables, so a container needs no file at all.
 */
export function readProxySecrets(root: string, env: NodeJS.ProcessEnv = process.env): ProxySecrets {
  const problems: string[] = [];
  const file = env.TRACERY_PROXY_FILE && env.TRACERY_PROXY_FILE !== '' ? resolve(root, env.TRACERY_PROXY_FILE) : defaultProxyFile(env);
  const legacy = resolve(root, LEGACY_PROXY_FILE);
  const merged = new Map<string, Map<string, string>>();
  const add = (entries: ProxyHeaders) => {
    for (const [id, headers] of Object.entries(entries)) {
      const into = merged.get(id) ?? new Map<string, string>();
      for (const [name, value] of Object.entries(headers)) into.set(name, value);
      merged.set(id, into);
    }
  };

  if (existsSync(file)) add(headersFileShape(readJson(file, problems), file, problems));
  if (file !== legacy && existsSync(legacy)) {
    problems.push(`${legacy} is no longer read: the dev server serves the project root. Move it to ${defaultProxyFile(env)} or name it in TRACERY_PROXY_FILE`);
  }
  const whole = env[PROXY_HEADERS_VAR];
  if (whole !== undefined && whole !== '') add(headersFileShape(parseJson(whole, PROXY_HEADERS_VAR, problems), PROXY_HEADERS_VAR, problems));
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(PROXY_HEADERS_VAR_PREFIX) || value === undefined || value === '') continue;
    const headers = headerObject(parseJson(value, name, problems), name, problems);
    if (headers) add({ [name.slice(PROXY_HEADERS_VAR_PREFIX.length)]: headers });
  }
  const headersById: Record<string, Record<string, string>> = {};
  for (const [id, headers] of merged) headersById[id] = Object.fromEntries(headers);
  return { headersById, files: [file, legacy], problems };
}

/** A source's headers: by its id, or by the variable's spelling of it (`TEMPO_PROD` for `tempo-prod`). */
export function headersFor(secrets: ProxyHeaders, id: string): Readonly<Record<string, string>> {
  const exact = secrets[id];
  const fromVariable = secrets[envSpelling(id)];
  if (exact && fromVariable) return { ...exact, ...fromVariable };
  return exact ?? fromVariable ?? {};
}

/** What `<id>` becomes in a variable's name: upper case, anything but letters and digits as `_`. */
export function envSpelling(id: string): string {
  return id.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

function readJson(path: string, problems: string[]): unknown {
  try {
    return parseJson(readFileSync(path, 'utf8'), path, problems);
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message}`);
    return undefined;
  }
}

function parseJson(text: string, where: string, problems: string[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // the message only: a secret's text must not reach a log
    problems.push(`${where} is not valid JSON (${(error as Error).name}); ignored`);
    return undefined;
  }
}

/** `{ "<source id>": { "headers": { "<name>": "<value>" } } }` */
function headersFileShape(value: unknown, where: string, problems: string[]): ProxyHeaders {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${where} must be an object keyed by data source id`);
    return {};
  }
  const result: Record<string, Record<string, string>> = {};
  for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
    const headers = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).headers : undefined;
    const object = headerObject(headers, `${where} → ${id}.headers`, problems);
    if (object) result[id] = object;
  }
  return result;
}

function headerObject(value: unknown, where: string, problems: string[]): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${where} must be an object of header names and string values`);
    return undefined;
  }
  const result: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(value as Record<string, unknown>)) {
    if (typeof headerValue !== 'string') problems.push(`${where}: the value of ${name} is not a string; ignored`);
    else if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name) || /[\r\n\0]/.test(headerValue)) problems.push(`${where}: ${name} is not a valid header; ignored`);
    else result[name] = headerValue;
  }
  return result;
}
