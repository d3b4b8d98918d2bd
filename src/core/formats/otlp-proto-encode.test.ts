import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { buildTrace } from '../trace/build-trace';
import { deepChain, name, traceOf, wideTrace } from '../trace/__fixtures__/make-trace';
import { shopSpans } from '../trace/__fixtures__/shop-spans';
import type { Trace } from '../model/trace';
import { traceFixtures } from './__fixtures__';
import { expectSameTraces } from './__fixtures__/expect-same-traces';
import { toOtlpTracesData } from './otlp-json-encode';
import { encodeOtlpProto } from './otlp-proto-encode';
import { decodeTraces, parseTraces } from './parse-traces';

// An independent decoder: protobufjs reading the OTLP .proto files the demo server
// uses. ExportTraceServiceRequest is TracesData on the wire (field 1 = resource_spans).
const protoDir = fileURLToPath(new URL('../../../mocks/server/proto/', import.meta.url));
const root = protobuf.loadSync(`${protoDir}collector.proto`);
const TracesData = root.lookupType('opentelemetry.proto.collector.v1.ExportTraceServiceRequest');

/**
 * protobuf → OTLP/JSON as toOtlpTracesData writes it: int64 as strings, NaN as "NaN",
 * ids as hex, bytes as base64, and absent times and keys as "0" and "" (proto3: absent
 * is the default; the JSON decoder wants every time and key).
 */
function protoToOtlpJson(bytes: Uint8Array): Record<string, unknown> {
  const value = TracesData.toObject(TracesData.decode(bytes), { longs: String, enums: Number, bytes: String, defaults: false, json: true });
  for (const rs of value.resourceSpans ?? []) {
    fillKeys(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      fillKeys(ss.scope?.attributes);
      for (const span of ss.spans ?? []) {
        hexIds(span);
        span.startTimeUnixNano ??= '0';
        span.endTimeUnixNano ??= '0';
        fillKeys(span.attributes);
        for (const event of span.events ?? []) {
          event.timeUnixNano ??= '0';
          fillKeys(event.attributes);
        }
        for (const link of span.links ?? []) {
          hexIds(link);
          fillKeys(link.attributes);
        }
      }
    }
  }
  return value;
}

interface KeyValueObject {
  key?: string;
  value?: { arrayValue?: { values?: KeyValueObject['value'][] }; kvlistValue?: { values?: KeyValueObject[] } };
}

function fillKeys(keyValues: KeyValueObject[] | undefined): void {
  for (const kv of keyValues ?? []) {
    kv.key ??= '';
    fillValueKeys(kv.value);
  }
}

function fillValueKeys(value: KeyValueObject['value']): void {
  for (const item of value?.arrayValue?.values ?? []) fillValueKeys(item);
  fillKeys(value?.kvlistValue?.values);
}

function hexIds(item: Record<string, unknown>): void {
  for (const key of ['traceId', 'spanId', 'parentSpanId']) {
    const id = item[key];
    if (typeof id === 'string') item[key] = Buffer.from(id, 'base64').toString('hex');
  }
}

/**
 * What the JSON encoder writes and protobuf leaves out as a proto3 default: an empty
 * name or key (an AnyValue's "" stays: its presence is its type), an empty array.
 */
function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if ((Array.isArray(v) && v.length === 0) || ((key === 'name' || key === 'key') && v === '')) continue;
    out[key] = withoutDefaults(v);
  }
  return out;
}

function expectProtoMatchesJson(traces: readonly Trace[]): void {
  const bytes = encodeOtlpProto(traces);
  expect(withoutDefaults(protoToOtlpJson(bytes))).toEqual(withoutDefaults(toOtlpTracesData(traces)));
  const again = decodeTraces(protoToOtlpJson(bytes));
  expect(again.warnings).toEqual([]);
  expectSameTraces(again.traces, traces);
}

/**
 * The analyses' test traces name spans "r", "s1" (readable, not hex); every decoder
 * leaves ids as hex, which protobuf writes as bytes. Each name is spelled by its
 * char codes in hex, and the trace decoded again.
 */
function withHexIds(trace: Trace): Trace {
  const hexId = (id: string) => [...name(id)].map((c) => c.charCodeAt(0).toString(16)).join('').padStart(16, '0');
  const data = toOtlpTracesData([trace]);
  for (const rs of data.resourceSpans) {
    for (const ss of rs.scopeSpans) {
      for (const span of ss.spans) {
        span.spanId = hexId(span.spanId);
        if (span.parentSpanId !== undefined) span.parentSpanId = hexId(span.parentSpanId);
        for (const link of span.links ?? []) link.spanId = hexId(link.spanId);
      }
    }
  }
  const decoded = decodeTraces(data);
  expect(decoded.warnings).toEqual([]);
  expect(decoded.traces).toHaveLength(1);
  return decoded.traces[0] as Trace;
}

