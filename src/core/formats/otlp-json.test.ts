import { describe, expect, it } from 'vitest';
import type { Span } from '../model/span';
import { traceFixtures } from './__fixtures__';
import { decodeTraces, parseTraces } from './parse-traces';

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}
const attr = (span: { attributes: readonly { key: string; value: unknown }[] }, key: string): unknown => span.attributes.find((a) => a.key === key)?.value;

describe('OTLP/JSON: opentelemetry-proto examples/trace.json', () => {
  const { traces, warnings } = parseTraces(traceFixtures['otel-proto/trace.json']);
  const trace = only(traces);
  const span = only(trace.spans);

  it('reads the one server span of my.service with lowered ids', () => {
    expect(warnings).toEqual([]);
    expect(trace.traceId).toBe('5b8efff798038103d269b633813fc60c');
    expect(span).toMatchObject({
      spanId: 'eee19b7ec3c1b174',
      name: "I'm a server span",
      kind: 'server',
      service: 'my.service',
      startNs: 0,
      endNs: 1_000_000_000,
      status: { code: 'unset', message: '' },
    });
    expect(trace.startUnixNano).toBe(1544712660000000000n);
    expect(trace.durationNs).toBe(1_000_000_000);
    expect(trace.services).toEqual(['my.service']);
  });

  it('makes the span an orphan root: its parent is not in the file', () => {
    expect(span.parentSpanId).toBe('eee19b7ec3c1b173');
    expect(span.orphan).toBe(true);
    expect(trace.roots).toEqual([span]);
  });

  it('keeps scope and attributes', () => {
    expect(span.scope).toEqual({
      name: 'my.library',
      version: '1.0.0',
      attributes: [{ key: 'my.scope.attribute', value: { type: 'string', value: 'some scope attribute' } }],
      droppedAttributesCount: 0,
    });
    expect(span.attributes).toEqual([{ key: 'my.span.attr', value: { type: 'string', value: 'some value' } }]);
  });
});

describe('OTLP/JSON: jaeger otel_traces_01.json (edge cases)', () => {
  const { traces, warnings } = parseTraces(traceFixtures['jaeger/otel_traces_01.json']);
  const all = traces.flatMap((t) => t.spans);

  it('splits 4 spans into 2 traces by trace id', () => {
    expect(warnings).toEqual([]);
    expect(traces.map((t) => t.traceId)).toEqual(['00000000000000010000000000000000', '00000000000000020000000000000000']);
    expect(traces.map((t) => t.spans.map((s) => s.spanId))).toEqual([
      ['0000000000000002', '0000000000000004'],
      ['0000000000000003', '0000000000000005'],
    ]);
    expect(traces.map((t) => t.services)).toEqual([['service-x'], ['service-x']]);
  });

  it('counts 8 events and 8 links, with link attributes and ids', () => {
    expect(all.reduce((n, s) => n + s.events.length, 0)).toBe(8);
    expect(all.reduce((n, s) => n + s.links.length, 0)).toBe(8);
    const links = all[0]?.links ?? [];
    expect(links.map((l) => [l.traceId, l.spanId, attr(l, 'opentracing.ref_type')])).toEqual([
      ['00000000000000010000000000000000', '0000000000000004', { type: 'string', value: 'follows_from' }],
      ['00000000000000ff0000000000000000', '00000000000000ff', { type: 'string', value: 'child_of' }],
    ]);
  });

  it('keeps an event without a name, at its time relative to the trace', () => {
    const events = all[0]?.events ?? [];
    expect(events.map((e) => [e.name, e.timeNs])).toEqual([
      ['testing-event', 0],
      ['', 0],
    ]);
  });

  it('reads kinds 2-5, traceState, flags and status ERROR', () => {
    expect(all.map((s) => [s.spanId.slice(-1), s.kind, s.traceState, s.flags, s.status.code])).toEqual([
      ['2', 'server', 'state.2', 1, 'error'],
      ['4', 'producer', 'state.4', 1, 'error'],
      ['3', 'client', 'state.3', 1, 'error'],
      ['5', 'consumer', 'state.5', 1, 'error'],
    ]);
  });

  it('keeps attribute types: int as exact string, bytes as base64, double as number', () => {
    const span = all[0] as Span;
    expect(span.attributes).toEqual([
      { key: 'peer.service', value: { type: 'string', value: 'service-y' } },
      { key: 'peer.ipv4', value: { type: 'int', value: '23456' } },
      { key: 'blob', value: { type: 'bytes', value: 'AAAwOQ==' } },
      { key: 'temperature', value: { type: 'double', value: 72.5 } },
    ]);
  });

  it('shares one Resource object and one scope object per block', () => {
    expect(new Set(all.map((s) => s.resource)).size).toBe(1);
    expect(new Set(all.map((s) => s.scope.name))).toEqual(new Set(['testing-library-2', 'testing-library-3']));
    expect(new Set(all.map((s) => s.scope)).size).toBe(2);
  });

  it('marks every span orphan: each names a parent outside the file', () => {
    expect(all.every((s) => s.orphan)).toBe(true);
  });
});

