import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// Hostile input, opened the way a person opens a trace file: every file of the corpus
// (scripts/hostile-corpus.ts, written by globalSetup into e2e/fixtures/hostile/) must
// render as text, run nothing, open no dialog, put no script-capable link in the DOM,
// keep the page responsive and show the decoding warnings.
//
// How a file gets in: through the header's "Open trace file" input
// (`data-testid="open-trace-file"`, the trace opens at /trace/<id>?source=local) when
// the app has it; otherwise the file is POSTed to the demo backend's OTLP/HTTP ingest
// from the page and opened at /trace/<id>?source=demo. The test names the way it took
// in an annotation.

const DIR = join(import.meta.dirname, 'fixtures', 'hostile');

interface HostileCase {
  readonly file: string;
  readonly title: string;
  readonly traceId: string;
  readonly probeSpanId: string;
  readonly expectWarnings: readonly string[];
  readonly backendWarnings: readonly string[];
  readonly spanCount: number;
  readonly heavy?: boolean;
}
interface Manifest {
  readonly payloads: Record<string, string>;
  readonly cases: readonly HostileCase[];
  readonly logs: { readonly file: string; readonly traceId: string };
}
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Manifest;
const caseNamed = (file: string) => manifest.cases.find((c) => c.file === file) as HostileCase;

type Way = 'file' | 'demo';

/** Fails the test on any dialog (alert/confirm/prompt from a payload) and collects uncaught page errors. */
function watch(page: Page): { dialogs: string[]; errors: string[] } {
  const seen = { dialogs: [] as string[], errors: [] as string[] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => seen.errors.push(error.message.slice(0, 300)));
  return seen;
}

/** Opens a corpus file as a person would, and says which way it went. */
async function openFile(page: Page, c: HostileCase): Promise<Way> {
  await page.goto('/search?source=demo');
  await expect(page.getByRole('banner')).toBeVisible();
  const input = page.getByTestId('open-trace-file');
  if ((await input.count()) > 0) {
    await input.setInputFiles(join(DIR, c.file));
    await expect(page).toHaveURL(new RegExp(`/trace/${c.traceId}\\?source=local`), { timeout: c.heavy ? 120_000 : 30_000 });
    return 'file';
  }
  await postToDemo(page, '/demo/otlp/v1/traces', readFileSync(join(DIR, c.file), 'utf8'));
  // the demo store lives in this page: move on inside the app, as a person would, never by reloading
  await goToTrace(page, c.traceId);
  return 'demo';
}

