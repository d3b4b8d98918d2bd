import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';

// Opening trace files as a person does: the header's file picker, a real drag and
// drop onto the page, Paste JSON; the traces are kept in IndexedDB under the
// built-in "Local files" source, so their links survive a reload. The files are the
// repository's shared fixtures; small bad files are written to a temp dir here.

const fixtures = new URL('../src/core/formats/__fixtures__/', import.meta.url);
const fixture = (path: string): Buffer => readFileSync(new URL(path, fixtures));

const OTLP = 'otel-proto/trace.json'; // 1 trace, 1 span: my.service "I'm a server span"
const OTLP_ID = '5b8efff798038103d269b633813fc60c';
const JAEGER = 'jaeger-ui/petclinic-spanAmongEachOtherGroupedAndSpans.json'; // 17 spans
const JAEGER_ID = '0df84e36b9e2ee3815d07f0867a5be1f';
const ZIPKIN = 'zipkin/smartthings-mobile-web-install.json'; // 1,041 Zipkin spans, 957 once shared ones merge
const ZIPKIN_ID = '000000000000000014b60fd9ae504820';
const TWO_TRACES = 'jaeger/otel_traces_01.json'; // OTLP/JSON holding two traces

const tempDir = mkdtempSync(join(tmpdir(), 'tracery-files-'));
function tempFile(name: string, content: string | Buffer): string {
  const path = join(tempDir, name);
  writeFileSync(path, content);
  return path;
}

const spans = (page: Page) => page.getByRole('region', { name: 'Spans' });
const report = (page: Page) => page.getByRole('region', { name: 'Opened files' });
const keptTraces = (page: Page) => page.getByRole('region', { name: 'Kept traces' });

async function chooseFiles(page: Page, files: Parameters<Page['setInputFiles']>[1]): Promise<void> {
  await page.getByTestId('open-trace-file').setInputFiles(files);
}

/** A real drag and drop: dragenter, dragover and drop on the page, with a DataTransfer built in the page. */
async function dropFiles(page: Page, files: { name: string; content: Buffer }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, base64: f.content.toString('base64') }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const binary = atob(item.base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      transfer.items.add(new File([bytes], item.name));
    }
    return transfer;
  }, payload);
  // the app has started (and listens for drops) once its header is there
  await expect(page.getByRole('button', { name: 'Open trace file' })).toBeVisible();
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toHaveText(/Drop trace files to open/);
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
}

async function expectTraceOpened(page: Page, traceId: string, heading: string, spanCount: number): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}\\?source=local$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  await expect(page.getByTestId('trace-span-count')).toHaveText(String(spanCount));
  await expect(spans(page).getByRole('row').first()).toBeVisible();
}

test('an OTLP/JSON file opened from the header opens its trace, and the permalink survives a reload', async ({ page }) => {
  await page.goto('/search');
  await chooseFiles(page, fileURLToPath(new URL(OTLP, fixtures)));
  await expectTraceOpened(page, OTLP_ID, "my.service: I'm a server span", 1);
  await expect(page.getByLabel('Data source')).toHaveValue('local');

  await page.reload();
  await expectTraceOpened(page, OTLP_ID, "my.service: I'm a server span", 1);
  // and in a fresh page of the same browser profile, as from a pasted link
  const other = await page.context().newPage();
  await other.goto(`/trace/${OTLP_ID}?source=local`);
  await expectTraceOpened(other, OTLP_ID, "my.service: I'm a server span", 1);
});

test('the Zipkin SmartThings trace dropped on the page shows its rows: 1,041 Zipkin spans, 957 once shared spans merge', async ({ page }) => {
  await page.goto('/search');
  await dropFiles(page, [{ name: 'smartthings-mobile-web-install.json', content: fixture(ZIPKIN) }]);
  await expectTraceOpened(page, ZIPKIN_ID, 'coreSrv: get /login/tokenauth', 957);
  await expect(spans(page).getByRole('row').filter({ hasText: 'get /login/tokenauth' }).first()).toBeVisible();
});

test('a Jaeger JSON file and a gzip file dropped together both open; the list marks them new and opens one by keyboard', async ({ page }) => {
  await page.goto('/search');
  await dropFiles(page, [
    { name: 'petclinic.json', content: fixture(JAEGER) },
    { name: 'oauth.json.gz', content: gzipSync(fixture('zipkin/smartthings-oauth-authorization.json')) },
  ]);
  // two traces: the Local files page lists them, marked new
  await expect(page).toHaveURL(/\/files\?source=local$/);
  const list = keptTraces(page);
  const petclinic = list.locator(`tr[data-trace-id="${JAEGER_ID}"]`);
  const oauth = list.locator('tr[data-trace-id="00000000000000008ce82b2e9ed820ba"]');
  await expect(petclinic).toContainText('api-gateway: GET /api/customer/owners');
  await expect(petclinic).toContainText('petclinic.json');
  await expect(petclinic).toContainText('new');
  await expect(oauth).toContainText('datamgmt: get /oauth/authorize');
  await expect(oauth).toContainText('oauth.json.gz');
  await expect(oauth.getByRole('cell').nth(3)).toHaveText('175');

  await oauth.getByRole('link').focus();
  await page.keyboard.press('ArrowDown');
  await expect(petclinic.getByRole('link')).toBeFocused();
  await page.keyboard.press('Enter');
  await expectTraceOpened(page, JAEGER_ID, 'api-gateway: GET /api/customer/owners', 17);
});

