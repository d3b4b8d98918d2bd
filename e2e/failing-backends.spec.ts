import { expect, test, type Page } from '@playwright/test';

// The demo backend made to answer like a failing real server (window.__traceryDemo):
// every failure says what happened, naming the data source, and what to do; Retry
// brings the data once the server is back; nothing that was on screen is lost; and
// leaving a page cancels its requests on the wire.

const SOURCE = 'Demo shop (Tempo API)';
const results = (page: Page) => page.getByRole('region', { name: 'Search results' });
const resultLinks = (page: Page) => results(page).locator('a.result-link');
const spans = (page: Page) => page.getByRole('region', { name: 'Spans' });
/** the demo control, called with a script string (tsx's helpers must not leak into the page) */
const demo = (page: Page, call: string) => page.evaluate(`window.__traceryDemo.${call}`);

/** A search with results on screen; returns the first result's text, to check it stays. */
async function searchWithResults(page: Page): Promise<string> {
  await page.goto('/search?lookback=2d&limit=5');
  await expect(resultLinks(page)).toHaveCount(5);
  return (await resultLinks(page).first().textContent()) ?? '';
}

/** Runs a different search (limit 7) as a person would: change the form, press Search. */
async function searchAgain(page: Page): Promise<void> {
  await page.getByLabel('Limit').fill('7');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/limit=7/);
}

const searchFailures: { name: string; setup: string; message: string | RegExp }[] = [
  {
    name: '500 with a body',
    setup: `fail('/api/search', 500, 'querier: storage unavailable\\n\\tat querier.go:120')`,
    message: `${SOURCE} answered 500 Internal Server Error: querier: storage unavailable. The server failed while answering; its logs say why. Retry, or narrow the search if it keeps failing.`,
  },
  {
    name: '502',
    setup: `fail('/api/search', 502, '')`,
    message: `${SOURCE} answered 502 Bad Gateway. A proxy or gateway in front of the server got no valid answer from it: the server may be down or restarting. Retry in a moment; if it persists, check that the server is running.`,
  },
  {
    name: '503',
    setup: `fail('/api/search', 503, 'querier is restarting')`,
    message: `${SOURCE} answered 503 Service Unavailable: querier is restarting. The server is overloaded or restarting; retry in a moment.`,
  },
  {
    name: '504',
    setup: `fail('/api/search', 504, '<html><head><title>504 Gateway Time-out</title></head><body>nginx</body></html>', { 'Content-Type': 'text/html' })`,
    message: `${SOURCE} answered 504 Gateway Timeout: an HTML page titled “504 Gateway Time-out”. A proxy or gateway in front of the server gave up waiting for it: the server may be overloaded or the search too broad. Retry, or narrow the search (a shorter time range).`,
  },
  {
    name: '429 with Retry-After',
    setup: `fail('/api/search', 429, 'rate limit exceeded', { 'Retry-After': '30' })`,
    message: `${SOURCE} is rate limiting requests (429 Too Many Requests: rate limit exceeded); retry after 30 s.`,
  },
  {
    name: 'truncated JSON',
    setup: `truncate('/api/search')`,
    message: new RegExp(
      `^${escape(SOURCE)} sent a response that is not valid JSON \\(at line 1, column \\d+\\): the answer stops in the middle, cut off by a proxy or a dropped connection\\. Retry; if it persists, check the proxy’s response size limits\\.$`,
    ),
  },
  {
    name: 'a 200 with an HTML login page',
    setup: `loginPage('/api/search')`,
    message: `${SOURCE} answered with an HTML page (“Sign in · Example SSO”) instead of JSON — a login page from a proxy? Check the data source URL and the proxy’s authentication.`,
  },
];

