import { beforeAll, describe, expect, it } from 'vitest';
import { decodeLogs, decodeTraceSpans, type DecodedSpan, type LogRecord } from '../../src/core';
import { T0_MS } from '../testing/otlp-fixtures';
import { generateDemoData, type DemoData } from './generate';

const NOW_NS = BigInt(T0_MS) * 1_000_000n;
const TWO_HOURS_NS = 2n * 3600n * 1_000_000_000n;

const attr = (span: DecodedSpan, key: string): string | undefined => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value && (value.type === 'string' || value.type === 'int') ? value.value : value?.type === 'bool' ? String(value.value) : undefined;
};

describe('generateDemoData', () => {
  it('gives identical output for the same seed and now, and different output for another seed', () => {
    const a = generateDemoData({ seed: 7, now: T0_MS, traceCount: 120 });
    const b = generateDemoData({ seed: 7, now: T0_MS, traceCount: 120 });
    const c = generateDemoData({ seed: 8, now: T0_MS, traceCount: 120 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('writes OTLP/JSON as exporters do: hex ids, int64 as decimal strings, integer enums', () => {
    const data = generateDemoData({ seed: 3, now: T0_MS, traceCount: 20, nightlyBatch: false });
    const span = data.traces[0]?.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    expect(span?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span?.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(span?.startTimeUnixNano).toMatch(/^\d{19}$/);
    expect(typeof span?.kind).toBe('number');
    const ints = data.traces.flatMap((t) => t.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.flatMap((s) => s.attributes ?? []))))
      .filter((kv) => kv.value?.intValue !== undefined);
    expect(ints.length).toBeGreaterThan(0);
    for (const kv of ints) expect(typeof kv.value?.intValue).toBe('string');
  });

  describe('the default data set', () => {
    let data: DemoData;
    let spans: DecodedSpan[];
    let logs: LogRecord[];
    const byTrace = new Map<string, DecodedSpan[]>();
    const byId = new Map<string, DecodedSpan>();

    beforeAll(() => {
      data = generateDemoData({ seed: 20_240_917, now: T0_MS });
      spans = data.traces.flatMap((batch) => decodeTraceSpans(batch).spans);
      logs = data.logs.flatMap((batch) => decodeLogs(batch).logs);
      for (const span of spans) {
        const list = byTrace.get(span.traceId);
        if (list) list.push(span);
        else byTrace.set(span.traceId, [span]);
        byId.set(span.spanId, span);
      }
    }, 60_000);

    it('has 2,000 request traces plus one batch trace of about 5,000 spans, within the 2 hours before now', () => {
      expect(byTrace.size).toBe(2001);
      const sizes = [...byTrace.values()].map((list) => list.length).sort((a, b) => a - b);
      const largest = sizes[sizes.length - 1] ?? 0;
      expect(largest).toBeGreaterThan(4500);
      expect(largest).toBeLessThan(5500);
      const batch = [...byTrace.values()].find((list) => list.length === largest) ?? [];
      expect(batch.find((s) => s.parentSpanId === undefined)?.service).toBe('batch-runner');
      const median = sizes[sizes.length >> 1] ?? 0;
      expect(median).toBeGreaterThanOrEqual(5);
      expect(median).toBeLessThanOrEqual(60);
      expect(sizes[0]).toBe(1);
      expect(sizes.filter((n) => n > 100 && n < 1000).length).toBeGreaterThan(0);
      for (const span of spans) {
        expect(span.startUnixNano >= NOW_NS - TWO_HOURS_NS).toBe(true);
        expect(span.endUnixNano <= NOW_NS).toBe(true);
      }
    });

    it('spans at least 8 services plus PostgreSQL, Redis, Kafka and an external bank', () => {
      const services = new Set(spans.map((s) => s.service));
      for (const name of ['web-frontend', 'api-gateway', 'auth', 'order', 'inventory', 'payment', 'fraud-check', 'notification']) expect(services).toContain(name);
      const pg = spans.filter((s) => attr(s, 'db.system.name') === 'postgresql');
      expect(pg.length).toBeGreaterThan(1000);
      for (const s of pg.slice(0, 50)) {
        expect(s.kind).toBe('client');
        expect(attr(s, 'db.query.text')).toBeTruthy();
        expect(attr(s, 'db.operation.name')).toBeTruthy();
        expect(attr(s, 'server.address')).toBe('postgres.shop.svc.cluster.local');
      }
      expect(spans.some((s) => attr(s, 'db.system.name') === 'redis')).toBe(true);
      const bank = spans.filter((s) => attr(s, 'server.address') === 'api.examplebank.test');
      expect(bank.length).toBeGreaterThan(0);
      expect(bank.every((s) => s.service === 'payment' && s.kind === 'client')).toBe(true);
      const resource = spans[0]?.resource.attributes.map((a) => a.key) ?? [];
      for (const key of ['service.name', 'service.version', 'deployment.environment.name', 'host.name', 'k8s.pod.name', 'telemetry.sdk.language']) expect(resource).toContain(key);
    });

    it('links each Kafka consumer to its producer, as its child, running after the request answered', () => {
      const consumers = spans.filter((s) => s.kind === 'consumer');
      expect(consumers.length).toBeGreaterThan(50);
      for (const consumer of consumers) {
        const producer = byId.get(consumer.parentSpanId ?? '');
        expect(producer?.kind).toBe('producer');
        expect(producer?.service).toBe('order');
        expect(consumer.service).toBe('notification');
        expect(consumer.links).toEqual([expect.objectContaining({ traceId: consumer.traceId, spanId: producer?.spanId })]);
        expect(attr(consumer, 'messaging.system')).toBe('kafka');
        expect(attr(consumer, 'messaging.destination.name')).toBe('orders');
        expect(attr(consumer, 'messaging.operation.type')).toBe('process');
        const root = byTrace.get(consumer.traceId)?.find((s) => s.parentSpanId === undefined);
        expect(root && consumer.startUnixNano > root.endUnixNano).toBe(true);
      }
    });

    it('fails about 5 % of traces, with exception events, ERROR status propagated to the root and 5xx codes', () => {
      const failing = [...byTrace.values()].filter((list) => list.some((s) => s.status.code === 'error'));
      const share = failing.length / byTrace.size;
      expect(share).toBeGreaterThan(0.03);
      expect(share).toBeLessThan(0.08);
      for (const list of failing) {
        const exception = list.flatMap((s) => s.events).find((e) => e.name === 'exception');
        expect(exception?.attributes.map((a) => a.key)).toEqual(['exception.type', 'exception.message', 'exception.stacktrace']);
      }
      // failures in the request path reach the root (notification's failures happen after the answer)
      const rootFailures = failing.filter((list) => list.find((s) => s.parentSpanId === undefined)?.status.code === 'error');
      expect(rootFailures.length / failing.length).toBeGreaterThan(0.7);
      for (const list of rootFailures) {
        const root = list.find((s) => s.parentSpanId === undefined);
        expect(Number(root && attr(root, 'http.response.status_code'))).toBeGreaterThanOrEqual(500);
        expect(root?.status.message).not.toBe('');
      }
    });

    it('has slow outliers: about 1 % of traces take over 10× their request type\'s median', () => {
      const durations = new Map<string, number[]>();
      for (const list of byTrace.values()) {
        const root = list.find((s) => s.parentSpanId === undefined);
        if (!root) continue;
        const name = `${root.service} ${root.name}`;
        durations.set(name, [...(durations.get(name) ?? []), Number(root.endUnixNano - root.startUnixNano)]);
      }
      let slow = 0;
      for (const list of durations.values()) {
        const sorted = [...list].sort((a, b) => a - b);
        const median = sorted[sorted.length >> 1] ?? 0;
        slow += list.filter((d) => d > 8 * median).length;
      }
      expect(slow).toBeGreaterThanOrEqual(8);
      expect(slow).toBeLessThanOrEqual(50);
    });

    it("runs fraud-check's clock 15 ms ahead: its server spans end ~15 ms after the client span that called them", () => {
      const servers = spans.filter((s) => s.service === 'fraud-check' && s.kind === 'server');
      expect(servers.length).toBeGreaterThan(20);
      for (const server of servers) {
        const client = byId.get(server.parentSpanId ?? '');
        expect(client?.service).toBe('payment');
        const aheadNs = Number(server.endUnixNano - (client?.endUnixNano ?? 0n));
        // 15 ms less the network hop back, which slow outliers stretch
        expect(aheadNs).toBeGreaterThan(9e6);
        expect(aheadNs).toBeLessThan(15e6);
      }
    });

    it('emits correlated logs for every span with OTLP severities and string or kvlist bodies', () => {
      const spansWithLogs = new Set(logs.map((l) => l.spanId));
      for (const span of spans) expect(spansWithLogs.has(span.spanId)).toBe(true);
      for (const log of logs) {
        expect(byId.get(log.spanId ?? '')?.traceId).toBe(log.traceId);
        expect({ text: log.severityText, number: log.severityNumber }).toEqual(
          expect.objectContaining({ number: { DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17 }[log.severityText] }),
        );
      }
      expect(new Set(logs.map((l) => l.severityText))).toEqual(new Set(['DEBUG', 'INFO', 'WARN', 'ERROR']));
      expect(logs.some((l) => l.body.type === 'kvlist')).toBe(true);
      expect(logs.some((l) => l.body.type === 'string')).toBe(true);
    });
  });
});
