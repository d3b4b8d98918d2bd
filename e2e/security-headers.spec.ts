import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';

// The built app under its own Content-Security-Policy (vite preview sends the same
// headers as `npm run serve`): a person's whole walk through the app, and not one
// violation reported by the browser.

async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

test('search, a trace in every view, and a trace file run under the policy with no violation', async ({ page }) => {
  const violations = await recordViolations(page);
  const response = await page.goto('/search?service=payment&lookback=2d');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'sha256-");
  expect(response?.headers()['x-content-type-options']).toBe('nosniff');

  const results = page.getByRole('region', { name: 'Search results' });
  await results.getByRole('link').first().click();
  await expect(page.getByRole('region', { name: 'Spans' }).getByRole('row').first()).toBeVisible();
  for (const tab of ['Flame graph', 'Logs', 'Statistics', 'Service map', 'Waterfall']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByText(/this view failed/i)).toHaveCount(0);
  }
  await page.getByRole('region', { name: 'Spans' }).getByRole('row').nth(1).click();
  await expect(page.getByRole('complementary', { name: 'Span details' })).toBeVisible();

  await page.getByTestId('open-trace-file').setInputFiles(fileURLToPath(new URL('../src/core/formats/__fixtures__/otel-proto/trace.json', import.meta.url)));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("my.service: I'm a server span");

  expect(await violations()).toEqual([]);
});

test('the proxy answers a page of another site with 403, and an unknown source with 404', async ({ request }) => {
  const crossSite = await request.get('/proxy/demo/api/search', { headers: { 'Sec-Fetch-Site': 'cross-site' } });
  // demo sources are same-origin paths, not proxied: the id is unknown to the proxy
  expect(crossSite.status()).toBe(404);
  expect(((await crossSite.json()) as { error: string }).error).toContain('"demo"');
  expect((await request.get('/healthz')).status()).toBe(200);
});
