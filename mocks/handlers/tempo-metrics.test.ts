import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTraceSpans, type DecodedSpan } from '../../src/core';
import { DEMO_SEED } from '../demo-store';
import { generateDemoData } from '../generator';
import { BoundedTraceStore } from '../server/bounded-store';
import { TraceStore } from '../store';
import { T0_MS, tracesData, type FixtureSpan } from '../testing/otlp-fixtures';
import { tempoMetricsHandlers } from './tempo-metrics';

const TEMPO = 'http://localhost/tm/tempo';
const DEMO = 'http://localhost/tm/demo';
const T0 = T0_MS / 1000;
const NOW = () => T0_MS + 3_600_000;

/**
 * Steps of 60 s ending at T0 (the window T0-180s…T0 aligns to T0-240s…T0):
 *
 *            (T0-180, T0-120]          (T0-120, T0-60]          (T0-60, T0]
 *   web      GET /cart 100ms @-150      GET /cart 300ms @-90
 *            GET /search 1.5s @-120 (on the boundary: this interval)
 *   auth     POST /login 30ms ERROR     POST /login 200ms         GET /health 40ms @-30
 */
const spans: FixtureSpan[] = [
  { traceId: '1'.repeat(32), spanId: '1000000000000001', name: 'GET /cart', service: 'web', startMs: -150_000, durationMs: 100, attributes: { 'http.route': '/cart' } },
  { traceId: '1'.repeat(32), spanId: '1000000000000002', parentSpanId: '1000000000000001', name: 'POST /login', service: 'auth', startMs: -149_900, durationMs: 30, error: 'bad password' },
  { traceId: '2'.repeat(32), spanId: '2000000000000001', name: 'GET /cart', service: 'web', startMs: -90_000, durationMs: 300, attributes: { 'http.route': '/cart' } },
  { traceId: '2'.repeat(32), spanId: '2000000000000002', parentSpanId: '2000000000000001', name: 'POST /login', service: 'auth', startMs: -89_950, durationMs: 200 },
  { traceId: '3'.repeat(32), spanId: '3000000000000001', name: 'GET /health', service: 'auth', startMs: -30_000, durationMs: 40 },
  { traceId: '4'.repeat(32), spanId: '4000000000000001', name: 'GET /search', service: 'web', startMs: -120_000, durationMs: 1_500, attributes: { 'http.route': '/search' } },
];

const store = new TraceStore();
store.ingestTraces(tracesData(spans));

/** The shop's traffic, both in a store and as decoded spans for the brute-force answers. */
const demoData = generateDemoData({ seed: DEMO_SEED, now: T0_MS, traceCount: 400 });
const demo = new TraceStore();
const demoSpans: DecodedSpan[] = [];
for (const batch of demoData.traces) {
  demo.ingestTraces(batch);
  demoSpans.push(...decodeTraceSpans(batch).spans);
}

/** The local server's store: the same traffic in segments of at most 100 traces (`npm run serve`). */
const SEGMENTED = 'http://localhost/tm/segmented';
const segmented = new BoundedTraceStore({ maxTraces: 800, maxSpans: 1_000_000, maxLogs: 1_000_000 });
for (const batch of demoData.traces) segmented.ingestTraces(batch);

