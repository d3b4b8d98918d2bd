import { setupWorker } from 'msw/browser';
import { createDemoStore } from './demo-store';
import { createDemoHandlers } from './handlers';

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
}
