import { TraceStore } from '../store';
import { tracesData } from './otlp-fixtures';

/**
 * Three small traces in a store, for testing an adapter against the demo's
 * handlers (minutes before T0_MS):
 *   first (-90 s, 120 ms)  web GET /cart (http.route=/cart) ── db SELECT cart (client, ERROR)
 *   2222… (-30 s, 20 ms)   web GET /cart (http.route=/cart)
 *   3333… (-10 s, 300 ms)  web POST /pay
 */
export function adapterShopStore(firstTraceId: string): TraceStore {
  const store = new TraceStore();
  store.ingestTraces(
    tracesData([
      { traceId: firstTraceId, spanId: '1000000000000001', name: 'GET /cart', service: 'web', startMs: -90_000, durationMs: 120, attributes: { 'http.route': '/cart' } },
      { traceId: firstTraceId, spanId: '1000000000000002', parentSpanId: '1000000000000001', name: 'SELECT cart', service: 'db', startMs: -89_990, durationMs: 80, kind: 3, error: 'timeout' },
      { traceId: '2'.repeat(32), spanId: '2000000000000001', name: 'GET /cart', service: 'web', startMs: -30_000, durationMs: 20, attributes: { 'http.route': '/cart' } },
      { traceId: '3'.repeat(32), spanId: '3000000000000001', name: 'POST /pay', service: 'web', startMs: -10_000, durationMs: 300 },
    ]),
  );
  return store;
}
