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
  await expect(page.getByRole('tab', { name: 'Flame graph' })).toHaveAttribute('aria-selected', 'true');

  // the dev server's own routes: the config it proxies for, its health, and no secrets file
  expect((await page.request.get(`${DEV}/healthz`)).status()).toBe(200);
  expect((await page.request.get(`${DEV}/tracery.proxy.local.json?raw`)).status()).toBeGreaterThanOrEqual(400);
});