async function goToTrace(page: Page, traceId: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Trace id or traceparent' }).fill(traceId);
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}`));
}

/** Selects a span the way a person finds one by id: type it into Find, take the match, open its details. */
async function selectSpan(page: Page, spanId: string, timeout = 15_000): Promise<void> {
  await page.getByRole('searchbox', { name: 'Find spans' }).fill(spanId);
  await expect(page.getByTestId('find-count')).toHaveText(/of 1$/, { timeout });
  await page.getByRole('button', { name: 'Next match' }).click();
  const row = spans(page).locator(`[role="row"][aria-selected="true"][data-span-id="${spanId}"]`);
  await expect(row).toBeVisible({ timeout });
  await row.click();
  await expect(details(page)).toBeVisible({ timeout });
}

/** POSTs an OTLP/JSON body from the page (the demo backend lives in the page's service worker). */
async function postToDemo(page: Page, path: string, body: string): Promise<void> {
  const answer = await page.evaluate(
    async ([url, text]) => {
      const response = await fetch(url as string, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text as string });
      return { status: response.status, body: await response.text() };
    },
    [path, body],
  );
  expect(answer.status, answer.body).toBe(200);
}

const spans = (page: Page) => page.getByRole('region', { name: 'Spans' });
const details = (page: Page) => page.getByRole('complementary', { name: 'Span details' });

/** Nothing from a payload ran or became live markup. */
async function expectNothingRan(page: Page, seen: { dialogs: string[]; errors: string[] }): Promise<void> {
  const dom = await page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      // React never writes on* attributes: any there came from data
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `${el.tagName.toLowerCase()}[${a.name}]`)),
      badLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
        .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? el.getAttribute('formaction') ?? '')
        .filter((url) => {
          try {
            return !['http:', 'https:', 'blob:'].includes(new URL(url, location.href).protocol);
          } catch {
            return true;
          }
        }),
      iframes: document.querySelectorAll('iframe').length,
      // the app's own SVG icons carry no script; a payload's <svg onload> would show in handlers, this counts stray scripts
      payloadScripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__pwned')).length,
      svgOnload: document.querySelectorAll('svg[onload], img[onerror]').length,
    };
  });
  expect(dom.pwned, 'window.__pwned (the tripwire)').toBeUndefined();
  expect(dom.handlers).toEqual([]);
  expect(dom.badLinks).toEqual([]);
  expect(dom.iframes).toBe(0);
  expect(dom.payloadScripts).toBe(0);
  expect(dom.svgOnload).toBe(0);
  expect(await page.locator('a[href^="javascript:" i], [href^="data:" i]').count()).toBe(0);
  expect(seen.dialogs, 'dialogs opened').toEqual([]);
  expect(seen.errors, 'uncaught errors in the page').toEqual([]);
}

/** The page still answers: select a row, see its details, flip to the flame graph and back. */
async function expectResponsive(page: Page): Promise<void> {
  const firstRow = spans(page).getByRole('row').first();
  await expect(firstRow).toBeVisible();
  await firstRow.click();
  await expect(firstRow).toHaveAttribute('aria-selected', 'true');
  await expect(details(page)).toBeVisible();
  await page.getByRole('tab', { name: 'Flame graph' }).click();
  await expect(page.locator('canvas').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Waterfall' }).click();
  await expect(spans(page).getByRole('row').first()).toBeVisible();
}

async function expectWarnings(page: Page, expected: readonly string[]): Promise<void> {
  if (expected.length === 0) return;
  const badge = page.getByRole('button', { name: /^⚠ \d+ warnings?$/ });
  await expect(badge).toBeVisible();
  await badge.click();
  const list = page.getByRole('region', { name: 'Trace warnings' });
  for (const text of expected) await expect(list).toContainText(text);
  await badge.click();
}

for (const c of manifest.cases) {
  test(`hostile file ${c.file}: ${c.title}`, async ({ page }) => {
    if (c.heavy) test.setTimeout(300_000);
    const seen = watch(page);
    const way = await openFile(page, c);
    test.info().annotations.push({ type: 'opened', description: way === 'file' ? 'Open trace file (source=local)' : 'demo OTLP ingest (source=demo)' });

    await expect(page.getByTestId('trace-span-count')).toHaveText(String(c.spanCount), { timeout: c.heavy ? 120_000 : 15_000 });
    await expectNothingRan(page, seen);
    await expectWarnings(page, way === 'file' ? c.expectWarnings : c.backendWarnings);
    await expectResponsive(page);

    // the span the case is about: its details render, still inert
    await selectSpan(page, c.probeSpanId, c.heavy ? 120_000 : 15_000);
    await expectNothingRan(page, seen);
  });
}

test('the markup shows as text, in the waterfall and the span details', async ({ page }) => {
  const seen = watch(page);
  const c = caseNamed('markup-everywhere.json');
  await openFile(page, c);
  const { payloads } = manifest;
  // span names are text in the rows, the payload readable as written
  await expect(spans(page).getByTestId('span-name').filter({ hasText: payloads.iframe as string }).first()).toBeAttached();
  await selectSpan(page, c.probeSpanId);
  const panel = details(page);
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(`GET /search?q=${payloads.script}`);
  const attributes = panel.getByRole('region', { name: 'Span attributes' });
  await expect(attributes).toContainText(payloads.img as string);
  await expect(attributes).toContainText(payloads.svg as string);
  await expect(panel.getByRole('region', { name: 'Events' })).toContainText(payloads.img as string);
  // the http(s) values are the only links in the attributes (http.url and one payload), their markup percent-encoded in the href
  const hrefs = await attributes.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs).toEqual(['https://evil.example/?q=%22%3E%3Csvg%20onload=%22window.__pwned=true%22%3E', 'https://evil.example/?q=%22%3E%3Csvg%20onload=%22window.__pwned=true%22%3E']);
  await expectNothingRan(page, seen);
});

test('javascript:, data: and other schemes stay text; only http(s) becomes a link', async ({ page }) => {
  const seen = watch(page);
  const c = caseNamed('dangerous-urls.json');
  await openFile(page, c);
  await selectSpan(page, c.probeSpanId);
  const attributes = details(page).getByRole('region', { name: 'Span attributes' });
  await expect(attributes).toContainText(manifest.payloads.javascriptUrl as string);
  await expect(attributes).toContainText(manifest.payloads.dataUrl as string);
  const hrefs = await attributes.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs.sort()).toEqual(['https://admin:hunter2@evil.example/', 'https://evil.example/?q=%22%3E%3Csvg%20onload=%22window.__pwned=true%22%3E', 'https://shop.example/cart?id=1']);
  await expectNothingRan(page, seen);
});

test('bidi overrides stay inside the name or value that carries them', async ({ page }) => {
  const seen = watch(page);
  const c = caseNamed('unicode-bidi-zero-width.json');
  await openFile(page, c);
  await selectSpan(page, c.probeSpanId);
  const isolation = await page.evaluate(() => ({
    names: [...document.querySelectorAll('[data-testid="span-name"]')].map((el) => getComputedStyle(el).unicodeBidi),
    keys: [...document.querySelectorAll('[aria-label="Span details"] th')].map((el) => getComputedStyle(el).unicodeBidi),
    title: getComputedStyle(document.querySelector('[aria-label="Span details"] h2') as Element).unicodeBidi,
  }));
  expect(new Set(isolation.names)).toEqual(new Set(['isolate']));
  expect(new Set(isolation.keys)).toEqual(new Set(['isolate']));
  expect(isolation.title).toBe('isolate');
  // the text itself is kept as sent: the override is there, shown, not stripped
  await expect(details(page).getByRole('heading', { level: 2 })).toHaveText('GET /\u202egpj.exe');
  await expectNothingRan(page, seen);
});

test('the worst span: 10,000 attributes, a 1 MiB value cut at 64 KiB, a 200-level kvlist, and secrets masked until revealed', async ({ page }) => {
  test.setTimeout(300_000);
  const seen = watch(page);
  const c = caseNamed('worst-span.json');
  await openFile(page, c);
  await selectSpan(page, c.probeSpanId, 60_000);
  const panel = details(page);
  const attributes = panel.getByRole('region', { name: 'Span attributes' });
  await expect(attributes.getByRole('heading', { level: 3 })).toContainText('10000');
  // 500 rows drawn, the rest on request
  const ownRows = attributes.locator(':scope > table > tbody > tr');
  await expect(ownRows).toHaveCount(500);

  // secrets: nothing of them in the page until "Reveal"
  const secrets = ['s3cr3t-t0k3n-do-not-show', 'session=abc123', 'hunter2', 'tok_live_0123456789', 'key-in-a-kvlist', 'secret-cookie', 'link-secret', 'resource-secret'];
  const pageHtml = () => page.evaluate(() => document.documentElement.outerHTML);
  for (const secret of secrets) expect(await pageHtml()).not.toContain(secret);
  const filter = panel.getByLabel('Filter span attributes', { exact: true });
  await filter.fill('authorization');
  await expect(ownRows).toHaveCount(1);
  await expect(ownRows.getByTestId('masked-value')).toBeVisible();
  await ownRows.getByRole('button', { name: 'Reveal http.request.header.authorization' }).click();
  await expect(ownRows).toContainText('Bearer s3cr3t-t0k3n-do-not-show');
  expect(await pageHtml()).not.toContain('hunter2'); // one value at a time
  await ownRows.getByRole('button', { name: 'Hide http.request.header.authorization' }).click();
  expect(await pageHtml()).not.toContain('s3cr3t-t0k3n-do-not-show');
  // the event's set-cookie, the link's x-api-key and the resource's secret are masked too
  await expect(panel.getByRole('region', { name: 'Events' }).getByTestId('masked-value')).toHaveCount(1);
  await expect(panel.getByRole('region', { name: 'Links' }).getByTestId('masked-value')).toHaveCount(1);
  await expect(panel.getByRole('region', { name: 'Resource' }).getByTestId('masked-value')).toHaveCount(1);

  // the 1 MiB value: its first 64 KiB, then "Show all"
  await filter.fill('request.body');
  await expect(ownRows).toHaveCount(1);
  await expect(ownRows.getByTestId('truncated-value')).toContainText('truncated at 64 KB');
  await expect(ownRows).not.toContainText('the 1 MiB value ends here');
  await ownRows.getByRole('button', { name: /^Show all \(1,02[45] KB\)$/ }).click();
  await expect(ownRows).toContainText('the 1 MiB value ends here.');

  // the nested kvlist opens level by level (cut at 64 levels by the decoder, with a warning)
  await filter.fill('deep');
  const deepRow = ownRows.filter({ has: page.getByRole('rowheader', { name: 'deep', exact: true }) });
  await deepRow.locator('summary').first().click();
  await expect(deepRow.getByRole('rowheader', { name: 'level 1', exact: true })).toBeVisible();
  await deepRow.locator('details details > summary').first().click();
  await expect(deepRow.getByRole('rowheader', { name: 'level 2', exact: true })).toBeVisible();

  // every row, on request
  await filter.fill('');
  await attributes.getByRole('button', { name: 'Show all 10,000 rows' }).click();
  await expect(ownRows).toHaveCount(10_000);
  await expectNothingRan(page, seen);
});

test('the 100,000-deep chain: capped indent with the level shown, keyboard to the bottom and back, every view', async ({ page }) => {
  test.setTimeout(400_000);
  const seen = watch(page);
  const c = caseNamed('deep-chain-100k.json');
  await openFile(page, c);
  await expect(page.getByTestId('trace-depth')).toHaveText('100000', { timeout: 120_000 });
  const grid = spans(page).getByRole('treegrid');
  await grid.focus();
  await page.keyboard.press('End');
  const selected = spans(page).locator('[role="row"][aria-selected="true"]');
  await expect(selected).toHaveAttribute('aria-level', '100000');
  await expect(selected).toBeInViewport();
  await expect(selected.getByTestId('row-depth')).toHaveText('100,000');
  const bottomIndent = await selected.evaluate((row) => getComputedStyle(row).getPropertyValue('--indent'));
  await page.keyboard.press('ArrowLeft');
  await expect(selected).toHaveAttribute('aria-level', '99999');
  await page.keyboard.press('Home');
  await expect(selected).toHaveAttribute('aria-level', '1');
  const topIndent = await selected.evaluate((row) => getComputedStyle(row).getPropertyValue('--indent'));
  expect(topIndent.trim()).toBe('0px');
  expect(bottomIndent.trim()).toBe('280px');

  // find walks all 100,000 spans
  await page.getByRole('searchbox', { name: 'Find spans' }).fill('"level 99998"');
  await expect(page.getByTestId('find-count')).toHaveText(/of 1$/, { timeout: 60_000 });

  for (const tab of ['Flame graph', 'Statistics', 'Service map', 'Logs', 'Waterfall']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByText(/this view failed/i)).toHaveCount(0);
  }
  await expect(spans(page).getByRole('row').first()).toBeVisible();
  await expectNothingRan(page, seen);
});

test('hostile log bodies (through the demo backend: a trace file carries no logs) show as text, secrets masked', async ({ page }) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  const c = caseNamed('markup-everywhere.json');
  await page.goto('/search?source=demo');
  await expect(page.getByRole('banner')).toBeVisible();
  await postToDemo(page, '/demo/otlp/v1/traces', readFileSync(join(DIR, c.file), 'utf8'));
  await postToDemo(page, '/demo/otlp/v1/logs', readFileSync(join(DIR, manifest.logs.file), 'utf8'));
  await goToTrace(page, c.traceId);
  await page.getByRole('tab', { name: 'Logs' }).click();
  const records = page.getByTestId('log-record');
  await expect(records.first()).toBeVisible();
  await expect(page.getByText(manifest.payloads.svg as string).first()).toBeAttached();
  // the structured body's authorization is masked in its row, the rest of the body shown
  await expect(page.getByTestId('masked-value').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('Bearer log-secret');
  await expectNothingRan(page, seen);
});
