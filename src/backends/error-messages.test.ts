import { describe, expect, it } from 'vitest';
import { formatSeconds, httpErrorMessage, networkMessage, notJsonMessage, parseRetryAfter, serverMessage, timeoutMessage } from './error-messages';

const NAME = 'Demo shop (Tempo API)';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const http = (status: number, body = '', retryAfter: string | null = null) => httpErrorMessage(NAME, { status, body, retryAfter }, NOW);

describe('httpErrorMessage', () => {
  it.each([
    [500, 'panic: runtime error: index out of range\ngoroutine 1 [running]:', `${NAME} answered 500 Internal Server Error: panic: runtime error: index out of range. The server failed while answering; its logs say why. Retry, or narrow the search if it keeps failing.`],
    [502, '', `${NAME} answered 502 Bad Gateway. A proxy or gateway in front of the server got no valid answer from it: the server may be down or restarting. Retry in a moment; if it persists, check that the server is running.`],
    [503, 'querier is restarting.\n', `${NAME} answered 503 Service Unavailable: querier is restarting. The server is overloaded or restarting; retry in a moment.`],
    [504, '<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center><hr><center>nginx</center></body></html>', `${NAME} answered 504 Gateway Timeout: an HTML page titled “504 Gateway Time-out”. A proxy or gateway in front of the server gave up waiting for it: the server may be overloaded or the search too broad. Retry, or narrow the search (a shorter time range).`],
    [401, '', `${NAME} answered 401 Unauthorized. It wants credentials. Tracery sends none itself: the same-origin proxy in front of the server must add them (an Authorization header or the proxy’s own login). Check the proxy’s authentication settings.`],
    [403, '{"error":{"code":403,"message":"no org id"}}', `${NAME} answered 403 Forbidden: no org id. The credentials the proxy sends may not read this data (a wrong token, or a missing tenant header such as X-Scope-OrgID). Check the headers the proxy adds.`],
    [400, 'invalid TraceQL query: parse error at line 1, col 3', `${NAME} answered 400 Bad Request: invalid TraceQL query: parse error at line 1, col 3. The server could not read this request: check the search (TraceQL, tags, durations).`],
    [418, "I'm a teapot", `${NAME} answered 418: I'm a teapot. The server refused the request.`],
    [599, '', `${NAME} answered 599. The server failed; retry in a moment.`],
  ])('%d says what happened and what to do', (status, body, message) => {
    expect(http(status, body)).toBe(message);
  });

  it('429 reads Retry-After as seconds or as an HTTP date', () => {
    expect(http(429, 'too many requests', '30')).toBe(`${NAME} is rate limiting requests (429 Too Many Requests: too many requests); retry after 30 s.`);
    expect(http(429, '', new Date(NOW + 90_500).toUTCString())).toBe(`${NAME} is rate limiting requests (429 Too Many Requests); retry after 90 s.`);
    expect(http(429, '', '600')).toBe(`${NAME} is rate limiting requests (429 Too Many Requests); retry after 10 min.`);
    expect(http(429, '')).toBe(`${NAME} is rate limiting requests (429 Too Many Requests); retry in a little while.`);
    expect(http(429, '', new Date(NOW - 5000).toUTCString())).toBe(`${NAME} is rate limiting requests (429 Too Many Requests); retry now.`);
  });

  it('prefers the standard reason phrase to what the server wrote (HTTP/2 sends none)', () => {
    expect(httpErrorMessage(NAME, { status: 503, statusText: '', body: '' }, NOW)).toMatch(/^Demo shop \(Tempo API\) answered 503 Service Unavailable\. /);
    expect(httpErrorMessage(NAME, { status: 499, statusText: 'Client Closed Request', body: '' }, NOW)).toBe(`${NAME} answered 499 Client Closed Request. The server refused the request.`);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120],
    [' 0 ', 0],
    ['Thu, 15 Jan 2026 12:00:45 GMT', 45],
    ['Thu, 15 Jan 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
  ])('%j → %j', (value, seconds) => {
    expect(parseRetryAfter(value, NOW)).toBe(seconds);
  });
  it('no header, no wait', () => expect(parseRetryAfter(null, NOW)).toBeUndefined());
});