test('a file holding several traces shows them as a list, and Local files deletes one, then all', async ({ page }) => {
  await page.goto('/files?source=local');
  await expect(page.getByRole('heading', { name: 'No trace files opened yet' })).toBeVisible();
  await chooseFiles(page, fileURLToPath(new URL(TWO_TRACES, fixtures)));
  const list = keptTraces(page);
  await expect(list.getByRole('link')).toHaveCount(2);
  await expect(list.getByRole('link').first()).toContainText('service-x: test-general-conversion-');
  await expect(list.getByText('new')).toHaveCount(2);

  // the Local files source answers the search form too, whatever the traces' time
  await page.goto('/search?source=local');
  await page.getByLabel('Service', { exact: true }).selectOption('service-x');
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.getByRole('region', { name: 'Search results' });
  await expect(results.getByRole('status')).toContainText('2 traces · searched the 2 traces kept in this browser; the time range does not apply to Local files');
  await expect(results.locator('a.result-link')).toHaveCount(2);
  await page.getByRole('link', { name: 'Local files' }).click();

  const first = '00000000000000010000000000000000';
  await list.getByRole('button', { name: `Delete service-x: test-general-conversion-2 (${first})` }).click();
  await expect(list.getByRole('link')).toHaveCount(1);
  await page.reload();
  await expect(keptTraces(page).getByRole('link')).toHaveCount(1);
  // the deleted trace's link now says it is gone
  await page.goto(`/trace/${first}?source=local`);
  await expect(page.getByRole('heading', { name: 'Trace not found' })).toBeVisible();
  await expect(page.getByText(`trace ${first} is not kept in this browser`)).toBeVisible();

  await page.getByRole('link', { name: 'Local files' }).click();
  await page.getByRole('button', { name: 'Delete all…' }).click();
  await page.getByRole('button', { name: 'Delete all', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'No trace files opened yet' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'No trace files opened yet' })).toBeVisible();
});

test('a JSON Lines file with bad lines keeps the good lines and lists the bad ones', async ({ page }) => {
  const good = JSON.stringify(JSON.parse(fixture(TWO_TRACES).toString('utf8')));
  const jsonl = [JSON.stringify(JSON.parse(fixture(OTLP).toString('utf8'))), '{"resourceSpans": [oops]}', good, 'not json at all', ''].join('\n');
  await page.goto('/search');
  await chooseFiles(page, tempFile('export.jsonl', jsonl));

  await expect(page).toHaveURL(/\/files\?source=local$/);
  await expect(keptTraces(page).getByRole('link')).toHaveCount(3);
  const problems = report(page).getByRole('list', { name: 'Problems in export.jsonl' });
  await expect(report(page)).toContainText('export.jsonl: 3 traces, 5 spans with 2 problems (the rest was kept)');
  await expect(problems.getByRole('listitem')).toHaveText([
    "line 2: not valid JSON at column 20: expected a value, found 'o'; line skipped",
    "line 4: not valid JSON at column 1: expected a value, found 'n'; line skipped",
  ]);

  // each trace of the file carries the file's problems in its warnings badge
  await keptTraces(page).locator(`tr[data-trace-id="${OTLP_ID}"]`).getByRole('link').click();
  await page.getByRole('button', { name: /2 warnings/ }).click();
  await expect(page.getByRole('region', { name: 'Trace warnings' })).toContainText("line 2: not valid JSON at column 20: expected a value, found 'o'; line skipped");
});

test('bad files get an error naming the file: invalid JSON with line and column, the wrong shape, empty', async ({ page }) => {
  await page.goto('/search');
  await chooseFiles(page, [
    tempFile('traces.json', '{\n  "resourceSpans": [\n    {"resource": {}, "scopeSpans": [}\n  ]\n}'),
    tempFile('metrics.json', '{"resourceMetrics": []}'),
    tempFile('empty.json', ''),
  ]);
  const alerts = report(page).getByRole('alert');
  await expect(alerts).toHaveText([
    "traces.json: invalid JSON at line 3, column 37: expected a value, found '}'",
    'metrics.json: this is not a trace file: expected resourceSpans, batches, data[] or a Zipkin span array; found an object with key resourceMetrics',
    'empty.json: the file is empty',
  ]);
  await expect(report(page)).toContainText('No trace was opened.');
  await expect(page).toHaveURL(/\/search$/);
  await report(page).getByRole('button', { name: 'Dismiss' }).click();
  await expect(report(page)).toHaveCount(0);
});

