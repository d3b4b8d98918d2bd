import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0_MS, unixNano } from '../testing/otlp-fixtures';
import { createDemoHandlers } from './index';
import { CART, DB_SPAN, lokiFixtureStore, PAY, WEB_SPAN } from './loki-test-data';

const LOKI = 'http://localhost/demo/loki';
const server = setupServer(...createDemoHandlers(lokiFixtureStore()));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/** the two minutes before T0, as ns */
const WINDOW = { start: unixNano(-120_000), end: unixNano(0) };
const CATEGORIZE = { 'X-Loki-Response-Encoding-Flags': 'categorize-labels' };

const queryRange = async (query: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) => {
  const params = new URLSearchParams({ query, ...WINDOW, ...extra });
  const response = await fetch(`${LOKI}/loki/api/v1/query_range?${params.toString()}`, { headers });
  return { status: response.status, type: response.headers.get('content-type'), body: response.ok ? ((await response.json()) as QueryRange) : await response.text() };
};

interface QueryRange {
  status: string;
  data: { resultType: string; encodingFlags?: string[]; result: { stream: Record<string, string>; values: [string, string, Record<string, Record<string, string>>?][] }[] };
}
const lines = (body: QueryRange | string) => (typeof body === 'string' ? [] : body.data.result.flatMap((s) => s.values.map((v) => [v[0], v[1]] as const)).sort().map(([, line]) => line));

