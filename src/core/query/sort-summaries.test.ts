import { describe, expect, it } from 'vitest';
import type { TraceSummary } from '../model/trace-summary';
import { sortSummaries } from './sort-summaries';

const row = (traceId: string, start: bigint, durationNs: number, spanCount: number | undefined, errorSpanCount: number | undefined, root: string): TraceSummary => ({
  traceId,
  rootServiceName: root,
  rootSpanName: 'op',
  startUnixNano: start,
  durationNs,
  spanCount,
  errorSpanCount,
  services: [],
});

const rows = [row('a', 3n, 50, 10, 0, 'web'), row('b', 1n, 90, undefined, 2, 'auth'), row('c', 2n, 50, 30, undefined, 'cart')];
const ids = (list: TraceSummary[]) => list.map((s) => s.traceId).join('');

describe('sortSummaries', () => {
  it.each([
    ['start', 'ascending', 'bca'],
    ['start', 'descending', 'acb'],
    ['duration', 'descending', 'bac'], // a and c tie: backend order kept
    ['duration', 'ascending', 'acb'],
    ['spans', 'descending', 'cab'], // unknown count lowest
    ['errors', 'descending', 'bac'],
    ['root', 'ascending', 'bca'],
  ] as const)('by %s %s', (key, direction, expected) => {
    expect(ids(sortSummaries(rows, key, direction))).toBe(expected);
  });

  it('does not reorder its input', () => {
    sortSummaries(rows, 'start', 'ascending');
    expect(ids(rows)).toBe('abc');
  });
});
