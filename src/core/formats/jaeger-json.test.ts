import { describe, expect, it } from 'vitest';
import type { Span } from '../model/span';
import { spanWithId, type Trace } from '../model/trace';
import { traceFixtures } from './__fixtures__';
import { decodeTraces, parseTraces } from './parse-traces';

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}
const spanOf = (trace: Trace, id: string): Span => {
  const span = spanWithId(trace, id);
  if (!span) throw new Error(`no span ${id}`);
  return span;
};

describe('Jaeger JSON: jaeger-ui PetClinic trace (bare trace object)', () => {
  const { traces, warnings } = parseTraces(traceFixtures['jaeger-ui/petclinic-spanAmongEachOtherGroupedAndSpans.json']);
  const trace = only(traces);

  it('pads the 31-char traceID to 32 and reads 17 spans of 2 services', () => {
    expect(warnings).toEqual([]);
    expect(trace.traceId).toBe('0df84e36b9e2ee3815d07f0867a5be1f');
    expect(trace.spans).toHaveLength(17);
    expect(trace.services).toEqual(['api-gateway', 'customers-service']);
  });

  it('links CHILD_OF references into one tree under the gateway server span', () => {
    const root = only(trace.roots);
    expect(root).toMatchObject({ spanId: '9afcdf2e24e8d70a', name: 'GET /api/customer/owners', service: 'api-gateway', kind: 'server', orphan: false, startNs: 0, endNs: 3_720_000 });
    expect(root.children.map((c) => c.spanId)).toEqual(['6962df17f54c3741']);
    const server = spanOf(trace, '6f9bbe751e5fd944');
    expect(server).toMatchObject({ parentSpanId: '6962df17f54c3741', service: 'customers-service', kind: 'server', depth: 2 });
    expect(server.children).toHaveLength(14);
    expect(server.children.every((c) => c.depth === 3 && c.name === 'HikariProxyPreparedStatement.executeQuery')).toBe(true);
    expect(trace.durationNs).toBe(3_720_000);
  });

  it('pads short span ids, converts µs to ns exactly, and keeps tags as attributes', () => {
    const short = spanOf(trace, '0a68c6983a6d81a2');
    expect(trace.startUnixNano).toBe(1573131432955000000n);
    expect([short.startNs, short.endNs]).toEqual([1_855_000, 1_874_000]);
    expect(short.attributes).toEqual([
      { key: 'database', value: { type: 'string', value: 'jdbc:hsqldb:mem:testdb' } },
      { key: 'sql', value: { type: 'string', value: 'select * from test' } },
    ]);
    expect(short.kind).toBe('unspecified');
    // span.kind became the kind and is not repeated as an attribute
    expect(spanOf(trace, '6962df17f54c3741')).toMatchObject({ kind: 'client', attributes: [] });
  });

  it('makes one Resource per process, with service.name', () => {
    expect(new Set(trace.spans.map((s) => s.resource)).size).toBe(2);
    expect(spanOf(trace, '6f9bbe751e5fd944').resource.attributes).toEqual([{ key: 'service.name', value: { type: 'string', value: 'customers-service' } }]);
  });
});

describe('Jaeger JSON: otlp2jaeger-out.json ({"data": …} envelope)', () => {
  const { traces, warnings } = parseTraces(traceFixtures['jaeger/otlp2jaeger-out.json']);
  const trace = only(traces);

  it('keeps one of the two copies of the same span, with a warning', () => {
    expect(only(trace.spans).spanId).toBe('e127af99e3b3e074');
    expect(warnings).toEqual(['trace 83a9efd15c1c98a977e0711cc93ee28b: span e127af99e3b3e074 appears more than once; kept the first']);
    expect(trace.warnings).toEqual(warnings);
  });

  it('gives back what the OTLP input of the transform held', () => {
    const fromOtlp = only(only(parseTraces(traceFixtures['jaeger/otlp2jaeger-in.json']).traces).spans);
    const span = only(trace.spans);
    expect(span).toMatchObject({
      name: fromOtlp.name,
      kind: 'server',
      service: 'telemetrygen',
      parentSpanId: '909541b92cf05311',
      orphan: true,
      startNs: 0,
      endNs: fromOtlp.endNs,
      attributes: fromOtlp.attributes,
    });
    expect(span.scope.name).toBe('telemetrygen');
    expect(trace.startUnixNano).toBe(only(parseTraces(traceFixtures['jaeger/otlp2jaeger-in.json']).traces).startUnixNano);
  });
});

