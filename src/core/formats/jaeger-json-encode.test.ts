import { describe, expect, it } from 'vitest';
import type { Attribute } from '../model/attributes';
import type { Span } from '../model/span';
import type { Trace } from '../model/trace';
import { traceFixtures } from './__fixtures__';
import { encodeJaegerJson, toJaegerJson } from './jaeger-json-encode';
import { absoluteUnixNano } from './otlp-json-encode';
import { parseTraces } from './parse-traces';

/** What Jaeger's model keeps of a span: µs times, typed scalar tags, references instead of link attributes. */
function jaegerView(trace: Trace, span: Span): Record<string, unknown> {
  const scalar = (attributes: readonly Attribute[]): Attribute[] => attributes.filter((a) => a.value.type !== 'array' && a.value.type !== 'kvlist' && a.value.type !== 'empty');
  return {
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    service: span.service,
    kind: span.kind,
    status: span.status.code === 'unset' ? span.status : { code: span.status.code, message: span.status.message },
    startMicros: absoluteUnixNano(trace, span.startNs) / 1000n,
    attributes: scalar(span.attributes),
    resource: scalar(span.resource.attributes).filter((a) => a.key !== 'service.name'),
    scope: [span.scope.name, span.scope.version],
    events: span.events.map((e) => [e.name, absoluteUnixNano(trace, e.timeNs) / 1000n, scalar(e.attributes)]),
    links: span.links.map((l) => [l.traceId, l.spanId]),
    traceState: span.traceState,
    flags: span.flags,
  };
}

function byId(trace: Trace): Map<string, Record<string, unknown>> {
  return new Map(trace.spans.map((s) => [s.spanId, jaegerView(trace, s)]));
}

describe('encodeJaegerJson round trip', () => {
  it.each(Object.keys(traceFixtures) as (keyof typeof traceFixtures)[])('%s: decoding the Jaeger JSON gives back what its model holds', (name) => {
    const original = parseTraces(traceFixtures[name]).traces;
    const again = parseTraces(encodeJaegerJson(original));
    expect(again.traces.map((t) => t.traceId).sort()).toEqual(original.map((t) => t.traceId).sort());
    for (const want of original) {
      const got = again.traces.find((t) => t.traceId === want.traceId) as Trace;
      expect(got.spans).toHaveLength(want.spans.length);
      // compare by id: cutting sub-µs digits can reorder siblings that started within one µs
      expect(byId(got)).toEqual(byId(want));
    }
  });
});

describe('toJaegerJson', () => {
  const text = JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }, { key: 'host', value: { stringValue: 'h1' } }] },
        scopeSpans: [
          {
            scope: { name: 'lib', version: '2' },
            spans: [
              { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: '00f067aa0ba902b7', name: 'root', kind: 2, startTimeUnixNano: '1700000000000001999', endTimeUnixNano: '1700000000005000000', status: { code: 2, message: 'boom' }, traceState: 'k=v',
                attributes: [
                  { key: 'n', value: { intValue: '9007199254740993' } },
                  { key: 'small', value: { intValue: 7 } },
                  { key: 'd', value: { doubleValue: 'NaN' } },
                  { key: 'list', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: 1 }] } } },
                ],
                events: [{ timeUnixNano: '1700000000002000000', name: 'exception', attributes: [{ key: 'exception.message', value: { stringValue: 'x' } }] }],
              },
              { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: '00f067aa0ba902b8', parentSpanId: '00f067aa0ba902b7', name: 'child', startTimeUnixNano: '1700000000001000000', endTimeUnixNano: '1700000000002000000',
                links: [{ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b9' }] },
            ],
          },
        ],
      },
    ],
  });
  const { data } = toJaegerJson(parseTraces(text).traces);
  const trace = data[0];
  const root = trace?.spans.find((s) => s.operationName === 'root');
  const child = trace?.spans.find((s) => s.operationName === 'child');

  it('writes µs times (sub-µs digits cut), one process per resource, references for parent and links', () => {
    expect(root).toMatchObject({ startTime: 1700000000000001, duration: 4999, processID: 'p1', flags: 0, warnings: null });
    expect(trace?.processes).toEqual({ p1: { serviceName: 'api', tags: [{ key: 'host', type: 'string', value: 'h1' }] } });
    expect(child?.references).toEqual([
      { refType: 'CHILD_OF', traceID: '0af7651916cd43dd8448eb211c80319c', spanID: '00f067aa0ba902b7' },
      { refType: 'FOLLOWS_FROM', traceID: '4bf92f3577b34da6a3ce929d0e0e4736', spanID: '00f067aa0ba902b9' },
    ]);
  });

  it('keeps int64 beyond 2^53 as text, NaN as text, arrays as JSON, and OTLP fields in the translator tags', () => {
    expect(root?.tags).toEqual([
      { key: 'n', type: 'int64', value: '9007199254740993' },
      { key: 'small', type: 'int64', value: 7 },
      { key: 'd', type: 'float64', value: 'NaN' },
      { key: 'list', type: 'string', value: '["a","1"]' },
      { key: 'span.kind', type: 'string', value: 'server' },
      { key: 'otel.status_code', type: 'string', value: 'ERROR' },
      { key: 'otel.status_description', type: 'string', value: 'boom' },
      { key: 'error', type: 'bool', value: true },
      { key: 'w3c.tracestate', type: 'string', value: 'k=v' },
      { key: 'otel.scope.name', type: 'string', value: 'lib' },
      { key: 'otel.scope.version', type: 'string', value: '2' },
    ]);
    expect(root?.logs).toEqual([{ timestamp: 1700000000002000, fields: [{ key: 'event', type: 'string', value: 'exception' }, { key: 'exception.message', type: 'string', value: 'x' }] }]);
  });
});
