import { describe, expect, it } from 'vitest';
import type { RedRow, RedTotal } from '../../core';
import { formatPercent, formatRate, isolatedPoints, originText, seriesPath, seriesSummary, sortRows } from './red-format';

const total = (t: Partial<RedTotal>): RedTotal => ({
  ratePerSecond: 0,
  errorsPerSecond: 0,
  errorFraction: undefined,
  requestCount: undefined,
  errorCount: undefined,
  p50Ms: undefined,
  p90Ms: undefined,
  p99Ms: undefined,
  ...t,
});
const row = (service: string, t: Partial<RedTotal>, operation?: string): RedRow => ({
  service,
  ...(operation !== undefined ? { operation } : {}),
  rate: [],
  errorRate: [],
  p50Ms: [],
  p90Ms: [],
  p99Ms: [],
  exemplars: [],
  total: total(t),
});

describe('seriesPath', () => {
  const x = (ms: number) => ms / 1000;
  const y = (v: number) => 100 - v;
  it('draws a missing interval as a gap: the line breaks, it never drops to zero', () => {
    // step 1 s: points at 1, 2, [3 missing], 4, 5
    const points = [1, 2, 4, 5].map((s) => ({ timeMs: s * 1000, value: s * 10 }));
    expect(seriesPath(points, 1000, x, y)).toBe('M1,90L2,80M4,60L5,50');
  });
  it('a lone point between gaps is a dot, not a line', () => {
    const points = [1, 3, 4].map((s) => ({ timeMs: s * 1000, value: 1 }));
    expect(isolatedPoints(points, 1000)).toEqual([{ timeMs: 1000, value: 1 }]);
    expect(seriesPath([], 1000, x, y)).toBe('');
  });
  it('a NaN that slipped through is a gap too', () => {
    const points = [
      { timeMs: 1000, value: 1 },
      { timeMs: 2000, value: Number.NaN },
      { timeMs: 3000, value: 3 },
    ];
    expect(seriesPath(points, 1000, x, y)).toBe('M1,99M3,97');
  });
});

describe('sortRows', () => {
  const rows = [row('b', { p99Ms: 10, ratePerSecond: 5 }), row('a', { p99Ms: 250, ratePerSecond: 1 }), row('c', { ratePerSecond: 9 })];
  it('sorts by a figure, rows without it last in both directions', () => {
    expect(sortRows(rows, 'p99', 'desc', 'service').map((r) => r.service)).toEqual(['a', 'b', 'c']);
    expect(sortRows(rows, 'p99', 'asc', 'service').map((r) => r.service)).toEqual(['b', 'a', 'c']);
    expect(sortRows(rows, 'rate', 'desc', 'service').map((r) => r.service)).toEqual(['c', 'b', 'a']);
  });
  it('sorts operations by their own name', () => {
    const ops = [row('s', {}, 'GET /b'), row('s', {}, 'GET /a')];
    expect(sortRows(ops, 'name', 'asc', 'operation').map((r) => r.operation)).toEqual(['GET /a', 'GET /b']);
  });
});

describe('words', () => {
  it('formats rates and percentages so small values do not read as zero', () => {
    expect(formatRate(0.004)).toBe('0.004/s');
    expect(formatRate(123.4)).toBe('123/s');
    expect(formatRate(undefined)).toBe('–');
    expect(formatPercent(0.0004)).toBe('<0.1%');
    expect(formatPercent(0.125)).toBe('13%');
    expect(formatPercent(undefined)).toBe('–');
  });
  it('summarises a chart for screen readers, counting its gaps', () => {
    const points = [
      { timeMs: 1, value: 2 },
      { timeMs: 2, value: 6 },
    ];
    expect(seriesSummary('Rate', points, (v) => `${v}/s`, 4)).toBe('Rate: from 2/s to 6/s, latest 6/s, 2 intervals without data');
    expect(seriesSummary('Rate', [], String, 4)).toBe('Rate: no data in this range');
  });
  it('says where the figures come from and why it sampled', () => {
    expect(originText({ kind: 'tempo-metrics' }, 'Tempo')).toBe("From Tempo's TraceQL metrics.");
    expect(originText({ kind: 'sample', traces: 500, spans: 11_000, limited: true, reason: 'Tempo does not answer TraceQL metrics (/api/metrics/query_range: 404)' }, 'Tempo')).toBe(
      'Tempo does not answer TraceQL metrics (/api/metrics/query_range: 404). Showing figures computed from the newest 500 traces sampled in this range (11,000 spans); more traces matched, so rates count only the sample.',
    );
    expect(originText({ kind: 'sample', traces: 3, spans: 40, limited: false, reason: '' }, 'Local files')).toBe('Computed in this browser from all 3 traces (40 spans) of Local files.');
  });
});
