import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createDemoStore } from './demo-store';
import { createDemoHandlers } from './handlers';

/**
 * What end-to-end tests use to make the demo backend fail on purpose (a 500,
 * a hang), the way a real server would: Playwright cannot intercept requests
 * that a service worker answers, so the worker itself takes the override.
 */
export interface DemoControl {
  /** answer GETs whose path ends with `pathSuffix` with this status and text body */
  fail(pathSuffix: string, status: number, body: string): void;
  /** never answer GETs whose path ends with `pathSuffix` */
  hang(pathSuffix: string): void;
  /** back to the normal handlers */
  reset(): void;
}

declare global {
  interface Window {
    __traceryDemo?: DemoControl;
  }
}

/**
 * The bundled demo backend: generates the simulated shop's last two hours
 * (fixed seed, now = page load), feeds it through the OTLP ingest path, and
 * serves Tempo's API at /demo/tempo and an OTLP/HTTP receiver at /demo/otlp
 * from a service worker.
 */
export async function startDemoWorker(): Promise<void> {
  const store = createDemoStore({ now: Date.now() });
  const worker = setupWorker(...createDemoHandlers(store));
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });
  window.__traceryDemo = {
    fail: (pathSuffix, status, body) => worker.use(http.get(`*${pathSuffix}`, () => new HttpResponse(body, { status, headers: { 'Content-Type': 'text/plain' } }))),
    hang: (pathSuffix) => worker.use(http.get(`*${pathSuffix}`, () => new Promise<Response>(() => undefined))),
    reset: () => worker.resetHandlers(),
  };
}
