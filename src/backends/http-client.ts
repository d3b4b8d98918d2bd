import { BackendError } from './backend-error';
import { cutOffMessage, httpErrorMessage, networkMessage, notJsonMessage, parseRetryAfter, serverMessage, timeoutMessage } from './error-messages';
import { appendBytes } from '../core';

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

/** A body read as bytes: the Content-Type said it is binary (protobuf). */
export interface BytesAnswer {
  readonly status: number;
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

/**
 * GET `url` and return the body as text, turning every failure into a
 * BackendError whose message names the data source, says what happened and
 * what to do (error-messages.ts); the URL is on the error for the UI.
 * An abort by the caller is rethrown as is (react-query expects that).
 */
export async function fetchText(url: string, options: FetchOptions): Promise<TextAnswer> {
  const answer = await fetchAnswer(url, options, { accept: 'application/json', isBinary: () => false });
  return 'text' in answer ? answer : { status: answer.status, text: new TextDecoder().decode(answer.bytes), contentType: answer.contentType };
}

export interface AnswerReading {
  /** the Accept header */
  readonly accept: string;
  /** read a successful body as bytes when its Content-Type says so */
  readonly isBinary: (contentType: string) => boolean;
  /**
   * bytes received so far of a binary body, the Content-Length when there is one, and
   * the body so far (`body[0, received)`; a new array when it grew), for a reader that
   * decodes while the rest arrives
   */
  readonly onBytes?: (received: number, total: number | undefined, body: Uint8Array) => void;
  /**
   * read a binary body chunk by chunk whatever its size (a worker, whose turns per chunk
   * cost the page nothing); otherwise only bodies above STREAM_ABOVE_BYTES are
   */
  readonly chunked?: boolean;
}

/**
 * fetchText for endpoints that may answer in a binary form (Tempo's trace by id in
 * protobuf): a successful body the caller calls binary is read as bytes, chunk by
 * chunk so the page can show progress; errors are read as text and worded as fetchText does.
 */
export async function fetchAnswer(url: string, options: FetchOptions, reading: AnswerReading): Promise<TextAnswer | BytesAnswer> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const name = options.sourceName;
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { Accept: reading.accept, ...options.headers } });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (timeout.aborted) throw new BackendError('timeout', timeoutMessage(name, timeoutMs), url);
    throw new BackendError('network', networkMessage(name), url);
  }
  const contentType = response.headers.get('Content-Type') ?? '';
  const binary = response.ok && reading.isBinary(contentType);
  let text = '';
  let bytes: Uint8Array | undefined;
  try {
    // the timeout covers the body too: a server may send headers, then stall
    if (binary) bytes = await readBytes(response, reading);
    else text = await response.text();
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
  return bytes ? { status: response.status, bytes, contentType } : { status: response.status, text, contentType };
}

const STREAM_ABOVE_BYTES = 64 * 2 ** 20;

/**
 * The whole body as bytes, reporting progress per chunk. With a Content-Length the
 * chunks go straight into one buffer of that size (a compressed body's length counts
 * compressed bytes, so the buffer grows if the body turns out longer).
 */
async function readBytes(response: Response, { onBytes, chunked }: AnswerReading): Promise<Uint8Array> {
  const length = Number(response.headers.get('Content-Length') ?? Number.NaN);
  const total = Number.isFinite(length) && length >= 0 ? length : undefined;
  const body = response.body;
  // Reading chunk by chunk costs the page's thread a JS turn per 64 KiB (~0.4 s for
  // 23 MB, beside the page's own start-up); arrayBuffer() reads natively. So on the
  // page only an answer big enough to take seconds is streamed for its progress bar.
  if (!body || !onBytes || (!chunked && total !== undefined && total < STREAM_ABOVE_BYTES)) return new Uint8Array(await response.arrayBuffer());
  const reader = body.getReader();
  let out = new Uint8Array(total ?? 1 << 20);
  let received = 0;
  onBytes(0, total, out);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out = appendBytes(out, received, value);
    received += value.byteLength;
    onBytes(received, total, out);
  }
  // a copy rather than a view of a buffer up to twice too big (grown by doubling);
  // positions stay, so a reader that decoded on the way keeps its offsets
  return received === out.length ? out : out.slice(0, received);
}

/**
 * GET and parse JSON. An HTML page (a proxy's login page) or JSON that does not
 * parse (cut off) is a 'bad-response' without a status, which Jaeger's adapter
 * reads as "this route is not there" before it tries the older one.
 */
export async function fetchJson(url: string, options: FetchOptions): Promise<unknown> {
  return parseJsonAnswer(await fetchText(url, options), url, options.sourceName);
}

/** A text answer's JSON, or the 'bad-response' fetchJson describes. */
export function parseJsonAnswer({ text, contentType }: TextAnswer, url: string, sourceName: string): unknown {
  // a JSON body sent as text/html is still JSON: only an unreadable body is judged by its type
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BackendError('bad-response', notJsonMessage(sourceName, text, contentType), url);
  }
}

