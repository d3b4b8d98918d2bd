import { expect, test } from '@playwright/test';

// The first journey of every user: find a trace in the demo backend and open it.

test('a person picks a service, searches, and opens a trace', async ({ page }) => {
  // the landing page is the services overview; Search is one click away in the header
  await page.goto('/');
  await expect(page).toHaveURL(/\/services$/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/search(\?.*)?$/);

  const service = page.getByLabel('Service', { exact: true });
  // The service list comes from the backend's tag values.
  await expect(service.locator('option', { hasText: 'payment' })).toHaveCount(1);
  await service.selectOption('payment');
  await page.getByRole('button', { name: 'Search' }).click();

  await expect(page).toHaveURL(/service=payment/);
  const results = page.getByRole('region', { name: 'Search results' });
  const firstResult = results.getByRole('link').first();
  await expect(firstResult).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /\d+ traces?/ })).toBeVisible();
  // Every result involves the service searched for.
  const rows = results.locator('tbody tr');
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await expect(rows.nth(i).locator('.services-cell')).toContainText('payment');

  const rootText = (await firstResult.locator('.result-root').textContent()) ?? '';
  const [rootService, rootName] = rootText.split(': ');
  await firstResult.click();

  await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}$/);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText(`${rootService}: ${rootName}`);
  const spans = page.getByRole('region', { name: 'Spans' });
  // The root span is the first row of the tree, then the payment service appears below it.
  await expect(spans.getByRole('row').first()).toContainText(rootName ?? '');
  const traceId = new URL(page.url()).pathname.split('/trace/')[1];
  // payment may sit below the rows on screen (a checkout with many inventory calls): Find brings its first span into view
  await page.getByRole('searchbox', { name: 'Find spans' }).fill('service.name=payment');
  await expect(page.getByTestId('find-count')).toHaveText(/^1 of \d+$/);
  await expect(spans.getByRole('row').filter({ hasText: 'payment' }).first()).toBeInViewport();
  await expect(page.getByText(traceId ?? 'missing')).toBeVisible();

  // A reload of the permalink shows the same trace.
  const spanCount = await page.getByTestId('trace-span-count').textContent();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${rootService}: ${rootName}`);
  await expect(page.getByTestId('trace-span-count')).toHaveText(spanCount ?? '');
  await expect(page.getByText(traceId ?? 'missing')).toBeVisible();

  // Back returns to the same search, which runs again from the URL.
  await page.goBack();
  await expect(page).toHaveURL(/service=payment/);
  await expect(page.getByLabel('Service', { exact: true })).toHaveValue('payment');
  await expect(page.getByRole('region', { name: 'Search results' }).getByRole('link').first()).toBeVisible();
});

test('a search link pasted into a new tab runs the same search', async ({ page }) => {
  await page.goto('/search?service=inventory&lookback=2d&limit=5');
  await expect(page.getByLabel('Service', { exact: true })).toHaveValue('inventory');
  await expect(page.getByLabel('Limit')).toHaveValue('5');
  const rows = page.getByRole('region', { name: 'Search results' }).locator('tbody tr');
  await expect(rows).toHaveCount(5);
});

test('keyboard: arrows move through results and Enter opens one', async ({ page }) => {
  await page.goto('/search?lookback=2d&limit=10');
  const links = page.getByRole('region', { name: 'Search results' }).locator('a.result-link');
  await expect(links).toHaveCount(10);
  await links.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(links.nth(1)).toBeFocused();
  const href = await links.nth(1).getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole('region', { name: 'Spans' })).toBeVisible();
});

test('an invalid duration is explained and nothing is searched', async ({ page }) => {
  await page.goto('/search');
  await page.getByLabel('Min duration').fill('2 sekonds');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('alert')).toContainText('is not a duration');
  await expect(page.getByRole('region', { name: 'Search results' })).toHaveCount(0);
});

test('a trace id that does not exist says so clearly', async ({ page }) => {
  await page.goto('/trace/0123456789abcdef0123456789abcdef');
  await expect(page.getByRole('heading', { name: 'Trace not found' })).toBeVisible();
  await expect(page.getByText('0123456789abcdef0123456789abcdef')).toBeVisible();
});

test('an unknown page offers the way back', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Search traces' }).click();
  await expect(page).toHaveURL(/\/search$/);
});
