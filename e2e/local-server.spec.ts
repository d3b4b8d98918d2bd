import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';

// `npm run serve` end to end: a trace sent to the local OTLP receiver is found
// by the app's Local source and opened. The second webServer of
// playwright.config.ts runs the local server with an empty store.
const LOCAL = `http://127.0.0.1:${process.env.E2E_LOCAL_PORT ?? 4792}`;

/** checkout ── reserve stock, one trace of two services, ending a second ago */
function otlpTrace(traceId: string, service: string) {
  const endNs = BigInt(Date.now() - 1000) * 1_000_000n;
  const at = (msBeforeEnd: number) => String(endNs - BigInt(msBeforeEnd) * 1_000_000n);
  const resource = (name: string) => ({ attributes: [{ key: 'service.name', value: { stringValue: name } }] });
  return {
    resourceSpans: [
      { resource: resource(service), scopeSpans: [{ scope: { name: 'e2e' }, spans: [{ traceId, spanId: 'a1a1a1a1a1a1a1a1', name: 'POST /checkout', kind: 2, startTimeUnixNano: at(120), endTimeUnixNano: at(0), attributes: [{ key: 'http.response.status_code', value: { intValue: '201' } }] }] }] },
      { resource: resource(`${service}-stock`), scopeSpans: [{ scope: { name: 'e2e' }, spans: [{ traceId, spanId: 'b2b2b2b2b2b2b2b2', parentSpanId: 'a1a1a1a1a1a1a1a1', name: 'reserve stock', kind: 2, startTimeUnixNano: at(100), endTimeUnixNano: at(40), status: { code: 2, message: 'out of stock' } }] }] },
    ],
  };
}

test('a trace sent over OTLP/HTTP is found in the Local source and opened', async ({ page, request }) => {
  const traceId = randomBytes(16).toString('hex');
  // unique per run: the server's store lives as long as the test run, retries included
  const service = `e2e-shop-${randomBytes(3).toString('hex')}`;
  const sent = await request.post(`${LOCAL}/v1/traces`, { data: otlpTrace(traceId, service), headers: { 'Content-Type': 'application/json' } });
  expect(sent.status()).toBe(200);
  expect(await sent.json()).toEqual({ partialSuccess: {} });

  await page.goto(`${LOCAL}/search?source=local`);
  await expect(page.getByLabel('Data source')).toHaveValue('local');
  // the store's own figures, from /local/api/stats
  await expect(page.getByRole('status').filter({ hasText: /Local store: [\d,]+ traces? held · [\d,]+ spans/ })).toBeVisible();
  const serviceField = page.getByLabel('Service');
  await expect(serviceField.locator('option', { hasText: service }).first()).toBeAttached();
  await serviceField.selectOption(service);
  await page.getByRole('button', { name: 'Search' }).click();

  const results = page.getByRole('region', { name: 'Search results' });
  const first = results.getByRole('link').first();
  await expect(first).toContainText(`${service}: POST /checkout`);
  await first.click();

  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}\\?source=local$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${service}: POST /checkout`);
  const spans = page.getByRole('region', { name: 'Spans' });
  await expect(spans.getByRole('row').filter({ hasText: 'reserve stock' }).first()).toBeVisible();
});

test('the local server counts what it holds', async ({ request }) => {
  const stats = await request.get(`${LOCAL}/local/api/stats`);
  expect(stats.status()).toBe(200);
  expect(await stats.json()).toMatchObject({ evicted: { traces: 0 }, limits: { maxTraces: 20_000 } });
});
