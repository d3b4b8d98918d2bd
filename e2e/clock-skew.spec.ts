import { expect, test, type Page } from '@playwright/test';

// Clock-skew adjustment in the demo, read as a person reads it: the demo's fraud-check
// nodes run 15 ms ahead; its Kafka consumers start when the message arrives, after the
// producer, and must stay there.

const spans = (page: Page) => page.getByRole('region', { name: 'Spans' });
const selectedRow = (page: Page) => spans(page).locator('[role="row"][aria-selected="true"]');
const details = (page: Page) => page.getByRole('complementary', { name: 'Span details' });
const skewIcon = { name: 'clock skew adjusted' } as const;
const warningsBadge = (page: Page) => page.getByRole('button', { name: /^⚠ \d+ warnings?$/ });

/** Opens the first search result; gives back the duration the search list showed for it. */
async function openFirstResult(page: Page, search: string): Promise<string> {
  await page.goto(`/search?${search}`);
  const row = page.getByRole('region', { name: 'Search results' }).locator('tr', { has: page.locator('a.result-link') }).first();
  const listed = ((await row.locator('.duration-text').textContent()) ?? '').trim();
  expect(listed).not.toBe('');
  await row.locator('a.result-link').click();
  await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}/);
  await expect(spans(page).getByRole('row').first()).toBeVisible();
  return listed;
}

/** Find a span by text and select the match. */
async function selectMatch(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Find spans' }).fill(text);
  await expect(page.getByTestId('find-count')).toHaveText(/of [1-9]\d*$/);
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(selectedRow(page)).toHaveCount(1);
}

test('a Kafka consumer that starts after its producer stays there, and the trace is as long as the search list says', async ({ page }) => {
  // the Jaeger API's search results carry exact span times (Tempo's carry whole milliseconds)
  const listed = await openFirstResult(page, 'source=demo-jaeger&service=notification&lookback=6h');
  await expect(page.getByTestId('trace-duration')).toHaveText(listed);
  await expect(page.getByTestId('trace-duration-adjusted')).toHaveCount(0);

  await selectMatch(page, 'process orders');
  const consumer = selectedRow(page);
  await expect(consumer).toContainText('process orders');
  await expect(consumer.getByRole('img', skewIcon)).toHaveCount(0);
  await consumer.click();
  await expect(details(page)).toBeVisible();
  await expect(details(page).getByText('Kind', { exact: true }).locator('xpath=..')).toContainText('consumer');
  await expect(details(page).getByText('Clock skew', { exact: true })).toHaveCount(0);
});

test('fraud-check’s clock is adjusted as one clock; Raw shows the times as reported, across a reload', async ({ page }) => {
  test.slow(); // the reload regenerates the whole demo in the page
  await openFirstResult(page, 'service=fraud-check&lookback=6h');

  await warningsBadge(page).click();
  const warnings = page.getByRole('region', { name: 'Trace warnings' });
  await expect(warnings.getByRole('heading', { name: 'Clock skew adjusted (1 clock)' })).toBeVisible();
  await expect(warnings).toContainText('on the clock of host gke-shop-ml-pool-');
  await warningsBadge(page).click();
  await expect(warnings).toHaveCount(0);

  await selectMatch(page, 'fraud-check');
  const row = selectedRow(page);
  const spanId = await row.getAttribute('data-span-id');
  await expect(row.getByRole('img', skewIcon)).toBeVisible();
  await row.click();
  await expect(details(page).getByText('Clock skew', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Raw', exact: true }).click();
  await expect(page).toHaveURL(/times=raw/);
  await expect(page.getByRole('button', { name: 'Raw', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(selectedRow(page)).toHaveAttribute('data-span-id', spanId ?? '');
  await expect(selectedRow(page).getByRole('img', skewIcon)).toHaveCount(0);
  await expect(details(page).getByText('Clock skew', { exact: true })).toHaveCount(0);

  await page.reload();
  // a reload starts the demo afresh: it generates its traces before the page can show one
  await expect(spans(page).getByRole('row').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Raw', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(selectedRow(page)).toHaveAttribute('data-span-id', spanId ?? '');
  await expect(selectedRow(page).getByRole('img', skewIcon)).toHaveCount(0);

  await page.getByRole('button', { name: 'Adjusted', exact: true }).click();
  await expect(page).not.toHaveURL(/times=raw/);
  await expect(selectedRow(page).getByRole('img', skewIcon)).toBeVisible();
});
