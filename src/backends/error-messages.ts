import { locateJsonError } from '../core';

/**
 * The words for every way a backend answers badly: what happened, naming the
 * data source, then what to do. Pure functions (the time is passed in), so each
 * message is unit-tested exactly; http-client.ts decides which one applies.
 */

/**
 * Reason phrases by status. HTTP/2 has none on the wire (`statusText` is empty
 * there), so the same status reads the same through any proxy.
 */
const REASON: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Content Too Large',
  414: 'URI Too Long',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** What to do after each status; the sentence after "… answered 503 Service Unavailable: …." */
const ADVICE: Readonly<Record<number, string>> = {
  400: 'The server could not read this request: check the search (TraceQL, tags, durations).',
  401: 'It wants credentials. Tracery sends none itself: the same-origin proxy in front of the server must add them (an Authorization header or the proxy’s own login). Check the proxy’s authentication settings.',
  403: 'The credentials the proxy sends may not read this data (a wrong token, or a missing tenant header such as X-Scope-OrgID). Check the headers the proxy adds.',
  408: 'The server gave up waiting for the request; retry in a moment.',
  413: 'The request is too large for the server: narrow the search.',
  414: 'The request is too large for the server: narrow the search.',
  500: 'The server failed while answering; its logs say why. Retry, or narrow the search if it keeps failing.',
  501: 'The server does not offer this API: check the data source’s kind (tempo or jaeger) and URL.',
  502: 'A proxy or gateway in front of the server got no valid answer from it: the server may be down or restarting. Retry in a moment; if it persists, check that the server is running.',
  503: 'The server is overloaded or restarting; retry in a moment.',
  504: 'A proxy or gateway in front of the server gave up waiting for it: the server may be overloaded or the search too broad. Retry, or narrow the search (a shorter time range).',
};

export function reasonPhrase(status: number, statusText = ''): string {
  return REASON[status] ?? statusText;
}

/** A status other than 404 (which callers word themselves), with the server's first line and advice. */
export function httpErrorMessage(sourceName: string, response: { status: number; statusText?: string; body: string; retryAfter?: string | null }, nowMs: number): string {
  const { status } = response;
  const statusLine = `${status} ${reasonPhrase(status, response.statusText)}`.trim();
  const detail = serverMessage(response.body);
  if (status === 429) {
    const waitS = parseRetryAfter(response.retryAfter ?? null, nowMs);
    const when = waitS === undefined ? 'retry in a little while' : waitS === 0 ? 'retry now' : `retry after ${formatSeconds(waitS * 1000)}`;
    return `${sourceName} is rate limiting requests (${statusLine}${detail ? `: ${withoutFinalStop(detail)}` : ''}); ${when}.`;
  }
  const advice = ADVICE[status] ?? (status >= 500 ? 'The server failed; retry in a moment.' : 'The server refused the request.');
  return `${sourceName} answered ${statusLine}${detail ? `: ${withoutFinalStop(detail)}` : ''}. ${advice}`;
}

export function timeoutMessage(sourceName: string, timeoutMs: number): string {
  return `${sourceName} did not answer within ${formatSeconds(timeoutMs)}. The server may be overloaded or the search too broad: retry, narrow the search, or raise "timeoutSeconds" for this data source in tracery.config.json.`;
}

export function networkMessage(sourceName: string): string {
  return (
    `Could not reach ${sourceName}: the browser got no answer. The server is down, the address is wrong, or the browser refused to read the answer because the server sends no CORS headers. ` +
    'Check that the server is running; a data source whose URL is http(s)://… is reached through Tracery’s same-origin proxy, which needs no CORS.'
  );
}

export function cutOffMessage(sourceName: string): string {
  return `${sourceName} closed the connection before the answer was complete. Retry; if it keeps happening, a proxy may be cutting off large answers.`;
}

/** A 2xx whose body is HTML (a proxy's login page) or JSON that does not parse (cut off, or not an API). */
export function notJsonMessage(sourceName: string, body: string, contentType: string): string {
  if (isHtml(body, contentType)) {
    const title = htmlTitle(body);
    return `${sourceName} answered with an HTML page${title ? ` (“${title}”)` : ''} instead of JSON — a login page from a proxy? Check the data source URL and the proxy’s authentication.`;
  }
  if (body.trim() === '') return `${sourceName} sent an empty answer where JSON was expected. Retry; if it persists, check the proxy in front of the server.`;
  const problem = locateJsonError(body);
  if (!problem) return `${sourceName} sent a response that is not valid JSON. Check that the data source URL points at the server’s API.`;
  const where = `at line ${problem.line}, column ${problem.column}`;
  if (problem.message.includes('the end of the text') || problem.message === 'string not closed') {
    return `${sourceName} sent a response that is not valid JSON (${where}): the answer stops in the middle, cut off by a proxy or a dropped connection. Retry; if it persists, check the proxy’s response size limits.`;
  }
  return `${sourceName} sent a response that is not valid JSON (${where}: ${problem.message}). Check that the data source URL points at the server’s API.`;
}

/**
 * The server's own words from an error body, as one bounded line: Jaeger sends
 * JSON (`{"error":{"message":…}}`), the OTLP receiver a google.rpc.Status, Tempo
 * and Loki plain text, a proxy an HTML page (named by its title).
 */
export function serverMessage(body: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  try {
    const parsed = JSON.parse(trimmed) as unknown;
    if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      const nested = record.error;
      const nestedMessage = typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>).message : undefined;
      if (typeof nestedMessage === 'string') return firstLine(nestedMessage);
      if (typeof record.message === 'string') return firstLine(record.message);
      if (typeof nested === 'string') return firstLine(nested);
    }
  } catch {
    // not JSON: plain text (Tempo, Loki) or HTML (a proxy)
  }
  if (isHtml(trimmed, '')) {
    const title = htmlTitle(trimmed);
    return title ? `an HTML page titled “${title}”` : 'an HTML page';
  }
  return firstLine(trimmed);
}

/**
 * Seconds to wait from a Retry-After header: delta-seconds or an HTTP date
 * (RFC 9110 §10.2.3); undefined when absent or unreadable, never negative.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // an HTTP date names its weekday and month; Date.parse alone would take "-5" as a year
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const dateMs = Date.parse(text);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, Math.ceil((dateMs - nowMs) / 1000));
}

/** "300 ms", "2 s", "1.5 s", "3 min": how long, for a person. */
export function formatSeconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
  if (ms < 2 * 3_600_000) return `${Math.ceil(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

function isHtml(body: string, contentType: string): boolean {
  return /^text\/html\b/i.test(contentType) || /^\s*<(!doctype\s+html|html|head|body)\b/i.test(body);
}

/** The page's <title>, as text, bounded: a proxy page is untrusted input too. */
function htmlTitle(html: string): string | undefined {
  const match = /<title[^>]*>([^<]*)<\/title>/i.exec(html.slice(0, 20_000));
  const title = match?.[1]?.replace(/\s+/g, ' ').trim();
  return title ? bounded(title, 120) : undefined;
}

/** The first non-empty line, at most 200 characters: a stack trace or a page must not flood the message. */
function firstLine(text: string): string | undefined {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '');
  return line === undefined ? undefined : bounded(line, 200);
}

function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function withoutFinalStop(text: string): string {
  return text.replace(/[.。]+$/, '');
}
