import { describe, expect, it } from 'vitest';
import type { Attribute, AttributeValue } from '../model/attributes';
import type { DecodedSpan } from '../model/decoded-span';
import type { Resource } from '../model/span';
import { matchDecodedSpans } from './traceql-eval';
import { goDurationString, log2Bucket, MetricsAccumulator, nearestRank, type MetricsWindow } from './traceql-metrics';
import { parseTraceQL, parseTraceQLMetrics } from './traceql-parse';

const T0 = 1_768_478_400_000_000_000n;
const MS = 1_000_000n;
const SECOND = 1_000_000_000n;

const str = (value: string): AttributeValue => ({ type: 'string', value });
const resource = (service: string): Resource => ({ attributes: [{ key: 'service.name', value: str(service) }], droppedAttributesCount: 0 });

function span(traceId: string, spanId: string, fields: Partial<DecodedSpan> & Pick<DecodedSpan, 'name' | 'resource'> & { startMs: number; endMs: number }): DecodedSpan {
  const { startMs, endMs, ...rest } = fields;
  return {
    traceId,
    spanId,
    service: (rest.resource.attributes[0]?.value as { value: string }).value,
    kind: 'server',
    startUnixNano: T0 + BigInt(startMs) * MS,
    endUnixNano: T0 + BigInt(endMs) * MS,
    attributes: [] as Attribute[],
    droppedAttributesCount: 0,
    scope: { name: 'lib', version: '1', attributes: [], droppedAttributesCount: 0 },
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 'unset', message: '' },
    traceState: '',
    flags: 0,
    ...rest,
  };
}

/**
 * Trace A, and the nested-set numbers Tempo gives it (left, right; parent's left):
 *
 *  0ms      1000     2000     3000
 *  |--------------------------|      web  GET /a   (1, 8; -1)
 *    |---|                            web  SELECT   (2, 3; 1)   client
 *          |----------|               api  POST /b  (4, 7; 1)   ERROR
 *             |---|                   api  GET /c   (5, 6; 4)
 *                     x  orphan       api  late     (parent not stored: no numbers)
 */
const A = 'a'.repeat(32);
const traceA: DecodedSpan[] = [
  span(A, '00000000000000a1', { name: 'GET /a', resource: resource('web'), startMs: 0, endMs: 3000 }),
  span(A, '00000000000000a2', { name: 'SELECT', resource: resource('web'), kind: 'client', parentSpanId: '00000000000000a1', startMs: 200, endMs: 500 }),
  span(A, '00000000000000a3', { name: 'POST /b', resource: resource('api'), parentSpanId: '00000000000000a1', startMs: 800, endMs: 2000, status: { code: 'error', message: 'boom' } }),
  span(A, '00000000000000a4', { name: 'GET /c', resource: resource('api'), parentSpanId: '00000000000000a3', startMs: 1100, endMs: 1500 }),
  span(A, '00000000000000a5', { name: 'late', resource: resource('api'), parentSpanId: '00000000000000ff', startMs: 2100, endMs: 2101 }),
];

const ids = (query: string) => {
  const parsed = parseTraceQL(query);
  if (!parsed.ok) throw new Error(parsed.error);
  return matchDecodedSpans(parsed.query, traceA).spans.map((s) => s.spanId.slice(-2));
};

