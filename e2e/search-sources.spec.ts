import { expect, test } from '@playwright/test';

// The same search journey against the demo's Jaeger api_v3 source, and tag autocomplete.

test('the demo Jaeger source: pick it, search by service and tag, open a trace', async ({ page }) => {
  await page.goto('/search');
  await page.getByLabel('Data source').selectOption('demo-jaeger');
  await expect(page).toHaveURL(/\/search\?source=demo-jaeger$/);
  await expect(page.getByLabel('Data source')).toHaveValue('demo-jaeger');

  await expect(page.getByLabel('Service', { exact: true }).locator('option', { hasText: 'payment' })).toHaveCount(1);
  await page.getByLabel('Service', { exact: true }).selectOption('payment');
  await page.getByLabel('Tags').fill('http.request.method=POST');
  await page.getByLabel('Min duration').fill('200ms');
  await page.getByLabel('Time range', { exact: true }).selectOption('6h');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/source=demo-jaeger/);
  await expect(page).toHaveURL(/service=payment/);
  await expect(page).toHaveURL(/minDuration=200ms/);

  const rows = page.getByRole('region', { name: 'Search results' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  for (const services of await rows.locator('.services-cell').allTextContents()) expect(services).toContain('payment');
  // Jaeger's durations bound a span, so each trace lasts at least that long
  for (const text of await rows.locator('.duration-text').allTextContents()) {
    const ms = text.endsWith('ms') ? Number(text.slice(0, -2)) : text.endsWith('s') ? Number(text.slice(0, -1)) * 1000 : 0;
    expect(ms).toBeGreaterThanOrEqual(200);
  }

  // A reload runs the same search on the same source.
  const before = await rows.locator('a.result-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  await page.reload();
  await expect(page.getByLabel('Data source')).toHaveValue('demo-jaeger');
  await expect(page.getByLabel('Min duration')).toHaveValue('200ms');
  await expect(rows.first()).toBeVisible();
  // the same traces, newest first; the demo's clock may have let newer ones in at the top since the first load
  const after = await rows.locator('a.result-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const newer = after.indexOf(before[0] ?? '');
  expect(newer).toBeGreaterThanOrEqual(0);
  expect(after.slice(newer)).toEqual(before.slice(0, after.length - newer));

  await rows.first().locator('a.result-link').click();
  await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}\?source=demo-jaeger$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('payment').first()).toBeVisible();

  // The source stays chosen when the person goes back to search.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/search\?source=demo-jaeger$/);
  await expect(page.getByLabel('Data source')).toHaveValue('demo-jaeger');
});

test('tags autocomplete attribute names, then their values, from the keyboard', async ({ page }) => {
  await page.goto('/search');
  const tags = page.getByRole('combobox', { name: 'Tags' });
  await tags.click();
  await tags.pressSequentially('db.sys');
  const names = page.getByRole('listbox', { name: 'Attribute names' });
  await expect(names.getByRole('option', { name: 'db.system.name' })).toBeVisible();
  await tags.press('Enter');
  await expect(tags).toHaveValue('db.system.name=');

  const values = page.getByRole('listbox', { name: 'Values of db.system.name' });
  await expect(values.getByRole('option', { name: 'postgresql' })).toBeVisible();
  await values.getByRole('option', { name: 'postgresql' }).click();
  await expect(tags).toHaveValue('db.system.name=postgresql');

  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/tags=db\.system\.name%3Dpostgresql/);
  await expect(page.getByRole('region', { name: 'Search results' }).locator('tbody tr').first()).toBeVisible();
});

test('TraceQL: the form shows its query, the box runs any query, and Tempo\'s error text shows', async ({ page }) => {
  await page.goto('/search');
  await page.getByLabel('Service', { exact: true }).selectOption('payment');
  await page.getByLabel('Errors only').check();
  await expect(page.locator('.traceql-preview code')).toHaveText('{ resource.service.name = "payment" } && { status = error }');

  await page.getByRole('tab', { name: 'TraceQL' }).click();
  const box = page.getByLabel('TraceQL query');
  await expect(box).toHaveValue('{ resource.service.name = "payment" } && { status = error }');
  await box.fill('{ resource.service.name = "inventory" && span.db.system.name = "postgresql" }');
  await box.press('Enter');
  await expect(page).toHaveURL(/[?&]q=/);
  const rows = page.getByRole('region', { name: 'Search results' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  for (const services of await rows.locator('.services-cell').allTextContents()) expect(services).toContain('inventory');

  // Reload keeps TraceQL mode and the query.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'TraceQL' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('TraceQL query')).toHaveValue('{ resource.service.name = "inventory" && span.db.system.name = "postgresql" }');

  // a syntax error is told at the box, in Tempo's words; a query Tempo's validator refuses, by Tempo
  await page.getByLabel('TraceQL query').fill('{ .http.route = }');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('alert')).toContainText('parse error at line 1, col 17: syntax error: unexpected }');
  await page.getByLabel('TraceQL query').fill('{ name = 1 }');
  await page.getByRole('button', { name: 'Search' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('answered 400');
  await expect(alert).toContainText('invalid TraceQL query: binary operations must operate on the same type');
});

test('a custom time range is typed as From and To, and lands in the URL', async ({ page }) => {
  await page.goto('/search');
  await page.getByLabel('Time range', { exact: true }).selectOption('custom');
  const from = page.getByLabel('From (local time)');
  const to = page.getByLabel('To (local time)');
  await expect(from).toBeVisible();
  const toValue = await to.inputValue();
  // the last 30 minutes before the prefilled end
  const end = new Date(toValue);
  const start = new Date(end.getTime() - 30 * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  await from.fill(local(start));
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`start=${start.getTime()}&end=${end.getTime()}`));
  await expect(page.getByRole('region', { name: 'Search results' }).locator('tbody tr').first()).toBeVisible();

  await to.fill(local(new Date(start.getTime() - 60_000)));
  await expect(page.getByRole('alert')).toHaveText('the end is not after the start');
});

test('auto-refresh shows traces that arrived after the search', async ({ page }) => {
  await page.goto('/search?service=live-probe&lookback=15m&limit=20');
  await expect(page.getByRole('heading', { name: 'No traces match' })).toBeVisible();
  await page.getByLabel('Auto-refresh every 5 s').check();
  await expect(page).toHaveURL(/live=1/);
  await expect(page.getByText('no new traces since you searched')).toBeVisible();

  // An exporter sends a trace to the demo backend's OTLP/HTTP receiver.
  const status = await page.evaluate(async () => {
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'live-probe' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '0af7651916cd43dd8448eb211c80319c',
                  spanId: 'b7ad6b7169203331',
                  name: 'GET /probe',
                  kind: 2,
                  startTimeUnixNano: String(nowNs - 40_000_000n),
                  endTimeUnixNano: String(nowNs),
                },
              ],
            },
          ],
        },
      ],
    };
    const response = await fetch('/demo/otlp/v1/traces', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return response.status;
  });
  expect(status).toBe(200);
  await expect(page.getByText('1 new trace since you searched')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('region', { name: 'Search results' }).getByRole('link', { name: /live-probe: GET \/probe/ })).toBeVisible();
});
