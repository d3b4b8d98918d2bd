import { formatDurationNs, type MetricPoint, type RedOrigin, type RedRow } from '../../core';
import type { ServicesSortKey } from '../../state/services-url';

/** "12.3/s", "0.05/s": two significant figures below 10, so a quiet service does not read as 0. */
export function formatRate(perSecond: number | undefined): string {
  if (perSecond === undefined || !Number.isFinite(perSecond)) return '–';
  if (perSecond === 0) return '0/s';
  const digits = perSecond >= 100 ? 0 : perSecond >= 10 ? 1 : perSecond >= 0.1 ? 2 : 3;
  return `${perSecond.toFixed(digits)}/s`;
}

export function formatPercent(fraction: number | undefined): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return '–';
  const pct = fraction * 100;
  return `${pct === 0 ? '0' : pct < 0.1 ? '<0.1' : pct < 10 ? pct.toFixed(1) : pct.toFixed(0)}%`;
}

export function formatMs(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms) ? '–' : formatDurationNs(ms * 1e6);
}

export function formatCount(count: number | undefined): string {
  return count === undefined || !Number.isFinite(count) ? '–' : Math.round(count).toLocaleString('en-US');
}

/** A row's name as the table shows it: the service, or the operation within it. */
export function rowName(row: RedRow, groupBy: 'service' | 'operation'): string {
  return groupBy === 'operation' ? (row.operation ?? '') : row.service;
}

/** The figure a column sorts by; undefined (no data) sorts last in either direction. */
function sortValue(row: RedRow, key: ServicesSortKey): number | undefined {
  const t = row.total;
  switch (key) {
    case 'rate':
      return t.ratePerSecond;
    case 'errors':
      return t.errorCount ?? t.errorsPerSecond;
    case 'errorPct':
      return t.errorFraction;
    case 'p50':
      return t.p50Ms;
    case 'p90':
      return t.p90Ms;
    case 'p99':
      return t.p99Ms;
    case 'name':
      return undefined;
  }
}

export function sortRows(rows: readonly RedRow[], key: ServicesSortKey, order: 'asc' | 'desc', groupBy: 'service' | 'operation'): RedRow[] {
  const sign = order === 'asc' ? 1 : -1;
  const byName = (a: RedRow, b: RedRow) => a.service.localeCompare(b.service) || (a.operation ?? '').localeCompare(b.operation ?? '');
  if (key === 'name') return [...rows].sort((a, b) => sign * (rowName(a, groupBy).localeCompare(rowName(b, groupBy)) || byName(a, b)));
  return [...rows].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    const aMissing = va === undefined || !Number.isFinite(va);
    const bMissing = vb === undefined || !Number.isFinite(vb);
    if (aMissing || bMissing) return aMissing === bMissing ? byName(a, b) : aMissing ? 1 : -1;
    return sign * (va - vb) || byName(a, b);
  });
}

/**
 * An SVG path through the points with a break wherever an interval has no point:
 * a missing sample is a gap, never a zero (Tempo and Jaeger both leave empty intervals out).
 */
export function seriesPath(points: readonly MetricPoint[], stepMs: number, x: (timeMs: number) => number, y: (value: number) => number): string {
  let path = '';
  let previousMs: number | undefined;
  for (const point of points) {
    if (!Number.isFinite(point.value)) {
      previousMs = undefined;
      continue;
    }
    // more than one step since the last point: the intervals between had no data
    const joined = previousMs !== undefined && point.timeMs - previousMs <= stepMs * 1.5;
    path += `${joined ? 'L' : 'M'}${round(x(point.timeMs))},${round(y(point.value))}`;
    previousMs = point.timeMs;
  }
  return path;
}

/** Isolated points (no neighbour on either side) draw as dots, since a one-point path has no length. */
export function isolatedPoints(points: readonly MetricPoint[], stepMs: number): MetricPoint[] {
  return points.filter((point, i) => {
    const before = points[i - 1];
    const after = points[i + 1];
    const near = (other: MetricPoint | undefined) => other !== undefined && Number.isFinite(other.value) && Math.abs(other.timeMs - point.timeMs) <= stepMs * 1.5;
    return Number.isFinite(point.value) && !near(before) && !near(after);
  });
}

function round(px: number): number {
  return Math.round(px * 10) / 10;
}

/** A chart's summary for screen readers: the range of values and the latest, with gaps counted. */
export function seriesSummary(what: string, points: readonly MetricPoint[], format: (value: number) => string, expectedPoints: number): string {
  const values = points.map((p) => p.value).filter(Number.isFinite);
  if (values.length === 0) return `${what}: no data in this range`;
  const last = points[points.length - 1];
  const gaps = Math.max(0, expectedPoints - values.length);
  return `${what}: from ${format(Math.min(...values))} to ${format(Math.max(...values))}, latest ${format(last?.value ?? Number.NaN)}${gaps > 0 ? `, ${gaps} ${gaps === 1 ? 'interval' : 'intervals'} without data` : ''}`;
}

/** The sentence above the figures: where they come from, and why when the source's own metrics were not used. */
export function originText(origin: RedOrigin, sourceName: string): string {
  switch (origin.kind) {
    case 'tempo-metrics':
      return `From ${sourceName}'s TraceQL metrics.`;
    case 'jaeger-spm':
      return `From ${sourceName}'s Service Performance Monitoring (SPM).`;
    case 'sample': {
      const traces = `${origin.traces.toLocaleString('en-US')} ${origin.traces === 1 ? 'trace' : 'traces'}`;
      const what = origin.reason === '' ? `Computed in this browser from all ${traces} (${origin.spans.toLocaleString('en-US')} spans) of ${sourceName}` : `${origin.reason}. Showing figures computed from ${origin.limited ? 'the newest ' : ''}${traces} sampled in this range (${origin.spans.toLocaleString('en-US')} spans)`;
      return `${what}${origin.limited ? '; more traces matched, so rates count only the sample' : ''}.`;
    }
  }
}
