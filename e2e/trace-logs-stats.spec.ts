import { expect, test, type Page } from '@playwright/test';

// The trace page's other views, driven as a person would: the trace's logs (linked to
// spans and drawn on the waterfall), statistics, the service map, and a permalink that
// reproduces what the sender saw.

const spans = (page: Page) => page.getByRole('region', { name: 'Spans' });
const rows = (page: Page) => spans(page).getByRole('row');
const selectedRow = (page: Page) => spans(page).locator('[role="row"][aria-selected="true"]');
const details = (page: Page) => page.getByRole('complementary', { name: 'Span details' });
const tab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Trace views' }).getByRole('tab', { name });
const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);

async function openErrorTrace(page: Page): Promise<void> {
  await page.goto('/search?lookback=6h&errors=true&service=payment');
  await page.getByRole('region', { name: 'Search results' }).locator('a.result-link').first().click();
  await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}/);
  await expect(rows(page).first()).toBeVisible();
}

test('Logs tab: an ERROR record leads to its failing span, which carries a red log marker', async ({ page }) => {
  await openErrorTrace(page);
  await tab(page, 'Logs').click();
  await expect(page).toHaveURL(/[?&]view=logs/);
  const logs = page.getByRole('region', { name: 'Logs' });
  await expect(logs.getByTestId('log-record').first()).toBeVisible();
  // the list is virtualised and time-ordered: the error may be far down, so narrow to it as a person would
  await logs.getByLabel('Severity').selectOption('ERROR');
  const error = logs.locator('[data-testid="log-record"][data-severity="ERROR"]').first();
  await expect(error).toBeVisible();

  // its span link selects the span and shows it in the waterfall
  const spanButton = error.getByTitle(/^Show span [0-9a-f]{16} in the waterfall$/);
  await spanButton.click();
  await expect(tab(page, 'Waterfall')).toHaveAttribute('aria-selected', 'true');
  expect(param(page, 'view')).toBeNull();
  const row = selectedRow(page);
  await expect(row).toHaveCount(1);
  await expect(row).toBeInViewport();
  await expect(row.getByRole('img', { name: 'error' })).toBeVisible();
  await expect(row.locator('[data-testid="log-marker"][data-error]').first()).toBeAttached();
  expect(param(page, 'span')).toBe(await row.getAttribute('data-span-id'));

  // the span details list the span's own records
  const spanLogs = details(page).getByRole('region', { name: 'Logs' });
  await expect(spanLogs.locator('[data-testid="log-record"][data-severity="ERROR"]').first()).toBeVisible();

  // Back returns to the Logs tab, its filter kept (a view switch and a click are history steps)
  await page.goBack();
  await expect(tab(page, 'Logs')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Severity')).toHaveValue('ERROR');
});

test('Logs tab filters by severity and writes them to the URL', async ({ page }) => {
  await openErrorTrace(page);
  await tab(page, 'Logs').click();
  const logs = page.getByRole('region', { name: 'Logs' });
  await expect(logs.getByTestId('log-record').first()).toBeVisible();
  await logs.getByLabel('Severity').selectOption('ERROR');
  await expect(page).toHaveURL(/[?&]lsev=ERROR/);
  const severities = await logs.getByTestId('log-record').evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')));
  expect(severities.length).toBeGreaterThan(0);
  expect(severities.every((s) => s === 'ERROR' || s === 'FATAL')).toBe(true);
});

test('Statistics grouped by service, sorted by self time; a row highlights its spans', async ({ page }) => {
  await openErrorTrace(page);
  await tab(page, 'Statistics').click();
  const table = page.getByRole('table', { name: 'Trace statistics' });
  await expect(table.getByTestId('stats-row').first()).toBeVisible();
  await expect(page.getByLabel('Group by')).toHaveValue('service');
  const selfHeader = table.getByRole('columnheader', { name: /^Self total/ });
  await selfHeader.getByRole('button').click();
  await expect(selfHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/[?&]sort=self\.desc/);
  // the self times read in descending order
  const selfNs = await table.getByTestId('stats-self').evaluateAll((cells) => cells.map((c) => c.textContent ?? ''));
  const toNs = (text: string) => {
    const m = /^([\d.]+)\s*(ns|µs|us|ms|s|m|h)?/.exec(text.replace(/\s/g, ''));
    const unit: Record<string, number> = { ns: 1, µs: 1e3, us: 1e3, ms: 1e6, s: 1e9, m: 6e10, h: 3.6e12 };
    return Number(m?.[1] ?? NaN) * (unit[m?.[2] ?? 'ns'] ?? 1);
  };
  const values = selfNs.map(toNs);
  expect(values.length).toBeGreaterThan(1);
  expect([...values].sort((a, b) => b - a)).toEqual(values);

  await table.getByTestId('stats-row').first().getByRole('rowheader').getByRole('button').click();
  await expect(tab(page, 'Waterfall')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('highlight-banner')).toBeVisible();
  await expect(spans(page).locator('[role="row"][data-match="match"]').first()).toBeVisible();
});

test('Service map: clicking a service filters the waterfall to its spans', async ({ page }) => {
  await openErrorTrace(page);
  await tab(page, 'Service map').click();
  const map = page.getByRole('region', { name: 'Service map' });
  const node = map.locator('[data-testid="map-node"][data-service="payment"]');
  await expect(node).toBeVisible();
  await expect(map.locator('[data-testid="map-edge"]').first()).toBeAttached();
  await expect(map.locator('[data-testid="map-edge"][data-critical]').first()).toBeAttached();
  await node.click();
  await expect(tab(page, 'Waterfall')).toHaveAttribute('aria-selected', 'true');
  expect(param(page, 'find')).toBe('service.name=payment');
  await expect(page.getByTestId('find-count')).toHaveText(/of [1-9]\d*$/);
  await page.getByRole('checkbox', { name: /only matches/i }).check();
  const services = await rows(page).evaluateAll((els) => els.filter((e) => e.getAttribute('data-match') === 'match').length);
  expect(services).toBeGreaterThan(0);
});

test('permalink: Copy link reproduces the view in a new page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openErrorTrace(page);

  // a non-trivial view: a span selected, find text, a logs filter, a stats grouping
  await rows(page).nth(1).click();
  // find goes to its first match: that span is the one selected from here on
  await page.getByRole('searchbox', { name: 'Find spans' }).fill('payment');
  await expect(page.getByTestId('find-count')).toHaveText(/^1 of \d+$/);
  const spanId = (await selectedRow(page).getAttribute('data-span-id')) ?? '';
  expect(spanId).not.toBe('');
  await tab(page, 'Statistics').click();
  await page.getByLabel('Group by').selectOption('service+operation');
  await tab(page, 'Logs').click();
  await page.getByLabel('Severity').selectOption('WARN');
  // the count reads "n of m records" once the filter has applied
  await expect(page.getByTestId('log-count')).toHaveText(/ of \d+ records?$/);
  const shownCount = await page.getByTestId('log-count').textContent();

  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByTestId('toast')).toHaveText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const url = new URL(link);
  expect(url.searchParams.get('span')).toBe(spanId);
  expect(url.searchParams.get('find')).toBe('payment');
  expect(url.searchParams.get('group')).toBe('service+operation');
  expect(url.searchParams.get('lsev')).toBe('WARN');
  expect(url.searchParams.get('view')).toBe('logs');

  const other = await context.newPage();
  await other.goto(link);
  await expect(tab(other, 'Logs')).toHaveAttribute('aria-selected', 'true');
  await expect(other.getByLabel('Severity')).toHaveValue('WARN');
  await expect(other.getByTestId('log-count')).toHaveText(shownCount ?? '');
  await tab(other, 'Statistics').click();
  await expect(other.getByLabel('Group by')).toHaveValue('service+operation');
  await tab(other, 'Waterfall').click();
  await expect(selectedRow(other)).toHaveAttribute('data-span-id', spanId);
  await expect(other.getByRole('searchbox', { name: 'Find spans' })).toHaveValue('payment');
  await expect(details(other)).toBeVisible();
});
