import { expect, test, type Page } from '@playwright/test';

// The SRE's first question, "which service got slow or started failing?", answered from
// the services overview, down to the traces behind a slow window: the same journey
// through the Tempo demo (TraceQL metrics) and the Jaeger demo (SPM and dependencies).

// A journey of five pages over the in-page demo backend, which a shared two-core machine runs slowly.
test.describe.configure({ timeout: 180_000 });

/** Figures computed from sampled traces (the graph, a service's callers) take a few seconds more than a query. */
const SAMPLED = { timeout: 45_000 };

/** The services the demo shop's requests pass through (mocks/generator/services.ts). */
const REQUEST_SERVICES = ['api-gateway', 'auth', 'order', 'inventory', 'payment'];

/** The table's rows, by the name in their header cell. */
const serviceRows = (page: Page) => page.getByRole('table', { name: /^Services/ }).locator('tbody tr');

async function expectEveryServiceWithNumbers(page: Page): Promise<void> {
  const rows = serviceRows(page);
  for (const service of REQUEST_SERVICES) {
    const row = rows.filter({ has: page.getByRole('rowheader', { name: service, exact: true }) });
    await expect(row).toHaveCount(1);
    // rate, errors %, p50, p90, p99: a figure in each
    await expect(row.locator('td').nth(0)).toContainText(/\d\/s/);
    await expect(row.locator('td').nth(1)).toContainText(/\d%/);
    for (const column of [2, 3, 4]) await expect(row.locator('td').nth(column)).toContainText(/\d+(\.\d+)?\s?(µs|ms|s)/);
  }
}

/** Drag across the middle of a chart, as a person brushes a window. */
async function brush(page: Page, testId: string): Promise<void> {
  const chart = page.getByTestId(testId);
  const box = await chart.boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.35, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, y, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.95, y, { steps: 5 });
  await page.mouse.up();
}

for (const { source, name, origin } of [
  { source: undefined, name: 'Tempo', origin: /TraceQL metrics|sampled/ },
  { source: 'demo-jaeger', name: 'Jaeger', origin: /Service Performance Monitoring|sampled/ },
]) {
  test(`${name} demo: find the slowest service, brush its chart, open a trace behind it`, async ({ page }) => {
    const sourceParam = source ? `?source=${source}` : '';
    await page.goto(`/${sourceParam}`);
    // the landing page is the overview
    await expect(page).toHaveURL(/\/services(\?|$)/);
    await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
    await expect(page.getByTestId('metrics-origin')).toContainText(origin);
    await expectEveryServiceWithNumbers(page);

    // sort by p99: the first press puts the slowest first
    const p99 = page.getByRole('columnheader', { name: 'p99' });
    await p99.getByRole('button').click();
    await expect(p99).toHaveAttribute('aria-sort', 'descending');
    await expect(page).toHaveURL(/sort=p99/);
    const slowest = (await serviceRows(page).first().getByRole('rowheader').textContent())?.trim() ?? '';
    expect(slowest).not.toBe('');
    await page.reload();
    await expect(page.getByRole('columnheader', { name: 'p99' })).toHaveAttribute('aria-sort', 'descending');
    await expect(serviceRows(page).first().getByRole('rowheader')).toHaveText(slowest);

    // its page: RED charts, operations, callers and dependencies
    await serviceRows(page).first().getByRole('link', { name: slowest }).click();
    await expect(page).toHaveURL(new RegExp(`/services/${encodeURIComponent(slowest)}(\\?|$)`));
    await expect(page.getByRole('heading', { level: 1, name: slowest })).toBeVisible();
    await expect(page.getByTestId('duration-chart')).toHaveAttribute('aria-label', /p99: from .* to /);
    await expect(page.getByRole('table', { name: /^Operations of/ }).locator('tbody tr').first()).toBeVisible();
    await expect(page.getByRole('table', { name: 'Called by' })).toBeVisible(SAMPLED);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: slowest })).toBeVisible();
    await expect(page.getByTestId('duration-chart')).toHaveAttribute('aria-label', /p99: from .* to /);

    // brush a window: Search opens with the service and that window, and finds its traces
    await brush(page, 'duration-chart');
    await expect(page).toHaveURL(/\/search\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('service')).toBe(slowest);
    const startMs = Number(url.searchParams.get('start'));
    const endMs = Number(url.searchParams.get('end'));
    expect(endMs).toBeGreaterThan(startMs);
    if (source) expect(url.searchParams.get('source')).toBe(source);
    await expect(page.getByLabel('Service', { exact: true })).toHaveValue(slowest);
    const results = page.getByRole('region', { name: 'Search results' });
    await expect(results.locator('a.result-link').first()).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Service', { exact: true })).toHaveValue(slowest);
    await expect(results.locator('a.result-link').first()).toBeVisible();

    // open one: a trace of that service (its header lists the trace's services)
    await results.locator('a.result-link').first().click();
    await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}/);
    const trace = page.getByRole('article', { name: /^Trace [0-9a-f]{32}$/ });
    await expect(trace.getByRole('definition').filter({ hasText: new RegExp(`${slowest} \\(\\d+\\)`) })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Spans' }).getByRole('row').first()).toBeVisible();
    await page.reload();
    await expect(trace.getByRole('definition').filter({ hasText: new RegExp(`${slowest} \\(\\d+\\)`) })).toBeVisible();
  });
}

test('the service graph: a node opens its service, an edge the traces crossing it', async ({ page }) => {
  await page.goto('/services?view=graph');
  await expect(page.getByRole('tab', { name: 'Graph' })).toHaveAttribute('aria-selected', 'true');
  const graph = page.getByRole('group', { name: /^Service graph: \d+ nodes/ });
  await expect(graph).toBeVisible(SAMPLED);
  // the calls table says the same as the drawing, for keyboard and screen reader users
  const calls = page.getByRole('table', { name: 'Calls between services' });
  await expect(calls.locator('tbody tr').first()).toBeVisible();
  await page.reload();
  await expect(graph).toBeVisible(SAMPLED);

  // by keyboard: a node is a link in the drawing
  await graph.getByRole('link', { name: /^order: / }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/services\/order(\?|$)/);
  await expect(page.getByRole('heading', { level: 1, name: 'order' })).toBeVisible();
  await page.goBack();
  await expect(graph).toBeVisible(SAMPLED);

  // an edge between two services: TraceQL "a >> b" on Tempo
  const edge = page.getByRole('group', { name: /^Service graph/ }).getByRole('link', { name: /^Traces from (api-gateway|order|web-frontend) to (auth|order|inventory|payment|api-gateway):/ }).first();
  const [, from, to] = /^Traces from (\S+) to (\S+):/.exec((await edge.getAttribute('aria-label')) ?? '') ?? [];
  await edge.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\?/);
  expect(new URL(page.url()).searchParams.get('q')).toBe(`{ resource.service.name = "${from ?? ''}" } >> { resource.service.name = "${to ?? ''}" }`);
  // Search opens on that query (the demo backend does not evaluate structural operators; a Tempo does)
  await expect(page.getByRole('textbox', { name: 'TraceQL query' })).toHaveValue(`{ resource.service.name = "${from ?? ''}" } >> { resource.service.name = "${to ?? ''}" }`);
});
