import { describe, expect, it } from 'vitest';
import { DecodeError } from '../formats/decode-error';
import { decodeTempoQueryRange } from './tempo-metrics-decode';

describe('decodeTempoQueryRange: the shapes of reference §2', () => {
  it('reads the worked example of §2.4 verbatim: int64 strings, a zero left out, sparse samples, an exemplar', () => {
    const answer = JSON.parse(`{"series":[
      {"labels":[{"key":"status","value":{"stringValue":"error"}}],
       "samples":[{"timestampMs":"1700000040000","value":0.05},{"timestampMs":"1700000160000","value":0.1}]},
      {"labels":[{"key":"status","value":{"stringValue":"unset"}}],
       "samples":[{"timestampMs":"1699999980000","value":2.4},{"timestampMs":"1700000040000","value":2.55},
                  {"timestampMs":"1700000100000"},{"timestampMs":"1700000160000","value":2.1}],
       "exemplars":[{"labels":[{"key":"trace:id","value":{"stringValue":"5b8efff798038103d269b633813fc60c"}}],
                     "value":2.55,"timestampMs":"1700000031412"}]}],
     "metrics":{"inspectedTraces":912,"inspectedBytes":"1843200","completedJobs":4,"totalJobs":4,"inspectedSpans":"10342"}}`) as unknown;
    const { series, partialMessage, warnings } = decodeTempoQueryRange(answer);
    expect(warnings).toEqual([]);
    expect(partialMessage).toBeUndefined();
    expect(series).toEqual([
      {
        labels: { status: 'error' },
        // the two intervals without errors are gaps, not zeros
        points: [
          { timeMs: 1_700_000_040_000, value: 0.05 },
          { timeMs: 1_700_000_160_000, value: 0.1 },
        ],
        exemplars: [],
      },
      {
        labels: { status: 'unset' },
        points: [
          { timeMs: 1_699_999_980_000, value: 2.4 },
          { timeMs: 1_700_000_040_000, value: 2.55 },
          { timeMs: 1_700_000_100_000, value: 0 }, // no "value": the marshaller left a zero out
          { timeMs: 1_700_000_160_000, value: 2.1 },
        ],
        exemplars: [{ timeMs: 1_700_000_031_412, value: 2.55, traceId: '5b8efff798038103d269b633813fc60c' }],
      },
    ]);
  });

  it('reads quantile and histogram labels as doubleValues, ints as strings, nil as text, and by-labels in any number', () => {
    const { series } = decodeTempoQueryRange({
      series: [
        {
          labels: [
            { key: 'resource.service.name', value: { stringValue: 'checkout' } },
            { key: 'p', value: { doubleValue: 0.9 } },
          ],
          samples: [{ timestampMs: '1700000040000', value: 0.25 }],
        },
        { labels: [{ key: '__bucket', value: { doubleValue: 0.004194304 } }], samples: [{ timestampMs: '1700000040000', value: 3 }] },
        { labels: [{ key: 'span.http.status_code', value: { intValue: '503' } }, { key: 'span.cached', value: { boolValue: false } }], samples: [{ timestampMs: '1700000040000', value: 1 }] },
        { labels: [{ key: 'span.http.route', value: { stringValue: 'nil' } }], samples: [{ timestampMs: '1700000040000', value: 1 }] },
        { labels: [{ key: 'p', value: { doubleValue: 0 } }], samples: [{ timestampMs: '1700000040000', value: 1 }] },
      ],
    });
    expect(series.map((s) => s.labels)).toEqual([
      { 'resource.service.name': 'checkout', p: '0.9' },
      { __bucket: '0.004194304' },
      { 'span.http.status_code': '503', 'span.cached': 'false' },
      { 'span.http.route': 'nil' },
      { p: '0' }, // a oneof is written even when zero
    ]);
  });

  it('drops NaN and ±Infinity samples, and a series left without samples', () => {
    const { series, warnings } = decodeTempoQueryRange({
      series: [
        {
          labels: [{ key: 'status', value: { stringValue: 'ok' } }],
          samples: [
            { timestampMs: '1700000100000', value: 'NaN' },
            { timestampMs: '1700000040000', value: 2 },
            { timestampMs: '1700000160000', value: 'Infinity' },
            { timestampMs: '1700000220000', value: '-Infinity' },
          ],
        },
        { labels: [{ key: 'status', value: { stringValue: 'error' } }], samples: [{ timestampMs: '1700000040000', value: 'NaN' }] },
      ],
    });
    expect(warnings).toEqual([]);
    expect(series).toEqual([{ labels: { status: 'ok' }, points: [{ timeMs: 1_700_000_040_000, value: 2 }], exemplars: [] }]);
  });

  it('sorts samples that arrive out of order, and reads timestamps sent as numbers', () => {
    const { series } = decodeTempoQueryRange({ series: [{ labels: [], samples: [{ timestampMs: 1_700_000_160_000, value: 1 }, { timestampMs: '1700000040000', value: 2 }] }] });
    expect(series[0]?.points.map((p) => p.timeMs)).toEqual([1_700_000_040_000, 1_700_000_160_000]);
  });

  it('pads trimmed trace ids, keeps span ids, and drops exemplars without a trace', () => {
    const { series } = decodeTempoQueryRange({
      series: [
        {
          labels: [],
          samples: [{ timestampMs: '1700000040000', value: 1 }],
          exemplars: [
            {
              labels: [
                { key: 'trace:id', value: { stringValue: '8efff798038103d269b633813fc60c' } },
                { key: 'span:id', value: { stringValue: '38103d269b633813' } },
                { key: 'span.http.route', value: { stringValue: '/cart' } },
              ],
              value: 0.3,
              timestampMs: '1700000031000',
            },
            { labels: [{ key: 'span.http.route', value: { stringValue: '/cart' } }], value: 0.3, timestampMs: '1700000032000' },
            { labels: [{ key: 'trace:id', value: { stringValue: 'abc' } }], timestampMs: '1700000033000' },
          ],
        },
      ],
    });
    expect(series[0]?.exemplars).toEqual([
      { timeMs: 1_700_000_031_000, value: 0.3, traceId: '008efff798038103d269b633813fc60c', spanId: '38103d269b633813' },
      { timeMs: 1_700_000_033_000, value: 0, traceId: '00000000000000000000000000000abc' }, // value 0 left out
    ]);
  });

  it('accepts an empty answer with series [] or no series at all', () => {
    expect(decodeTempoQueryRange({ series: [], metrics: { completedJobs: 1 } }).series).toEqual([]);
    expect(decodeTempoQueryRange({ metrics: {} }).series).toEqual([]);
  });

  it('says when Tempo answered PARTIAL, with its message', () => {
    const answer = { series: [{ labels: [], samples: [{ timestampMs: '1700000040000', value: 1 }] }], status: 'PARTIAL', message: 'response exceeds max series: 1000' };
    const decoded = decodeTempoQueryRange(answer);
    expect(decoded.partialMessage).toBe('response exceeds max series: 1000');
    expect(decoded.series).toHaveLength(1);
    expect(decodeTempoQueryRange({ series: [], status: 'PARTIAL' }).partialMessage).toBe('Tempo answered with partial results');
  });

  it('skips a bad sample or series with a warning and keeps the rest', () => {
    const { series, warnings } = decodeTempoQueryRange({
      series: [
        'nonsense',
        { labels: [{ key: '__proto__', value: { stringValue: 'x' } }], samples: [{ timestampMs: 'soon', value: 1 }, { timestampMs: '1700000040000', value: 'lots' }, { timestampMs: '1700000100000', value: 4 }] },
      ],
    });
    expect(series).toHaveLength(1);
    expect(series[0]?.points).toEqual([{ timeMs: 1_700_000_100_000, value: 4 }]);
    expect(Object.getPrototypeOf(series[0]?.labels)).toBe(Object.prototype);
    expect(series[0]?.labels.__proto__).toBe('x');
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^series\[0\]: expected a series object/);
  });

  it('throws for what is not a query_range answer at all', () => {
    expect(() => decodeTempoQueryRange('parse error at line 1, col 9: syntax error')).toThrow(DecodeError);
    expect(() => decodeTempoQueryRange({ series: { a: 1 } })).toThrow(/"series" to be a list/);
  });
});