describe('timeouts and the network', () => {
  it('a timeout names the time and the setting that changes it', () => {
    expect(timeoutMessage(NAME, 30_000)).toBe(
      `${NAME} did not answer within 30 s. The server may be overloaded or the search too broad: retry, narrow the search, or raise "timeoutSeconds" for this data source in tracery.config.json.`,
    );
    expect(timeoutMessage(NAME, 2_000)).toContain('within 2 s.');
  });

  it('a network failure explains CORS and the proxy that avoids it', () => {
    expect(networkMessage(NAME)).toBe(
      `Could not reach ${NAME}: the browser got no answer. The server is down, the address is wrong, or the browser refused to read the answer because the server sends no CORS headers. Check that the server is running; a data source whose URL is http(s)://… is reached through Tracery’s same-origin proxy, which needs no CORS.`,
    );
  });

  it.each([
    [300, '300 ms'],
    [2000, '2 s'],
    [1500, '1.5 s'],
    [30_000, '30 s'],
    [600_000, '10 min'],
    [7_200_000, '2 h'],
  ])('formatSeconds(%d) = %s', (ms, text) => expect(formatSeconds(ms)).toBe(text));
});

describe('notJsonMessage', () => {
  it('an HTML page at 200 is called a login page from a proxy, with its title', () => {
    const page = '<!DOCTYPE html>\n<html><head><title>Sign in · Acme SSO</title></head><body><form>…</form></body></html>';
    expect(notJsonMessage(NAME, page, 'text/html; charset=utf-8')).toBe(
      `${NAME} answered with an HTML page (“Sign in · Acme SSO”) instead of JSON — a login page from a proxy? Check the data source URL and the proxy’s authentication.`,
    );
    // told by its Content-Type even when it does not start like a page
    expect(notJsonMessage(NAME, 'Please log in', 'text/html')).toBe(
      `${NAME} answered with an HTML page instead of JSON — a login page from a proxy? Check the data source URL and the proxy’s authentication.`,
    );
  });

  it('JSON cut in half says where it stops and why that happens', () => {
    const full = JSON.stringify({ traces: [{ traceID: 'abc', rootServiceName: 'frontend' }] });
    expect(notJsonMessage(NAME, full.slice(0, 30), 'application/json')).toBe(
      `${NAME} sent a response that is not valid JSON (at line 1, column 29): the answer stops in the middle, cut off by a proxy or a dropped connection. Retry; if it persists, check the proxy’s response size limits.`,
    );
    expect(notJsonMessage(NAME, '{"traces": [\n  {"traceID": "ab', 'application/json')).toContain('(at line 2, column 15): the answer stops in the middle');
  });

  it('other invalid JSON names the syntax error', () => {
    expect(notJsonMessage(NAME, '{"traces": [1 2]}', 'application/json')).toBe(
      `${NAME} sent a response that is not valid JSON (at line 1, column 15: expected ',' or ']', found '2'). Check that the data source URL points at the server’s API.`,
    );
    expect(notJsonMessage(NAME, '  ', 'application/json')).toBe(`${NAME} sent an empty answer where JSON was expected. Retry; if it persists, check the proxy in front of the server.`);
  });
});

describe('serverMessage', () => {
  it.each([
    ['{"error":{"code":400,"message":"malformed parameter"}}', 'malformed parameter'],
    ['{"code":3,"message":"bad span"}', 'bad span'],
    ['{"error":"plain"}', 'plain'],
    ['\n\n  first line  \nsecond', 'first line'],
    ['<html><body>no title</body></html>', 'an HTML page'],
    ['', undefined],
    ['x'.repeat(500), `${'x'.repeat(200)}…`],
  ])('%j → %j', (body, message) => expect(serverMessage(body)).toBe(message));
});
