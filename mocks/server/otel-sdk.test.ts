import { context, SpanKind, SpanStatusCode, trace as otelTrace, type Tracer } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTraceLogQuery, decodeLokiQueryRange, decodeTraces, type Attribute, type Trace } from '../../src/core';
import { startLocalServer, type LocalServer } from '../server';

/**
 * The proof that the local server is an OTLP endpoint: the real OpenTelemetry
 * JS SDK exports a small instrumented workload through both of its HTTP
 * exporters, and the trace comes back through the server's Tempo API intact.
 */
let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ port: 0, otlpPort: 0 });
});
afterAll(async () => {
  await server.close();
});

type ExportCode = Parameters<Parameters<SpanExporter['export']>[1]>[0]['code'];

/** Runs the workload under a provider exporting to `exporter`; returns the trace id and every export's result code (0 = success). */
async function exportWorkload(serviceName: string, exporter: SpanExporter): Promise<{ traceId: string; codes: ExportCode[] }> {
  const codes: ExportCode[] = [];
  const recording: SpanExporter = {
    export: (spans, done) => exporter.export(spans, (result) => {
      codes.push(result.code);
      done(result);
    }),
    shutdown: () => exporter.shutdown(),
  };
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName, 'service.version': '1.2.3' }),
    spanProcessors: [new BatchSpanProcessor(recording)],
  });
  const traceId = checkout(provider.getTracer('tracery-test', '0.1.0'));
  await provider.forceFlush();
  await provider.shutdown();
  return { traceId, codes };
}

/**
 * GET /checkout (server) ─┬─ SELECT orders (client)
 *                         └─ charge card (internal, ERROR, exception event, link → SELECT orders) ── POST /payments (client)
 */
