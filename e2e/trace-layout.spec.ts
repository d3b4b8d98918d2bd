import { expect, test, type Page } from '@playwright/test';

// The trace page at the window sizes people use, in both themes: geometry, not pixels
// (a screenshot comparison breaks on another machine's fonts). No sideways scroll, a
// toolbar on one line, a timeline with room, rows to read. With DOCS_SCREENSHOTS=1
// the screenshots of the narrow layouts are written to docs/ (a test run leaves the
// tree as it was).

const spans = (page: Page) => page.getByRole('region', { name: 'Spans' });
const rows = (page: Page) => spans(page).getByRole('row');
const details = (page: Page) => page.getByRole('complementary', { name: 'Span details' });
/** Row height of the waterfall (waterfall/geometry.ts ROW_PX). */
const ROW_PX = 26;

async function openTrace(page: Page): Promise<void> {
  await page.goto('/search?service=payment&lookback=6h');
  await page.getByRole('region', { name: 'Search results' }).locator('a.result-link').first().click();
  await expect(rows(page).first()).toBeVisible();
}

async function geometry(page: Page) {
  return page.evaluate((rowPx) => {
    const grid = document.getElementById('trace-waterfall');
    const toolbar = document.querySelector('[role="toolbar"][aria-label="Waterfall view"]');
    const find = document.querySelector('[role="search"][aria-label="Find in trace"]');
    const ruler = grid?.parentElement?.firstElementChild?.lastElementChild;
    if (!grid || !toolbar || !find || !ruler) throw new Error('the trace page is missing a part');
    const toolbarBox = toolbar.getBoundingClientRect();
    const findBox = find.getBoundingClientRect();
    return {
      pageScrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      viewportWidth: document.documentElement.clientWidth,
      timelineWidth: ruler.getBoundingClientRect().width,
      // one line: the find bar and the toolbar side by side, neither taller than a control
      toolbarOneLine: Math.abs(toolbarBox.top - findBox.top) < 8 && toolbarBox.height < 40 && findBox.height < 40,
      rowsVisible: Math.floor(grid.getBoundingClientRect().height / rowPx),
    };
  }, ROW_PX);
}

const SIZES = [
  { width: 800, height: 900, rows: 6, doc: 'docs/trace-800.png' },
  { width: 1280, height: 720, rows: 13, doc: 'docs/trace-1280x720.png' },
  { width: 1920, height: 1080, rows: 20 },
] as const;

for (const size of SIZES) {
  for (const theme of ['light', 'dark'] as const) {
    test(`${size.width}×${size.height}, ${theme}: no sideways scroll, one toolbar line, a timeline and rows beside the span details`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: theme });
      await openTrace(page);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await rows(page).nth(2).click();
      await expect(details(page)).toBeVisible();

      const shown = await geometry(page);
      expect(shown.pageScrollsSideways).toBe(false);
      expect(shown.toolbarOneLine).toBe(true);
      expect(shown.timelineWidth).toBeGreaterThan(shown.viewportWidth * 0.25);
      expect(shown.rowsVisible).toBeGreaterThanOrEqual(size.rows);
      // the selected row is not behind the details
      await expect(rows(page).nth(2)).toBeInViewport();
      if ('doc' in size && theme === 'light' && process.env.DOCS_SCREENSHOTS === '1') await page.screenshot({ path: size.doc });
    });
  }
}

test('1280×720: folding the overview gives the rows its room, and stays folded for the next trace', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openTrace(page);
  const before = (await geometry(page)).rowsVisible;
  const fold = page.getByRole('button', { name: 'Hide overview' });
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await fold.click();
  await expect(page.getByRole('region', { name: 'Trace overview' }).locator('canvas')).toHaveCount(0);
  await expect.poll(async () => (await geometry(page)).rowsVisible).toBeGreaterThanOrEqual(before + 3);
  await page.goBack();
  await page.getByRole('region', { name: 'Search results' }).locator('a.result-link').nth(1).click();
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show overview' })).toHaveAttribute('aria-expanded', 'false');
});

test('320 px wide (400 % zoom): the header and the trace page wrap instead of scrolling sideways; pages have titles', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await openTrace(page);
  await expect(page).toHaveTitle(/^.+ · [0-9a-f]{7} — Tracery$/);
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  expect(await sideways()).toBe(false);
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page).toHaveTitle('Not found — Tracery');
  expect(await sideways()).toBe(false);
  // the search results and the services table scroll inside their own box, not the page
  await page.goto('/search?service=payment&lookback=6h&limit=5');
  await expect(page.getByRole('region', { name: 'Search results' }).locator('tbody tr').first()).toBeVisible();
  expect(await sideways()).toBe(false);
  await page.goto('/services');
  await expect(page.getByRole('table').first().locator('tbody tr').first()).toBeVisible({ timeout: 45_000 });
  expect(await sideways()).toBe(false);
});