describe('nestedSet intrinsics', () => {
  it.each([
    ['{ nestedSetParent < 0 }', ['a1']],
    ['{ nestedSetParent = 1 }', ['a2', 'a3']],
    ['{ nestedSetLeft = 4 && nestedSetRight = 7 }', ['a3']],
    ['{ nestedSetParent = 4 }', ['a4']],
    // the orphan has no numbers: every comparison fails, != too
    ['{ nestedSetParent != 1 }', ['a1', 'a4']],
  ])('%s keeps %j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });
});

function evaluate(query: string, window: MetricsWindow, maxExemplars = 0) {
  const parsed = parseTraceQLMetrics(query);
  if (!parsed.ok) throw new Error(parsed.error);
  const accumulator = new MetricsAccumulator(parsed.query, window);
  accumulator.addTrace(traceA);
  return accumulator.result(maxExemplars);
}
/** four 1 s intervals: (T0-1s, T0], (T0, T0+1s], (T0+1s, T0+2s], (T0+2s, T0+3s] */
const WINDOW: MetricsWindow = { startNs: T0 - SECOND, stepNs: SECOND, intervals: 4 };
const values = (series: { values: Float64Array }) => [...series.values].map((v) => (Number.isNaN(v) ? null : v));

describe('MetricsAccumulator', () => {
  it('puts a span in the interval ending at or after its start: (t − step, t]', () => {
    const [series] = evaluate('{ } | count_over_time()', WINDOW).series;
    // GET /a starts at T0 exactly: the interval ending at T0; SELECT and POST /b the next
    expect(values(series!)).toEqual([1, 2, 1, 1]);
  });

  it('groups by several fields, leaving a nil one out, and sorts as Tempo', () => {
    const result = evaluate('{ } | count_over_time() by (resource.service.name, span.nope)', WINDOW);
    expect(result.series.map((s) => [s.labels.map((l) => `${l.key}=${String(l.value.value)}`), values(s)])).toEqual([
      [['resource.service.name=api'], [null, 1, 1, 1]],
      [['resource.service.name=web'], [1, 1, null, null]],
    ]);
    const nilOnly = evaluate('{ } | count_over_time() by (span.nope, span.other)', WINDOW);
    expect(nilOnly.series.map((s) => s.labels)).toEqual([[{ key: 'span.nope', value: { type: 'string', value: 'nil' } }]]);
  });

  it('writes label values by type: status and kind as strings, durations in Go format, ints as ints', () => {
    const labels = (query: string) => evaluate(query, WINDOW).series.map((s) => s.labels[0]?.value);
    expect(labels('{ } | count_over_time() by (status)')).toEqual([
      { type: 'string', value: 'error' },
      { type: 'string', value: 'unset' },
    ]);
    expect(labels('{ name = "GET /c" } | count_over_time() by (duration)')).toEqual([{ type: 'string', value: '400ms' }]);
    expect(labels('{ name = "POST /b" } | count_over_time() by (span:childCount)')).toEqual([{ type: 'int', value: '1' }]);
  });

  it('quantiles by nearest rank, and exemplars from the slowest span of an interval', () => {
    const result = evaluate('{ resource.service.name = "api" } | quantile_over_time(duration, 0, .5, 1)', WINDOW, 10);
    // POST /b 1.2 s, GET /c 0.4 s and late 1 ms, one per interval
    expect(result.series.map(values)).toEqual([
      [null, 1.2, 0.4, 0.001],
      [null, 1.2, 0.4, 0.001],
      [null, 1.2, 0.4, 0.001],
    ]);
    expect(result.series[0]?.exemplars.map((e) => [e.spanId, e.value])).toEqual([
      ['00000000000000a3', 1.2],
      ['00000000000000a4', 0.4],
      ['00000000000000a5', 0.001],
    ]);
    const pair = evaluate('{ resource.service.name = "web" } | max_over_time(duration)', WINDOW, 10);
    // (T0, T0+1s] holds only SELECT (0.3 s): the root started at T0, in the interval before
    expect(pair.series[0]?.exemplars.map((e) => [e.spanId, e.value])).toEqual([
      ['00000000000000a1', 3],
      ['00000000000000a2', 0.3],
    ]);
  });
});

describe('helpers', () => {
  it('nearestRank is the ⌈q·n⌉-th smallest', () => {
    expect([0, 0.25, 0.5, 0.51, 0.99, 1].map((q) => nearestRank([1, 2, 3, 4], q))).toEqual([1, 1, 2, 3, 4, 4]);
    expect(nearestRank([], 0.5)).toBeNaN();
  });

  it('log2Bucket is the power of two at or above, undefined below 2', () => {
    expect([1, 2, 3, 4, 5, 1e8, 2 ** 40, 2 ** 40 + 1].map(log2Bucket)).toEqual([undefined, 2, 4, 4, 8, 2 ** 27, 2 ** 40, 2 ** 41]);
  });

  it("goDurationString writes Go's Duration.String()", () => {
    expect([0, 12, 1_500, 1_500_000, 18e6, 8.64e9, 90e9, 3600e9, 86_400e9, -2e9].map(goDurationString)).toEqual([
      '0s', '12ns', '1.5µs', '1.5ms', '18ms', '8.64s', '1m30s', '1h0m0s', '24h0m0s', '-2s',
    ]);
  });
});

describe('parseTraceQLMetrics', () => {
  const ok = (text: string) => {
    const parsed = parseTraceQLMetrics(text);
    if (!parsed.ok) throw new Error(`${text}: ${parsed.error}`);
    return parsed.query;
  };

  it.each([
    // what Traces Drilldown and the overview send (reference metrics-apis.md §3)
    '{ nestedSetParent<0 } | rate() with(sample=true)',
    '{ true && status=error } | rate() with(sample=true)',
    '{ kind=server } | histogram_over_time(duration) with(sample=true)',
    '{ kind=server && span.http.route != nil } | rate() by(span.http.route)',
    '{ true } | quantile_over_time(duration, 0.9) by(resource.service.name)',
    '{ kind = server } | quantile_over_time(duration, .5, .9, .99) by (resource.service.name, name)',
    '{resource.service.name="checkout"} | rate() by (status)',
    '{ } | count_over_time() by (span.http.route) with (exemplars=5)',
    '{ } | avg_over_time(span.http.response_size)',
    '({ .a = 1 } || { .b = 2 }) | min_over_time(duration)',
  ])('%s parses', (text) => {
    expect(ok(text)).toBeDefined();
  });

  it('reads the function, its field and quantiles, by() keys as written, and the exemplars hint', () => {
    expect(ok('{ } | quantile_over_time(duration, .5, 1) by (name, resource.service.name) with(exemplars=7, sample=true)')).toEqual({
      filter: { type: 'filter', expr: undefined },
      fn: { name: 'quantile_over_time', field: { type: 'intrinsic', name: 'span:duration' }, quantiles: [0.5, 1] },
      by: [
        { field: { type: 'intrinsic', name: 'span:name' }, key: 'name' },
        { field: { type: 'attribute', scope: 'resource', name: 'service.name' }, key: 'resource.service.name' },
      ],
      exemplars: 7,
    });
    expect(ok('{ } | rate() with(exemplars=false)').exemplars).toBe(0);
    expect(ok('{ } | rate()').exemplars).toBeUndefined();
  });

  it.each([
    ['{ status = error }', 'not a metrics query'],
    ['{ } with(sample=true)', 'not a metrics query'],
    ['{ } | rate', 'parse error at line 1, col 11: syntax error: unexpected $end'],
    ['{ } | rate(duration)', 'parse error at line 1, col 12: syntax error: unexpected duration'],
    ['{ } | quantile_over_time(duration)', 'parse error at line 1, col 34: syntax error: unexpected )'],
    ['{ } | bogus()', 'parse error at line 1, col 7: syntax error: unexpected IDENTIFIER'],
    ['rate()', 'parse error at line 1, col 1: syntax error: unexpected rate'],
    ['{ } | rate() | topk(3)', 'parse error at line 1, col 14: a second pipeline stage (| topk, | bottomk…) is not supported by this server, which evaluates one metrics function (rate, count_over_time, min/max/avg/sum_over_time, quantile_over_time, histogram_over_time) with by() and with()'],
    ['{ } | rate() > 3', 'parse error at line 1, col 14: > on metrics is not supported by this server, which evaluates one metrics function (rate, count_over_time, min/max/avg/sum_over_time, quantile_over_time, histogram_over_time) with by() and with()'],
    ['{ } | count() > 2', 'parse error at line 1, col 7: a count() stage before the metrics function is not supported by this server, which evaluates one metrics function (rate, count_over_time, min/max/avg/sum_over_time, quantile_over_time, histogram_over_time) with by() and with()'],
  ])('%s → %s', (text, error) => {
    expect(parseTraceQLMetrics(text)).toMatchObject({ ok: false, error });
  });

  it('leaves search parsing as it was: a pipeline is still refused there', () => {
    expect(parseTraceQL('{ } | rate()')).toMatchObject({ ok: false, kind: 'unsupported' });
  });
});
