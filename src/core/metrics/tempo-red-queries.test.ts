import { describe, expect, it } from 'vitest';
import type { MetricSeries } from './red-model';
import { decodeTempoQueryRange } from './tempo-metrics-decode';
import { histogramQuantileMs, redRowsFromTempo, tempoRedQueries } from './tempo-red-queries';

describe('tempoRedQueries: the TraceQL metrics behind the overview', () => {
  it('asks per service, with Drilldown’s primary signals as scopes', () => {
    expect(tempoRedQueries({ scope: 'root', groupBy: 'service' })).toEqual({
      rate: '{ nestedSetParent < 0 } | rate() by (resource.service.name)',
      errors: '{ nestedSetParent < 0 && status = error } | rate() by (resource.service.name)',
      quantiles: '{ nestedSetParent < 0 } | quantile_over_time(duration, .5, .9, .99) by (resource.service.name)',
      histogram: '{ nestedSetParent < 0 } | histogram_over_time(duration) by (resource.service.name)',
    });
    expect(tempoRedQueries({ scope: 'server', groupBy: 'service' }).rate).toBe('{ kind = server } | rate() by (resource.service.name)');
    expect(tempoRedQueries({ scope: 'all', groupBy: 'service' }).rate).toBe('{ true } | rate() by (resource.service.name)');
    expect(tempoRedQueries({ scope: 'all', groupBy: 'service' }).errors).toBe('{ status = error } | rate() by (resource.service.name)');
  });

  it('asks per operation of one service, quoting names as TraceQL strings', () => {
    const q = tempoRedQueries({ scope: 'server', groupBy: 'operation', service: 'check"out', operation: 'GET /cart\\x' });
    expect(q.errors).toBe('{ kind = server && resource.service.name = "check\\"out" && name = "GET /cart\\\\x" && status = error } | rate() by (resource.service.name, name)');
  });
});

// step 60 s; the range holds four intervals, ending at 60, 120, 180 and 240 s
const RANGE = { startMs: 0, endMs: 240_000, stepMs: 60_000 };
const at = (s: number) => s * 1_000;
const series = (labels: Record<string, string>, points: [number, number][], exemplars: MetricSeries['exemplars'] = []): MetricSeries => ({
  labels,
  points: points.map(([s, value]) => ({ timeMs: at(s), value })),
  exemplars,
});
const svc = (name: string, extra: Record<string, string> = {}) => ({ 'resource.service.name': name, ...extra });

