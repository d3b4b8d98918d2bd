import { describe, expect, it } from 'vitest';
import { traceFixtures } from './__fixtures__';
import { expectSameTraces } from './__fixtures__/expect-same-traces';
import { encodeOtlpJson, toOtlpTracesData } from './otlp-json-encode';
import { parseTraces } from './parse-traces';

describe('encodeOtlpJson round trip', () => {
  it.each(Object.keys(traceFixtures) as (keyof typeof traceFixtures)[])('%s: decoding the encoded traces gives them back', (name) => {
    const original = parseTraces(traceFixtures[name]).traces;
    const again = parseTraces(encodeOtlpJson(original));
    expect(again.warnings).toEqual([]);
    expectSameTraces(again.traces, original);
  });

  it('is nanosecond-exact for times above 2^53', () => {
    const text = JSON.stringify({
      resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'x', startTimeUnixNano: '1544712660000000001', endTimeUnixNano: '1544712660999999999', events: [{ timeUnixNano: '1544712660123456789', name: 'e' }] }] }] }],
    });
    const data = toOtlpTracesData(parseTraces(text).traces);
    const span = data.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    expect([span?.startTimeUnixNano, span?.endTimeUnixNano, span?.events?.[0]?.timeUnixNano]).toEqual(['1544712660000000001', '1544712660999999999', '1544712660123456789']);
  });
});

describe('toOtlpTracesData', () => {
  it('writes standard OTLP/JSON: hex ids, integer enums, string int64, kept traceState/flags/dropped counts', () => {
    const text = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'a' } }], droppedAttributesCount: 2 },
          scopeSpans: [
            {
              scope: { name: 'lib', version: '1' },
              spans: [
                {
                  traceId: 'W47/95gDgQPSabYzgT/HAA==',
                  spanId: '7uGbfsPBsQA=',
                  name: 'x',
                  kind: 'SPAN_KIND_CLIENT',
                  traceState: 'k=v',
                  flags: 257,
                  startTimeUnixNano: 10,
                  endTimeUnixNano: 20,
                  attributes: [{ key: 'n', value: { intValue: 5 } }, { key: 'd', value: { doubleValue: 'NaN' } }],
                  droppedAttributesCount: 1,
                  droppedEventsCount: 3,
                  droppedLinksCount: 4,
                  status: { code: 'STATUS_CODE_ERROR', message: 'bad' },
                },
              ],
              schemaUrl: 'https://opentelemetry.io/schemas/1.4.0',
            },
          ],
        },
      ],
    });
    expect(toOtlpTracesData(parseTraces(text).traces)).toEqual({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'a' } }], droppedAttributesCount: 2 },
          scopeSpans: [
            {
              scope: { name: 'lib', version: '1' },
              schemaUrl: 'https://opentelemetry.io/schemas/1.4.0',
              spans: [
                {
                  traceId: '5b8efff798038103d269b633813fc700',
                  spanId: 'eee19b7ec3c1b100',
                  traceState: 'k=v',
                  flags: 257,
                  name: 'x',
                  kind: 3,
                  startTimeUnixNano: '10',
                  endTimeUnixNano: '20',
                  attributes: [{ key: 'n', value: { intValue: '5' } }, { key: 'd', value: { doubleValue: 'NaN' } }],
                  droppedAttributesCount: 1,
                  droppedEventsCount: 3,
                  droppedLinksCount: 4,
                  status: { code: 2, message: 'bad' },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('writes spans that shared a resource block under one resourceSpans again', () => {
    const traces = parseTraces(traceFixtures['jaeger/otel_traces_01.json']).traces;
    const data = toOtlpTracesData(traces);
    expect(data.resourceSpans).toHaveLength(1);
    expect(data.resourceSpans[0]?.scopeSpans.map((s) => [s.scope?.name, s.spans.map((x) => x.spanId)])).toEqual([
      ['testing-library-2', ['0000000000000002', '0000000000000003']],
      ['testing-library-3', ['0000000000000004', '0000000000000005']],
    ]);
  });

  it('groups Zipkin spans by local service', () => {
    const data = toOtlpTracesData(parseTraces(traceFixtures['zipkin/smartthings-mobile-web-install.json']).traces);
    expect(data.resourceSpans).toHaveLength(16);
  });
});

describe('timestamps at the edge of uint64', () => {
  it('a span at the u64 limit in a trace from 1970 encodes to a time a decoder takes back', () => {
    const span = (id: string, start: string, end: string) => ({ traceId: '5b8efff798038103d269b633813fc60c', spanId: id, name: id, startTimeUnixNano: start, endTimeUnixNano: end });
    const text = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span('0000000000000001', '0', '1000'), span('0000000000000002', '18446744073709551615', '18446744073709551615')] }] }] });
    const again = parseTraces(encodeOtlpJson(parseTraces(text).traces));
    expect(again.traces[0]?.spans).toHaveLength(2);
    expect(again.warnings.some((w) => w.includes('larger than 64 bits'))).toBe(false);
  });
});
