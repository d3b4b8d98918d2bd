import { expect, test, type Locator, type Page } from '@playwright/test';

// The trace page's flame view, driven as a person would: switch to it, drill into a
// frame, share the link, hover, reset, dim off the critical path, and go back to the
// waterfall with the selection kept. Drawing is asserted through the canvas's own draw
// counter and its pixels, never by sleeping.

const ROW_PX = 20;
const canvas = (page: Page) => page.getByRole('application', { name: /^Flame graph/ });
const breadcrumb = (page: Page) => page.getByRole('navigation', { name: 'Flame focus' });
const tooltip = (page: Page) => page.getByTestId('flame-tooltip');
const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);
const drawCount = async (target: Locator): Promise<number> => Number((await target.getAttribute('data-draw-count')) ?? 0);

/** How many pixels of the canvas are painted, and a cheap fingerprint of them. */
async function pixels(target: Locator): Promise<{ painted: number; hash: number }> {
  return target.evaluate((element) => {
    const c = element as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let painted = 0;
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) {
      if ((data[i + 3] ?? 0) > 0) painted++;
      hash = (Math.imul(hash, 31) + (data[i] ?? 0) + (data[i + 1] ?? 0) * 3 + (data[i + 2] ?? 0) * 7 + (data[i + 3] ?? 0) * 11) | 0;
    }
    return { painted, hash };
  });
}

async function openFlame(page: Page): Promise<void> {
  await page.goto('/search?service=payment&lookback=6h');
  await page.getByRole('region', { name: 'Search results' }).locator('a.result-link').first().click();
  await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}/);
  await page.getByRole('tab', { name: 'Flame graph' }).click();
  await expect(page).toHaveURL(/view=flame/);
  await expect.poll(() => drawCount(canvas(page))).toBeGreaterThan(0);
}

/** Hover along a row until a frame answers; returns the point (canvas px). */
async function frameInRow(page: Page, row: number): Promise<{ x: number; y: number }> {
  const box = await canvas(page).boundingBox();
  if (!box) throw new Error('no canvas');
  const y = row * ROW_PX + ROW_PX / 2;
  for (let f = 0.5; f < 0.99; f += 0.02) {
    for (const x of [box.width * f, box.width * (1 - f)]) {
      await canvas(page).hover({ position: { x, y } });
      if (await tooltip(page).isVisible()) return { x, y };
    }
  }
  throw new Error(`no frame in row ${row}`);
}

test('the flame view paints a demo trace; a click drills in, the link and a reload keep the zoom, Esc resets', async ({ page }) => {
  await openFlame(page);
  const target = canvas(page);
  expect((await pixels(target)).painted).toBeGreaterThan(1000);

  // hover: the tooltip says what the frame is
  const point = await frameInRow(page, 1);
  await expect(tooltip(page)).toContainText('Duration');
  await expect(tooltip(page)).toContainText('Self time');
  await expect(tooltip(page)).toContainText('Critical path');
  await expect(tooltip(page)).toContainText('% of the trace');

  // click: drill into it (breadcrumb, URL focus and window) and select its span
  await target.click({ position: point });
  await expect.poll(() => param(page, 'flameFocus')).toMatch(/^[0-9a-f]{16}$/);
  const focus = param(page, 'flameFocus');
  expect(param(page, 'span')).toBe(focus);
  const current = breadcrumb(page).locator('[aria-current="location"]');
  await expect(current).not.toHaveText('Whole trace');
  const crumb = await current.textContent();
  await expect(breadcrumb(page).getByRole('button', { name: 'Whole trace' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Span details' })).toBeVisible();
  const window = param(page, 'window');

  // reload: the same picture
  await page.reload();
  await expect.poll(() => drawCount(canvas(page))).toBeGreaterThan(0);
  await expect(breadcrumb(page).locator('[aria-current="location"]')).toHaveText(crumb ?? '');
  expect(param(page, 'window')).toBe(window);
  expect(param(page, 'flameFocus')).toBe(focus);

  // Esc on the canvas: back to the whole trace
  await canvas(page).focus();
  await page.keyboard.press('Escape');
  await expect.poll(() => param(page, 'flameFocus')).toBeNull();
  expect(param(page, 'window')).toBeNull();
  await expect(breadcrumb(page).locator('[aria-current="location"]')).toHaveText('Whole trace');
});

test('dimming off the critical path redraws, and changes the picture', async ({ page }) => {
  await openFlame(page);
  const target = canvas(page);
  await page.mouse.move(0, 0); // no hover outline in either picture
  const before = await drawCount(target);
  const picture = await pixels(target);
  await page.getByRole('checkbox', { name: 'Dim off the critical path' }).check();
  await expect.poll(() => param(page, 'flameDim')).toBe('1');
  await expect.poll(() => drawCount(target)).toBeGreaterThan(before);
  await expect.poll(async () => (await pixels(target)).hash).not.toBe(picture.hash);
  // nothing else changing draws nothing: the loop is idle
  const settled = await drawCount(target);
  await page.getByRole('checkbox', { name: 'Dim off the critical path' }).focus();
  expect(await drawCount(target)).toBe(settled);
});

test('a frame selected in the flame view stays selected in the waterfall', async ({ page }) => {
  await openFlame(page);
  await canvas(page).focus();
  await page.keyboard.press('ArrowDown'); // the root
  await page.keyboard.press('ArrowDown'); // its first child
  await page.keyboard.press('Enter');
  await expect.poll(() => param(page, 'span')).toMatch(/^[0-9a-f]{16}$/);
  const spanId = param(page, 'span');
  await page.getByRole('tab', { name: 'Waterfall' }).click();
  await expect(page).not.toHaveURL(/view=flame/);
  const selected = page.getByRole('region', { name: 'Spans' }).locator('[role="row"][aria-selected="true"]');
  await expect(selected).toHaveAttribute('data-span-id', spanId ?? '');
  await expect(page.getByRole('complementary', { name: 'Span details' })).toBeVisible();
});

test('the aggregated mode merges call paths and its tooltip gives count, total, self and average', async ({ page }) => {
  await openFlame(page);
  await page.getByRole('button', { name: 'Aggregated' }).click();
  await expect.poll(() => param(page, 'flameMode')).toBe('aggregate');
  await frameInRow(page, 1);
  for (const text of ['Count', 'Total', 'Self', 'Average']) await expect(tooltip(page)).toContainText(text);
});

test('the wheel zooms around the pointer and a drag pans; both land in the shared window', async ({ page }) => {
  await openFlame(page);
  const box = await canvas(page).boundingBox();
  if (!box) throw new Error('no canvas');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -600);
  await expect.poll(() => param(page, 'window')).toMatch(/^[\d.]+-[\d.]+$/);
  const [from, to] = (param(page, 'window') ?? '').split('-').map(Number) as [number, number];
  expect(to - from).toBeLessThan(0.9);
  // zoomed around the middle: the middle stays inside the window
  expect(from).toBeLessThan(0.5);
  expect(to).toBeGreaterThan(0.5);

  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 20);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height - 20, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => Number((param(page, 'window') ?? '0-0').split('-')[0])).toBeLessThan(from);
  expect(param(page, 'flameFocus')).toBeNull(); // a drag is not a click
});