describe('Jaeger api_v3 GetTrace snapshot {"result": …}', () => {
  it('reads the span, reading missing timestamps as the proto3 default 0', () => {
    const { traces, warnings } = parseTraces(traceFixtures['jaeger/apiv3-GetTrace.json']);
    const trace = only(traces);
    expect(trace.traceId).toBe('00000000000000000000000000000001');
    expect(only(trace.spans)).toMatchObject({ spanId: '0000000000000002', name: 'foobar', kind: 'server', status: { code: 'error' }, service: 'unknown_service', orphan: false });
    expect(trace.startUnixNano).toBe(0n);
    expect(warnings).toEqual(['result.resourceSpans[0].scopeSpans[0].spans[0]: no startTimeUnixNano; read as 0 (1970-01-01)']);
    expect(trace.warnings).toEqual(warnings);
  });
});

describe('Tempo', () => {
  it('v1 batches file: the same span as examples/trace.json', () => {
    const fromBatches = only(parseTraces(traceFixtures['tempo/tempopb-trace-batches.json']).traces);
    const fromOtlp = only(parseTraces(traceFixtures['otel-proto/trace.json']).traces);
    expect(only(fromBatches.spans)).toEqual(only(fromOtlp.spans));
    expect(fromBatches.startUnixNano).toBe(fromOtlp.startUnixNano);
  });

  // Tempo's own docs (pushing-spans-with-http.md): the v2 answer, base64 ids and enum names
  const tempoDocExample = `{"trace": {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"my.service"}}]},
    "scopeSpans":[{"scope":{"name":"my.library","version":"1.0.0"},"spans":[{"traceId":"W47/95gDgQPSabYzgT/HAA==",
    "spanId":"7uGbfsPBsQA=","name":"I am a span!","kind":"SPAN_KIND_SERVER","startTimeUnixNano":"1689969302000000000",
    "endTimeUnixNano":"1689970000000000000","attributes":[{"key":"my.span.attr","value":{"stringValue":"some value"}}],"status":{}}]}]}]}}`;

  it('v2 doc example: base64 ids decoded to hex, enum names read', () => {
    const { traces, warnings } = parseTraces(tempoDocExample);
    expect(warnings).toEqual([]);
    const trace = only(traces);
    expect(trace.traceId).toBe('5b8efff798038103d269b633813fc700');
    expect(only(trace.spans)).toMatchObject({ spanId: 'eee19b7ec3c1b100', kind: 'server', name: 'I am a span!', service: 'my.service', status: { code: 'unset' } });
    expect(trace.startUnixNano).toBe(1689969302000000000n);
    expect(trace.durationNs).toBe(698_000_000_000);
  });

  it('v2 PARTIAL answer: a warning with Tempo\'s message', () => {
    const value = { ...(JSON.parse(tempoDocExample) as object), status: 'PARTIAL', message: 'trace exceeds max size (max bytes: 5000000)' };
    const { traces, warnings } = decodeTraces(value);
    expect(warnings).toEqual(['Tempo returned a partial trace: trace exceeds max size (max bytes: 5000000)']);
    expect(only(traces).warnings).toEqual(warnings);
    expect(only(traces).incomplete).toBe('trace exceeds max size (max bytes: 5000000)');
  });

  it('a complete trace is not marked incomplete', () => {
    expect(only(decodeTraces(JSON.parse(tempoDocExample)).traces).incomplete).toBeUndefined();
  });
});

