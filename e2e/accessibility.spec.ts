import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// axe-core over the main pages and dialogs, in both themes: any violation of a WCAG 2
// A or AA rule fails. Each check waits for what the page shows first, so axe reads a
// settled page.

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoViolations(page: Page, options: { disableRules?: readonly string[] } = {}): Promise<void> {
  let builder = new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    // WCAG 2.5.3 (label in name) is an experimental rule in axe, off unless asked for
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } });
  if (options.disableRules) builder = builder.disableRules([...options.disableRules]);
  const { violations } = await builder.analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact ?? ''}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n  ')}`);
  expect(summary).toEqual([]);
}

async function openTrace(page: Page): Promise<void> {
  await page.goto('/search?service=payment&lookback=6h');
  await page.getByRole('region', { name: 'Search results' }).locator('a.result-link').first().click();
  await expect(page.getByRole('region', { name: 'Spans' }).getByRole('row').first()).toBeVisible();
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    });

    test('search page', async ({ page }) => {
      await page.goto('/search?service=payment&lookback=6h');
      await expect(page.getByRole('region', { name: 'Search results' }).locator('a.result-link').first()).toBeVisible();
      await expectNoViolations(page);
    });

    test('trace: waterfall with span details, flame graph, logs, statistics, service map', async ({ page }) => {
      await openTrace(page);
      await page.getByRole('region', { name: 'Spans' }).getByRole('row').nth(1).click();
      await expect(page.getByRole('complementary', { name: 'Span details' })).toBeVisible();
      await expectNoViolations(page);

      await page.getByRole('tab', { name: 'Flame graph' }).click();
      await expect(page.getByRole('tab', { name: 'Flame graph' })).toHaveAttribute('aria-selected', 'true');
      await expect(page.locator('canvas').last()).toBeVisible();
      await expectNoViolations(page);

      await page.getByRole('tab', { name: 'Logs' }).click();
      await expect(page.getByTestId('log-record').first()).toBeVisible();
      await expectNoViolations(page);

      await page.getByRole('tab', { name: 'Statistics' }).click();
      await expect(page.getByRole('table', { name: 'Trace statistics' })).toBeVisible();
      await expectNoViolations(page);

      await page.getByRole('tab', { name: 'Service map' }).click();
      await expect(page.getByTestId('map-node').first()).toBeVisible();
      await expectNoViolations(page);
    });

    test('dialogs: keyboard shortcuts and Paste JSON', async ({ page }) => {
      await openTrace(page);
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await expectNoViolations(page);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);

      await page.getByRole('button', { name: 'Paste JSON' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectNoViolations(page);
    });

    test('local files page', async ({ page }) => {
      await page.goto('/files?source=local');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoViolations(page);
    });
  });
}
