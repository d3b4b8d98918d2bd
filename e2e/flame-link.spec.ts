import { expect, test, type Page } from '@playwright/test';

// A link that names a span and the flame view (`?view=flame&span=…`) lands on that span:
// its details open, and a frame too thin to see at the whole trace's scale is zoomed
// to (the shared `window`, so the link can be shared on) until it can be pointed at.

const ROW_PX = 20;
/** the width the flame view zooms a named span to, at least (FlameView's SHOWN_SPAN_MIN_PX) */
const SHOWN_SPAN_MIN_PX = 24;
const spans = (page: Page) => page.getByRole('region', { name: 'Spans' });
const details = (page: Page) => page.getByRole('complementary', { name: 'Span details' });
const canvas = (page: Page) => page.getByRole('application', { name: /^Flame graph/ });
const tooltip = (page: Page) => page.getByTestId('flame-tooltip');
const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);

const UNIT_NS: Record<string, number> = { ns: 1, µs: 1e3, ms: 1e6, s: 1e9 };
/** "307µs", "1.97ms", "7.69s" as the waterfall and the header print them */
function durationNs(text: string): number {
  const match = /([\d.]+)(ns|µs|ms|s)$/.exec(text.trim());
  return match ? Number(match[1]) * (UNIT_NS[match[2] as string] ?? NaN) : NaN;
}

test('a link to a span in the flame view zooms to its frame, shows it and opens its details', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/search?service=payment&lookback=6h');
  await page.getByRole('region', { name: 'Search results' }).locator('a.result-link').first().click();
  await expect(spans(page).getByRole('row').first()).toBeVisible();
  const traceId = /\/trace\/([0-9a-f]{32})/.exec(page.url())?.[1] ?? '';
  const traceNs = durationNs((await page.getByTestId('trace-duration').textContent()) ?? '');

  // the shortest span the waterfall shows: at the whole trace's width it is a sliver
  const shown = await spans(page)
    .locator('[role="row"][data-span-id]')
    .evaluateAll((rows) => rows.map((row) => ({ id: row.getAttribute('data-span-id') ?? '', level: Number(row.getAttribute('aria-level')), text: row.textContent ?? '' })));
  const shortest = shown.map((row) => ({ ...row, ns: durationNs(row.text) })).reduce((best, row) => (row.ns < best.ns ? row : best));
  const durationText = /[\d.]+(ns|µs|ms|s)$/.exec(shortest.text.trim())?.[0] ?? '';
  expect(shortest.id).toMatch(/^[0-9a-f]{16}$/);
  expect(shortest.ns / traceNs).toBeLessThan(SHOWN_SPAN_MIN_PX / 1280 / 4);

  await page.goto(`/trace/${traceId}?view=flame&span=${shortest.id}`);
  await expect(details(page)).toBeVisible();
  await expect(details(page)).toContainText(shortest.id);
  // zoomed: the link now carries the window that shows the frame, a small part of the trace
  await expect.poll(() => param(page, 'window')).toMatch(/^[\d.]+-[\d.]+$/);
  const [from, to] = (param(page, 'window') ?? '').split('-').map(Number) as [number, number];
  expect(to - from).toBeLessThan(0.5);
  expect(param(page, 'span')).toBe(shortest.id);

  // and the frame is there to point at: in the span's row (the flame's rows are depths),
  // at least SHOWN_SPAN_MIN_PX wide, its tooltip naming its duration
  const box = await canvas(page).boundingBox();
  if (!box) throw new Error('no flame canvas');
  const y = (shortest.level - 1) * ROW_PX + ROW_PX / 2;
  let namedPx = 0;
  for (let x = 2; x < box.width - 2; x += 4) {
    await canvas(page).hover({ position: { x, y } });
    if ((await tooltip(page).isVisible()) && ((await tooltip(page).textContent()) ?? '').includes(durationText)) namedPx += 4;
  }
  expect(namedPx).toBeGreaterThanOrEqual(SHOWN_SPAN_MIN_PX - 4);
});
