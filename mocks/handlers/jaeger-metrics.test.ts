import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTraceSpans, type DecodedSpan } from '../../src/core';
import { DEMO_SEED } from '../demo-store';
import { generateDemoData } from '../generator';
import { BoundedTraceStore } from '../server/bounded-store';
import { TraceStore } from '../store';
import { T0_MS, tracesData, type FixtureSpan } from '../testing/otlp-fixtures';
import { jaegerMetricsHandlers } from './jaeger-metrics';

const JAEGER = 'http://localhost/jm/jaeger';
const DEMO = 'http://localhost/jm/demo';
const NOW = () => T0_MS + 3_600_000;

/**
 * Evaluated at T0-180s, T0-120s, T0-60s and T0, each over the 60 s before it (ratePer):
 *
 *   web  (server)  GET /cart 100ms @-150 ─── auth POST /login 30ms ERROR @-149.9
 *                  GET /search 1.5s @-120 (on the boundary: counts at T0-120)
 *                  GET /cart 300ms @-90 ─── auth POST /login 200ms @-89.95
 *   auth (server)  GET /health 40ms @-30
 *   web  (client)  GET /cdn 5ms @-20 (not a server span)
 */
const spans: FixtureSpan[] = [
  { traceId: '1'.repeat(32), spanId: '1000000000000001', name: 'GET /cart', service: 'web', startMs: -150_000, durationMs: 100 },
  { traceId: '1'.repeat(32), spanId: '1000000000000002', parentSpanId: '1000000000000001', name: 'POST /login', service: 'auth', startMs: -149_900, durationMs: 30, error: 'bad password' },
  { traceId: '2'.repeat(32), spanId: '2000000000000001', name: 'GET /cart', service: 'web', startMs: -90_000, durationMs: 300 },
  { traceId: '2'.repeat(32), spanId: '2000000000000002', parentSpanId: '2000000000000001', name: 'POST /login', service: 'auth', startMs: -89_950, durationMs: 200 },
  { traceId: '3'.repeat(32), spanId: '3000000000000001', name: 'GET /health', service: 'auth', startMs: -30_000, durationMs: 40 },
  { traceId: '4'.repeat(32), spanId: '4000000000000001', name: 'GET /search', service: 'web', startMs: -120_000, durationMs: 1_500 },
  { traceId: '5'.repeat(32), spanId: '5000000000000001', name: 'GET /cdn', service: 'web', startMs: -20_000, durationMs: 5, kind: 3 },
];
const store = new TraceStore();
store.ingestTraces(tracesData(spans));

const demoData = generateDemoData({ seed: DEMO_SEED, now: T0_MS, traceCount: 400 });
const demo = new TraceStore();
const demoSpans: DecodedSpan[] = [];
for (const batch of demoData.traces) {
  demo.ingestTraces(batch);
  demoSpans.push(...decodeTraceSpans(batch).spans);
}

/** The local server's store: the same traffic in segments of at most 100 traces (`npm run serve`). */
const SEGMENTED = 'http://localhost/jm/segmented';
const segmented = new BoundedTraceStore({ maxTraces: 800, maxSpans: 1_000_000, maxLogs: 1_000_000 });
for (const batch of demoData.traces) segmented.ingestTraces(batch);

