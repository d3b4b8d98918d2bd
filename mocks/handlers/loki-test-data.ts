import type { OtlpAnyValue, OtlpLogsData } from '../../src/core';
import { TraceStore } from '../store';
import { tracesData, unixNano } from '../testing/otlp-fixtures';

/**
 * A small store for the demo Loki's tests and the Loki adapter's: two traces and
 * their OTLP logs, ingested the way an exporter sends them. Times are ms after T0.
 *
 *   CART  -90.000s web  GET /cart ───────────── 120ms
 *         -89.990s   db   SELECT cart (ERROR) ── 80ms
 *     logs: -89.995 web INFO  "GET /cart"                            span web
 *           -89.950 db  ERROR {msg: timeout, duration_ms: 80}        span db, attribute db.operation=SELECT
 *           -89.900 web WARN  "slow request trace_id=<CART>"         span web (the id in the text)
 *           -89.890 web INFO  '{"trace_id":"<CART>","msg":"json line"}' (a JSON line)
 *   PAY   -30.000s web  POST /pay ── 20ms
 *     logs: -29.990 web DEBUG "charging"
 */
export const CART = '0000c0ffee0000000000000000000001';
export const PAY = '2'.repeat(32);
export const WEB_SPAN = '1000000000000001';
export const DB_SPAN = '1000000000000002';

const text = (value: string): OtlpAnyValue => ({ stringValue: value });

interface FixtureLog {
  readonly traceId: string;
  readonly spanId?: string;
  readonly service: string;
  readonly atMs: number;
  readonly severity: [number, string];
  readonly body: OtlpAnyValue;
  readonly attributes?: Readonly<Record<string, string>>;
}

export const FIXTURE_LOGS: readonly FixtureLog[] = [
  { traceId: CART, spanId: WEB_SPAN, service: 'web', atMs: -89_995, severity: [9, 'INFO'], body: text('GET /cart') },
  {
    traceId: CART,
    spanId: DB_SPAN,
    service: 'db',
    atMs: -89_950,
    severity: [17, 'ERROR'],
    body: { kvlistValue: { values: [{ key: 'msg', value: text('timeout') }, { key: 'duration_ms', value: { intValue: '80' } }] } },
    attributes: { 'db.operation': 'SELECT' },
  },
  { traceId: CART, spanId: WEB_SPAN, service: 'web', atMs: -89_900, severity: [13, 'WARN'], body: text(`slow request trace_id=${CART}`) },
  { traceId: CART, spanId: WEB_SPAN, service: 'web', atMs: -89_890, severity: [9, 'INFO'], body: text(`{"trace_id":"${CART}","msg":"json line"}`) },
  { traceId: PAY, service: 'web', atMs: -29_990, severity: [5, 'DEBUG'], body: text('charging') },
];

export function logsData(logs: readonly FixtureLog[]): OtlpLogsData {
  const services = [...new Set(logs.map((l) => l.service))];
  return {
    resourceLogs: services.map((service) => ({
      resource: { attributes: [{ key: 'service.name', value: text(service) }, { key: 'host.name', value: text('node-1') }] },
      scopeLogs: [
        {
          scope: { name: `shop.${service}`, version: '1.0.0' },
          logRecords: logs
            .filter((l) => l.service === service)
            .map((l) => ({
              timeUnixNano: unixNano(l.atMs),
              severityNumber: l.severity[0],
              severityText: l.severity[1],
              body: l.body,
              attributes: Object.entries(l.attributes ?? {}).map(([key, value]) => ({ key, value: text(value) })),
              traceId: l.traceId,
              ...(l.spanId !== undefined ? { spanId: l.spanId } : {}),
            })),
        },
      ],
    })),
  };
}

export function lokiFixtureStore(): TraceStore {
  const store = new TraceStore();
  store.ingestTraces(
    tracesData([
      { traceId: CART, spanId: WEB_SPAN, name: 'GET /cart', service: 'web', startMs: -90_000, durationMs: 120 },
      { traceId: CART, spanId: DB_SPAN, parentSpanId: WEB_SPAN, name: 'SELECT cart', service: 'db', startMs: -89_990, durationMs: 80, kind: 3, error: 'timeout' },
      { traceId: PAY, spanId: '2000000000000001', name: 'POST /pay', service: 'web', startMs: -30_000, durationMs: 20 },
    ]),
  );
  store.ingestLogs(logsData(FIXTURE_LOGS));
  return store;
}
