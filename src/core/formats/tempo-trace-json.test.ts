import { describe, expect, it } from 'vitest';
import { traceFixtures } from './__fixtures__';
import { expectSameTraces } from './__fixtures__/expect-same-traces';
import { decodeTraces, parseTraces } from './parse-traces';
import { toTempoTraceJson } from './tempo-trace-json';

describe('toTempoTraceJson', () => {
  it('writes what Tempo answers: base64 ids, enum names, int64 strings, defaults left out', () => {
    const trace = parseTraces(traceFixtures['otel-proto/trace.json']).traces[0];
    if (!trace) throw new Error('no trace');
    expect(toTempoTraceJson(trace, 'v2')).toEqual({
      trace: {
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'my.service' } }] },
            scopeSpans: [
              {
                scope: { name: 'my.library', version: '1.0.0', attributes: [{ key: 'my.scope.attribute', value: { stringValue: 'some scope attribute' } }] },
                spans: [
                  {
                    traceId: 'W47/95gDgQPSabYzgT/GDA==',
                    spanId: '7uGbfsPBsXQ=',
                    parentSpanId: '7uGbfsPBsXM=',
                    name: "I'm a server span",
                    kind: 'SPAN_KIND_SERVER',
                    startTimeUnixNano: '1544712660000000000',
                    endTimeUnixNano: '1544712661000000000',
                    attributes: [{ key: 'my.span.attr', value: { stringValue: 'some value' } }],
                    status: {},
                  },
                ],
              },
            ],
          },
        ],
      },
    });
  });

  it('writes status codes and link ids Tempo\'s way, and v1 as batches', () => {
    const trace = parseTraces(traceFixtures['jaeger/otel_traces_01.json']).traces[0];
    if (!trace) throw new Error('no trace');
    const v1 = toTempoTraceJson(trace, 'v1') as { batches: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
    const span = v1.batches[0]?.scopeSpans[0]?.spans[0];
    expect(span?.status).toEqual({ code: 'STATUS_CODE_ERROR' });
    expect(span?.kind).toBe('SPAN_KIND_SERVER');
    expect(span?.links).toEqual([
      { traceId: 'AAAAAAAAAAEAAAAAAAAAAA==', spanId: 'AAAAAAAAAAQ=', attributes: [{ key: 'opentracing.ref_type', value: { stringValue: 'follows_from' } }] },
      { traceId: 'AAAAAAAAAP8AAAAAAAAAAA==', spanId: 'AAAAAAAAAP8=', attributes: [{ key: 'opentracing.ref_type', value: { stringValue: 'child_of' } }] },
    ]);
  });

  it.each(Object.keys(traceFixtures) as (keyof typeof traceFixtures)[])('%s: decodeTraces reads v1 and v2 back identically', (name) => {
    const original = parseTraces(traceFixtures[name]).traces;
    for (const version of ['v1', 'v2'] as const) {
      // through JSON text, as a client would receive it
      const back = original.map((trace) => decodeTraces(JSON.parse(JSON.stringify(toTempoTraceJson(trace, version)))));
      expect(back.flatMap((b) => b.warnings)).toEqual([]);
      expectSameTraces(back.map((b) => b.traces[0]).filter((t) => t !== undefined), original);
    }
  });
});