describe('demo Loki: query_range', () => {
  it('answers a structured-metadata trace query with categorised labels: index labels in the stream, metadata per line', async () => {
    const { status, body } = await queryRange(`{service_name=~".+"} | trace_id="${CART}"`, { direction: 'forward' }, CATEGORIZE);
    expect(status).toBe(200);
    const answer = body as QueryRange;
    expect(answer.status).toBe('success');
    expect(answer.data.resultType).toBe('streams');
    expect(answer.data.encodingFlags).toEqual(['categorize-labels']);
    // one stream per index label set: service_name and (severity_text_as_label) severity_text
    expect(answer.data.result.map((s) => s.stream)).toEqual([
      { service_name: 'web', severity_text: 'INFO' },
      { service_name: 'db', severity_text: 'ERROR' },
      { service_name: 'web', severity_text: 'WARN' },
    ]);
    const [ts, line, categories] = answer.data.result[1]?.values[0] ?? [];
    expect(ts).toBe(unixNano(-89_950));
    expect(line).toBe('{"duration_ms":80,"msg":"timeout"}');
    expect(categories).toEqual({
      structuredMetadata: {
        host_name: 'node-1',
        db_operation: 'SELECT',
        scope_name: 'shop.db',
        scope_version: '1.0.0',
        severity_number: '17',
        trace_id: CART,
        span_id: DB_SPAN,
        detected_level: 'error',
      },
    });
    expect(answer.data.result[0]?.values.map((v) => v[1])).toEqual(['GET /cart', `{"trace_id":"${CART}","msg":"json line"}`]);
  });

  it('folds metadata into stream labels without the flag, newest first by default', async () => {
    const { body } = await queryRange(`{service_name="web"} | trace_id="${CART}"`);
    const answer = body as QueryRange;
    expect(answer.data.encodingFlags).toBeUndefined();
    expect(answer.data.result.every((s) => s.values.every((v) => v.length === 2))).toBe(true);
    expect(answer.data.result[0]?.stream).toMatchObject({ service_name: 'web', severity_text: 'INFO', trace_id: CART, span_id: WEB_SPAN });
    // within a stream, newest first (backward)
    for (const stream of answer.data.result) {
      const times = stream.values.map((v) => BigInt(v[0]));
      expect(times).toEqual([...times].sort((a, b) => (a > b ? -1 : 1)));
    }
    expect(answer.data.result.flatMap((s) => s.values)).toHaveLength(3);
  });

  it('runs line filters, json and label filters as Loki does', async () => {
    expect(lines((await queryRange(`{service_name=~".+"} |= "${CART}"`)).body)).toEqual([`slow request trace_id=${CART}`, `{"trace_id":"${CART}","msg":"json line"}`]);
    expect(lines((await queryRange(`{service_name=~".+"} |= "${CART}" != "slow"`)).body)).toEqual([`{"trace_id":"${CART}","msg":"json line"}`]);
    expect(lines((await queryRange(`{service_name="db"} | trace_id="${CART}"`)).body)).toEqual(['{"duration_ms":80,"msg":"timeout"}']);
    expect(lines((await queryRange(`{service_name=~"w.b|db"} | trace_id="${CART}" | severity_number="13"`)).body)).toEqual([`slow request trace_id=${CART}`]);
    expect(lines((await queryRange(`{service_name=~".+"} | trace_id="${CART}" |~ "(?i)GET"`)).body)).toEqual(['GET /cart']);

    // `| json` keeps a line it cannot parse (marked __error__); a field that clashes with metadata gets _extracted
    const json = (await queryRange(`{service_name=~".+"} |= "${CART}" | json | msg="json line"`, {}, CATEGORIZE)).body as QueryRange;
    expect(json.data.result.flatMap((s) => s.values.map((v) => v[2]?.parsed))).toEqual([{ trace_id_extracted: CART, msg: 'json line' }]);
    const kept = (await queryRange(`{service_name=~".+"} |= "slow" | json`, {}, CATEGORIZE)).body as QueryRange;
    expect(kept.data.result.flatMap((s) => s.values.map((v) => v[2]?.parsed))).toEqual([{ __error__: 'JSONParserErr' }]);
  });

  it('reads every trace in the window when the query names none, and honours limit and window', async () => {
    expect(lines((await queryRange('{service_name="web"}')).body)).toEqual(['GET /cart', `slow request trace_id=${CART}`, `{"trace_id":"${CART}","msg":"json line"}`, 'charging']);
    expect(lines((await queryRange('{service_name="web"}', { limit: '1', direction: 'FORWARD' })).body)).toEqual(['GET /cart']);
    expect(lines((await queryRange('{service_name="web"}', { limit: '1' })).body)).toEqual(['charging']);
    // start inclusive, end exclusive
    expect(lines((await queryRange(`{service_name=~".+"} | trace_id="${PAY}"`, { start: unixNano(-29_990), end: unixNano(-29_989) })).body)).toEqual(['charging']);
    expect(lines((await queryRange(`{service_name=~".+"} | trace_id="${PAY}"`, { start: unixNano(-40_000), end: unixNano(-29_990) })).body)).toEqual([]);
    // seconds and RFC 3339 as well as ns
    const seconds = { start: String(Math.floor((T0_MS - 120_000) / 1000)), end: new Date(T0_MS).toISOString() };
    expect(lines((await queryRange(`{service_name=~".+"} | trace_id="${PAY}"`, seconds)).body)).toEqual(['charging']);
  });

  it.each([
    ['{}', /^parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value/],
    ['{service_name=~".*"}', /^parse error : queries require at least one/],
    ['count_over_time({service_name="web"}[5m])', /^parse error : /],
    ['{service_name="web"} | line_format "{{.msg}}"', /^parse error at line 1, col 36: syntax error: unexpected STRING$/],
    ['{service_name="web" | trace_id="x"', /^parse error at line 1, col 21: syntax error: unexpected \|$/],
    ['{service_name=~"("}', /^parse error : error parsing regexp/],
    ['{service_name="web"} |~ `(a)\\1`', /^parse error : error parsing regexp: invalid escape sequence: `\\1`$/],
    ['{service_name=~"w(?=eb)"}', /^parse error : error parsing regexp: invalid or unsupported Perl syntax: `\(\?=`$/],
    ['{service_name="web"} | trace_id="a" or span_id="b"', /^parse error : /],
    ['', /^parse error : syntax error: unexpected \$end$/],
  ])('refuses %j with a 400 and Loki’s plain-text parse error', async (query, message) => {
    const { status, type, body } = await queryRange(query);
    expect(status).toBe(400);
    expect(type).toMatch(/^text\/plain/);
    expect(body).toMatch(message);
  });

  it('checks limit, direction and range with Loki’s messages', async () => {
    const q = '{service_name="web"}';
    expect((await queryRange(q, { limit: '6000' })).body).toBe('max entries limit per query exceeded, limit > max_entries_limit_per_query (6000 > 5000)');
    expect((await queryRange(q, { direction: 'sideways' })).body).toBe("invalid direction 'sideways'");
    expect((await queryRange(q, { start: WINDOW.end, end: WINDOW.start })).body).toBe('end timestamp must not be before or equal to start time');
    const instant = await fetch(`${LOKI}/loki/api/v1/query?query=${encodeURIComponent(q)}`);
    expect([instant.status, await instant.text()]).toEqual([400, 'log queries are not supported as an instant query type, please change your query to a range query type']);
  });
});

describe('demo Loki: labels', () => {
  const get = async (path: string, params: Record<string, string> = {}) => {
    const response = await fetch(`${LOKI}${path}?${new URLSearchParams({ ...WINDOW, ...params }).toString()}`);
    return response.json() as Promise<unknown>;
  };

  it('lists index label names and the values of one, optionally under a selector', async () => {
    expect(await get('/loki/api/v1/labels')).toEqual({ status: 'success', data: ['service_name', 'severity_text'] });
    expect(await get('/loki/api/v1/label/service_name/values')).toEqual({ status: 'success', data: ['db', 'web'] });
    expect(await get('/loki/api/v1/label/severity_text/values', { query: '{service_name="web"}' })).toEqual({ status: 'success', data: ['DEBUG', 'INFO', 'WARN'] });
    expect(await get('/loki/api/v1/label/service_name/values', { start: unixNano(-60_000) })).toEqual({ status: 'success', data: ['web'] });
  });

  it('answers /ready', async () => {
    const response = await fetch(`${LOKI}/ready`);
    expect([response.status, await response.text()]).toEqual([200, 'ready\n']);
  });
});