describe('Jaeger JSON mapping', () => {
  const T = '83a9efd15c1c98a977e0711cc93ee28b';
  const spanJson = (extra: Record<string, unknown>): Record<string, unknown> => ({
    traceID: T,
    spanID: '00000000000000a1',
    operationName: 'op',
    startTime: 1706678909209712,
    duration: 5,
    processID: 'p1',
    ...extra,
  });
  const decode = (spans: unknown[]): Trace =>
    only(decodeTraces({ data: [{ traceID: T, spans, processes: { p1: { serviceName: 'svc', tags: [{ key: 'host.name', type: 'string', value: 'h1' }] } } }] }).traces);

  it('reads typed tags: string, bool, int64 (as number or string beyond 2^53), float64, binary', () => {
    const span = only(
      decode([
        spanJson({
          tags: [
            { key: 's', type: 'string', value: 'x' },
            { key: 'b', type: 'bool', value: true },
            { key: 'i', type: 'int64', value: 42 },
            { key: 'big', type: 'int64', value: '9223372036854775222' },
            { key: 'f', type: 'float64', value: 1.5 },
            { key: 'bin', type: 'binary', value: 'AAAwOQ==' },
          ],
        }),
      ]).spans,
    );
    expect(span.attributes.map((a) => a.value)).toEqual([
      { type: 'string', value: 'x' },
      { type: 'bool', value: true },
      { type: 'int', value: '42' },
      { type: 'int', value: '9223372036854775222' },
      { type: 'double', value: 1.5 },
      { type: 'bytes', value: 'AAAwOQ==' },
    ]);
    expect(span.resource.attributes.map((a) => a.key)).toEqual(['service.name', 'host.name']);
  });

  it.each([
    ['otel.status_code ERROR with description', [{ key: 'otel.status_code', type: 'string', value: 'ERROR' }, { key: 'otel.status_description', type: 'string', value: 'boom' }], { code: 'error', message: 'boom' }],
    ['error=true (bool)', [{ key: 'error', type: 'bool', value: true }], { code: 'error', message: '' }],
    ['error=true (string)', [{ key: 'error', type: 'string', value: 'true' }], { code: 'error', message: '' }],
    ['otel.status_code OK', [{ key: 'otel.status_code', type: 'string', value: 'OK' }], { code: 'ok', message: '' }],
    ['no status tags', [], { code: 'unset', message: '' }],
  ])('status from %s', (_, tags, status) => {
    const span = only(decode([spanJson({ tags })]).spans);
    expect(span.status).toEqual(status);
    expect(span.attributes).toEqual([]);
  });

  it('turns references into a parent and links: CHILD_OF first, FOLLOWS_FROM when alone, other traces as links', () => {
    const other = '000000000000000000000000000000ff';
    const trace = decode([
      spanJson({ spanID: '00000000000000a0', startTime: 1706678909209700 }),
      spanJson({ spanID: '00000000000000b0', startTime: 1706678909209700 }),
      spanJson({
        references: [
          { refType: 'FOLLOWS_FROM', traceID: T, spanID: '00000000000000b0' },
          { refType: 'CHILD_OF', traceID: T, spanID: '00000000000000a0' },
          { refType: 'CHILD_OF', traceID: other, spanID: '00000000000000c0' },
        ],
      }),
      spanJson({ spanID: '00000000000000a2', references: [{ refType: 'FOLLOWS_FROM', traceID: T, spanID: '00000000000000b0' }] }),
    ]);
    const a1 = spanWithId(trace, '00000000000000a1');
    expect(a1?.parentSpanId).toBe('00000000000000a0');
    expect(a1?.links.map((l) => [l.traceId, l.spanId, l.attributes[0]?.value])).toEqual([
      [T, '00000000000000b0', { type: 'string', value: 'follows_from' }],
      [other, '00000000000000c0', { type: 'string', value: 'child_of' }],
    ]);
    expect(spanWithId(trace, '00000000000000a2')).toMatchObject({ parentSpanId: '00000000000000b0', links: [] });
  });

  it('turns logs into events named by their "event" field, µs → ns', () => {
    const span = only(
      decode([
        spanJson({
          logs: [{ timestamp: 1706678909209714, fields: [{ key: 'event', type: 'string', value: 'retry' }, { key: 'attempt', type: 'int64', value: 2 }] }],
        }),
      ]).spans,
    );
    expect(span.events).toEqual([{ timeNs: 2000, name: 'retry', attributes: [{ key: 'attempt', value: { type: 'int', value: '2' } }], droppedAttributesCount: 0 }]);
  });

  it('passes on Jaeger\'s envelope errors as warnings', () => {
    const value = { data: [{ traceID: T, spans: [spanJson({})], processes: {} }], errors: [{ code: 404, msg: 'trace not found', traceID: 'abc' }] };
    expect(decodeTraces(value).warnings).toEqual(['Jaeger answered with an error: trace not found (trace abc)']);
  });

  it('skips a span with a bad spanID or startTime, naming its place', () => {
    const { warnings, traces } = decodeTraces({ data: [{ traceID: T, spans: [spanJson({}), spanJson({ spanID: 42 }), spanJson({ spanID: '00000000000000a3', startTime: 'noon' })] }] });
    expect(only(traces).spans).toHaveLength(1);
    expect(warnings).toEqual([
      'data[0].spans[1]: spanID a number 42 is not a span id; span skipped',
      'data[0].spans[2]: startTime is a string "noon", not µs since the epoch; span skipped',
    ]);
  });
});
