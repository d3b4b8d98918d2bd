import { expect, test, type Locator, type Page } from '@playwright/test';

// The demo's checkout hands an order to Kafka: notification's CONSUMER ("process orders")
// runs under order's 1 ms PRODUCER ("send orders"), after the response, for far longer
// than the request. The aggregated flame graph must show that time as a stack of its
// own, and say what its width adds up to.

const ROW_PX = 20;
const canvas = (page: Page) => page.getByRole('application', { name: /^Flame graph/ });
const tooltip = (page: Page) => page.getByTestId('flame-tooltip');
const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);
const drawCount = async (target: Locator): Promise<number> => Number((await target.getAttribute('data-draw-count')) ?? 0);

/** A demo trace with a producer/consumer pair: only the consumer's subtree runs in notification. */
async function openCheckoutFlame(page: Page): Promise<void> {
  await page.goto('/search?service=notification&lookback=6h');
  await page.getByRole('region', { name: 'Search results' }).locator('a.result-link').first().click();
  await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}/);
  await page.getByRole('tab', { name: 'Flame graph' }).click();
  await expect(page).toHaveURL(/view=flame/);
  await expect.poll(() => drawCount(canvas(page))).toBeGreaterThan(0);
}

test('Aggregated: the consumer has an async stack of its own, reached by order-by-width and hover; the caption accounts for the whole trace', async ({ page }) => {
  await openCheckoutFlame(page);
  await page.getByRole('button', { name: 'Aggregated' }).click();
  await expect.poll(() => param(page, 'flameMode')).toBe('aggregate');

  // the caption names the async stack and the trace's own duration, as the header gives it
  const caption = page.getByTestId('flame-caption');
  await expect(caption).toContainText('async stack');
  const traceDuration = ((await page.getByTestId('trace-duration').textContent()) ?? '').trim();
  const captionTrace = /of a (\S+) trace/.exec((await caption.textContent()) ?? '')?.[1] ?? '(none)';
  expect(traceDuration).toContain(captionTrace);

  // ordered by width, the keyboard walks the top-level stacks: the async one is among them
  await page.getByRole('combobox', { name: /^Order/ }).selectOption('width');
  await expect.poll(() => param(page, 'flameOrder')).toBe('width');
  await canvas(page).focus();
  await page.keyboard.press('ArrowDown'); // all spans
  await page.keyboard.press('ArrowDown'); // the widest stack
  const cursor = page.getByTestId('flame-cursor');
  for (let step = 0; step < 4 && !/^async:/.test((await cursor.textContent()) ?? ''); step++) await page.keyboard.press('ArrowRight');
  await expect(cursor).toHaveText(/^async: notification: process orders/);

  // …and it is wide enough to point at: the tooltip says why it is async
  const box = await canvas(page).boundingBox();
  if (!box) throw new Error('no canvas');
  let found = false;
  for (let f = 0.05; f < 1 && !found; f += 0.1) {
    await canvas(page).hover({ position: { x: box.width * f, y: ROW_PX + ROW_PX / 2 } });
    found = ((await tooltip(page).textContent().catch(() => '')) ?? '').includes('process orders');
  }
  expect(found).toBe(true);
  await expect(tooltip(page)).toContainText('consumed a message its parent produced');
  await expect(tooltip(page)).toContainText(/Status(error|ok|unset)/);
});
