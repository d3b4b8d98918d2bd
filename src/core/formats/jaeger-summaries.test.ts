import { describe, expect, it } from 'vitest';
import findTraceSummaries from './__fixtures__/jaeger/apiv3-FindTraceSummaries.json?raw';
import { decodeJaegerTraceSummaries } from './jaeger-summaries';

describe('decodeJaegerTraceSummaries', () => {
  it('reads the recorded api_v3 trace-summaries response', () => {
    const { summaries, warnings } = decodeJaegerTraceSummaries(JSON.parse(findTraceSummaries));
    expect(warnings).toEqual([]);
    expect(summaries).toEqual([
      {
        traceId: '00000000000000000000000000000001',
        rootServiceName: 'frontend',
        rootSpanName: 'HTTP GET /',
        startUnixNano: 1_000_000_000_000n,
        durationNs: 1_000_000_000,
        spanCount: 2,
        errorSpanCount: 1,
        services: [{ name: 'frontend', spanCount: 2, errorSpanCount: 1 }],
      },
    ]);
  });

  it.each([[{}], [{ summaries: [] }]])('an empty result %j is no rows', (body) => {
    expect(decodeJaegerTraceSummaries(body)).toEqual({ summaries: [], warnings: [] });
  });

  it('skips bad rows with a warning naming them and keeps the rest', () => {
    const { summaries, warnings } = decodeJaegerTraceSummaries({
      summaries: [
        { traceId: 'zz', rootServiceName: 'a' },
        42,
        { traceId: 'ABC', rootServiceName: 'b', minStartTimeUnixNano: 'soon', maxEndTimeUnixNano: '5' },
      ],
    });
    expect(warnings).toEqual([
      'summaries[0]: missing or invalid traceId',
      'summaries[1]: not an object',
      'summaries[2]: invalid minStartTimeUnixNano/maxEndTimeUnixNano',
    ]);
    expect(summaries.map((s) => [s.traceId, s.durationNs])).toEqual([['00000000000000000000000000000abc', 0]]);
  });

  it('refuses a response of another shape', () => {
    expect(() => decodeJaegerTraceSummaries({ summaries: 'x' })).toThrow('expected an object with a "summaries" array');
    expect(() => decodeJaegerTraceSummaries([])).toThrow('trace summaries');
  });
});