const server = setupServer(
  ...tempoMetricsHandlers(store, TEMPO, { now: NOW }),
  ...tempoMetricsHandlers(demo, DEMO, { now: NOW }),
  ...tempoMetricsHandlers(segmented, SEGMENTED, { now: NOW }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

interface WireValue {
  stringValue?: string;
  intValue?: string;
  doubleValue?: number;
  boolValue?: boolean;
}
interface WireSeries {
  labels: { key: string; value: WireValue }[];
  samples: { timestampMs: string; value?: number }[];
  exemplars?: { labels: { key: string; value: WireValue }[]; value?: number; timestampMs: string }[];
}
interface RangeBody {
  series: WireSeries[];
  metrics: Record<string, unknown>;
}

async function get(base: string, path: string, params: Record<string, string>): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${base}${path}?${new URLSearchParams(params).toString()}`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

async function range(q: string, params: Record<string, string> = {}, base = TEMPO): Promise<RangeBody> {
  const answer = await get(base, '/api/metrics/query_range', { q, start: String(T0 - 180), end: String(T0), step: '60', ...params });
  expect(answer.status, answer.text).toBe(200);
  return JSON.parse(answer.text) as RangeBody;
}

const at = (secondsBeforeT0: number) => String((T0 - secondsBeforeT0) * 1000);
const service = (name: string) => ({ key: 'resource.service.name', value: { stringValue: name } });

describe('Tempo /api/metrics/query_range: wire shapes on hand-built spans', () => {
  it('rate() by service: spans per second per step, stamped at the end of each interval, sorted, empty intervals left out', async () => {
    const body = await range('{ } | rate() by (resource.service.name) with(exemplars=false)');
    expect(body.series).toEqual([
      { labels: [service('auth')], samples: [{ timestampMs: at(120), value: 1 / 60 }, { timestampMs: at(60), value: 1 / 60 }, { timestampMs: at(0), value: 1 / 60 }] },
      { labels: [service('web')], samples: [{ timestampMs: at(120), value: 2 / 60 }, { timestampMs: at(60), value: 1 / 60 }] },
    ]);
    expect(body.metrics).toMatchObject({ inspectedTraces: 4, inspectedSpans: '6', completedJobs: 1, totalJobs: 1 });
  });

  it('names the function in __name__ without by(), and counts per step with count_over_time()', async () => {
    expect((await range('{ status = error } | rate() with(exemplars=false)')).series).toEqual([
      { labels: [{ key: '__name__', value: { stringValue: 'rate' } }], samples: [{ timestampMs: at(120), value: 1 / 60 }] },
    ]);
    expect((await range('{ } | count_over_time() with(exemplars=false)')).series).toEqual([
      { labels: [{ key: '__name__', value: { stringValue: 'count_over_time' } }], samples: [{ timestampMs: at(120), value: 3 }, { timestampMs: at(60), value: 2 }, { timestampMs: at(0), value: 1 }] },
    ]);
  });

  it('quantile_over_time: one series per quantile with p as a doubleValue, seconds, nearest rank', async () => {
    const body = await range('{ } | quantile_over_time(duration, .5, .9) by (resource.service.name) with(exemplars=false)');
    const p = (value: number) => ({ key: 'p', value: { doubleValue: value } });
    expect(body.series).toEqual([
      { labels: [service('auth'), p(0.5)], samples: [{ timestampMs: at(120), value: 0.03 }, { timestampMs: at(60), value: 0.2 }, { timestampMs: at(0), value: 0.04 }] },
      { labels: [service('auth'), p(0.9)], samples: [{ timestampMs: at(120), value: 0.03 }, { timestampMs: at(60), value: 0.2 }, { timestampMs: at(0), value: 0.04 }] },
      { labels: [service('web'), p(0.5)], samples: [{ timestampMs: at(120), value: 0.1 }, { timestampMs: at(60), value: 0.3 }] },
      { labels: [service('web'), p(0.9)], samples: [{ timestampMs: at(120), value: 1.5 }, { timestampMs: at(60), value: 0.3 }] },
    ]);
  });

  it('histogram_over_time(duration): __bucket is the power-of-two ns bound in seconds', async () => {
    const body = await range('{ resource.service.name = "web" } | histogram_over_time(duration) with(exemplars=false)');
    const bucket = (value: number) => [{ key: '__bucket', value: { doubleValue: value } }];
    expect(body.series).toEqual([
      { labels: bucket(0.134217728), samples: [{ timestampMs: at(120), value: 1 }] }, // 100 ms ≤ 2^27 ns
      { labels: bucket(0.536870912), samples: [{ timestampMs: at(60), value: 1 }] }, // 300 ms ≤ 2^29 ns
      { labels: bucket(2.147483648), samples: [{ timestampMs: at(120), value: 1 }] }, // 1.5 s ≤ 2^31 ns
    ]);
  });

  it('min/max/avg/sum_over_time read durations in seconds', async () => {
    const values = async (fn: string) => (await range(`{ resource.service.name = "web" } | ${fn}(duration) with(exemplars=false)`)).series[0]?.samples.map((s) => s.value);
    expect(await values('min_over_time')).toEqual([0.1, 0.3]);
    expect(await values('max_over_time')).toEqual([1.5, 0.3]);
    expect(await values('sum_over_time')).toEqual([1.6, 0.3]);
    expect(await values('avg_over_time')).toEqual([0.8, 0.3]);
  });

  it('writes a missing attribute as "nil" with one by() field, and leaves it out with several', async () => {
    const one = await range('{ } | count_over_time() by (span.http.route) with(exemplars=false)');
    expect(one.series.map((s) => s.labels)).toEqual([
      [{ key: 'span.http.route', value: { stringValue: '/cart' } }],
      [{ key: 'span.http.route', value: { stringValue: '/search' } }],
      [{ key: 'span.http.route', value: { stringValue: 'nil' } }],
    ]);
    const two = await range('{ } | count_over_time() by (span.http.route, name) with(exemplars=false)');
    expect(two.series.map((s) => s.labels)).toEqual([
      [{ key: 'name', value: { stringValue: 'GET /health' } }],
      [{ key: 'name', value: { stringValue: 'POST /login' } }],
      [{ key: 'span.http.route', value: { stringValue: '/cart' } }, { key: 'name', value: { stringValue: 'GET /cart' } }],
      [{ key: 'span.http.route', value: { stringValue: '/search' } }, { key: 'name', value: { stringValue: 'GET /search' } }],
    ]);
  });

  it('selects root spans with nestedSetParent < 0, as Drilldown does', async () => {
    const body = await range('{ nestedSetParent < 0 } | count_over_time() by (name) with(exemplars=false)');
    expect(body.series.map((s) => [s.labels[0]?.value.stringValue, s.samples.map((x) => x.value)])).toEqual([
      ['GET /cart', [1, 1]],
      ['GET /health', [1]],
      ['GET /search', [1]],
    ]);
  });

  it('omits a zero value and answers series: [] when nothing matches', async () => {
    expect(await range('{ name = "nope" } | rate()')).toEqual({ series: [], metrics: expect.objectContaining({ completedJobs: 1, totalJobs: 1 }) });
    // the general path (an attribute the span columns do not hold): the name index rules out every trace, none is read
    expect(await range('{ name = "nope" && span.x = "y" } | rate()')).toEqual({ series: [], metrics: { completedJobs: 1, totalJobs: 1 } });
    // leaf spans have no children: min 0, written as a sample without a value
    expect((await range('{ } | min_over_time(span:childCount) with(exemplars=false)')).series).toEqual([
      { labels: [{ key: '__name__', value: { stringValue: 'min_over_time' } }], samples: [{ timestampMs: at(120) }, { timestampMs: at(60) }, { timestampMs: at(0) }] },
    ]);
  });

  it('attaches exemplars with trace:id and span:id, at most the number asked for, valued as their sample (rate) or span (quantile)', async () => {
    const rate = await range('{ } | rate() by (resource.service.name)', { exemplars: '2' });
    const exemplars = rate.series.flatMap((s) => s.exemplars ?? []);
    expect(exemplars).toHaveLength(2);
    expect(rate.series[0]?.exemplars?.[0]).toEqual({
      labels: [
        { key: 'trace:id', value: { stringValue: '2'.repeat(32) } },
        { key: 'span:id', value: { stringValue: '2000000000000002' } },
      ],
      value: 1 / 60,
      timestampMs: String(T0_MS - 89_950), // the middle of auth's three intervals
    });
    const quantiles = await range('{ resource.service.name = "web" } | quantile_over_time(duration, .9)');
    expect(quantiles.series[0]?.exemplars?.map((e) => [e.labels[1]?.value.stringValue, e.value])).toEqual([
      ['4000000000000001', 1.5], // the slowest span of its interval
      ['2000000000000001', 0.3],
    ]);
    expect((await range('{ } | rate() with(exemplars=1)', { exemplars: '50' })).series[0]?.exemplars).toHaveLength(1);
    // the hint overrides the parameter either way
    expect((await range('{ } | rate() with(exemplars=3)', { exemplars: '1' })).series[0]?.exemplars).toHaveLength(3);
  });

  it('reads start and end as seconds, ns, fractional seconds or RFC 3339, and step as seconds or a Go duration', async () => {
    const expected = await range('{ } | rate() with(exemplars=false)');
    const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
    for (const params of <Record<string, string>[]>[
      { start: `${T0 - 180}000000000`, end: `${T0}000000000` },
      { start: `${T0 - 180}.0`, end: `${T0}.000` },
      { start: iso(T0 - 180), end: iso(T0) },
      { step: '1m' },
      { step: '60s' },
      { step: '60.0' },
    ]) {
      expect(await range('{ } | rate() with(exemplars=false)', params), JSON.stringify(params)).toEqual(expected);
    }
  });

  it("steps by Tempo's default rule when step is absent, and reads since when start is", async () => {
    const body = await range('{ } | count_over_time() with(exemplars=false)', { start: String(T0 - 3600), step: '' });
    // 1 h / 240 = 15 s: -150 and -149.9 fall in (-165, -150] and (-150, -135]
    expect(body.series[0]?.samples.map((s) => (T0_MS - Number(s.timestampMs)) / 1000)).toEqual([150, 135, 120, 90, 75, 30]);
    const since = await get(TEMPO, '/api/metrics/query_range', { q: '{ } | count_over_time() with(exemplars=false)', end: String(T0), since: '3m', step: '60' });
    expect(JSON.parse(since.text)).toEqual(await range('{ } | count_over_time() with(exemplars=false)'));
  });
});

describe('Tempo /api/metrics/query (instant)', () => {
  it('answers one value per series over the whole window, unaligned; zero values and empty results as jsonpb writes them', async () => {
    const instant = async (q: string, start = T0 - 180) => JSON.parse((await get(TEMPO, '/api/metrics/query', { q, start: String(start), end: String(T0) })).text) as unknown;
    expect(await instant('{ } | count_over_time() by (resource.service.name)')).toEqual({
      series: [
        { labels: [service('auth')], value: 3 },
        { labels: [service('web')], value: 3 },
      ],
      metrics: { inspectedTraces: 4, inspectedSpans: '6', completedJobs: 1, totalJobs: 1 },
    });
    // (T0-100, T0]: GET /cart @-90 is in, GET /search @-120 is not (no alignment to a step)
    expect(await instant('{ resource.service.name = "web" } | count_over_time()', T0 - 100)).toMatchObject({ series: [{ value: 1 }] });
    expect(await instant('{ name = "nope" } | rate()')).toEqual({ metrics: expect.objectContaining({ completedJobs: 1 }) });
    expect(await instant('{ } | min_over_time(span:childCount)')).toEqual({ series: [{ labels: [{ key: '__name__', value: { stringValue: 'min_over_time' } }] }], metrics: expect.any(Object) });
  });
});

describe("Tempo metrics errors: plain-text 400s in Tempo's words and order", () => {
  it.each([
    [{ start: 'abc' }, `could not parse 'start' parameter: parsing time "abc" as "2006-01-02T15:04:05Z07:00": cannot parse "abc" as "2006"`],
    [{ end: 'x' }, `could not parse 'end' parameter: parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"`],
    [{ step: '-5s' }, 'cannot parse "-5s": step must be positive'],
    [{ step: 'soon' }, 'cannot parse "soon" to a valid duration'],
    [{ start: String(NOW() / 1000 - 10), end: String(NOW() / 1000) }, 'query window falls entirely within query_end_cutoff'],
    [{ start: String(T0), end: String(T0 - 60) }, 'end must be greater than start'],
    [{ start: String(T0 - 25 * 3600) }, 'metrics query time range exceeds the maximum allowed duration of 24h0m0s'],
    // 13 digits of ms are read as ns: 1970, far more than 24 h before end
    [{ start: String(T0_MS - 180_000) }, 'metrics query time range exceeds the maximum allowed duration of 24h0m0s'],
    [{ start: String(T0 - 24 * 3600), step: '1' }, 'step of 1s is too small, minimum step for given range is 8.64s'],
    [{ step: '0' }, 'step of 0s is too small, minimum step for given range is 18ms'],
    [{ q: '{ status = error }' }, 'not a metrics query'],
    [{ q: '{ } | rate(' }, 'parse error at line 1, col 12: syntax error: unexpected $end'],
    [{ q: '{ } | rate() by (' }, 'parse error at line 1, col 18: syntax error: unexpected $end'],
    [{ q: '{ name = 1 } | rate()' }, 'compiling query: binary operations must operate on the same type: span:name = 1'],
    [
      { q: '{ } | compare({ status = error })' },
      'parse error at line 1, col 7: compare() is not supported by this server, which evaluates one metrics function (rate, count_over_time, min/max/avg/sum_over_time, quantile_over_time, histogram_over_time) with by() and with()',
    ],
    // a bad parameter is found before a bad query
    [{ q: '{ } | rate(', start: 'abc' }, `could not parse 'start' parameter: parsing time "abc" as "2006-01-02T15:04:05Z07:00": cannot parse "abc" as "2006"`],
  ])('%j → %s', async (params, message) => {
    const answer = await get(TEMPO, '/api/metrics/query_range', { q: '{ } | rate()', start: String(T0 - 180), end: String(T0), step: '60', ...params });
    expect(answer).toEqual({ status: 400, type: 'text/plain; charset=utf-8', text: message });
  });

  it('the instant endpoint says the same', async () => {
    const answer = await get(TEMPO, '/api/metrics/query', { q: '{ }', start: String(T0 - 180), end: String(T0) });
    expect(answer).toEqual({ status: 400, type: 'text/plain; charset=utf-8', text: 'not a metrics query' });
  });
});

