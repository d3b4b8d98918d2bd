import { getResponse, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createPageDemoStore } from './demo-store';
import { createDemoHandlers } from './handlers';
import { partialTraceAnswer, truncatedAnswer, type DemoAnswer } from './handlers/tempo-partial';

/**
 * What end-to-end tests use to make the demo backend answer like a failing real
 * server: Playwright cannot intercept requests that a service worker answers, so
 * the worker itself takes the override. Each override applies to GETs whose
 * path ends with `pathSuffix` (query strings aside) until `reset()`.
 */
export interface DemoControl {
  /** answer with this status, text body and headers (e.g. `{ 'Retry-After': '30' }`) */
  fail(pathSuffix: string, status: number, body: string, headers?: Readonly<Record<string, string>>): void;
  /** never answer */
  hang(pathSuffix: string): void;
  /** the real answer's bytes cut in half: JSON (or protobuf) that stops in the middle */
  truncate(pathSuffix: string): void;
  /** 200 with an HTML login page, as a proxy in front of an expired session sends */
  loginPage(pathSuffix: string): void;
  /** a Tempo v2 trace answered with status PARTIAL and only its first half of resources (JSON or protobuf, as asked) */
  partial(pathSuffix: string, message?: string): void;
  /** path + query of every demo request whose AbortSignal fired before the demo had answered it */
  aborted(): string[];
  /** back to the normal handlers; forgets the aborted requests */
  reset(): void;
}

declare global {
  interface Window {
    __traceryDemo?: DemoControl;
  }
}

/** The page's own id for each demo request (see trackAborts). */
const REQUEST_ID_HEADER = 'x-tracery-demo-request';

export const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in · Example SSO</title></head>
<body><h1>Sign in</h1><form method="post" action="/oauth2/sign_in"><input name="user"><input name="password" type="password"><button>Sign in</button></form></body></html>`;

/**
 * The bundled demo backend: generates the simulated shop's traffic up to the page
 * load (fixed seed, anchored to the hour: see demoClock), feeds it through the OTLP ingest path, and
 * serves Tempo's API at /demo/tempo and an OTLP/HTTP receiver at /demo/otlp
 * from a service worker.
 */
export async function startDemoWorker(): Promise<void> {
  const store = createPageDemoStore(Date.now());
  const demoHandlers = createDemoHandlers(store);
  const aborts = trackAborts(`${import.meta.env.BASE_URL}demo/`);
  // first, falling through: every request the demo serves is watched for its abort
  const watch = http.get('*', ({ request }) => aborts.watch(request));
  const worker = setupWorker(watch, ...demoHandlers);
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });

  /** An override that is also watched (overrides run before `watch`). */
  const override = (pathSuffix: string, answer: (request: Request) => Response | Promise<Response>) =>
    worker.use(
      http.get(`*${pathSuffix}`, ({ request }) => {
        aborts.watch(request);
        return answer(request);
      }),
    );
  /** what the demo would have answered */
  const realAnswer = async (request: Request): Promise<Response> => (await getResponse(demoHandlers, request)) ?? new HttpResponse('demo: no handler', { status: 404 });
  const answerOf = async (response: Response): Promise<DemoAnswer> => ({
    body: new Uint8Array(await response.arrayBuffer()),
    contentType: response.headers.get('Content-Type') ?? 'application/octet-stream',
  });

  window.__traceryDemo = {
    fail: (pathSuffix, status, body, headers = {}) => override(pathSuffix, () => new HttpResponse(body, { status, headers: { 'Content-Type': 'text/plain', ...headers } })),
    hang: (pathSuffix) => override(pathSuffix, () => new Promise<Response>(() => undefined)),
    truncate: (pathSuffix) =>
      override(pathSuffix, async (request) => {
        const real = await realAnswer(request);
        const cut = truncatedAnswer(await answerOf(real));
        return new HttpResponse(cut.body, { status: real.status, headers: { 'Content-Type': cut.contentType } });
      }),
    loginPage: (pathSuffix) => override(pathSuffix, () => HttpResponse.html(LOGIN_PAGE)),
    partial: (pathSuffix, message = 'the querier timed out before all blocks were searched') =>
      override(pathSuffix, async (request) => {
        const real = await realAnswer(request);
        if (!real.ok) return real;
        const partial = partialTraceAnswer(await answerOf(real), message);
        return new HttpResponse(partial.body, { headers: { 'Content-Type': partial.contentType } });
      }),
    aborted: () => aborts.list(),
    reset: () => {
      worker.resetHandlers();
      aborts.clear();
    },
  };
}

/**
 * The service worker hands the demo a copy of each request without the page's
 * AbortSignal, so an abort would never reach a handler. The page's fetch is
 * wrapped to tag each demo GET with an id and keep its signal; `watch` (called
 * from a handler) finds that signal again and records the request if it fires
 * while the demo is still answering — the abort a real server sees as a
 * closed connection.
 */
function trackAborts(demoPathPrefix: string) {
  const pending = new Map<string, { path: string; signal: AbortSignal }>();
  const aborted: string[] = [];
  const watched = new Set<string>();
  let nextId = 0;
  const pageFetch = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.origin !== window.location.origin || !url.pathname.startsWith(demoPathPrefix)) return pageFetch(request);
    const id = String(++nextId);
    const headers = new Headers(request.headers);
    headers.set(REQUEST_ID_HEADER, id);
    pending.set(id, { path: url.pathname + url.search, signal: request.signal });
    return pageFetch(new Request(request, { headers })).finally(() => {
      pending.delete(id);
      watched.delete(id);
    });
  };
  return {
    /** undefined: msw goes on to the next handler */
    watch(request: Request): undefined {
      const id = request.headers.get(REQUEST_ID_HEADER) ?? '';
      const entry = pending.get(id);
      if (!entry || watched.has(id)) return undefined;
      watched.add(id);
      entry.signal.addEventListener('abort', () => {
        if (pending.has(id)) aborted.push(entry.path);
      }, { once: true });
      return undefined;
    },
    list: () => [...aborted],
    clear: () => void (aborted.length = 0),
  };
}
