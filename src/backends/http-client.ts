import { formatDurationNs } from '../core';
import { BackendError } from './backend-error';

/** A backend that has not answered in 30 s will not; the user gets a Retry instead of a spinner. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface FetchOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** the data source's name, for messages */
  readonly sourceName: string;
  /** extra request headers (a same-origin proxy adds credentials; these are protocol flags) */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * GET `url` and return the body as text, turning every failure into a
 * BackendError with a message that names the data source and the URL.
 * An abort by the caller is rethrown as is (react-query expects that).
 */
export async function fetchText(url: string, options: FetchOptions): Promise<{ status: number; text: string }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { Accept: 'application/json', ...options.headers } });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (timeout.aborted) {
      throw new BackendError('timeout', `${options.sourceName} did not answer within ${formatDurationNs(timeoutMs * 1e6)} (${url}).`, url);
    }
    throw new BackendError(
      'network',
      `Could not reach ${options.sourceName} at ${url}: the server is down, the address is wrong, or the proxy/CORS set-up does not let the browser read it.`,
      url,
    );
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new BackendError('network', `${options.sourceName} closed the connection before the answer was complete (${url}).`, url, response.status);
  }
  if (response.status === 404) {
    throw new BackendError('not-found', serverMessage(text) ?? 'not found', url, 404);
  }
  if (!response.ok) {
    const detail = serverMessage(text);
    throw new BackendError(
      'http',
      `${options.sourceName} answered ${response.status} ${response.statusText}`.trim() + (detail ? `: ${detail}` : '.'),
      url,
      response.status,
    );
  }
  return { status: response.status, text };
}

/** GET and parse JSON; an HTML page (a proxy's login page) or cut-off JSON is a 'bad-response'. */
export async function fetchJson(url: string, options: FetchOptions): Promise<unknown> {
  const { text } = await fetchText(url, options);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const looksHtml = /^\s*</.test(text);
    throw new BackendError(
      'bad-response',
      looksHtml
        ? `${options.sourceName} sent an HTML page instead of JSON (${url}) — is a proxy or login page in the way?`
        : `${options.sourceName} sent a response that is not valid JSON (${url}).`,
      url,
    );
  }
}

/**
 * The server's own words from an error body: Jaeger sends JSON as text/plain
 * (`{"error":{"message":…}}`), the OTLP receiver a google.rpc.Status, Tempo plain text.
 * Bounded, since a proxy may send a whole HTML page.
 */
export function serverMessage(body: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  try {
    const parsed = JSON.parse(trimmed) as unknown;
    if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      const nested = record.error;
      if (typeof nested === 'object' && nested !== null && typeof (nested as Record<string, unknown>).message === 'string') {
        return (nested as Record<string, string>).message;
      }
      if (typeof record.message === 'string') return record.message;
      if (typeof nested === 'string') return nested;
    }
  } catch {
    // not JSON: plain text (Tempo) or HTML (a proxy)
  }
  if (/^<(!doctype|html)/i.test(trimmed)) return 'an HTML page (is a proxy in the way?)';
  return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
}