/** Brute force over every generated span: the interval end (ms) each start falls in, for 60 s steps. */
const STEP_MS = 60_000;
const WINDOW = { start: String(T0 - 2 * 3600 + 60), end: String(T0), step: '60' };
function intervalEndMs(span: DecodedSpan): number {
  const startMs = Number(span.startUnixNano) / 1e6;
  return Math.ceil(startMs / STEP_MS) * STEP_MS;
}
const firstIntervalEnd = (T0 - 2 * 3600 + 60) * 1000; // aligned start is one step before the asked start
const inWindow = (span: DecodedSpan) => {
  const end = intervalEndMs(span);
  return end >= firstIntervalEnd && end <= T0_MS && Number(span.startUnixNano) / 1e6 > firstIntervalEnd - STEP_MS;
};
const resourceService = (span: DecodedSpan) => {
  const value = span.resource.attributes.find((a) => a.key === 'service.name')?.value;
  return value?.type === 'string' ? value : undefined;
};
function groupBy<T>(items: readonly DecodedSpan[], key: (span: DecodedSpan) => string, value: (spans: DecodedSpan[]) => T): Map<string, Map<string, T>> {
  const groups = new Map<string, Map<string, DecodedSpan[]>>();
  for (const span of items) {
    if (!inWindow(span)) continue;
    const k = key(span);
    let byTime = groups.get(k);
    if (!byTime) groups.set(k, (byTime = new Map()));
    const t = String(intervalEndMs(span));
    byTime.set(t, [...(byTime.get(t) ?? []), span]);
  }
  return new Map([...groups].map(([k, byTime]) => [k, new Map([...byTime].map(([t, spans]) => [t, value(spans)]))]));
}
function samplesBy(body: RangeBody, labelKeys: readonly string[]): Map<string, Map<string, number>> {
  return new Map(
    body.series.map((s) => [
      labelKeys.map((key) => s.labels.find((l) => l.key === key)?.value.stringValue ?? '').join(' / '),
      new Map(s.samples.map((sample) => [sample.timestampMs, sample.value ?? 0])),
    ]),
  );
}
const seconds = (span: DecodedSpan) => Number(span.endUnixNano - span.startUnixNano) / 1e9;

