import type { TraceSummary } from '../model/trace-summary';

export type SummarySortKey = 'start' | 'duration' | 'spans' | 'errors' | 'root';
export type SortDirection = 'ascending' | 'descending';

/**
 * Results in the order a person asked for; ties keep the backend's order
 * (Array.prototype.sort is stable), so re-sorting never shuffles equal rows.
 * Unknown counts sort as lowest.
 */
export function sortSummaries(summaries: readonly TraceSummary[], key: SummarySortKey, direction: SortDirection): TraceSummary[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const compare = COMPARATORS[key];
  return [...summaries].sort((a, b) => sign * compare(a, b));
}

const COMPARATORS: Record<SummarySortKey, (a: TraceSummary, b: TraceSummary) => number> = {
  start: (a, b) => (a.startUnixNano < b.startUnixNano ? -1 : a.startUnixNano > b.startUnixNano ? 1 : 0),
  duration: (a, b) => a.durationNs - b.durationNs,
  spans: (a, b) => (a.spanCount ?? -1) - (b.spanCount ?? -1),
  errors: (a, b) => (a.errorSpanCount ?? -1) - (b.errorSpanCount ?? -1),
  root: (a, b) => `${a.rootServiceName}\u0000${a.rootSpanName}`.localeCompare(`${b.rootServiceName}\u0000${b.rootSpanName}`),
};
