import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';

// Real file shapes opened as a person does, from the header's "Open trace file":
// Jaeger's own converter fixture holds two different spans under span id
// 0000000000000002 (the second is the error) and per-span warnings.

const fixtures = new URL('../src/core/formats/__fixtures__/', import.meta.url);
const DUPLICATE_ID_FILE = fileURLToPath(new URL('jaeger/converter-ui_01.json', fixtures));
const TRACE_ID = '00000000000000000000000000000001';

const spans = (page: Page) => page.getByRole('region', { name: 'Spans' });
const details = (page: Page) => page.getByRole('complementary', { name: 'Span details' });

async function expectBothSpansKept(page: Page): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`/trace/${TRACE_ID}\\?source=local`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('service-x: test-general-conversion');
  await expect(page.getByTestId('trace-span-count')).toHaveText('5');
  await expect(page.getByTestId('trace-error-count')).toHaveText('1');
}

test('a Jaeger file with two different spans under one id keeps both, counts the error, and shows the span warnings', async ({ page }) => {
  await page.goto('/search');
  await page.getByTestId('open-trace-file').setInputFiles(DUPLICATE_ID_FILE);
  await expectBothSpansKept(page);

  // 2 trace warnings (the re-keyed id, Jaeger's trace warning) and 2 span warnings
  await page.getByRole('button', { name: '⚠ 4 warnings' }).click();
  const warnings = page.getByRole('region', { name: 'Trace warnings' });
  await expect(warnings).toContainText('span id 0000000000000002 appears more than once with different content; the later span "some-operation" is shown under span id');
  await expect(warnings).toContainText('Jaeger says: some trace warning');
  await expect(warnings).toContainText('service-y: reference-test (0000000000000004): some span warning');
  await page.keyboard.press('Escape');

  await spans(page).getByRole('row').filter({ hasText: 'reference-test' }).first().click();
  await expect(details(page).getByRole('region', { name: 'Warnings' }).getByRole('listitem')).toHaveText(['some span warning']);

  // the kept copy (Local files) still has both spans and the span warnings after a reload
  await page.reload();
  await expectBothSpansKept(page);
  await expect(page.getByRole('button', { name: '⚠ 4 warnings' })).toBeVisible();
});
