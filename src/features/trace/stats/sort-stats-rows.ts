import type { TraceStatsRow } from '../../../core';
import type { StatsColumn, StatsSort } from '../../../state/trace-url';

const VALUE: Record<Exclude<StatsColumn, 'label'>, (row: TraceStatsRow) => number> = {
  count: (r) => r.count,
  total: (r) => r.totalNs,
  self: (r) => r.selfNs,
  avg: (r) => r.avgNs,
  min: (r) => r.minNs,
  max: (r) => r.maxNs,
  percent: (r) => r.percentOfTrace,
  critical: (r) => r.criticalPathNs,
  errors: (r) => r.errorCount,
};

/** Rows in the table's order; no sort keeps core's (most total time first). Ties by label, so the order is stable. */
export function sortStatsRows(rows: readonly TraceStatsRow[], sort: StatsSort | undefined): readonly TraceStatsRow[] {
  if (!sort) return rows;
  const sign = sort.direction === 'asc' ? 1 : -1;
  const byLabel = (a: TraceStatsRow, b: TraceStatsRow) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  if (sort.column === 'label') return [...rows].sort((a, b) => sign * byLabel(a, b));
  const value = VALUE[sort.column];
  return [...rows].sort((a, b) => sign * (value(a) - value(b)) || byLabel(a, b));
}

/** First click on a number sorts largest first (what a latency question wants); on the label, A→Z. */
export function nextSort(current: StatsSort | undefined, column: StatsColumn): StatsSort {
  if (current?.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: column === 'label' ? 'asc' : 'desc' };
}