describe('redRowsFromTempo', () => {
  //                 interval ends:   60    120    180    240
  //  checkout  rate (spans/s)       2     1      –      0.5     (– : no spans, a gap)
  //            errors (/s)          0.5   –      –      –
  //            p50 (s)              0.1   0.2    –      0.4
  const rows = redRowsFromTempo(RANGE, 'service', {
    rate: [series(svc('checkout'), [[60, 2], [120, 1], [240, 0.5]]), series(svc('cart'), [[120, 4]])],
    errors: [series(svc('checkout'), [[60, 0.5]])],
    quantiles: [
      series(svc('checkout', { p: '0.5' }), [[60, 0.1], [120, 0.2], [240, 0.4]], [{ timeMs: at(100), value: 0.25, traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) }]),
      series(svc('checkout', { p: '0.9' }), [[60, 0.3], [120, 0.3], [240, 0.9]], [{ timeMs: at(100), value: 0.25, traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) }]),
      series(svc('checkout', { p: '0.99' }), [[60, 0.5], [120, 0.6], [240, 1.5]]),
    ],
  });
  const checkout = rows.find((r) => r.service === 'checkout');

  it('has a row per group, by service name', () => {
    expect(rows.map((r) => [r.service, r.operation])).toEqual([
      ['cart', undefined],
      ['checkout', undefined],
    ]);
  });

  it('keeps gaps as gaps, and a step with requests but no error sample is 0 errors', () => {
    expect(checkout?.rate.map((p) => [p.timeMs / 1000, p.value])).toEqual([[60, 2], [120, 1], [240, 0.5]]);
    expect(checkout?.errorRate.map((p) => [p.timeMs / 1000, p.value])).toEqual([[60, 0.5], [120, 0], [240, 0]]);
  });

  it('turns seconds into milliseconds, and takes exemplars once per span with their duration in ms', () => {
    expect(checkout?.p50Ms.map((p) => p.value)).toEqual([100, 200, 400]);
    expect(checkout?.p99Ms.map((p) => p.value)).toEqual([500, 600, 1500]);
    expect(checkout?.exemplars).toEqual([{ timeMs: at(100), value: 250, traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) }]);
  });

  it('totals: mean rate over the four steps (a gap is 0), counts as Σ rate × step, quantiles weighted by rate', () => {
    expect(checkout?.total).toEqual({
      ratePerSecond: 3.5 / 4,
      errorsPerSecond: 0.5 / 4,
      errorFraction: 0.5 / 3.5,
      requestCount: 210, // (2 + 1 + 0.5) × 60
      errorCount: 30,
      p50Ms: (100 * 2 + 200 * 1 + 400 * 0.5) / 3.5,
      p90Ms: (300 * 2 + 300 * 1 + 900 * 0.5) / 3.5,
      p99Ms: (500 * 2 + 600 * 1 + 1500 * 0.5) / 3.5,
    });
    expect(rows[0]?.total).toMatchObject({ requestCount: 240, errorCount: 0, errorFraction: 0, p50Ms: undefined });
  });

  it('leaves out points outside the range (Tempo’s extra leading bucket of a wider answer)', () => {
    const [row] = redRowsFromTempo(RANGE, 'service', { rate: [series(svc('a'), [[0, 9], [60, 1], [300, 9]])], errors: [], quantiles: [] });
    expect(row?.rate.map((p) => p.timeMs)).toEqual([at(60)]);
  });

  it('groups by operation, and names a nil label "nil" when Tempo leaves it out', () => {
    const byOp = redRowsFromTempo(RANGE, 'operation', {
      rate: [series(svc('cart', { name: 'GET /cart' }), [[60, 1]]), series(svc('cart'), [[60, 2]]), series({ name: 'orphan' }, [[60, 3]])],
      errors: [],
      quantiles: [],
    });
    expect(byOp.map((r) => [r.service, r.operation, r.total.requestCount])).toEqual([
      ['cart', 'GET /cart', 60],
      ['cart', 'nil', 120],
      ['nil', 'orphan', 180],
    ]);
  });

  it('takes the range-wide quantiles from the histogram when it is given', () => {
    // 10 spans ≤ 4.194304 ms, 10 more ≤ 8.388608 ms (log2 buckets in seconds)
    const [row] = redRowsFromTempo(RANGE, 'service', {
      rate: [series(svc('a'), [[60, 20 / 60]])],
      errors: [],
      quantiles: [series(svc('a', { p: '0.5' }), [[60, 0.004]])],
      histogram: [series(svc('a', { __bucket: '0.004194304' }), [[60, 6], [120, 4]]), series(svc('a', { __bucket: '0.008388608' }), [[120, 10]])],
    });
    expect(row?.total.p50Ms).toBeCloseTo(4.194304, 9); // rank 10 of 20: the top of the first bucket
    expect(row?.total.p90Ms).toBeCloseTo(4.194304 * 2 ** 0.8, 9); // rank 18: 8 of the second bucket's 10
  });

  it('reads a decoded Tempo answer end to end', () => {
    const decoded = decodeTempoQueryRange({
      series: [{ labels: [{ key: 'resource.service.name', value: { stringValue: 'checkout' } }], samples: [{ timestampMs: '60000', value: 2 }, { timestampMs: '120000' }] }],
    });
    const [row] = redRowsFromTempo(RANGE, 'service', { rate: decoded.series, errors: [], quantiles: [] });
    expect(row?.rate).toEqual([
      { timeMs: 60_000, value: 2 },
      { timeMs: 120_000, value: 0 },
    ]);
    expect(row?.errorRate).toEqual([{ timeMs: 60_000, value: 0 }]);
    expect(row?.total.requestCount).toBe(120);
  });
});

describe('histogramQuantileMs', () => {
  it('is undefined without spans, and exact at a bucket’s top', () => {
    expect(histogramQuantileMs(new Map(), 0.5)).toBeUndefined();
    expect(histogramQuantileMs(new Map([[0.002, 4]]), 1)).toBeCloseTo(2, 12);
    expect(histogramQuantileMs(new Map([[0.002, 4]]), 0.5)).toBeCloseTo(2 ** 0.5, 12);
  });
});
