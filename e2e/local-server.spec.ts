import { randomBytes } from 'node:crypto';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { expect, test } from '@playwright/test';

// `npm run serve` end to end: a trace sent to the local OTLP receiver is found
// by the app's Local server source (id `local-server`) and opened. The second webServer of
// playwright.config.ts runs the local server with an empty store.
const LOCAL = `http://127.0.0.1:${process.env.E2E_LOCAL_PORT ?? 4792}`;

/** checkout ── reserve stock (ERROR), sent by the real OpenTelemetry JS SDK's OTLP/HTTP JSON exporter */
async function sendWithSdk(service: string): Promise<string> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${LOCAL}/v1/traces` }))],
  });
  const tracer = provider.getTracer('e2e');
  const root = tracer.startSpan('POST /checkout', { kind: SpanKind.SERVER, attributes: { 'http.response.status_code': 201 } });
  const child = tracer.startSpan('reserve stock', { kind: SpanKind.INTERNAL }, trace.setSpan(context.active(), root));
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'out of stock' });
  child.end();
  root.end();
  await provider.forceFlush();
  await provider.shutdown();
  return root.spanContext().traceId;
}

test('a trace an OpenTelemetry SDK sends over OTLP/HTTP is found in the Local server source and opened', async ({ page }) => {
  // unique per run: the server's store lives as long as the test run, retries included
  const service = `e2e-shop-${randomBytes(3).toString('hex')}`;
  const traceId = await sendWithSdk(service);

  await page.goto(`${LOCAL}/search?source=local-server`);
  await expect(page.getByLabel('Data source')).toHaveValue('local-server');
  // the store's own figures, from /local/api/stats
  await expect(page.getByRole('status').filter({ hasText: /Local store: [\d,]+ traces? held · [\d,]+ spans/ })).toBeVisible();
  const serviceField = page.getByLabel('Service', { exact: true });
  await expect(serviceField.locator('option', { hasText: service }).first()).toBeAttached();
  await serviceField.selectOption(service);
  await page.getByRole('button', { name: 'Search' }).click();

  const results = page.getByRole('region', { name: 'Search results' });
  const first = results.getByRole('link').first();
  await expect(first).toContainText(`${service}: POST /checkout`);
  await first.click();

  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}\\?source=local-server$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${service}: POST /checkout`);
  const spans = page.getByRole('region', { name: 'Spans' });
  await expect(spans.getByRole('row').filter({ hasText: 'reserve stock' }).first()).toBeVisible();
});

test('the local server counts what it holds', async ({ request }) => {
  const stats = await request.get(`${LOCAL}/local/api/stats`);
  expect(stats.status()).toBe(200);
  expect(await stats.json()).toMatchObject({ evicted: { traces: 0 }, limits: { maxTraces: 20_000 } });
});

test('when the server cannot list its services, the search form says why and Retry lists them', async ({ page }) => {
  // the local server is a real HTTP server (no service worker), so the browser's request can be failed on its way
  let failing = true;
  await page.route('**/local/tempo/api/v2/search/tag/resource.service.name/values*', (route) =>
    failing ? route.fulfill({ status: 503, contentType: 'text/plain', body: 'querier unavailable' }) : route.fallback(),
  );
  await page.goto(`${LOCAL}/search?source=local-server`);
  const note = page.locator('.field-note').filter({ hasText: 'could not load services' });
  await expect(note).toContainText('could not load services: Local server (npm run serve)');
  await expect(note).toContainText('503');
  failing = false;
  await note.getByRole('button', { name: 'retry' }).click();
  await expect(page.locator('.field-note').filter({ hasText: /^\d+ services$/ })).toBeVisible();
});
