import { describe, expect, it } from 'vitest';
import { DecodeError } from '../formats/decode-error';
import { decodeJaegerDependencies, decodeJaegerMetricFamily, redRowsFromJaeger, systemGraphFromDependencies } from './jaeger-spm-decode';

const family = (name: string, metrics: unknown[]) => ({ name, type: 'GAUGE', help: 'calls/sec, grouped by service', metrics });
const t = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

describe('decodeJaegerMetricFamily: reference §4.1', () => {
  it('reads the example verbatim: RFC 3339 times, a 0 point kept, "NaN" as no point', () => {
    const answer = JSON.parse(`{"name":"service_call_rate","type":"GAUGE","help":"calls/sec, grouped by service",
      "metrics":[{"labels":[{"name":"service_name","value":"checkout"}],
        "metricPoints":[{"gaugeValue":{"doubleValue":12.4},"timestamp":"2023-11-14T22:13:20Z"},
                        {"gaugeValue":{"doubleValue":0},"timestamp":"2023-11-14T22:13:25Z"},
                        {"gaugeValue":{"doubleValue":"NaN"},"timestamp":"2023-11-14T22:13:30Z"}]}]}`) as unknown;
    expect(decodeJaegerMetricFamily(answer)).toEqual([
      {
        labels: { service_name: 'checkout' },
        points: [
          { timeMs: Date.UTC(2023, 10, 14, 22, 13, 20), value: 12.4 },
          { timeMs: Date.UTC(2023, 10, 14, 22, 13, 25), value: 0 },
        ],
        exemplars: [],
      },
    ]);
  });

  it('reads labels by name whatever their order (Go map order), and fractional-second times', () => {
    const decoded = decodeJaegerMetricFamily(
      family('service_operation_call_rate', [
        { labels: [{ name: 'operation', value: 'GET /cart' }, { name: 'service_name', value: 'cart' }], metricPoints: [{ gaugeValue: { doubleValue: 1 }, timestamp: '2023-11-14T22:13:20.5Z' }] },
        { labels: [{ name: 'service_name', value: 'cart' }, { name: 'operation', value: 'POST /cart' }], metricPoints: [{ gaugeValue: { doubleValue: 2 }, timestamp: '2023-11-14T22:13:20Z' }] },
      ]),
    );
    expect(decoded.map((s) => s.labels)).toEqual([
      { operation: 'GET /cart', service_name: 'cart' },
      { service_name: 'cart', operation: 'POST /cart' },
    ]);
    expect(decoded[0]?.points[0]?.timeMs).toBe(Date.UTC(2023, 10, 14, 22, 13, 20, 500));
  });

  it('gives no series for a family without "metrics" (no data)', () => {
    expect(decodeJaegerMetricFamily({ name: 'service_latencies', type: 'GAUGE', help: '0.95th quantile latency, grouped by service' })).toEqual([]);
  });

  it('throws Jaeger’s error text (501 when no metrics backend is configured)', () => {
    const body = { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 501, msg: 'trace metrics are currently disabled - no metrics backend configured' }] };
    expect(() => decodeJaegerMetricFamily(body)).toThrow(new DecodeError('Jaeger answered: trace metrics are currently disabled - no metrics backend configured'));
    expect(() => decodeJaegerMetricFamily([1, 2])).toThrow(DecodeError);
  });
});

describe('decodeJaegerDependencies: reference §5.1', () => {
  it('reads the example, in a stable order (Jaeger’s is random), summing repeated pairs', () => {
    const answer = {
      data: [
        { parent: 'frontend', child: 'checkout', callCount: 1520 },
        { parent: 'checkout', child: 'postgres', callCount: 3011 },
        { parent: 'frontend', child: 'checkout', callCount: 80 },
        { parent: '', child: 'x', callCount: 1 },
        { parent: 'a', child: 'b', callCount: 'many' },
      ],
      total: 0,
      limit: 0,
      offset: 0,
      errors: null,
    };
    expect(decodeJaegerDependencies(answer)).toEqual([
      { parent: 'checkout', child: 'postgres', callCount: 3011 },
      { parent: 'frontend', child: 'checkout', callCount: 1600 },
    ]);
  });

  it('reads no links, and throws an error body', () => {
    expect(decodeJaegerDependencies({ data: [], total: 0, limit: 0, offset: 0, errors: null })).toEqual([]);
    expect(() => decodeJaegerDependencies({ data: null, errors: [{ code: 400, msg: "unable to parse param 'endTs'" }] })).toThrow(/unable to parse param 'endTs'/);
  });
});

