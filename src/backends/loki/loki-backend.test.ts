import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { BackendError } from '../backend-error';
import { createLokiBackend, lokiQueryParams } from './loki-backend';

const BASE = 'http://loki.test:3100';
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';
/** the trace's span times, absolute ns */
const window = { startNs: 1_700_000_000_000_000_000n, endNs: 1_700_000_001_500_000_000n };
const FIVE_MIN_NS = 300_000_000_000n;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const loki = createLokiBackend({ url: `${BASE}/`, name: 'Loki (test)', timeoutMs: 300 });
const TEXT = { 'Content-Type': 'text/plain; charset=utf-8' };

// What Loki 3 answers for OTLP-ingested logs (loki-and-traceql.md A2/A3): without
// categorize-labels the structured metadata is folded into each stream's labels.
const answer = {
  status: 'success',
  data: {
    resultType: 'streams',
    result: [
      {
        stream: { service_name: 'checkout', severity_text: 'ERROR', severity_number: '17', trace_id: TRACE, span_id: SPAN, detected_level: 'error' },
        values: [['1700000000900000000', '{"msg":"payment failed","attempt":2}']],
      },
      {
        stream: { service_name: 'checkout', severity_text: 'INFO', severity_number: '9', trace_id: TRACE, span_id: SPAN, detected_level: 'info' },
        values: [
          ['1700000000100000000', 'charging card'],
          ['1700000000500000000', 'card accepted'],
        ],
      },
    ],
    stats: { summary: { totalEntriesReturned: 3 } },
  },
};

describe('Loki adapter', () => {
  it('asks query_range for the trace, the window padded by the margin, oldest first', () => {
    const params = lokiQueryParams(TRACE, window, {}, FIVE_MIN_NS, 1000);
    expect(Object.fromEntries(params)).toEqual({
      query: `{service_name=~".+"} | trace_id="${TRACE}"`,
      start: (window.startNs - FIVE_MIN_NS).toString(),
      end: (window.endNs + FIVE_MIN_NS + 1n).toString(),
      limit: '1000',
      direction: 'forward',
    });
    expect(lokiQueryParams('c0ffee', { startNs: 10n, endNs: 5n }, { style: 'line', selector: 'app="web"' }, 100n, 5).get('query')).toBe(`{app="web"} |= "${'c0ffee'.padStart(32, '0')}"`);
    expect(lokiQueryParams(TRACE, { startNs: 10n, endNs: 5n }, {}, 100n, 5).get('start')).toBe('0');
  });

  it('reads the lines of the trace, merged across streams by time, with their span ids and severities', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${BASE}/loki/api/v1/query_range`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json(answer);
      }),
    );
    const { logs, warnings } = await loki.logsForTrace(TRACE.toUpperCase(), window);
    expect(seen?.searchParams.get('query')).toBe(`{service_name=~".+"} | trace_id="${TRACE}"`);
    expect(seen?.searchParams.get('start')).toBe('1699999700000000000');
    expect(warnings).toEqual([]);
    expect(logs.map((l) => [l.severityNumber, l.severityText, l.traceId, l.spanId, l.service])).toEqual([
      [9, 'INFO', TRACE, SPAN, 'checkout'],
      [9, 'INFO', TRACE, SPAN, 'checkout'],
      [17, 'ERROR', TRACE, SPAN, 'checkout'],
    ]);
    expect(logs[2]?.body).toEqual({
      type: 'kvlist',
      value: [
        { key: 'msg', value: { type: 'string', value: 'payment failed' } },
        { key: 'attempt', value: { type: 'int', value: '2' } },
      ],
    });
  });

  it('asks Loki to keep structured metadata apart from the index labels (categorize-labels)', async () => {
    let flags: string | null = null;
    server.use(
      http.get(`${BASE}/loki/api/v1/query_range`, ({ request }) => {
        flags = request.headers.get('X-Loki-Response-Encoding-Flags');
        return HttpResponse.json(answer);
      }),
    );
    await loki.logsForTrace(TRACE, window);
    expect(flags).toBe('categorize-labels');
  });

  it('says so when Loki stopped at the limit', async () => {
    server.use(http.get(`${BASE}/loki/api/v1/query_range`, () => HttpResponse.json(answer)));
    const small = createLokiBackend({ url: BASE, name: 'Loki (test)', limit: 3, style: 'json' });
    expect((await small.logsForTrace(TRACE, window)).warnings).toEqual(['Loki (test) returned its limit of 3 lines: later lines of this trace are not shown.']);
  });

  it.each([
    [400, 'parse error at line 1, col 23: syntax error: unexpected IDENTIFIER'],
    [400, 'parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will'],
    [401, 'no org id'],
    [500, 'rpc error: code = Unavailable desc = connection refused'],
    [504, 'request timed out, decrease the duration of the request or add more label matchers (prefer exact match over regex match) to reduce the amount of data processed'],
  ])("turns a %d plain-text error into a BackendError with Loki's message", async (status, message) => {
    server.use(http.get(`${BASE}/loki/api/v1/query_range`, () => HttpResponse.text(message, { status, headers: TEXT })));
    const error = await loki.logsForTrace(TRACE, window).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ kind: 'http', status });
    expect((error as BackendError).message).toContain(message.slice(0, 200));
    expect((error as BackendError).message).toMatch(/^Loki \(test\) answered \d{3}/);
  });

  it('reports a URL that is not Loki, a metric answer, and a timeout as such', async () => {
    server.use(http.get(`${BASE}/loki/api/v1/query_range`, () => HttpResponse.text('404 page not found', { status: 404, headers: TEXT })));
    await expect(loki.logsForTrace(TRACE, window)).rejects.toMatchObject({ kind: 'http', status: 404, message: expect.stringMatching(/is the data source URL Loki's\?$/) });

    server.use(http.get(`${BASE}/loki/api/v1/query_range`, () => HttpResponse.json({ status: 'success', data: { resultType: 'matrix', result: [] } })));
    await expect(loki.logsForTrace(TRACE, window)).rejects.toMatchObject({ kind: 'bad-response', message: expect.stringMatching(/metric query/) });

    server.use(
      http.get(`${BASE}/loki/api/v1/query_range`, async () => {
        await delay(2000);
        return HttpResponse.json(answer);
      }),
    );
    await expect(loki.logsForTrace(TRACE, window)).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('passes an abort through as is', async () => {
    server.use(
      http.get(`${BASE}/loki/api/v1/query_range`, async () => {
        await delay(2000);
        return HttpResponse.json(answer);
      }),
    );
    const controller = new AbortController();
    const pending = loki.logsForTrace(TRACE, window, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses an id that is not a trace id before asking', async () => {
    await expect(loki.logsForTrace('nope', window)).rejects.toThrow(RangeError);
  });
});
