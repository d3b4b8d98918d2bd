import { describe, expect, it } from 'vitest';
import { parseTraces } from '../formats/parse-traces';
import { summariseTrace } from './summarise-trace';

const span = (spanId: string, parentSpanId: string, service: string, name: string, startMs: number, endMs: number, error = false) => ({
  resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
  scopeSpans: [
    {
      spans: [
        {
          traceId: '0af7651916cd43dd8448eb211c80319c',
          spanId,
          parentSpanId,
          name,
          startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(startMs) * 1_000_000n),
          endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(endMs) * 1_000_000n),
          ...(error ? { status: { code: 2 } } : {}),
        },
      ],
    },
  ],
});

describe('summariseTrace', () => {
  it('takes the earliest true root, counts errors and orphans, and lists services by name', () => {
    const trace = parseTraces(
      JSON.stringify({
        resourceSpans: [
          span('00000000000000a1', '', 'web', 'GET /', 0, 100),
          span('00000000000000b2', '00000000000000a1', 'cart', 'load', 10, 40, true),
          span('00000000000000c3', '00000000000000ff', 'auth', 'late', 50, 150, true),
        ],
      }),
    ).traces[0];
    if (!trace) throw new Error('no trace');
    expect(summariseTrace(trace)).toEqual({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      rootServiceName: 'web',
      rootSpanName: 'GET /',
      startUnixNano: 1_700_000_000_000_000_000n,
      durationNs: 150_000_000,
      spanCount: 3,
      errorSpanCount: 2,
      orphanSpanCount: 1,
      services: [
        { name: 'auth', spanCount: 1, errorSpanCount: 1 },
        { name: 'cart', spanCount: 1, errorSpanCount: 1 },
        { name: 'web', spanCount: 1, errorSpanCount: 0 },
      ],
    });
  });
});