const server = setupServer(
  ...jaegerMetricsHandlers(store, JAEGER, { now: NOW }),
  ...jaegerMetricsHandlers(demo, DEMO, { now: NOW }),
  ...jaegerMetricsHandlers(segmented, SEGMENTED, { now: NOW }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const WINDOW = `endTs=${T0_MS}&lookback=180000&step=60000&ratePer=60000`;
async function get(path: string, base = JAEGER): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}
async function json(path: string, base = JAEGER): Promise<Family> {
  const answer = await get(path, base);
  expect(answer.status, answer.text).toBe(200);
  return JSON.parse(answer.text) as Family;
}
interface Family {
  name: string;
  type: string;
  help: string;
  metrics?: { labels: { name: string; value: string }[]; metricPoints: { gaugeValue: { doubleValue: number | string }; timestamp: string }[] }[];
}
const stamp = (secondsBeforeT0: number) => new Date(T0_MS - secondsBeforeT0 * 1000).toISOString().replace('.000Z', 'Z');
const points = (...values: (number | string)[]) => values.map((doubleValue, i) => ({ gaugeValue: { doubleValue }, timestamp: stamp(180 - 60 * i) }));

describe('Jaeger SPM /api/metrics/* on hand-built spans', () => {
  it('calls: a bare GAUGE MetricFamily, per second over ratePer, RFC 3339 stamps, server spans only by default', async () => {
    expect(await json(`/api/metrics/calls?service=web&service=auth&${WINDOW}`)).toEqual({
      name: 'service_call_rate',
      type: 'GAUGE',
      help: 'calls/sec, grouped by service',
      metrics: [
        { labels: [{ name: 'service_name', value: 'auth' }], metricPoints: points(0, 1 / 60, 1 / 60, 1 / 60) },
        { labels: [{ name: 'service_name', value: 'web' }], metricPoints: points(0, 2 / 60, 1 / 60, 0) },
      ],
    });
    const client = await json(`/api/metrics/calls?service=web&spanKind=client&${WINDOW}`);
    expect(client.metrics?.[0]?.metricPoints.map((p) => p.gaugeValue.doubleValue)).toEqual([0, 0, 0, 1 / 60]);
  });

  it('errors: a fraction of calls, 0 with calls and no errors, "NaN" with no calls', async () => {
    expect((await json(`/api/metrics/errors?service=auth&${WINDOW}`)).metrics).toEqual([{ labels: [{ name: 'service_name', value: 'auth' }], metricPoints: points('NaN', 1, 0, 0) }]);
    expect((await json(`/api/metrics/errors?service=web&${WINDOW}`)).metrics?.[0]?.metricPoints).toEqual(points('NaN', 0, 0, 'NaN'));
  });

  it("latencies: histogram_quantile over the spanmetrics connector's ms buckets, with the quantile in the help", async () => {
    const family = await json(`/api/metrics/latencies?service=web&quantile=0.95&${WINDOW}`);
    expect(family.help).toBe('0.95th quantile latency, grouped by service');
    // T0-120: 100 ms in (50, 100] and 1.5 s in (1400, 2000]; rank 1.9 of 2 → 1400 + 600 × 0.9
    // T0-60: 300 ms in (200, 400], rank 0.95 of 1 → 200 + 200 × 0.95
    expect(family.metrics?.[0]?.metricPoints).toEqual(points('NaN', 1400 + 600 * 0.9, 200 + 200 * 0.95, 'NaN'));
  });

  it('groupByOperation: an operation label and the _operation family', async () => {
    const family = await json(`/api/metrics/calls?service=auth&groupByOperation=true&${WINDOW}`);
    expect(family.name).toBe('service_operation_call_rate');
    expect(family.help).toBe('calls/sec, grouped by service & operation');
    expect(family.metrics?.map((m) => [m.labels, m.metricPoints.map((p) => p.gaugeValue.doubleValue)])).toEqual([
      [[{ name: 'service_name', value: 'auth' }, { name: 'operation', value: 'GET /health' }], [0, 0, 0, 1 / 60]],
      [[{ name: 'service_name', value: 'auth' }, { name: 'operation', value: 'POST /login' }], [0, 1 / 60, 1 / 60, 0]],
    ]);
  });

  it('answers a service without spans with the family and no metrics key', async () => {
    expect(await json(`/api/metrics/calls?service=nope&${WINDOW}`)).toEqual({ name: 'service_call_rate', type: 'GAUGE', help: 'calls/sec, grouped by service' });
  });

  it.each([
    ['/api/metrics/calls?endTs=1', "unable to parse param 'service': please provide at least one service name"],
    ['/api/metrics/latencies?service=web', `unable to parse param 'quantile': strconv.ParseFloat: parsing "": invalid syntax`],
    ['/api/metrics/calls?service=web&groupByOperation=yes', `unable to parse param 'groupByOperation': strconv.ParseBool: parsing "yes": invalid syntax`],
    ['/api/metrics/calls?service=web&endTs=soon', `unable to parse param 'endTs': strconv.ParseInt: parsing "soon": invalid syntax`],
    ['/api/metrics/errors?service=web&lookback=1h', `unable to parse param 'lookback': strconv.ParseInt: parsing "1h": invalid syntax`],
    ['/api/metrics/calls?service=web&spanKind=rpc', "unable to parse param 'spanKind': unsupported span kind: 'rpc'"],
    ['/api/dependencies?endTs=x', `unable to parse param 'endTs': strconv.ParseInt: parsing "x": invalid syntax`],
  ])('%s → 400 %s', async (path, msg) => {
    expect(await get(path)).toEqual({
      status: 400,
      type: 'text/plain; charset=utf-8',
      text: `${JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 400, msg }] })}\n`,
    });
  });
});

describe('Jaeger /api/dependencies', () => {
  it('sums parent → child service links over the lookback (24 h by default), filtered by service', async () => {
    const body = { data: [{ parent: 'web', child: 'auth', callCount: 2 }], total: 0, limit: 0, offset: 0, errors: null };
    expect(JSON.parse((await get(`/api/dependencies?endTs=${T0_MS}`)).text)).toEqual(body);
    expect(JSON.parse((await get(`/api/dependencies?endTs=${T0_MS}&service=auth`)).text)).toEqual(body);
    expect(JSON.parse((await get(`/api/dependencies?endTs=${T0_MS}&service=nope`)).text)).toEqual({ ...body, data: [] });
    // only the second call starts within the last 100 s
    expect(JSON.parse((await get(`/api/dependencies?endTs=${T0_MS}&lookback=100000`)).text).data).toEqual([{ parent: 'web', child: 'auth', callCount: 1 }]);
  });
});

/** The connector's default bounds, written out again here so the check does not lean on the handler's copy. */
const BOUNDS = [2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1000, 1400, 2000, 5000, 10000, 15000];
function promQuantile(q: number, durationsMs: readonly number[]): number | string {
  if (durationsMs.length === 0) return 'NaN';
  const perBucket = new Array<number>(BOUNDS.length + 1).fill(0);
  for (const ms of durationsMs) {
    const index = BOUNDS.findIndex((bound) => ms <= bound);
    perBucket[index < 0 ? BOUNDS.length : index]! += 1;
  }
  const rank = q * durationsMs.length;
  let cumulative = 0;
  for (let b = 0; b < perBucket.length; b++) {
    const count = perBucket[b]!;
    if (count > 0 && cumulative + count >= rank) {
      if (b === BOUNDS.length) return BOUNDS[BOUNDS.length - 1]!;
      const lower = b === 0 ? 0 : BOUNDS[b - 1]!;
      return lower + (BOUNDS[b]! - lower) * ((rank - cumulative) / count);
    }
    cumulative += count;
  }
  return BOUNDS[BOUNDS.length - 1]!;
}

describe('Jaeger SPM over the generated shop agrees with a brute-force count over every span', () => {
  const endTs = T0_MS - 60_000;
  const lookback = 2 * 3_600_000 - 120_000;
  const step = 60_000;
  const ratePer = 300_000;
  const times = Array.from({ length: lookback / step + 1 }, (_, k) => endTs - lookback + k * step);
  const services = [...new Set(demoSpans.map((s) => s.service))].sort();
  const query = `${services.map((s) => `service=${encodeURIComponent(s)}`).join('&')}&endTs=${endTs}&lookback=${lookback}&step=${step}&ratePer=${ratePer}`;
  const startMs = (span: DecodedSpan) => Number(span.startUnixNano) / 1e6;
  const inWindow = (span: DecodedSpan, t: number) => startMs(span) > t - ratePer && startMs(span) <= t;
  const serverSpansOf = (service: string) => demoSpans.filter((s) => s.service === service && s.kind === 'server');
  const values = (family: Family, service: string) => family.metrics?.find((m) => m.labels[0]?.value === service)?.metricPoints.map((p) => p.gaugeValue.doubleValue);

  it('calls, errors and p95 latency of every service at every step', async () => {
    const [calls, errors, latencies] = await Promise.all([
      json(`/api/metrics/calls?${query}`, DEMO),
      json(`/api/metrics/errors?${query}`, DEMO),
      json(`/api/metrics/latencies?${query}&quantile=0.95`, DEMO),
    ]);
    // the segmented store answers the same
    expect(await json(`/api/metrics/latencies?${query}&quantile=0.95&groupByOperation=true`, SEGMENTED)).toEqual(await json(`/api/metrics/latencies?${query}&quantile=0.95&groupByOperation=true`, DEMO));
    expect(await json(`/api/metrics/errors?${query}`, SEGMENTED)).toEqual(errors);
    const withServerSpans = services.filter((s) => serverSpansOf(s).length > 0);
    expect(calls.metrics?.map((m) => m.labels[0]?.value)).toEqual(withServerSpans);
    for (const service of withServerSpans) {
      const own = serverSpansOf(service);
      const perTime = times.map((t) => own.filter((s) => inWindow(s, t)));
      expect(values(calls, service), service).toEqual(perTime.map((w) => w.length / (ratePer / 1000)));
      expect(values(errors, service), service).toEqual(perTime.map((w) => (w.length === 0 ? 'NaN' : w.filter((s) => s.status.code === 'error').length / w.length)));
      const expectedLatency = perTime.map((w) => promQuantile(0.95, w.map((s) => Number(s.endUnixNano - s.startUnixNano) / 1e6)));
      const actualLatency = values(latencies, service) ?? [];
      expect(actualLatency.length).toBe(expectedLatency.length);
      actualLatency.forEach((value, i) => {
        if (typeof expectedLatency[i] === 'string') expect(value).toBe(expectedLatency[i]);
        else expect(value as number).toBeCloseTo(expectedLatency[i] as number, 9);
      });
    }
  });

  it('dependencies: every parent/child pair in different services, counted by hand', async () => {
    const byId = new Map(demoSpans.map((s) => [`${s.traceId}/${s.spanId}`, s]));
    const expected = new Map<string, number>();
    for (const span of demoSpans) {
      const parent = span.parentSpanId === undefined ? undefined : byId.get(`${span.traceId}/${span.parentSpanId}`);
      if (!parent || parent.service === span.service || startMs(span) < T0_MS - 3_600_000 || startMs(span) > T0_MS) continue;
      const key = `${parent.service} → ${span.service}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const body = JSON.parse((await get(`/api/dependencies?endTs=${T0_MS}&lookback=3600000`, DEMO)).text) as { data: { parent: string; child: string; callCount: number }[] };
    expect(new Map(body.data.map((d) => [`${d.parent} → ${d.child}`, d.callCount]))).toEqual(expected);
    expect(JSON.parse((await get(`/api/dependencies?endTs=${T0_MS}&lookback=3600000`, SEGMENTED)).text)).toEqual(body);
    expect(expected.size).toBeGreaterThan(5);
  });
});