for (const failure of searchFailures) {
  test(`search, ${failure.name}: the message names the source, the earlier results stay, Retry recovers`, async ({ page }) => {
    const firstResult = await searchWithResults(page);
    await demo(page, failure.setup);
    await searchAgain(page);

    const alert = page.getByRole('alert');
    await expect(alert.locator('.error-message')).toHaveText(failure.message);
    await expect(alert).toContainText('The results below are from your previous search');
    // what was on screen stayed
    await expect(resultLinks(page)).toHaveCount(5);
    await expect(resultLinks(page).first()).toHaveText(firstResult);

    await demo(page, 'reset()');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(resultLinks(page)).toHaveCount(7);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
}

test('search, a response that never arrives: the configured timeout (2 s here) ends the wait, Retry recovers', async ({ page }) => {
  // the data source's timeoutSeconds, shortened as a deployment would set it in tracery.config.json
  await page.route('**/tracery.config.json', async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as { dataSources: Record<string, unknown>[] };
    config.dataSources = config.dataSources.map((source) => ({ ...source, timeoutSeconds: 2 }));
    await route.fulfill({ response, json: config });
  });
  const firstResult = await searchWithResults(page);
  await demo(page, `hang('/api/search')`);
  await searchAgain(page);

  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading')).toHaveText('The search timed out');
  await expect(alert.locator('.error-message')).toHaveText(
    `${SOURCE} did not answer within 2 s. The server may be overloaded or the search too broad: retry, narrow the search, or raise "timeoutSeconds" for this data source in tracery.config.json.`,
  );
  await expect(resultLinks(page).first()).toHaveText(firstResult);

  await demo(page, 'reset()');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(resultLinks(page)).toHaveCount(7);
});

test('a trace that fails to load says why; Retry loads it; Back finds the search results as they were', async ({ page }) => {
  const firstResult = await searchWithResults(page);
  const href = (await resultLinks(page).first().getAttribute('href')) ?? '';
  const traceId = /\/trace\/([0-9a-f]{32})/.exec(href)?.[1] ?? 'missing';
  await demo(page, `fail('/api/v2/traces/${traceId}', 503, 'querier is restarting')`);
  // the search itself fails from now on too: Back must not need it
  await demo(page, `fail('/api/search', 500, 'down')`);
  await resultLinks(page).first().click();

  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading')).toHaveText('The trace could not be loaded');
  await expect(alert.locator('.error-message')).toHaveText(`${SOURCE} answered 503 Service Unavailable: querier is restarting. The server is overloaded or restarting; retry in a moment.`);

  // the trace server is back; the search server is still down
  await demo(page, 'reset()');
  await demo(page, `fail('/api/search', 500, 'down')`);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(spans(page).getByRole('row').first()).toBeVisible();
  await expect(page.getByText(traceId)).toBeVisible();

  // Back asks the search again ("the last 2 days" from now), which now fails: the results seen stay
  await page.goBack();
  await expect(page.getByRole('alert')).toContainText('The results below are from when this search last answered.');
  await expect(resultLinks(page)).toHaveCount(5);
  await expect(resultLinks(page).first()).toHaveText(firstResult);
});

test('a trace answer cut off on the way keeps the spans that arrived and says the trace is incomplete', async ({ page }) => {
  await searchWithResults(page);
  const href = (await resultLinks(page).nth(1).getAttribute('href')) ?? '';
  const traceId = /\/trace\/([0-9a-f]{32})/.exec(href)?.[1] ?? 'missing';
  // the app asks Tempo for protobuf: a cut answer still holds every span before the cut
  await demo(page, `truncate('/api/v2/traces/${traceId}')`);
  await resultLinks(page).nth(1).click();
  await expect(page.getByRole('status').filter({ hasText: 'This trace is incomplete' })).toContainText(
    `This trace is incomplete: ${SOURCE} sent only part of it (the answer stops at byte `,
  );
  await expect(spans(page).getByRole('row').first()).toBeVisible();
});

test('a trace answered with a login page names the source; Retry loads it', async ({ page }) => {
  await searchWithResults(page);
  const href = (await resultLinks(page).nth(1).getAttribute('href')) ?? '';
  const traceId = /\/trace\/([0-9a-f]{32})/.exec(href)?.[1] ?? 'missing';
  await demo(page, `loginPage('/api/v2/traces/${traceId}')`);
  await resultLinks(page).nth(1).click();
  await expect(page.getByRole('alert').locator('.error-message')).toHaveText(
    `${SOURCE} answered with an HTML page (“Sign in · Example SSO”) instead of JSON — a login page from a proxy? Check the data source URL and the proxy’s authentication.`,
  );

  await demo(page, 'reset()');
  await page.getByRole('alert').getByRole('button', { name: 'Retry' }).click();
  await expect(spans(page).getByRole('row').first()).toBeVisible();
});

test('a Tempo trace answered PARTIAL is shown with what arrived and says it is incomplete', async ({ page }) => {
  await searchWithResults(page);
  const href = (await resultLinks(page).first().getAttribute('href')) ?? '';
  const traceId = /\/trace\/([0-9a-f]{32})/.exec(href)?.[1] ?? 'missing';
  await demo(page, `partial('/api/v2/traces/${traceId}')`);
  await resultLinks(page).first().click();

  await expect(page.getByRole('status').filter({ hasText: 'This trace is incomplete' })).toHaveText(
    `This trace is incomplete: ${SOURCE} sent only part of it (the querier timed out before all blocks were searched). Spans may be missing and times may not add up.`,
  );
  await expect(spans(page).getByRole('row').first()).toBeVisible();
  const partialCount = Number(await page.getByTestId('trace-span-count').textContent());

  // the whole trace, once the server has it all
  await demo(page, 'reset()');
  await page.reload();
  await expect(spans(page).getByRole('row').first()).toBeVisible();
  await expect(page.getByText('This trace is incomplete')).toHaveCount(0);
  expect(Number(await page.getByTestId('trace-span-count').textContent())).toBeGreaterThan(partialCount);
});

test('failing logs leave the trace on screen; Retry loads them', async ({ page }) => {
  await searchWithResults(page);
  await demo(page, `fail('/loki/api/v1/query_range', 502, '')`);
  await resultLinks(page).first().click();
  await expect(spans(page).getByRole('row').first()).toBeVisible();
  const rowCount = await spans(page).getByRole('row').count();
  const tab = (name: string) => page.getByRole('tablist', { name: 'Trace views' }).getByRole('tab', { name });

  await tab('Logs').click();
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading')).toHaveText('The logs could not be loaded');
  await expect(alert.locator('.error-message')).toContainText(`${SOURCE} logs answered 502 Bad Gateway.`);

  // the trace itself is untouched: its waterfall still works
  await tab('Waterfall').click();
  await expect(spans(page).getByRole('row')).toHaveCount(rowCount);

  await demo(page, 'reset()');
  await tab('Logs').click();
  await page.getByRole('alert').getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('region', { name: 'Logs' }).getByTestId('log-record').first()).toBeVisible();
});