describe('redRowsFromJaeger', () => {
  // step 60 s; Prometheus also answers at the range's start (0 s), which is no interval of the range
  const RANGE = { startMs: 0, endMs: 240_000, stepMs: 60_000 };
  const svc = (service: string, points: [number, number | 'NaN'][], operation?: string) => ({
    labels: [...(operation === undefined ? [] : [{ name: 'operation', value: operation }]), { name: 'service_name', value: service }],
    metricPoints: points.map(([s, v]) => ({ gaugeValue: { doubleValue: v }, timestamp: t(s) })),
  });
  //               time (s):   0     60    120   180   240
  //  calls/s                  9     2     0     4     –
  //  error fraction           –     0.25  NaN   0     –
  //  p90 ms                   –     100   NaN   300   –
  const calls = decodeJaegerMetricFamily(family('service_call_rate', [svc('checkout', [[0, 9], [60, 2], [120, 0], [180, 4]])]));
  const errors = decodeJaegerMetricFamily(family('service_error_rate', [svc('checkout', [[0, 0.5], [60, 0.25], [120, 'NaN'], [180, 0]])]));
  const p90 = decodeJaegerMetricFamily(family('service_latencies', [svc('checkout', [[60, 100], [120, 'NaN'], [180, 300]])]));
  const [row] = redRowsFromJaeger(RANGE, 'service', { calls, errors, p50: [], p90, p99: [] });

  it('multiplies the error fraction by the calls, and a step without calls has no errors', () => {
    expect(row?.service).toBe('checkout');
    expect(row?.rate.map((p) => [p.timeMs / 1000, p.value])).toEqual([[60, 2], [120, 0], [180, 4]]);
    expect(row?.errorRate.map((p) => [p.timeMs / 1000, p.value])).toEqual([[60, 0.5], [120, 0], [180, 0]]);
    expect(row?.p90Ms.map((p) => [p.timeMs / 1000, p.value])).toEqual([[60, 100], [180, 300]]);
    expect(row?.p50Ms).toEqual([]);
  });

  it('totals: mean rates over the four steps, no counts (Jaeger gives windowed rates), quantiles weighted by calls', () => {
    expect(row?.total).toEqual({
      ratePerSecond: 6 / 4,
      errorsPerSecond: 0.5 / 4,
      errorFraction: 0.5 / 6,
      requestCount: undefined,
      errorCount: undefined,
      p50Ms: undefined,
      p90Ms: (100 * 2 + 300 * 4) / 6,
      p99Ms: undefined,
    });
  });

  it('groups by operation from the operation label', () => {
    const opCalls = decodeJaegerMetricFamily(family('service_operation_call_rate', [svc('cart', [[60, 1]], 'GET /cart'), svc('cart', [[60, 2]], 'POST /cart')]));
    expect(redRowsFromJaeger(RANGE, 'operation', { calls: opCalls, errors: [], p50: [], p90: [], p99: [] }).map((r) => [r.service, r.operation, r.total.ratePerSecond])).toEqual([
      ['cart', 'GET /cart', 0.25],
      ['cart', 'POST /cart', 0.5],
    ]);
  });

  it('makes the system graph from the dependencies, with node figures from the rows', () => {
    const graph = systemGraphFromDependencies(RANGE, [{ parent: 'frontend', child: 'checkout', callCount: 480 }], row === undefined ? [] : [row]);
    expect(graph.nodes).toEqual([
      { id: 'service:checkout', name: 'checkout', kind: 'service', ratePerSecond: 1.5, errorFraction: 0.5 / 6, p90Ms: (100 * 2 + 300 * 4) / 6 },
      { id: 'service:frontend', name: 'frontend', kind: 'service', ratePerSecond: undefined, errorFraction: undefined, p90Ms: undefined },
    ]);
    expect(graph.edges).toEqual([{ from: 'service:frontend', to: 'service:checkout', callCount: 480, callsPerSecond: 2, errorFraction: undefined, p90Ms: undefined }]);
    expect(graph.origin).toEqual({ kind: 'jaeger-spm' });
  });
});
