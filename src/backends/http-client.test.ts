import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BackendError, isWorthRetrying } from './backend-error';
import { fetchJson } from './http-client';

const URL_ = 'http://tempo.test:3200/api/search';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const NAME = 'Tempo (test)';
const get = (signal?: AbortSignal) => fetchJson(URL_, { sourceName: NAME, timeoutMs: 200, ...(signal ? { signal } : {}) });
/** the rejection (a BackendError, or the caller's abort) */
async function failure(signal?: AbortSignal): Promise<BackendError> {
  try {
    await get(signal);
  } catch (error) {
    return error as BackendError;
  }
  throw new Error('expected the request to fail');
}
const answer = (response: (info: { request: Request }) => Response | Promise<Response>) => server.use(http.get(URL_, response));

describe('fetchJson: what the person reads for each failure', () => {
  it('a 500 with a body gives its first line, the status and advice', async () => {
    answer(() => new HttpResponse('querier: context canceled\n\tat frame 1', { status: 500 }));
    const error = await failure();
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ kind: 'http', status: 500, url: URL_ });
    expect(error.message).toBe(`${NAME} answered 500 Internal Server Error: querier: context canceled. The server failed while answering; its logs say why. Retry, or narrow the search if it keeps failing.`);
    expect(isWorthRetrying(error)).toBe(true);
  });

  it.each([502, 503, 504])('a %d is worth one quiet retry', async (status) => {
    answer(() => new HttpResponse(null, { status }));
    const error = await failure();
    expect(error).toMatchObject({ kind: 'http', status });
    expect(isWorthRetrying(error)).toBe(true);
  });

  it('a 429 carries Retry-After in the message and on the error, and is not retried at once', async () => {
    answer(() => new HttpResponse('slow down', { status: 429, headers: { 'Retry-After': '30' } }));
    const error = await failure();
    expect(error.message).toBe(`${NAME} is rate limiting requests (429 Too Many Requests: slow down); retry after 30 s.`);
    expect(error.retryAfterSeconds).toBe(30);
    expect(isWorthRetrying(error)).toBe(false);
  });

  it('a 200 with an HTML login page is a bad response naming the proxy', async () => {
    answer(() => HttpResponse.html('<html><head><title>Log in</title></head><body></body></html>'));
    const error = await failure();
    expect(error).toMatchObject({ kind: 'bad-response', status: undefined });
    expect(error.message).toBe(`${NAME} answered with an HTML page (“Log in”) instead of JSON — a login page from a proxy? Check the data source URL and the proxy’s authentication.`);
    expect(isWorthRetrying(error)).toBe(false);
  });

  it('JSON cut in half says where it stops', async () => {
    answer(() => new HttpResponse('{"traces":[{"traceID":"0af7651916cd43dd', { headers: { 'Content-Type': 'application/json' } }));
    const error = await failure();
    expect(error).toMatchObject({ kind: 'bad-response' });
    expect(error.message).toBe(
      `${NAME} sent a response that is not valid JSON (at line 1, column 23): the answer stops in the middle, cut off by a proxy or a dropped connection. Retry; if it persists, check the proxy’s response size limits.`,
    );
  });

  it('JSON sent as text/html is still read as JSON', async () => {
    answer(() => new HttpResponse('{"traces":[]}', { headers: { 'Content-Type': 'text/html' } }));
    expect(await get()).toEqual({ traces: [] });
  });

  it('no answer in time is a timeout with the configured time, not retried', async () => {
    answer(async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    const error = await failure();
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(error.message).toMatch(/^Tempo \(test\) did not answer within 200 ms\. /);
    expect(isWorthRetrying(error)).toBe(false);
  });

  it('a network failure explains itself and is worth a retry', async () => {
    answer(() => HttpResponse.error());
    const error = await failure();
    expect(error).toMatchObject({ kind: 'network' });
    expect(error.message).toMatch(/^Could not reach Tempo \(test\): the browser got no answer\./);
    expect(isWorthRetrying(error)).toBe(true);
  });

  it("the caller's abort reaches the handler and comes back as an abort, not a BackendError", async () => {
    let handlerSawAbort = false;
    answer(async ({ request }) => {
      request.signal.addEventListener('abort', () => (handlerSawAbort = true));
      await delay('infinite');
      return HttpResponse.json({});
    });
    const controller = new AbortController();
    const pending = failure(controller.signal);
    await delay(20);
    controller.abort();
    const error: unknown = await pending;
    expect(error).not.toBeInstanceOf(BackendError);
    expect((error as Error).name).toBe('AbortError');
    expect(handlerSawAbort).toBe(true);
  });

  it('a 404 keeps the server words for the caller to judge', async () => {
    answer(() => new HttpResponse('404 page not found', { status: 404 }));
    expect(await failure()).toMatchObject({ kind: 'not-found', status: 404, message: '404 page not found' });
  });
});
