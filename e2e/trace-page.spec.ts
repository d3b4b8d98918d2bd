import { expect, test, type Page } from '@playwright/test';

// The trace page, driven as a person would: open a demo trace from the search results,
// then read, find, filter, collapse and move through it.

const spans = (page: Page) => page.getByRole('region', { name: 'Spans' });
const rows = (page: Page) => spans(page).getByRole('row');
const selectedRow = (page: Page) => spans(page).locator('[role="row"][aria-selected="true"]');
const details = (page: Page) => page.getByRole('complementary', { name: 'Span details' });
const spanParam = (page: Page) => new URL(page.url()).searchParams.get('span');
/** How many rows the waterfall shows (the DOM holds only the rows on screen: it is virtualised). */
const shownRows = async (page: Page): Promise<number> => {
  const text = (await page.getByTestId('row-count').textContent()) ?? '';
  return Number(/^(\d+)/.exec(text)?.[1] ?? NaN);
};

async function openTrace(page: Page, search: string, nth = 0): Promise<void> {
  await page.goto(`/search?${search}`);
  const links = page.getByRole('region', { name: 'Search results' }).locator('a.result-link');
  await links.nth(nth).click();
  await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}/);
  await expect(rows(page).first()).toBeVisible();
}

test('an error trace marks the failing span, and its details show the exception event', async ({ page }) => {
  await openTrace(page, 'lookback=6h&errors=true');
  await expect(page.getByTestId('trace-error-count')).not.toHaveText('0');

  // Find the span that recorded the exception: the demo's failures record one.
  // find goes to its first match at once: selected, in view, "1 of N"
  await page.getByRole('searchbox', { name: 'Find spans' }).fill('exception');
  await expect(page.getByTestId('find-count')).toHaveText(/^1 of \d+$/);
  const row = selectedRow(page);
  await expect(row).toBeInViewport();
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('img', { name: 'error' })).toBeVisible();

  await row.click();
  const panel = details(page);
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('span-status')).toContainText('error');
  const events = panel.getByRole('region', { name: 'Events' });
  await expect(events).toContainText('exception');
  await expect(events).toContainText('exception.message');
});

test('a selected span is in the URL and survives a reload, in view and with its details', async ({ page }) => {
  await openTrace(page, 'service=payment&lookback=6h');
  const grid = spans(page).getByRole('treegrid');
  await grid.focus();
  await page.keyboard.press('End'); // the last span: the one most likely to need scrolling
  const spanId = (await selectedRow(page).getAttribute('data-span-id')) ?? '';
  expect(spanId).toMatch(/^[0-9a-f]{16}$/);
  await expect.poll(() => spanParam(page)).toBe(spanId);

  await page.reload();
  await expect(selectedRow(page)).toHaveAttribute('data-span-id', spanId);
  await expect(selectedRow(page)).toBeInViewport();
  await expect(details(page)).toBeVisible();
});