const spanWith = (fields: Record<string, unknown>) =>
  JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeSpans: [{ spans: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'x', startTimeUnixNano: '1544712660000000001', endTimeUnixNano: '1544712660999999999', ...fields }] }],
      },
    ],
  });

describe('encodeOtlpProto', () => {
  it.each(Object.keys(traceFixtures) as (keyof typeof traceFixtures)[])('%s: protobuf says what the JSON encoder says, and decodes to the same traces', (name) => {
    const { traces } = parseTraces(traceFixtures[name]);
    expect(traces.length).toBeGreaterThan(0);
    expectProtoMatchesJson(traces);
  });

  it.each([
    ['a wide trace', () => wideTrace(300)],
    ['a deep chain', () => deepChain(200)],
    ['a trace with links', () => traceOf([{ id: 'a', start: 0, end: 10 }, { id: 'b', parent: 'a', start: 1, end: 2, links: ['a'], kind: 'client' }])],
    ['shop spans', () => buildTrace(shopSpans([{ id: 'web', name: 'GET /', start: 0, end: 90, service: 'web', kind: 'server' }, { id: 'db', parent: 'web', name: 'SELECT', start: 5, end: 50, service: 'db', kind: 'client', error: true, dbSystem: 'postgresql' }]))],
  ])('%s (the analyses\' test traces) round-trips', (_name, make) => {
    expectProtoMatchesJson([withHexIds(make())]);
  });

  it('keeps every attribute type and the edge values of each', () => {
    const value = (v: Record<string, unknown>) => v;
    const text = spanWith({
      attributes: [
        { key: 'neg', value: value({ intValue: '-9223372036854775808' }) },
        { key: 'max', value: value({ intValue: '9223372036854775807' }) },
        { key: 'minus one', value: value({ intValue: '-1' }) },
        { key: 'small negative', value: value({ intValue: '-123456789012345' }) },
        { key: 'zero int', value: value({ intValue: '0' }) },
        { key: 'big', value: value({ intValue: '4294967296' }) },
        { key: 'zero double', value: value({ doubleValue: 0 }) },
        { key: 'negative zero', value: value({ doubleValue: -0 }) },
        { key: 'nan', value: value({ doubleValue: 'NaN' }) },
        { key: 'inf', value: value({ doubleValue: 'Infinity' }) },
        { key: '-inf', value: value({ doubleValue: '-Infinity' }) },
        { key: 'tiny', value: value({ doubleValue: 5e-324 }) },
        { key: 'false', value: value({ boolValue: false }) },
        { key: 'true', value: value({ boolValue: true }) },
        { key: 'empty string', value: value({ stringValue: '' }) },
        { key: '', value: value({ stringValue: 'empty key' }) },
        { key: 'unicode ключ 🔑', value: value({ stringValue: 'naïve café — 日本語 𝄞 \u0000 end' }) },
        { key: 'long', value: value({ stringValue: 'é'.repeat(5000) + '𝄞'.repeat(3000) }) },
        { key: 'bytes', value: value({ bytesValue: 'AAEC/f7/' }) },
        { key: 'no bytes', value: value({ bytesValue: '' }) },
        { key: 'empty', value: value({}) },
        { key: 'array', value: value({ arrayValue: { values: [{ intValue: '-5' }, { stringValue: 'x' }, {}, { arrayValue: { values: [] } }] } }) },
        { key: 'kvlist', value: value({ kvlistValue: { values: [{ key: 'inner', value: { kvlistValue: { values: [{ key: 'deep', value: { boolValue: true } }] } } }] } }) },
      ],
    });
    const { traces } = parseTraces(text);
    expectProtoMatchesJson(traces);
  });

  it('keeps events, links, dropped counts, trace state, flags, status and schema URLs', () => {
    const text = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'a' } }], droppedAttributesCount: 2 },
          schemaUrl: 'https://opentelemetry.io/schemas/1.21.0',
          scopeSpans: [
            {
              scope: { name: 'lib', version: '1.2', attributes: [{ key: 'scope.attr', value: { intValue: '7' } }], droppedAttributesCount: 1 },
              schemaUrl: 'https://opentelemetry.io/schemas/1.4.0',
              spans: [
                {
                  traceId: '5b8efff798038103d269b633813fc60c',
                  spanId: 'eee19b7ec3c1b174',
                  parentSpanId: 'eee19b7ec3c1b173',
                  traceState: 'vendor=1,other=two',
                  flags: 0xffffffff,
                  name: '',
                  kind: 5,
                  startTimeUnixNano: '18446744073709551000',
                  endTimeUnixNano: '18446744073709551615',
                  droppedAttributesCount: 3,
                  events: [
                    { timeUnixNano: '18446744073709551100', name: 'exception', attributes: [{ key: 'exception.message', value: { stringValue: 'boom' } }], droppedAttributesCount: 4 },
                    { timeUnixNano: '18446744073709551000', name: '' },
                  ],
                  droppedEventsCount: 5,
                  links: [{ traceId: 'ffffffffffffffffffffffffffffffff', spanId: '0000000000000001', traceState: 'k=v', flags: 257, droppedAttributesCount: 6, attributes: [{ key: 'l', value: { doubleValue: 1.5 } }] }],
                  droppedLinksCount: 7,
                  status: { code: 2, message: 'it broke' },
                },
              ],
            },
            { scope: { name: 'second scope' }, spans: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: '0000000000000002', name: 'other', startTimeUnixNano: '18446744073709551001', endTimeUnixNano: '18446744073709551001', status: { code: 1 } }] },
          ],
        },
      ],
    });
    const { traces, warnings } = parseTraces(text);
    expect(warnings).toEqual([]);
    expectProtoMatchesJson(traces);
    const data = protoToOtlpJson(encodeOtlpProto(traces)) as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
    const span = data.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    expect(span?.endTimeUnixNano).toBe('18446744073709551615');
    expect(span?.flags).toBe(0xffffffff);
  });

  it('groups spans of several traces by resource and scope as the JSON encoder does', () => {
    const a = parseTraces(traceFixtures['otel-proto/trace.json']).traces;
    const b = parseTraces(traceFixtures['zipkin/yelp.json']).traces;
    const both = [...a, ...b];
    const data = protoToOtlpJson(encodeOtlpProto(both)) as { resourceSpans: unknown[] };
    expect(data.resourceSpans.length).toBe(toOtlpTracesData(both).resourceSpans.length);
    expectProtoMatchesJson(both);
  });

  it('cuts a resource into blocks of at most spansPerBlock spans, as Tempo answers in batches; the spans and their order are the same', () => {
    // seven spans of one service (one resource, one scope) and one of another
    const T = '4bf92f3577b34da6a3ce929d0e0e4736';
    const otlpSpan = (k: number, parent?: number) => ({
      traceId: T,
      spanId: `00000000000000a${k}`,
      ...(parent !== undefined ? { parentSpanId: `00000000000000a${parent}` } : {}),
      name: `op ${k}`,
      startTimeUnixNano: String(1_764_000_000_000_000_000n + BigInt(k)),
      endTimeUnixNano: String(1_764_000_000_000_000_000n + BigInt(90 - k)),
      attributes: [{ key: 'k', value: { intValue: String(k) } }],
    });
    const resource = (service: string) => ({ attributes: [{ key: 'service.name', value: { stringValue: service } }] });
    const traces = decodeTraces({
      resourceSpans: [
        { resource: resource('web'), scopeSpans: [{ scope: { name: 'http' }, spans: Array.from({ length: 7 }, (_, k) => otlpSpan(k, k > 0 ? 0 : undefined)) }] },
        { resource: resource('db'), scopeSpans: [{ scope: { name: 'sql' }, spans: [otlpSpan(7, 1)] }] },
      ],
    }).traces;
    const whole = protoToOtlpJson(encodeOtlpProto(traces)) as { resourceSpans: { resource: unknown; scopeSpans: { scope: unknown; spans: { spanId: string }[] }[] }[] };
    const cut = protoToOtlpJson(encodeOtlpProto(traces, { spansPerBlock: 2 })) as typeof whole;
    const spanIds = (data: typeof whole) => data.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.spanId)));
    expect(spanIds(cut)).toEqual(spanIds(whole));
    for (const rs of cut.resourceSpans) expect(rs.scopeSpans.reduce((n, ss) => n + ss.spans.length, 0)).toBeLessThanOrEqual(2);
    expect(whole.resourceSpans).toHaveLength(2);
    expect(cut.resourceSpans.map((rs) => rs.scopeSpans.reduce((n, ss) => n + ss.spans.length, 0))).toEqual([2, 2, 2, 1, 1]);
    // each block repeats its resource and scope
    expect(cut.resourceSpans.every((rs) => whole.resourceSpans.some((w) => JSON.stringify(w.resource) === JSON.stringify(rs.resource)))).toBe(true);
    expect(decodeTraces(cut).traces[0]?.spans.map((s) => [s.spanId, s.parentSpanId, s.startNs, s.endNs, s.attributes])).toEqual(traces[0]?.spans.map((s) => [s.spanId, s.parentSpanId, s.startNs, s.endNs, s.attributes]));
  });

  it('writes ints beyond int64 and bytes that are not base64 as strings, rather than wrap them or fail', () => {
    const { traces } = parseTraces(spanWith({ attributes: [{ key: 'huge', value: { intValue: '99999999999999999999' } }, { key: 'not base64', value: { bytesValue: 'not base64!' } }] }));
    const data = protoToOtlpJson(encodeOtlpProto(traces)) as { resourceSpans: { scopeSpans: { spans: { attributes: unknown[] }[] }[] }[] };
    expect(data.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes).toEqual([
      { key: 'huge', value: { stringValue: '99999999999999999999' } },
      { key: 'not base64', value: { stringValue: 'not base64!' } },
    ]);
  });

  it('writes nothing for no traces', () => {
    expect(encodeOtlpProto([])).toEqual(new Uint8Array(0));
  });
});
