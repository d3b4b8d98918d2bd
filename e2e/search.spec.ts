import { expect, test, type Page } from '@playwright/test';

// Search as an SRE uses it: filters, the scatter plot, sorting, go-to-trace, and a failing backend.

const results = (page: Page) => page.getByRole('region', { name: 'Search results' });

/** "647ms", "1.25s", "950µs" → ms */
function durationMs(text: string): number {
  const match = /^([\d.]+)(ns|µs|ms|s)$/.exec(text.trim());
  if (!match) throw new Error(`not a duration: ${text}`);
  const scale = { ns: 1e-6, 'µs': 1e-3, ms: 1, s: 1000 }[match[2] as 'ns' | 'µs' | 'ms' | 's'];
  return Number(match[1]) * scale;
}

test('service + tag + min duration finds only matching traces, and the URL holds the query', async ({ page }) => {
  await page.goto('/search');
  await page.getByLabel('Service', { exact: true }).selectOption('inventory');
  await page.getByLabel('Tags').fill('db.system.name=postgresql');
  await page.getByLabel('Min duration').fill('200ms');
  await page.getByLabel('Time range', { exact: true }).selectOption('6h');
  await page.getByRole('button', { name: 'Search' }).click();

  await expect(page).toHaveURL(/service=inventory/);
  await expect(page).toHaveURL(/tags=db\.system\.name%3Dpostgresql/);
  await expect(page).toHaveURL(/minDuration=200ms/);
  const rows = results(page).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const durations = await rows.locator('.duration-text').allTextContents();
  expect(durations.length).toBeGreaterThan(0);
  for (const d of durations) expect(durationMs(d)).toBeGreaterThanOrEqual(200);
  for (const services of await rows.locator('.services-cell').allTextContents()) expect(services).toContain('inventory');

  // Reload re-runs the same search from the URL.
  const before = await rows.locator('a.result-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  await page.reload();
  await expect(page.getByLabel('Tags')).toHaveValue('db.system.name=postgresql');
  await expect(page.getByLabel('Min duration')).toHaveValue('200ms');
  await expect(rows.first()).toBeVisible();
  expect(await rows.locator('a.result-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(before);
});

test('errors only lists traces with errors; sorting by duration orders the table', async ({ page }) => {
  await page.goto('/search?lookback=6h&limit=40&errors=true');
  const rows = results(page).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  for (const count of await rows.locator('td.error-count, td:nth-child(5)').allTextContents()) expect(Number(count)).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Duration' }).click();
  await expect(page.getByRole('columnheader', { name: /Duration/ })).toHaveAttribute('aria-sort', 'descending');
  const durations = (await rows.locator('.duration-text').allTextContents()).map(durationMs);
  expect(durations).toEqual([...durations].sort((a, b) => b - a));
});

test('a point of the scatter plot opens its trace', async ({ page }) => {
  await page.goto('/search?service=payment&lookback=6h&limit=20');
  const plot = page.getByRole('img', { name: /Duration over time: 20 traces/ });
  await expect(plot).toBeVisible();
  // the last point drawn is on top, so nothing covers it
  const point = plot.locator('.point').last();
  const traceId = await point.getAttribute('data-trace-id');
  await point.hover();
  await expect(page.getByRole('tooltip')).toContainText('spans');
  await point.click();
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}$`));
  await expect(page.getByRole('region', { name: 'Spans' })).toBeVisible();
});

test('brushing the scatter plot narrows the time range in the form and the URL', async ({ page }) => {
  await page.goto('/search?lookback=6h&limit=50');
  const plot = page.getByRole('img', { name: /Duration over time/ });
  await expect(plot).toBeVisible();
  const box = await plot.boundingBox();
  if (!box) throw new Error('no plot');
  // drag across the right half of the plot (where the demo's last two hours are)
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.95, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page).toHaveURL(/start=\d+&end=\d+/);
  expect(page.url()).not.toContain('lookback=');
  await expect(page.getByLabel('Time range', { exact: true })).toHaveValue('custom');
  await expect(results(page).locator('tbody tr').first()).toBeVisible();
});

test('pasting a traceparent opens that trace with its span selected', async ({ page }) => {
  await page.goto('/search?service=payment&lookback=6h&limit=5');
  await results(page).locator('a.result-link').first().click();
  await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}$/);
  const traceId = page.url().split('/trace/')[1] ?? '';
  const spanRow = page.getByRole('region', { name: 'Spans' }).getByRole('row').nth(3);
  const spanId = (await spanRow.getAttribute('data-span-id')) ?? '';
  const spanName = (await spanRow.getByTestId('span-name').textContent()) ?? '';

  await page.goto('/search');
  const box = page.getByRole('search', { name: 'Go to trace' }).getByRole('textbox');
  await box.fill('00-abc-def-01');
  await box.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('The trace id in a traceparent is 32 hex digits; found "abc".');

  await box.fill(`00-${traceId.toUpperCase()}-${spanId}-01`);
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}\\?span=${spanId}$`));
  const selected = page.getByRole('region', { name: 'Spans' }).locator('[role="row"][aria-selected="true"]');
  await expect(selected).toHaveCount(1);
  await expect(selected).toHaveAttribute('data-span-id', spanId);
  await expect(selected.getByTestId('span-name')).toHaveText(spanName);
});

test('a failing backend shows its message with Retry, and Retry recovers', async ({ page }) => {
  await page.goto('/search');
  await expect(page.getByLabel('Service', { exact: true }).locator('option', { hasText: 'payment' })).toHaveCount(1);
  await page.evaluate(() => window.__traceryDemo?.fail('/api/search', 500, 'internal error: the querier is down'));
  await page.getByRole('button', { name: 'Search' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The search failed');
  await expect(alert).toContainText('answered 500');
  await expect(alert).toContainText('internal error: the querier is down');

  await page.evaluate(() => window.__traceryDemo?.reset());
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(results(page).locator('tbody tr').first()).toBeVisible();
});
