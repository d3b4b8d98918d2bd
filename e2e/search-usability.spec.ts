import { expect, test, type Locator, type Page } from '@playwright/test';

// The search page's rough edges a new user hits: the TraceQL box, the result rows,
// the form's layout and keyboard path, the duration bars and the scatter plot's axis.

const results = (page: Page) => page.getByRole('region', { name: 'Search results' });
const searchButton = (page: Page) => page.getByRole('button', { name: 'Search', exact: true });

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

test('the search page is titled', async ({ page }) => {
  await page.goto('/search');
  await expect(page).toHaveTitle('Search — Tracery');
});

test('the TraceQL box starts empty, and a syntax error shows at its position with no Retry', async ({ page }) => {
  await page.goto('/search');
  await page.getByRole('tab', { name: 'TraceQL' }).click();
  const box = page.getByLabel('TraceQL query');
  await expect(box).toHaveValue('');
  await expect(box).toHaveAttribute('placeholder', /^\{.+\}$/);
  await box.pressSequentially('{ status = error }');
  await expect(box).toHaveValue('{ status = error }');

  await box.fill('{ .http.route = }');
  await box.press('Enter');
  const error = page.getByRole('alert').filter({ hasText: 'parse error at line 1, col 17' });
  await expect(error).toBeVisible();
  await expect(error).toContainText('unexpected }');
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  // the caret waits where the error is
  await expect(box).toBeFocused();
  expect(await box.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(16);

  // A query the server refuses (a 400) is not worth asking again either.
  await box.fill('{ name = 1 }');
  await searchButton(page).click();
  const refused = page.getByRole('alert').filter({ hasText: 'answered 400' });
  await expect(refused).toContainText('binary operations must operate on the same type');
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
});

test('a click anywhere on a result row opens it; selecting text does not, and Enter then opens that row', async ({ page }) => {
  await page.goto('/search?service=payment&lookback=6h&limit=5');
  const rows = results(page).locator('tbody tr');
  await expect(rows.nth(1)).toBeVisible();
  await expect(results(page).getByRole('status')).not.toContainText('refreshing');
  const second = rows.nth(1);
  const secondHref = (await second.locator('a.result-link').getAttribute('href')) ?? '';
  // a person drags across the start time to copy it
  const text = await second.locator('time').boundingBox();
  if (!text) throw new Error('no start time');
  await page.mouse.move(text.x + 1, text.y + text.height / 2);
  await page.mouse.down();
  await page.mouse.move(text.x + text.width - 1, text.y + text.height / 2, { steps: 5 });
  await page.mouse.up();
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).not.toBe('');
  await expect(page).toHaveURL(/\/search\?/);
  await expect(second.locator('a.result-link')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${secondHref}$`));

  await page.goBack();
  await expect(rows.first()).toBeVisible();
  const firstHref = (await rows.first().locator('a.result-link').getAttribute('href')) ?? '';
  await rows.first().locator('td.services-cell').click();
  await expect(page).toHaveURL(new RegExp(`${firstHref}$`));
  await expect(page.getByRole('region', { name: 'Spans' })).toBeVisible();
});

test('a skip link reaches the results from the top of the page', async ({ page }) => {
  await page.goto('/search?service=payment&lookback=6h&limit=5');
  const rows = results(page).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const skip = page.getByRole('link', { name: 'Skip to results' });
  // it comes before the form's fields
  for (let i = 0; i < 25 && !(await isFocused(skip)); i++) {
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByLabel('Service', { exact: true }))).toBe(false);
  }
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(rows.first().locator('a.result-link')).toBeFocused();
});

test('start times: absolute on hover, and a choice between relative and absolute that sticks', async ({ page }) => {
  await page.goto('/search?service=payment&lookback=6h&limit=5');
  const start = results(page).locator('tbody tr').first().locator('td').nth(1);
  await expect(start).toHaveText(/ago|now/);
  await expect(start.locator('time')).toHaveAttribute('title', /\d{2}:\d{2}:\d{2}/);
  await results(page).getByRole('radio', { name: 'absolute' }).check();
  await expect(start).toHaveText(/\d{2}:\d{2}:\d{2}/);
  await expect(start).not.toHaveText(/ago/);
  await page.reload();
  await expect(results(page).getByRole('radio', { name: 'absolute' })).toBeChecked();
  await expect(results(page).locator('tbody tr').first().locator('td').nth(1)).toHaveText(/\d{2}:\d{2}:\d{2}/);
});

test('the sort is in the URL: a reload keeps it', async ({ page }) => {
  await page.goto('/search?service=payment&lookback=6h&limit=20');
  const rows = results(page).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  await results(page).getByRole('button', { name: 'Spans' }).click();
  await expect(page).toHaveURL(/[?&]sort=spans-desc/);
  await results(page).getByRole('button', { name: 'Spans' }).click();
  await expect(page).toHaveURL(/[?&]sort=spans-asc/);
  await page.reload();
  await expect(results(page).getByRole('columnheader', { name: /Spans/ })).toHaveAttribute('aria-sort', 'ascending');
  const counts = (await rows.locator('td:nth-child(4)').allTextContents()).map(Number);
  expect(counts).toEqual([...counts].sort((a, b) => a - b));
});

test('picking a service does not move the Search button', async ({ page }) => {
  await page.goto('/search');
  const service = page.getByLabel('Service', { exact: true });
  await expect(service.locator('option', { hasText: 'payment' })).toHaveCount(1);
  const names = (await service.locator('option').allTextContents()).slice(1);
  const before = await searchButton(page).boundingBox();
  for (const name of names) {
    await service.selectOption(name);
    await expect.poll(() => page.getByLabel('Operation').locator('option').count()).toBeGreaterThan(1);
    expect(await searchButton(page).boundingBox(), `after picking ${name}`).toEqual(before);
  }
});

test('Tab walks through the Tags field without taking a suggestion; Enter or → takes one', async ({ page }) => {
  await page.goto('/search');
  const tags = page.getByRole('combobox', { name: 'Tags' });
  await tags.focus();
  await expect(page.getByRole('listbox', { name: 'Attribute names' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(tags).toHaveValue('');
  await expect(page.getByLabel('Min duration')).toBeFocused();

  for (let i = 0; i < 10 && !(await isFocused(searchButton(page))); i++) await page.keyboard.press('Tab');
  await expect(searchButton(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]lookback=/);
  expect(page.url()).not.toContain('tags=');
  await expect(tags).toHaveValue('');

  await tags.click();
  await tags.pressSequentially('db.sys');
  await expect(page.getByRole('listbox', { name: 'Attribute names' }).getByRole('option', { name: 'db.system.name' })).toBeVisible();
  await tags.press('ArrowRight');
  await expect(tags).toHaveValue('db.system.name=');
  await expect(page.getByRole('listbox', { name: 'Values of db.system.name' }).getByRole('option', { name: 'postgresql' })).toBeVisible();
  await tags.pressSequentially('postg');
  await tags.press('Enter');
  await expect(tags).toHaveValue('db.system.name=postgresql');
});

test('focus stays on the control that ran the search', async ({ page }) => {
  await page.goto('/search');
  await expect(page.getByLabel('Service', { exact: true }).locator('option', { hasText: 'payment' })).toHaveCount(1);
  await searchButton(page).click();
  await expect(results(page).locator('tbody tr').first()).toBeVisible();
  await expect(searchButton(page)).toBeFocused();

  const min = page.getByLabel('Min duration');
  await min.fill('100ms');
  await min.press('Enter');
  await expect(page).toHaveURL(/minDuration=100ms/);
  await expect(results(page).locator('tbody tr').first()).toBeVisible();
  await expect(min).toBeFocused();
});

test('duration bars sit beside their numbers, and the axis spans the search with readable times', async ({ page }) => {
  await page.goto('/search?lookback=6h&limit=20&sort=duration-desc');
  const rows = results(page).locator('tbody tr');
  await expect(rows.nth(4)).toBeVisible();
  // every row: the longest trace's bar is the full width, where it used to lie under its number
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    const text = await rows.nth(i).locator('.duration-text').boundingBox();
    const bar = await rows.nth(i).locator('.duration-bar').boundingBox();
    if (!text || !bar) throw new Error(`row ${i}: no duration text or bar`);
    const overlaps = bar.x < text.x + text.width && text.x < bar.x + bar.width && bar.y < text.y + text.height && text.y < bar.y + bar.height;
    expect(overlaps, `row ${i}: the bar lies under the number`).toBe(false);
  }

  const plot = page.getByRole('img', { name: /Duration over time/ });
  await expect(plot).toBeVisible();
  const labels = await plot.locator('.x-axis .tick text').allTextContents();
  expect(labels.length).toBeGreaterThan(2);
  for (const label of labels) expect(label).toMatch(/^([A-Z][a-z]{2} \d{1,2} )?\d{2}:\d{2}(:\d{2}(\.\d{3})?)?$|^[A-Z][a-z]{2} \d{1,2}$/);
});