test('leaving a page cancels its request: the abort reaches the demo backend', async ({ page }) => {
  await page.goto('/search');
  await expect(page.getByLabel('Service', { exact: true }).locator('option', { hasText: 'payment' })).toHaveCount(1);
  await demo(page, `hang('/api/search')`);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(results(page).getByRole('status')).toContainText('Searching');
  expect(await demo(page, 'aborted()')).toEqual([]);

  // away to a trace page (Go to trace), leaving the search unanswered
  const box = page.getByRole('search', { name: 'Go to trace' }).getByRole('textbox');
  await box.fill('0123456789abcdef0123456789abcdef');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/trace\/0123456789abcdef0123456789abcdef/);
  await expect.poll(() => demo(page, 'aborted()')).toEqual([expect.stringMatching(/^\/demo\/tempo\/api\/search\?/)]);

  // and the trace page's own request, when a person leaves it while it hangs
  await demo(page, 'reset()');
  await demo(page, `hang('/api/v2/traces/fedcba9876543210fedcba9876543210')`);
  await box.fill('fedcba9876543210fedcba9876543210');
  await box.press('Enter');
  await expect(page.getByText('Loading trace fedcba9876543210fedcba9876543210')).toBeVisible();
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/\/search/);
  await expect.poll(() => demo(page, 'aborted()')).toEqual(['/demo/tempo/api/v2/traces/fedcba9876543210fedcba9876543210']);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