describe('OTLP/JSON leniency', () => {
  const base = { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'x', startTimeUnixNano: '1000', endTimeUnixNano: '2000' };
  const decodeSpan = (fields: Record<string, unknown>): Span => only(only(decodeTraces({ resourceSpans: [{ scopeSpans: [{ spans: [{ ...base, ...fields }] }] }] }).traces).spans);

  it.each([
    ['integer kind', { kind: 3 }, 'client'],
    ['kind as name', { kind: 'SPAN_KIND_CONSUMER' }, 'consumer'],
    ['kind as numeric string', { kind: '4' }, 'producer'],
    ['missing kind', {}, 'unspecified'],
    ['unknown kind', { kind: 'SPAN_KIND_BANANA' }, 'unspecified'],
  ])('%s', (_, fields, kind) => {
    expect(decodeSpan(fields).kind).toBe(kind);
  });

  it.each([
    ['integer code', { status: { code: 2, message: 'boom' } }, { code: 'error', message: 'boom' }],
    ['code as name', { status: { code: 'STATUS_CODE_OK' } }, { code: 'ok', message: '' }],
    ['empty status', { status: {} }, { code: 'unset', message: '' }],
  ])('status: %s', (_, fields, status) => {
    expect(decodeSpan(fields).status).toEqual(status);
  });

  it('reads 64-bit values given as numbers or strings', () => {
    const span = decodeSpan({
      startTimeUnixNano: 1000,
      endTimeUnixNano: '3000',
      attributes: [
        { key: 'big', value: { intValue: '9223372036854775807' } },
        { key: 'num', value: { intValue: 42 } },
        { key: 'neg', value: { intValue: '-7' } },
        { key: 'nan', value: { doubleValue: 'NaN' } },
        { key: 'inf', value: { doubleValue: 'Infinity' } },
        { key: 'ninf', value: { doubleValue: '-Infinity' } },
        { key: 'empty', value: {} },
        { key: 'none' },
      ],
    });
    expect(span.endNs - span.startNs).toBe(2000);
    expect(span.attributes.map((a) => a.value)).toEqual([
      { type: 'int', value: '9223372036854775807' },
      { type: 'int', value: '42' },
      { type: 'int', value: '-7' },
      { type: 'double', value: NaN },
      { type: 'double', value: Infinity },
      { type: 'double', value: -Infinity },
      { type: 'empty' },
      { type: 'empty' },
    ]);
  });

  it('reads the pre-1.0 instrumentationLibrarySpans / instrumentationLibrary', () => {
    const { traces } = decodeTraces({ resourceSpans: [{ instrumentationLibrarySpans: [{ instrumentationLibrary: { name: 'old-lib', version: '0.1' }, spans: [base] }] }] });
    expect(only(only(traces).spans).scope).toMatchObject({ name: 'old-lib', version: '0.1' });
  });

  it('reads snake_case keys (the collector accepts them, so some producers send them)', () => {
    const { traces } = decodeTraces({
      resource_spans: [{ scope_spans: [{ spans: [{ trace_id: base.traceId, span_id: base.spanId, parent_span_id: 'eee19b7ec3c1b173', start_time_unix_nano: '5', end_time_unix_nano: '9' }] }] }],
    });
    expect(only(only(traces).spans)).toMatchObject({ parentSpanId: 'eee19b7ec3c1b173', endNs: 4 });
  });

  it('treats an empty or all-zero parentSpanId as no parent', () => {
    expect(decodeSpan({ parentSpanId: '' }).parentSpanId).toBeUndefined();
    expect(decodeSpan({ parentSpanId: '0000000000000000' }).parentSpanId).toBeUndefined();
    expect(decodeSpan({ parentSpanId: 'AAAAAAAAAAA=' }).parentSpanId).toBeUndefined();
  });

  it('warns once when timestamps came as JSON numbers above 2^53', () => {
    const value = { resourceSpans: [{ scopeSpans: [{ spans: [{ ...base, startTimeUnixNano: 1544712660000000000, endTimeUnixNano: 1544712661000000000 }] }] }] };
    const { warnings } = decodeTraces(value);
    expect(warnings).toEqual([
      'resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: a timestamp is a JSON number above 2^53, so it lost precision when read (nanoseconds may be off); producers should send 64-bit integers as decimal strings',
    ]);
  });

  it('cuts attribute values nested deeper than 64 levels, warning where (span, event, link, resource)', () => {
    let deep: unknown = { stringValue: 'bottom' };
    for (let level = 0; level < 200; level++) deep = level % 2 === 0 ? { kvlistValue: { values: [{ key: `k${level}`, value: deep }] } } : { arrayValue: { values: [deep] } };
    const deepAttr = [{ key: 'deep', value: deep }];
    const shallow = { kvlistValue: { values: [{ key: 'a', value: { arrayValue: { values: [{ stringValue: 'b' }] } } }] } };
    const { traces, warnings } = decodeTraces({
      resourceSpans: [
        {
          resource: { attributes: deepAttr },
          scopeSpans: [{ spans: [{ ...base, attributes: [...deepAttr, { key: 'shallow', value: shallow }] }, { ...base, spanId: 'eee19b7ec3c1b175', links: [{ traceId: base.traceId, spanId: base.spanId, attributes: deepAttr }] }] }],
        },
      ],
    });
    expect(warnings).toEqual([
      'resourceSpans[0].resource: an attribute value is nested deeper than 64 levels; the deeper levels were dropped',
      'resourceSpans[0].scopeSpans[0].spans[0]: an attribute value is nested deeper than 64 levels; the deeper levels were dropped',
      'resourceSpans[0].scopeSpans[0].spans[1]: an attribute value is nested deeper than 64 levels; the deeper levels were dropped',
    ]);
    const span = only(traces).spans.find((s) => s.spanId === base.spanId) as Span;
    // 64 levels kept, the 65th is the empty value: nothing deeper survives to be walked
    let value = span.attributes[0]?.value;
    let levels = 0;
    while (value && (value.type === 'kvlist' || value.type === 'array')) {
      value = value.type === 'kvlist' ? value.value[0]?.value : value.value[0];
      levels++;
    }
    expect(levels).toBe(64);
    expect(value).toEqual({ type: 'empty' });
    expect(attr(span, 'shallow')).toEqual({ type: 'kvlist', value: [{ key: 'a', value: { type: 'array', value: [{ type: 'string', value: 'b' }] } }] });
  });
});