function checkout(tracer: Tracer): string {
  const root = tracer.startSpan('GET /checkout', {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200, 'cart.total': 42.5, 'user.returning': true, 'cart.items': ['book', 'pen'] },
  });
  root.addEvent('cache.miss', { 'cache.key': 'cart:7' });
  const inRoot = otelTrace.setSpan(context.active(), root);
  const query = tracer.startSpan('SELECT orders', { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.response.returned_rows': 3 } }, inRoot);
  query.end();
  // the charge links to the query whose rows it charges (a span link, not a parent)
  const charge = tracer.startSpan('charge card', { kind: SpanKind.INTERNAL, links: [{ context: query.spanContext(), attributes: { 'link.reason': 'rows to charge' } }] }, inRoot);
  const payment = tracer.startSpan('POST /payments', { kind: SpanKind.CLIENT, attributes: { 'server.address': 'payments.internal' } }, otelTrace.setSpan(inRoot, charge));
  payment.end();
  charge.recordException(new Error('card declined'));
  charge.setStatus({ code: SpanStatusCode.ERROR, message: 'card declined' });
  charge.end();
  root.end();
  return root.spanContext().traceId;
}

/** The trace as the app reads it: found by service through Tempo's search, fetched by id, decoded by core. */
async function traceFromTempo(serviceName: string, traceId: string): Promise<Trace> {
  const search = await fetch(`${server.url}/local/tempo/api/search?tags=${encodeURIComponent(`service.name=${serviceName}`)}`);
  expect(search.status).toBe(200);
  const found = (await search.json()) as { traces: { traceID: string; rootServiceName: string; rootTraceName: string }[] };
  expect(found.traces.map((t) => [t.traceID.padStart(32, '0'), t.rootServiceName, t.rootTraceName])).toEqual([[traceId, serviceName, 'GET /checkout']]);

  const response = await fetch(`${server.url}/local/tempo/api/v2/traces/${traceId}`);
  expect(response.status).toBe(200);
  const [trace] = decodeTraces(await response.json()).traces;
  if (!trace) throw new Error('no trace in the Tempo answer');
  return trace;
}

/** The same trace through the store's Jaeger api_v3 (`{"result": TracesData}`). */
async function traceFromJaeger(traceId: string): Promise<Trace> {
  const response = await fetch(`${server.url}/local/jaeger/api/v3/traces/${traceId}`);
  expect(response.status).toBe(200);
  const [trace] = decodeTraces(await response.json()).traces;
  if (!trace) throw new Error('no trace in the Jaeger answer');
  return trace;
}

function attribute(attributes: readonly Attribute[], key: string): unknown {
  return attributes.find((a) => a.key === key)?.value;
}

function expectWorkload(trace: Trace, serviceName: string): void {
  const byName = new Map(trace.spans.map((span) => [span.name, span]));
  const root = byName.get('GET /checkout');
  const query = byName.get('SELECT orders');
  const charge = byName.get('charge card');
  const payment = byName.get('POST /payments');
  expect(trace.spans).toHaveLength(4);
  expect(trace.roots.map((span) => span.name)).toEqual(['GET /checkout']);
  expect(query?.parentSpanId).toBe(root?.spanId);
  expect(charge?.parentSpanId).toBe(root?.spanId);
  expect(payment?.parentSpanId).toBe(charge?.spanId);
  expect([root?.kind, query?.kind, charge?.kind, payment?.kind]).toEqual(['server', 'client', 'internal', 'client']);
  expect(root?.service).toBe(serviceName);
  expect(attribute(root?.resource.attributes ?? [], 'service.version')).toEqual({ type: 'string', value: '1.2.3' });
  expect(root?.scope).toMatchObject({ name: 'tracery-test', version: '0.1.0' });

  const attributes = root?.attributes ?? [];
  expect(attribute(attributes, 'http.request.method')).toEqual({ type: 'string', value: 'GET' });
  expect(attribute(attributes, 'http.response.status_code')).toEqual({ type: 'int', value: '200' });
  expect(attribute(attributes, 'cart.total')).toEqual({ type: 'double', value: 42.5 });
  expect(attribute(attributes, 'user.returning')).toEqual({ type: 'bool', value: true });
  expect(attribute(attributes, 'cart.items')).toEqual({ type: 'array', value: [{ type: 'string', value: 'book' }, { type: 'string', value: 'pen' }] });
  expect(root?.events.map((e) => [e.name, attribute(e.attributes, 'cache.key')])).toEqual([['cache.miss', { type: 'string', value: 'cart:7' }]]);

  expect(charge?.status).toEqual({ code: 'error', message: 'card declined' });
  expect(charge?.links.map((l) => [l.traceId, l.spanId, attribute(l.attributes, 'link.reason')])).toEqual([[root?.traceId, query?.spanId, { type: 'string', value: 'rows to charge' }]]);
  expect(charge?.events.map((e) => [e.name, attribute(e.attributes, 'exception.message')])).toEqual([['exception', { type: 'string', value: 'card declined' }]]);
  expect(root?.status.code).toBe('unset');
  expect(root && root.endNs > root.startNs).toBe(true);
}

describe('the real OpenTelemetry JS SDK exporting to the local server', () => {
  it('http/json exporter: the trace is searchable and intact through the Tempo API', async () => {
    const exporter = new JsonExporter({ url: `${server.otlpUrl}/v1/traces` });
    const { traceId, codes } = await exportWorkload('checkout-json', exporter);
    expect(codes).toEqual([0]);
    expectWorkload(await traceFromTempo('checkout-json', traceId), 'checkout-json');
    expectWorkload(await traceFromJaeger(traceId), 'checkout-json');
  });

  it('http/protobuf exporter, gzipped, on the app port under /local/otlp', async () => {
    const exporter = new ProtoExporter({ url: `${server.url}/local/otlp/v1/traces`, compression: CompressionAlgorithm.GZIP });
    const { traceId, codes } = await exportWorkload('checkout-proto', exporter);
    expect(codes).toEqual([0]);
    expectWorkload(await traceFromTempo('checkout-proto', traceId), 'checkout-proto');
    expectWorkload(await traceFromJaeger(traceId), 'checkout-proto');
  });

  it('the Jaeger api_v3 of the same store lists both services', async () => {
    const response = await fetch(`${server.url}/local/jaeger/api/v3/services`);
    expect(((await response.json()) as { services: string[] }).services).toEqual(expect.arrayContaining(['checkout-json', 'checkout-proto']));
    const stats = (await (await fetch(`${server.url}/local/api/stats`)).json()) as { traces: number; spans: number };
    expect(stats).toMatchObject({ traces: 2, spans: 8 });
  });

  it.each([
    ['http/json', () => new OTLPLogExporter({ url: `${server.otlpUrl}/v1/logs` })],
    ['http/protobuf, gzipped', () => new ProtoLogExporter({ url: `${server.otlpUrl}/v1/logs`, compression: CompressionAlgorithm.GZIP })],
  ] as const)('OTLP logs from the SDK\'s %s log exporter carry their span and come back through the Loki API', async (_protocol, makeExporter) => {
    const tracerProvider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'checkout-logs' }) });
    const span = tracerProvider.getTracer('tracery-test').startSpan('charge card');
    const spanContext = span.spanContext();
    const loggerProvider = new LoggerProvider({
      resource: resourceFromAttributes({ 'service.name': 'checkout-logs' }),
      processors: [new SimpleLogRecordProcessor({ exporter: makeExporter() })],
    });
    const logger = loggerProvider.getLogger('tracery-test');
    const inSpan = otelTrace.setSpan(context.active(), span);
    // distinct times: each record is its own export (SimpleLogRecordProcessor), and with gzip
    // the second can arrive first; Loki orders by time, so equal times left the order to chance
    const at = Date.now();
    logger.emit({ timestamp: at, severityNumber: SeverityNumber.INFO, severityText: 'INFO', body: 'charging card', attributes: { 'order.id': 'o-7' }, context: inSpan });
    logger.emit({ timestamp: at + 1, severityNumber: SeverityNumber.ERROR, severityText: 'ERROR', body: 'card declined', context: inSpan });
    span.end();
    await loggerProvider.forceFlush();
    await loggerProvider.shutdown();

    const query = buildTraceLogQuery({ traceId: spanContext.traceId });
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    const url = `${server.url}/local/loki/loki/api/v1/query_range?query=${encodeURIComponent(query)}&start=${nowNs - 600_000_000_000n}&end=${nowNs + 60_000_000_000n}&limit=100&direction=forward`;
    const response = await fetch(url, { headers: { 'X-Loki-Response-Encoding-Flags': 'categorize-labels' } });
    expect(response.status).toBe(200);
    const { logs } = decodeLokiQueryRange(await response.json());
    expect(logs.map((log) => [log.severityNumber, log.body, log.traceId, log.spanId, log.service])).toEqual([
      [SeverityNumber.INFO, { type: 'string', value: 'charging card' }, spanContext.traceId, spanContext.spanId, 'checkout-logs'],
      [SeverityNumber.ERROR, { type: 'string', value: 'card declined' }, spanContext.traceId, spanContext.spanId, 'checkout-logs'],
    ]);
    // Loki stores attributes as structured metadata with label-safe names (order.id → order_id)
    expect(attribute(logs[0]?.attributes ?? [], 'order_id')).toEqual({ type: 'string', value: 'o-7' });
  });
});