test('the header holds the theme and time zone, and the time zone button says which zone is shown', async ({ page }) => {
  await page.goto('/no/such/page');
  const header = page.getByRole('banner').first();
  await expect(header.getByRole('button', { name: /^Theme:/ })).toBeVisible();
  const zone = header.getByRole('button', { name: /^Time zone:/ });
  const first = (await zone.textContent()) ?? '';
  await zone.click();
  await expect(zone).not.toHaveText(first);
  await expect(zone).toHaveText(/^(UTC|Local time)$/);
});

test('opening a trace puts focus on its heading; "Skip to waterfall" is the first Tab stop', async ({ page }) => {
  await openTrace(page);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  // the skip links come before everything else that takes focus
  const firstStops = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, [tabindex="0"]')].slice(0, 2).map((e) => e.textContent?.trim()),
  );
  expect(firstStops).toEqual(['Skip to content', 'Skip to waterfall']);
  const skip = page.getByRole('link', { name: 'Skip to waterfall' });
  await skip.focus();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(spans(page).getByRole('treegrid')).toBeFocused();
});

test('a span link and a pasted traceparent open the details and scroll the waterfall to the span, expanding its ancestors', async ({ page }) => {
  await openTrace(page);
  const traceId = /\/trace\/([0-9a-f]{32})/.exec(page.url())?.[1] ?? '';
  await spans(page).getByRole('treegrid').focus();
  await page.keyboard.press('End');
  const deepId = (await spans(page).locator('[role="row"][aria-selected="true"]').getAttribute('data-span-id')) ?? '';
  expect(deepId).toMatch(/^[0-9a-f]{16}$/);

  // a link that names the span with every subtree collapsed
  await page.goto(`/trace/${traceId}?span=${deepId}&collapse=depth:0`);
  const row = spans(page).locator(`[data-span-id="${deepId}"]`);
  await expect(row).toBeInViewport();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(details(page)).toBeVisible();

  // the same trace: collapse it all, close the details, then paste the span's traceparent
  await page.getByRole('button', { name: 'Close span details' }).click();
  await page.getByRole('combobox', { name: 'Expand or collapse' }).selectOption({ label: 'Collapse all' });
  await expect(row).toHaveCount(0);
  const box = page.getByRole('textbox', { name: 'Trace id or traceparent' });
  await box.fill(`00-${traceId}-${deepId}-01`);
  await box.press('Enter');
  await expect(row).toBeInViewport();
  await expect(details(page)).toBeVisible();
});

test('the shortcuts dialog keeps Tab inside and gives focus back to the ? button', async ({ page }) => {
  await openTrace(page);
  const opener = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement) || document.activeElement === document.body)).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
});

test('span details: log bodies and attribute keys get the width to read; the Logs tab ends a long span name with an ellipsis', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openTrace(page);
  await page.getByRole('tab', { name: 'Logs' }).click();
  const records = page.getByTestId('log-record');
  await expect(records.first()).toBeVisible();
  // every span cell fits its column and a cut name shows an ellipsis on its own box
  const cells = await page.locator('[data-testid="log-record"] button[title^="Show span"]').evaluateAll((buttons) =>
    buttons.map((b) => ({ fits: b.getBoundingClientRect().width <= (b.parentElement?.getBoundingClientRect().width ?? 0) + 0.5, cut: b.scrollWidth > b.clientWidth, ellipsis: getComputedStyle(b).textOverflow === 'ellipsis' })),
  );
  expect(cells.length).toBeGreaterThan(0);
  expect(cells.every((c) => c.fits && c.ellipsis)).toBe(true);

  // open a span that has records: its details list them, bodies on a line of their own
  await records.first().locator('button[title^="Show span"]').click();
  const panel = details(page);
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Logs' }).getByTestId('log-record').first()).toBeVisible();
  const widths = await panel.getByRole('region', { name: 'Logs' }).getByTestId('log-record').first().evaluate((record) => {
    const line = record.firstElementChild as HTMLElement;
    const bodyBox = (line.lastElementChild as HTMLElement).getBoundingClientRect();
    return { body: bodyBox.width, line: line.getBoundingClientRect().width };
  });
  expect(widths.body).toBeGreaterThan(widths.line * 0.6);
});
