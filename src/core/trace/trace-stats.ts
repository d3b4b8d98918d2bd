import type { Attribute } from '../model/attributes';
import type { Span } from '../model/span';
import type { Trace } from '../model/trace';
import { logLineOf } from '../logs/log-line';
import { criticalPath } from './critical-path';
import { selfTimeNs } from './self-time';

/** Jaeger's "group by" choices; an attribute is looked up on the span, then on its resource. */
export type StatsGroupBy = 'service' | 'operation' | 'service+operation' | { readonly attribute: string };

export interface TraceStatsRow {
  /** unique within one table (a JSON array of the group's parts), for React keys and selection */
  readonly key: string;
  /** for display: `checkout`, `GET /cart`, `checkout: GET /cart`, or `(no http.route)` */
  readonly label: string;
  readonly service?: string;
  readonly operation?: string;
  /** the attribute's value as text; absent on the row of spans without the attribute */
  readonly attributeValue?: string;
  /** the row of spans that lack the grouping attribute (Jaeger's "Without Tag") */
  readonly missing: boolean;
  readonly count: number;
  /** sum of span durations; nested spans of one group are counted each time, as in Jaeger */
  readonly totalNs: number;
  readonly avgNs: number;
  readonly minNs: number;
  readonly maxNs: number;
  /** sum of self times (duration minus children): time spent in the group itself */
  readonly selfNs: number;
  readonly selfAvgNs: number;
  readonly selfMinNs: number;
  readonly selfMaxNs: number;
  /** selfNs as a percentage of the trace's duration (Jaeger's "ST in duration"); spans running in parallel make the rows add up to more than 100 */
  readonly percentOfTrace: number;
  /** time the group's spans spend on the critical path */
  readonly criticalPathNs: number;
  /** spans with status ERROR */
  readonly errorCount: number;
  /** indexes into trace.spans, ascending (tree order), to highlight the group */
  readonly spanIndexes: readonly number[];
}

/**
 * Jaeger UI's trace statistics (TracePage/TraceStatistics/tableValues.ts), one
 * row per group, plus critical-path time and errors. Self time is core's
 * `selfTimeNs` (children clamped to the span, unioned), which equals Jaeger's on
 * well-formed traces and stays right when children overlap out of order.
 *
 * Rows: most total time first, ties by label; the "missing" row last. O(n log n).
 */
export function traceStats(trace: Trace, groupBy: StatsGroupBy): TraceStatsRow[] {
  const spans = trace.spans;
  const self = selfTimeNs(trace);
  const onPath = new Float64Array(spans.length);
  for (const segment of criticalPath(trace).segments) onPath[segment.spanIndex] = (onPath[segment.spanIndex] as number) + segment.endNs - segment.startNs;

  const groups = new Map<string, Accumulator>();
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as Span;
    const group = groupOf(span, groupBy);
    let acc = groups.get(group.key);
    if (acc === undefined) {
      acc = newAccumulator(group);
      groups.set(group.key, acc);
    }
    const durationNs = span.endNs - span.startNs;
    const selfNs = self[i] as number;
    acc.count++;
    acc.totalNs += durationNs;
    acc.minNs = Math.min(acc.minNs, durationNs);
    acc.maxNs = Math.max(acc.maxNs, durationNs);
    acc.selfNs += selfNs;
    acc.selfMinNs = Math.min(acc.selfMinNs, selfNs);
    acc.selfMaxNs = Math.max(acc.selfMaxNs, selfNs);
    acc.criticalPathNs += onPath[i] as number;
    if (span.status.code === 'error') acc.errorCount++;
    acc.spanIndexes.push(i);
  }

  const rows: TraceStatsRow[] = [...groups.values()].map((acc) => ({
    key: acc.group.key,
    label: acc.group.label,
    ...(acc.group.service !== undefined ? { service: acc.group.service } : {}),
    ...(acc.group.operation !== undefined ? { operation: acc.group.operation } : {}),
    ...(acc.group.attributeValue !== undefined ? { attributeValue: acc.group.attributeValue } : {}),
    missing: acc.group.missing,
    count: acc.count,
    totalNs: acc.totalNs,
    avgNs: acc.totalNs / acc.count,
    minNs: acc.minNs,
    maxNs: acc.maxNs,
    selfNs: acc.selfNs,
    selfAvgNs: acc.selfNs / acc.count,
    selfMinNs: acc.selfMinNs,
    selfMaxNs: acc.selfMaxNs,
    percentOfTrace: trace.durationNs > 0 ? (acc.selfNs / trace.durationNs) * 100 : 0,
    criticalPathNs: acc.criticalPathNs,
    errorCount: acc.errorCount,
    spanIndexes: acc.spanIndexes,
  }));
  return rows.sort((a, b) => Number(a.missing) - Number(b.missing) || b.totalNs - a.totalNs || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

interface Group {
  readonly key: string;
  readonly label: string;
  readonly service?: string;
  readonly operation?: string;
  readonly attributeValue?: string;
  readonly missing: boolean;
}

interface Accumulator {
  readonly group: Group;
  count: number;
  totalNs: number;
  minNs: number;
  maxNs: number;
  selfNs: number;
  selfMinNs: number;
  selfMaxNs: number;
  criticalPathNs: number;
  errorCount: number;
  readonly spanIndexes: number[];
}

function newAccumulator(group: Group): Accumulator {
  return { group, count: 0, totalNs: 0, minNs: Infinity, maxNs: -Infinity, selfNs: 0, selfMinNs: Infinity, selfMaxNs: -Infinity, criticalPathNs: 0, errorCount: 0, spanIndexes: [] };
}

function groupOf(span: Span, groupBy: StatsGroupBy): Group {
  if (groupBy === 'service') return { key: JSON.stringify([span.service]), label: span.service, service: span.service, missing: false };
  if (groupBy === 'operation') return { key: JSON.stringify([span.name]), label: span.name, operation: span.name, missing: false };
  if (groupBy === 'service+operation') {
    return { key: JSON.stringify([span.service, span.name]), label: `${span.service}: ${span.name}`, service: span.service, operation: span.name, missing: false };
  }
  const attribute = find(span.attributes, groupBy.attribute) ?? find(span.resource.attributes, groupBy.attribute);
  if (attribute === undefined) return { key: JSON.stringify([null]), label: `(no ${groupBy.attribute})`, missing: true };
  const text = logLineOf(attribute.value);
  return { key: JSON.stringify([text]), label: text, attributeValue: text, missing: false };
}

function find(attributes: readonly Attribute[], key: string): Attribute | undefined {
  for (const a of attributes) if (a.key === key) return a;
  return undefined;
}

/**
 * How many spans each service has. Depth-first order keeps a service's spans together
 * in runs (a call's subtree mostly stays in its service), so the map is touched once
 * per run, not once per span.
 */
export function spanCountsByService(trace: Trace): Map<string, number> {
  const counts = new Map<string, number>();
  let service: string | undefined;
  let run = 0;
  for (const span of trace.spans) {
    if (span.service === service) {
      run++;
      continue;
    }
    if (service !== undefined) counts.set(service, (counts.get(service) ?? 0) + run);
    service = span.service;
    run = 1;
  }
  if (service !== undefined) counts.set(service, (counts.get(service) ?? 0) + run);
  return counts;
}
