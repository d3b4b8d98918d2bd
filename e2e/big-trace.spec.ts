import { expect, test } from '@playwright/test';

// The 100,000-span smoke test (the scale issue): a big trace goes into the local
// server over OTLP/HTTP and opens; rows show, collapse works, and the page logs no
// error. Timings belong to `npm run bench`, not here.
const LOCAL = `http://127.0.0.1:${process.env.E2E_LOCAL_PORT ?? 4792}`;
const SPANS = 100_000;

/** A deterministic trace: a root with 1,000 children of 99 spans each, in chains of three levels and fan-out. */
function bigTraceRequest(traceId: string): string {
  const t0 = 1_764_000_000_000_000_000n;
  const spanId = (n: number) => n.toString(16).padStart(16, '0');
  const spans: object[] = [];
  const span = (id: number, parent: number | undefined, name: string, startUs: number, endUs: number) =>
    spans.push({
      traceId,
      spanId: spanId(id),
      ...(parent !== undefined ? { parentSpanId: spanId(parent) } : {}),
      name,
      kind: 1,
      startTimeUnixNano: (t0 + BigInt(startUs) * 1000n).toString(),
      endTimeUnixNano: (t0 + BigInt(endUs) * 1000n).toString(),
      attributes: [{ key: 'n', value: { intValue: String(id) } }],
    });
  span(1, undefined, 'GET /big', 0, 10_000_000);
  let id = 2;
  for (let g = 0; id <= SPANS; g++) {
    const group = id++;
    span(group, 1, `batch ${g}`, g * 10_000, g * 10_000 + 9_000);
    for (let k = 0; k < 98 && id <= SPANS; k++) span(id++, group, `item ${k}`, g * 10_000 + k * 90, g * 10_000 + k * 90 + 80);
  }
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'bulk' } }] }, scopeSpans: [{ spans }] }] });
}

test('a 100,000-span trace opens: rows show, the root collapses, no page error', async ({ page, request }) => {
  test.slow(); // the build, ingest and decode of ~25 MB take a while on a 2-core CI machine
  const traceId = `${Date.now().toString(16).padStart(16, '0')}${'b'.repeat(16)}`.slice(-32);
  const sent = await request.post(`${LOCAL}/v1/traces`, { data: bigTraceRequest(traceId), headers: { 'Content-Type': 'application/json' }, timeout: 120_000 });
  expect(sent.status()).toBe(200);

  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // the app asks the local server's Tempo API for protobuf, as Grafana asks Tempo
  const answer = page.waitForResponse((response) => response.url().includes(`/api/v2/traces/${traceId}`), { timeout: 90_000 });
  await page.goto(`${LOCAL}/trace/${traceId}?source=local-server`);
  expect((await answer).headers()['content-type']).toContain('application/protobuf');
  await expect(page.getByTestId('trace-span-count')).toHaveText('100000', { timeout: 90_000 });
  await expect(page.getByRole('row', { name: /batch 0/ }).first()).toBeVisible();
  // virtualised: a screenful of rows in the DOM, not 100,000
  expect(await page.getByRole('row').count()).toBeLessThan(200);

  // details are decoded from the protobuf bytes when the span is opened
  await page.getByRole('row', { name: /item 3\b/ }).first().click();
  const attributes = page.getByRole('complementary', { name: 'Span details' }).getByRole('region', { name: 'Span attributes' });
  // item 3 of batch 0 is span 6 (root 1, batch 2, items from 3)
  await expect(attributes.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'n', exact: true }) })).toContainText('6');

  await page.getByRole('button', { name: /^Collapse / }).first().click();
  await expect(page.getByTestId('hidden-count').first()).toHaveText('+99999');
  expect(errors).toEqual([]);
});
