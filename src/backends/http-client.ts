import { BackendError } from './backend-error';
import { cutOffMessage, httpErrorMessage, networkMessage, notJsonMessage, parseRetryAfter, serverMessage, timeoutMessage } from './error-messages';

/** A backend that has not answered in 30 s will not; the user gets a Retry instead of a spinner. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface FetchOptions {
  readonly signal?: AbortSignal;
  /** default DEFAULT_TIMEOUT_MS; a data source's `timeoutSeconds` sets it */
  readonly timeoutMs?: number;
  /** the data source's name, for messages */
  readonly sourceName: string;
  /** extra request headers (a same-origin proxy adds credentials; these are protocol flags) */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface TextAnswer {
  readonly status: number;
  readonly text: string;
  /** the Content-Type header, '' when absent */
  readonly contentType: string;
}

/**
 * GET `url` and return the body as text, turning every failure into a
 * BackendError whose message names the data source, says what happened and
 * what to do (error-messages.ts); the URL is on the error for the UI.
 * An abort by the caller is rethrown as is (react-query expects that).
 */
export async function fetchText(url: string, options: FetchOptions): Promise<TextAnswer> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const name = options.sourceName;
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { Accept: 'application/json', ...options.headers } });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (timeout.aborted) throw new BackendError('timeout', timeoutMessage(name, timeoutMs), url);
    throw new BackendError('network', networkMessage(name), url);
  }
  let text: string;
  try {
    // the timeout covers the body too: a server may send headers, then stall
    text = await response.text();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (timeout.aborted) throw new BackendError('timeout', timeoutMessage(name, timeoutMs), url, response.status);
    throw new BackendError('network', cutOffMessage(name), url, response.status);
  }
  if (response.status === 404) {
    // callers word "not found" themselves (Jaeger's "No traces found", Go's "404 page not found")
    throw new BackendError('not-found', serverMessage(text) ?? 'not found', url, 404);
  }
  if (!response.ok) {
    const retryAfter = response.headers.get('Retry-After');
    const nowMs = Date.now();
    throw new BackendError(
      'http',
      httpErrorMessage(name, { status: response.status, statusText: response.statusText, body: text, retryAfter }, nowMs),
      url,
      response.status,
      response.status === 429 ? parseRetryAfter(retryAfter, nowMs) : undefined,
    );
  }
  return { status: response.status, text, contentType: response.headers.get('Content-Type') ?? '' };
}

/**
 * GET and parse JSON. An HTML page (a proxy's login page) or JSON that does not
 * parse (cut off) is a 'bad-response' without a status, which Jaeger's adapter
 * reads as "this route is not there" before it tries the older one.
 */
export async function fetchJson(url: string, options: FetchOptions): Promise<unknown> {
  const { text, contentType } = await fetchText(url, options);
  // a JSON body sent as text/html is still JSON: only an unreadable body is judged by its type
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BackendError('bad-response', notJsonMessage(options.sourceName, text, contentType), url);
  }
}