test('Paste JSON opens a trace copied from elsewhere', async ({ page }) => {
  await page.goto('/search');
  await page.getByRole('button', { name: 'Paste JSON' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste trace JSON' });
  await dialog.getByLabel('OTLP/JSON, JSON Lines, Jaeger or Zipkin JSON').fill(fixture('tempo/tempopb-trace-batches.json').toString('utf8'));
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(dialog).toHaveCount(0);
  await expectTraceOpened(page, OTLP_ID, "my.service: I'm a server span", 1);

  await page.goto('/files?source=local');
  await expect(keptTraces(page).locator(`tr[data-trace-id="${OTLP_ID}"]`)).toContainText('pasted JSON');
});

test('Cancel stops a big file while it is read and decoded, and keeps nothing of it', async ({ page }) => {
  // ~40 MB of OTLP/JSON: long enough to decode that the progress bar is there to cancel
  const resourceSpans = Array.from({ length: 40 }, (_, r) => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: `svc-${r}` } }] },
    scopeSpans: [
      {
        scope: { name: 'big' },
        spans: Array.from({ length: 1500 }, (_, i) => ({
          traceId: (r + 1).toString(16).padStart(32, '0'),
          spanId: (i + 1).toString(16).padStart(16, '0'),
          name: `operation ${i} ${'x'.repeat(400)}`,
          startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1000n),
          endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1000n + 500n),
          kind: 2,
        })),
      },
    ],
  }));
  const big = tempFile('big.json', JSON.stringify({ resourceSpans }));
  await page.goto('/search');
  await chooseFiles(page, big);
  const progress = page.getByRole('region', { name: 'Opening trace files' });
  await expect(progress.getByRole('progressbar', { name: 'Bytes read' })).toBeVisible();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  await expect(report(page)).toContainText('Cancelled. No trace was opened.');
  await expect(page).toHaveURL(/\/search$/);
  await page.goto('/files?source=local');
  await expect(page.getByRole('heading', { name: 'No trace files opened yet' })).toBeVisible();
});

test('Download writes the trace as OTLP/JSON that opens as the same trace; Download as Jaeger JSON opens too', async ({ page }) => {
  await page.goto('/search');
  await chooseFiles(page, fileURLToPath(new URL(JAEGER, fixtures)));
  await expectTraceOpened(page, JAEGER_ID, 'api-gateway: GET /api/customer/owners', 17);
  const facts = async () => [await page.getByTestId('trace-duration').textContent(), await page.getByTestId('trace-depth').textContent()];
  const before = await facts();

  const download = async (name: string): Promise<{ file: string; text: string }> => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
    const path = tempFile(file.suggestedFilename(), '');
    await file.saveAs(path);
    return { file: path, text: readFileSync(path, 'utf8') };
  };
  const first = await download('Download');
  expect(first.file).toMatch(new RegExp(`trace-${JAEGER_ID}\\.otlp\\.json$`));

  // re-import the download: the same trace, and exporting it again gives the same bytes
  await chooseFiles(page, first.file);
  await expectTraceOpened(page, JAEGER_ID, 'api-gateway: GET /api/customer/owners', 17);
  expect(await facts()).toEqual(before);
  expect((await download('Download')).text).toBe(first.text);

  const jaeger = await download('Download as Jaeger JSON');
  expect(JSON.parse(jaeger.text).data[0].traceID).toBe(JAEGER_ID);
  await chooseFiles(page, jaeger.file);
  await expectTraceOpened(page, JAEGER_ID, 'api-gateway: GET /api/customer/owners', 17);
  expect(await facts()).toEqual(before);
});

test('an OTLP/JSON file and an OTLP JSON Lines file dropped together both open in Local files', async ({ page }) => {
  // JSON Lines as the collector's file exporter writes them: one export request per line
  const jsonl = [fixture(TWO_TRACES), fixture('otel-proto/trace.json')].map((b) => JSON.stringify(JSON.parse(b.toString('utf8')))).join('\n');
  await page.goto('/search');
  await dropFiles(page, [
    { name: 'petclinic-otlp.json', content: fixture('jaeger/otlp2jaeger-in.json') },
    { name: 'collector-export.jsonl', content: Buffer.from(`${jsonl}\n`) },
  ]);
  await expect(page).toHaveURL(/\/files\?source=local$/);
  await expect(report(page)).toContainText('collector-export.jsonl: 3 traces');
  await expect(report(page)).toContainText('petclinic-otlp.json');
  const opened = keptTraces(page).locator(`tr[data-trace-id="${OTLP_ID}"]`);
  await expect(opened).toContainText('collector-export.jsonl');
  await opened.getByRole('link').click();
  await expectTraceOpened(page, OTLP_ID, "my.service: I'm a server span", 1);
});