/**
 * The same query through the store's span columns and through the general
 * evaluator: `!(span.never.set = "x")` holds for every span (a missing attribute
 * fails every comparison) but names an attribute the columns do not hold.
 */
async function demoRange(filter: string, pipeline: string, params: Record<string, string> = WINDOW): Promise<RangeBody> {
  const columns = await range(`{ ${filter} } | ${pipeline}`, params, DEMO);
  const general = await range(`{ ${filter} && !(span.never.set = "x") } | ${pipeline}`, params, DEMO);
  expect(general.series).toEqual(columns.series);
  // and the local server's segmented store, both ways
  expect((await range(`{ ${filter} } | ${pipeline}`, params, SEGMENTED)).series).toEqual(columns.series);
  expect((await range(`{ ${filter} && !(span.never.set = "x") } | ${pipeline}`, params, SEGMENTED)).series).toEqual(columns.series);
  return columns;
}

describe('TraceQL metrics over the generated shop agree with a brute-force count over every span', () => {
  it('rate() by service over server spans, and errors', async () => {
    const serverSpans = demoSpans.filter((s) => s.kind === 'server');
    const expected = groupBy(serverSpans, (s) => (resourceService(s)?.value as string) ?? 'nil', (spans) => spans.length / 60);
    const body = await demoRange('kind = server', 'rate() by (resource.service.name)');
    expect(samplesBy(body, ['resource.service.name'])).toEqual(expected);
    expect(expected.size).toBeGreaterThan(5);

    const errors = groupBy(demoSpans.filter((s) => s.kind === 'server' && s.status.code === 'error'), (s) => resourceService(s)?.value as string, (spans) => spans.length / 60);
    expect(samplesBy(await demoRange('kind = server && status = error', 'rate() by (resource.service.name)'), ['resource.service.name'])).toEqual(errors);
    expect(errors.size).toBeGreaterThan(0);
  });

  it('count_over_time() by service and operation over root spans', async () => {
    const roots = demoSpans.filter((s) => s.parentSpanId === undefined);
    const expected = groupBy(roots, (s) => `${resourceService(s)?.value as string} / ${s.name}`, (spans) => spans.length);
    const body = await demoRange('nestedSetParent < 0', 'count_over_time() by (resource.service.name, name)');
    expect(samplesBy(body, ['resource.service.name', 'name'])).toEqual(expected);
  });

  it('quantile_over_time(duration, .5, .9, .99) by service: the nearest-rank value of each interval', async () => {
    const rank = (spans: DecodedSpan[], q: number) => {
      const sorted = spans.map(seconds).sort((a, b) => a - b);
      return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] as number;
    };
    const body = await demoRange('kind = server', 'quantile_over_time(duration, .5, .9, .99) by (resource.service.name)');
    for (const q of [0.5, 0.9, 0.99]) {
      const expected = groupBy(demoSpans.filter((s) => s.kind === 'server'), (s) => resourceService(s)?.value as string, (spans) => rank(spans, q));
      const actual = samplesBy({ ...body, series: body.series.filter((s) => s.labels.some((l) => l.key === 'p' && l.value.doubleValue === q)) }, ['resource.service.name']);
      expect(actual).toEqual(expected);
    }
  });

  it('histogram_over_time(duration): every span in its power-of-two bucket', async () => {
    const bucketOf = (span: DecodedSpan) => {
      const ns = Number(span.endUnixNano - span.startUnixNano);
      let bound = 1;
      while (bound < ns) bound *= 2;
      return String(bound / 1e9);
    };
    const expected = groupBy(demoSpans.filter((s) => s.kind === 'client' && Number(s.endUnixNano - s.startUnixNano) >= 2), bucketOf, (spans) => spans.length);
    const body = await demoRange('kind = client', 'histogram_over_time(duration)');
    const actual = new Map(body.series.map((s) => [String(s.labels[0]?.value.doubleValue), new Map(s.samples.map((x) => [x.timestampMs, x.value ?? 0]))]));
    expect(actual).toEqual(expected);
  });

  it('exemplars name spans of their series and interval', async () => {
    const body = await demoRange('kind = server', 'quantile_over_time(duration, .99) by (resource.service.name)', { ...WINDOW, exemplars: '40' });
    const byId = new Map(demoSpans.map((s) => [s.spanId, s]));
    const all = body.series.flatMap((s) => (s.exemplars ?? []).map((e) => [s, e] as const));
    expect(all.length).toBeGreaterThan(0);
    expect(all.length).toBeLessThanOrEqual(40);
    for (const [series, exemplar] of all) {
      const span = byId.get(exemplar.labels.find((l) => l.key === 'span:id')?.value.stringValue ?? '') as DecodedSpan;
      expect(span.traceId).toBe(exemplar.labels.find((l) => l.key === 'trace:id')?.value.stringValue);
      expect(resourceService(span)?.value).toBe(series.labels[0]?.value.stringValue);
      expect(exemplar.value).toBe(seconds(span));
      expect(series.samples.some((s) => s.timestampMs === String(intervalEndMs(span)))).toBe(true);
    }
  });
});
