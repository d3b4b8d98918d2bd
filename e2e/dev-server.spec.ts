import { expect, test } from '@playwright/test';

// The smoke journey against `npm start` (Vite's dev server, the third webServer of
// playwright.config.ts): code that only breaks unbundled — a dev-only import, the
// dev server's proxy or config route — must fail CI too.
const DEV = `http://127.0.0.1:${process.env.E2E_DEV_PORT ?? 4793}`;

test('npm start: search the demo, open a trace, see its flame graph, and reload the permalink', async ({ page }) => {
  await page.goto(`${DEV}/search?service=payment`);
  const results = page.getByRole('region', { name: 'Search results' });
  // the dev server transforms each module on its first request: a cold start on two cores takes a while
  await expect(results.getByRole('link').first()).toBeVisible({ timeout: 60_000 });
  await results.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}/);
  const spans = page.getByRole('region', { name: 'Spans' });
  await expect(spans.getByRole('row').first()).toBeVisible();

  await page.getByRole('tab', { name: 'Flame graph' }).click();
  await expect(page).toHaveURL(/view=flame/);
  await expect(page.getByText(/this view failed/i)).toHaveCount(0);
  await page.reload();
  // a reload fetches every module again (304s) and regenerates the demo: on two busy cores that outlasts the default wait
  await expect(page.getByRole('tab', { name: 'Flame graph' })).toHaveAttribute('aria-selected', 'true', { timeout: 60_000 });

  // the dev server's own routes: the config it proxies for, its health, and no secrets file
  expect((await page.request.get(`${DEV}/healthz`)).status()).toBe(200);
  expect((await page.request.get(`${DEV}/tracery.proxy.local.json?raw`)).status()).toBeGreaterThanOrEqual(400);
});

/** A two-span OTLP/JSON trace, as a person would copy it from an API answer. */
const PASTED_TRACE_ID = '5b8efff798038103d269b633813fc60c';
const PASTED = JSON.stringify({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'pasted-shop' } }] },
      scopeSpans: [
        {
          scope: { name: 'e2e' },
          spans: [
            { traceId: PASTED_TRACE_ID, spanId: 'eee19b7ec3c1b174', name: 'GET /pasted', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000120000000' },
            { traceId: PASTED_TRACE_ID, spanId: 'eee19b7ec3c1b175', parentSpanId: 'eee19b7ec3c1b174', name: 'load cart', kind: 1, startTimeUnixNano: '1700000000010000000', endTimeUnixNano: '1700000000090000000' },
          ],
        },
      ],
    },
  ],
});

test('npm start: Paste JSON opens a pasted trace (StrictMode mounts the dialog twice)', async ({ page }) => {
  await page.goto(`${DEV}/search`);
  const paste = page.getByRole('button', { name: 'Paste JSON' });
  await expect(paste).toBeVisible({ timeout: 60_000 });
  await paste.click();
  const dialog = page.getByRole('dialog', { name: 'Paste trace JSON' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('OTLP/JSON, JSON Lines, Jaeger or Zipkin JSON').fill(PASTED);
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(page).toHaveURL(new RegExp(`/trace/${PASTED_TRACE_ID}\\?source=local$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('pasted-shop: GET /pasted');
  await expect(page.getByRole('region', { name: 'Spans' }).getByRole('row').filter({ hasText: 'load cart' }).first()).toBeVisible();
});

test('npm start: the Local server source is not offered while no `npm run serve` answers', async ({ page }) => {
  await page.goto(`${DEV}/search`);
  const picker = page.getByLabel('Data source');
  await expect(picker).toBeVisible({ timeout: 60_000 });
  await expect(picker.locator('option', { hasText: 'Demo shop (Tempo API)' })).toHaveCount(1);
  await expect(picker.locator('option', { hasText: 'Local server' })).toHaveCount(0);
  // a link naming it opens the first source instead of a search that fails with "not found"
  await page.goto(`${DEV}/search?source=local-server&service=payment`);
  await expect(page.getByRole('region', { name: 'Search results' }).getByRole('link').first()).toBeVisible({ timeout: 60_000 });
});
