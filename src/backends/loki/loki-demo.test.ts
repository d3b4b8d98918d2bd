import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkLogsToSpans, severityOf } from '../../core';
import { createDemoHandlers } from '../../../mocks/handlers';
import { CART, DB_SPAN, lokiFixtureStore, PAY, WEB_SPAN } from '../../../mocks/handlers/loki-test-data';
import { createLokiBackend } from './loki-backend';

// The adapter against the demo backend's Loki API, in each trace-id style: both
// sides of the wire agree on LogQL, Loki's OTLP label mapping and its answer shapes.
const store = lokiFixtureStore();
const server = setupServer(...createDemoHandlers(store));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const URL = 'http://localhost/demo/loki';
const cart = store.getTrace(CART);
if (!cart) throw new Error('fixture trace missing');
const window = { startNs: cart.startUnixNano, endNs: cart.startUnixNano + BigInt(cart.durationNs) };

describe('Loki adapter against the demo backend', () => {
  it('fetches a trace’s logs by structured metadata and links each to its span', async () => {
    const loki = createLokiBackend({ url: URL, name: 'Demo Loki' });
    const { logs, warnings } = await loki.logsForTrace(CART, window);
    expect(warnings).toEqual([]);
    expect(logs.map((l) => [l.service, severityOf(l).label, l.spanId])).toEqual([
      ['web', 'INFO', WEB_SPAN],
      ['db', 'ERROR', DB_SPAN],
      ['web', 'WARN', WEB_SPAN],
      ['web', 'INFO', WEB_SPAN],
    ]);
    expect(logs[1]?.body).toEqual({
      type: 'kvlist',
      value: [
        { key: 'duration_ms', value: { type: 'int', value: '80' } },
        { key: 'msg', value: { type: 'string', value: 'timeout' } },
      ],
    });
    expect(logs[1]?.attributes).toContainEqual({ key: 'db_operation', value: { type: 'string', value: 'SELECT' } });
    const linked = linkLogsToSpans(logs, cart);
    expect(linked.bySpan).toEqual(new Map([[0, [0, 2, 3]], [1, [1]]]));
    expect(linked.unlinked).toEqual([]);
  });

  it('narrows by selector, and finds the lines that carry the id in their text or as a JSON field', async () => {
    const db = createLokiBackend({ url: URL, name: 'Demo Loki', selector: '{service_name="db"}' });
    expect((await db.logsForTrace(CART, window)).logs.map((l) => l.service)).toEqual(['db']);

    const line = createLokiBackend({ url: URL, name: 'Demo Loki', style: 'line' });
    expect((await line.logsForTrace(CART, window)).logs.map((l) => l.severityText)).toEqual(['WARN', 'INFO']);

    const json = createLokiBackend({ url: URL, name: 'Demo Loki', style: 'json', selector: 'service_name="web"' });
    const { logs } = await json.logsForTrace(CART, window);
    expect(logs.map((l) => l.body.type)).toEqual(['string', 'kvlist']);
  });

  it('pads the window: a log stamped after the trace ended is still found, one outside the margin is not', async () => {
    const pay = store.getTrace(PAY);
    if (!pay) throw new Error('fixture trace missing');
    // the PAY log is 10 ms after its span starts; a window ending before it, with a 5 ms margin, misses it
    const early = { startNs: pay.startUnixNano - 1_000_000_000n, endNs: pay.startUnixNano };
    expect((await createLokiBackend({ url: URL, name: 'Demo Loki', windowMarginMs: 5 }).logsForTrace(PAY, early)).logs).toEqual([]);
    expect((await createLokiBackend({ url: URL, name: 'Demo Loki', windowMarginMs: 20 }).logsForTrace(PAY, early)).logs).toHaveLength(1);
  });

  it('reports a selector Loki refuses with Loki’s words', async () => {
    const bad = createLokiBackend({ url: URL, name: 'Demo Loki', selector: '{service_name=~".*"}' });
    await expect(bad.logsForTrace(CART, window)).rejects.toMatchObject({ kind: 'http', status: 400, message: expect.stringContaining('parse error : queries require at least one regexp or equality matcher') });
  });
});