test('find: "n of m", and Next / Enter move the selection through the matches', async ({ page }) => {
  await openTrace(page, 'service=payment&lookback=6h');
  const find = page.getByRole('searchbox', { name: 'Find spans' });
  await find.fill('payment');
  await expect(page).toHaveURL(/find=payment/);
  const count = page.getByTestId('find-count');
  await expect(count).toHaveText(/^1 of \d+$/);
  const total = Number(/of (\d+)/.exec((await count.textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(1);
  await expect(selectedRow(page)).toHaveAttribute('data-match', 'match');
  // Matches are highlighted, the rest dimmed.
  await expect(spans(page).locator('[role="row"][data-match="match"]').first()).toBeVisible();
  await expect(spans(page).locator('[role="row"][data-match="other"]').first()).toBeVisible();

  const first = spanParam(page);
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(count).toHaveText(`2 of ${total}`);
  expect(spanParam(page)).not.toBe(first);
  await find.press('Shift+Enter');
  await expect(count).toHaveText(`1 of ${total}`);
  await expect.poll(() => spanParam(page)).toBe(first);

  // Show only matches leaves out spans that neither match nor lead to a match.
  const before = await shownRows(page);
  await page.getByRole('checkbox', { name: 'Only matches' }).click();
  await expect(page).toHaveURL(/matches=1/);
  await expect.poll(() => shownRows(page)).toBeLessThan(before);
});

test('"critical path only" hides the spans off the critical path', async ({ page }) => {
  // a leaf span with no critical segment: off the path (a strictly sequential trace has none on screen: try the next result)
  let offPathId = '';
  for (let nth = 0; nth < 10 && offPathId === ''; nth++) {
    await openTrace(page, 'lookback=6h', nth);
    const offPath = rows(page).filter({ hasNot: page.locator('[data-critical]') }).and(page.locator(':not([aria-expanded])'));
    if ((await offPath.count()) > 0) offPathId = (await offPath.first().getAttribute('data-span-id')) ?? '';
  }
  expect(offPathId).not.toBe('');
  const before = await shownRows(page);
  const toggle = page.getByRole('checkbox', { name: 'Critical path only' });

  // click, not check(): the box reflects the URL, which updates a moment after the click
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(page).toHaveURL(/critical=1/);
  await expect(spans(page).locator(`[data-span-id="${offPathId}"]`)).toHaveCount(0);
  await expect.poll(() => shownRows(page)).toBeLessThan(before);
  // what remains is on the path or leads to it
  await expect(rows(page).first().locator('[data-critical]').first()).toBeAttached();

  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(spans(page).locator(`[data-span-id="${offPathId}"]`)).toHaveCount(1);
});

test('collapsing a subtree shows how many spans it hides', async ({ page }) => {
  await openTrace(page, 'service=payment&lookback=6h');
  const parent = rows(page).nth(1);
  await expect(parent).toHaveAttribute('aria-expanded', 'true');
  const total = Number(await page.getByTestId('trace-span-count').textContent());
  const rowCount = page.getByTestId('row-count');
  await expect(rowCount).toHaveText(`${total} spans`);
  await parent.getByRole('button', { name: /^Collapse / }).click();
  await expect(parent).toHaveAttribute('aria-expanded', 'false');
  const hidden = Number(((await parent.getByTestId('hidden-count').textContent()) ?? '').replace('+', ''));
  expect(hidden).toBeGreaterThan(0);
  await expect(rowCount).toHaveText(`${total - hidden} of ${total} spans shown`);

  await parent.getByRole('button', { name: /^Expand / }).click();
  await expect(rowCount).toHaveText(`${total} spans`);
  const menu = page.getByRole('combobox', { name: 'Expand or collapse' });
  await menu.selectOption({ label: 'Collapse all' });
  await expect(rowCount).toHaveText(`1 of ${total} spans shown`);
  await expect(rows(page)).toHaveCount(1);
  await menu.selectOption({ label: 'Expand all' });
  await expect(rowCount).toHaveText(`${total} spans`);
});

test('keyboard only: ↓, →, ←, Enter, Esc, / and ?', async ({ page }) => {
  await openTrace(page, 'service=payment&lookback=6h');
  await spans(page).getByRole('treegrid').focus();

  await page.keyboard.press('ArrowDown');
  await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '1');
  await page.keyboard.press('ArrowDown');
  const second = selectedRow(page);
  await expect(second).toHaveAttribute('aria-rowindex', '2');
  const secondId = (await second.getAttribute('data-span-id')) ?? '';
  await expect.poll(() => spanParam(page)).toBe(secondId);

  // ← collapses a parent, → expands it again, → once more steps to its first child
  await page.keyboard.press('ArrowLeft');
  const row2 = spans(page).locator(`[data-span-id="${secondId}"]`);
  await expect(row2).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowRight');
  await expect(row2).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '3');
  // ← on a child goes back to its parent
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(selectedRow(page)).toHaveAttribute('data-span-id', secondId);

  await expect(details(page)).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(details(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(details(page)).toHaveCount(0);
  await expect(spans(page).getByRole('treegrid')).toBeFocused();

  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Find spans' })).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('dragging across the overview zooms the waterfall; Reset zoom shows the whole trace', async ({ page }) => {
  await openTrace(page, 'service=payment&lookback=6h');
  const overview = page.getByRole('region', { name: 'Trace overview' });
  const box = await overview.locator('canvas').boundingBox();
  if (!box) throw new Error('the overview has no canvas');
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/window=0\.\d+-0\.\d+/);
  await expect(overview.getByTestId('minimap-window')).toBeVisible();

  await overview.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(page).not.toHaveURL(/window=/);
});

test('the theme toggle overrides the system theme and is remembered', async ({ page }) => {
  await openTrace(page, 'service=payment&lookback=6h');
  const toggle = page.getByRole('button', { name: /^Theme:/ });
  await expect(toggle).toHaveAccessibleName('Theme: System');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('a trace permalink says which trace it is opening before the app has started, as text', async ({ page }) => {
  // hold the app's code back: what shows is index.html's own first paint
  await page.route(/\.(js|tsx?)(\?.*)?$/, (route) => route.abort());
  await page.goto('/trace/4bf92f3577b34da6a3ce929d0e0e4736?source=demo');
  const status = page.getByRole('status');
  await expect(status).toHaveText('Loading trace 4bf92f3577b34da6a3ce929d0e0e4736…Starting Tracery');
  await expect(page.getByTestId('trace-load-progress')).toHaveText('Starting Tracery');

  // the id is the URL's, untrusted: markup in it stays text
  await page.goto(`/trace/${encodeURIComponent('<img src=x onerror="document.title=1">')}`);
  await expect(status).toContainText('Loading trace <img src=x onerror="document.title=1">…');
  await expect(page.locator('#root img')).toHaveCount(0);

  // with its code, the app takes the place over and says what became of the load
  await page.unroute(/\.(js|tsx?)(\?.*)?$/);
  await page.goto('/trace/4bf92f3577b34da6a3ce929d0e0e4736?source=demo');
  await expect(page.getByText(/Trace 4bf92f3577b34da6a3ce929d0e0e4736 was not found/)).toBeVisible();
  await expect(page.getByText('Starting Tracery')).toHaveCount(0);
});