test('a drag right after the wheel: the URL is written once, when the drag ends, and the tooltip leaves with the wheel', async ({ page }) => {
  await openFlame(page);
  const box = await canvas(page).boundingBox();
  if (!box) throw new Error('no canvas');
  const point = await frameInRow(page, 1);
  await expect(tooltip(page)).toBeVisible();
  await page.evaluate(() => {
    const writes: string[] = [];
    (window as unknown as { __urlWrites: string[] }).__urlWrites = writes;
    for (const name of ['pushState', 'replaceState'] as const) {
      const original = history[name].bind(history);
      history[name] = (data: unknown, unused: string, url?: string | URL | null) => {
        writes.push(String(url));
        original(data, unused, url);
      };
    }
  });
  const writes = () => page.evaluate(() => (window as unknown as { __urlWrites: string[] }).__urlWrites.length);
  await page.mouse.wheel(0, -600);
  await expect(tooltip(page)).toBeHidden();
  // press at once, inside the wheel's quiet time before its URL write, and drag past it
  await page.mouse.move(box.x + point.x, box.y + point.y);
  await page.mouse.down();
  await page.mouse.move(box.x + point.x + 20, box.y + point.y);
  // from the drag's first move on, nothing writes the URL (a slow machine may have written the wheel's window already)
  const before = await writes();
  for (let step = 2; step <= 9; step++) {
    await page.mouse.move(box.x + point.x + step * 20, box.y + point.y);
    await page.waitForTimeout(50);
  }
  expect(await writes()).toBe(before);
  await page.mouse.up();
  await expect.poll(writes).toBe(before + 1);
  expect(param(page, 'window')).toMatch(/^[\d.]+-[\d.]+$/);
});

test('Copy link from a zoomed, aggregated flame view opens the same picture in a new page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openFlame(page);
  await page.getByRole('button', { name: 'Aggregated' }).click();
  await expect.poll(() => param(page, 'flameMode')).toBe('aggregate');
  const point = await frameInRow(page, 2);
  await canvas(page).click({ position: point });
  await expect.poll(() => param(page, 'flameFocus')).toMatch(/^[0-9a-f]{16}$/);
  // the URL changes first; the breadcrumb follows in the router's transition
  const current = breadcrumb(page).locator('[aria-current="location"]');
  await expect(current).not.toHaveText('All spans');
  const crumb = await current.textContent();

  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const url = new URL(link);
  expect(url.searchParams.get('view')).toBe('flame');
  expect(url.searchParams.get('flameMode')).toBe('aggregate');
  expect(url.searchParams.get('flameFocus')).toBe(param(page, 'flameFocus'));

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByRole('tab', { name: 'Flame graph' })).toHaveAttribute('aria-selected', 'true');
  await expect(other.getByRole('button', { name: 'Aggregated' })).toHaveAttribute('aria-pressed', 'true');
  await expect(breadcrumb(other).locator('[aria-current="location"]')).toHaveText(crumb ?? '');
  await expect.poll(() => drawCount(canvas(other))).toBeGreaterThan(0);
});

test('the overview strip above the flame chart zooms it, and shows where the zoomed window is', async ({ page }) => {
  await openFlame(page);
  const overview = page.getByRole('region', { name: 'Trace overview' });
  const box = await overview.locator('canvas').boundingBox();
  if (!box) throw new Error('the overview has no canvas');
  const before = await drawCount(canvas(page));
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect(page).toHaveURL(/window=/);
  await expect(overview.getByTestId('minimap-window')).toBeVisible();
  // the flame chart redrew for the new window
  await expect.poll(() => drawCount(canvas(page))).toBeGreaterThan(before);
  // Aggregated mode has no time axis: no strip
  await page.getByRole('button', { name: 'Aggregated' }).click();
  await expect(overview).toHaveCount(0);
});
