import type { Attribute } from '../model/attributes';
import type { Span } from '../model/span';
import type { Trace } from '../model/trace';
import { forEachServiceCall } from '../trace/service-graph';
import { treeIndex } from '../trace/tree-index';
import { intervalCount, intervalEndMs, rangeSeconds } from './metrics-range';
import type { Exemplar, MetricPoint, MetricsRange, RedKey, RedOrigin, RedRow, SpanScope, SystemGraph, SystemGraphEdge, SystemGraphNode } from './red-model';
import { compareRedKeys, compareText } from './red-rows';
import { peerNodeId, serviceNodeId } from './jaeger-spm-decode';
import type { RedGroupBy } from './tempo-red-queries';

export interface RedFromTracesOptions {
  readonly range: MetricsRange;
  readonly scope: SpanScope;
  readonly groupBy: RedGroupBy;
  /** only this service's spans (its page: the operations table) */
  readonly service?: string;
}

/**
 * RED figures computed from the traces at hand, the same figures Tempo's TraceQL
 * metrics would give over them, but exact:
 * - a span counts in the interval `(t − step, t]` its start falls in, as Tempo
 *   buckets spans; spans outside the range are left out;
 * - scope: `root` spans name no parent (Tempo's `nestedSetParent < 0`: a span whose
 *   parent is missing from the trace is not a root), `server` spans have kind server,
 *   `all` is every span;
 * - rate and error rate are spans per second of step; an interval without spans has
 *   no point (a gap, as in Tempo's answers), an interval with spans and no error has
 *   an error rate of 0;
 * - quantiles are nearest-rank: the p-quantile of n durations is the ⌈p·n⌉-th
 *   smallest, a duration some span really had; per interval and over the range;
 * - exemplars: the slowest span of each interval, its value its duration in ms.
 */
export function redFromTraces(traces: readonly Trace[], options: RedFromTracesOptions): RedRow[] {
  const { range, scope, groupBy, service } = options;
  const count = intervalCount(range);
  const stepNs = range.stepMs * 1e6;
  const rangeNs = count * stepNs;
  const rangeStartNs = BigInt(range.startMs) * 1_000_000n;
  // by service, then by operation: two lookups instead of a joined key made for every span
  const groups = new Map<string, Map<string, Group> | Group>();

  for (const trace of traces) {
    // exact integers: offsets from the range's start stay far below 2^53 ns (104 days)
    const traceOffsetNs = Number(trace.startUnixNano - rangeStartNs);
    if (traceOffsetNs + trace.durationNs <= 0 || traceOffsetNs > rangeNs) continue;
    const traceStartMs = Number(trace.startUnixNano / 1000n) / 1000;
    const spans = trace.spans;
    let group: Group | undefined;
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i] as Span;
      if (scope === 'root' ? span.depth !== 0 || span.orphan : scope === 'server' && span.kind !== 'server') continue;
      if (service !== undefined && span.service !== service) continue;
      const interval = intervalOfOffset(traceOffsetNs + span.startNs, stepNs, rangeNs);
      if (interval < 0) continue;
      // consecutive spans of a trace are often of the same group
      if (group === undefined || group.key.service !== span.service || (groupBy === 'operation' && group.key.operation !== span.name)) {
        group = groupOf(groups, span, groupBy, count);
      }
      const durationNs = span.endNs - span.startNs;
      const g: Group = group;
      g.counts[interval] = (g.counts[interval] as number) + 1;
      if (span.status.code === 'error') g.errors[interval] = (g.errors[interval] as number) + 1;
      g.durationsNs.push(durationNs);
      g.intervals.push(interval);
      if (durationNs > (g.slowestNs[interval] as number)) {
        g.slowestNs[interval] = durationNs;
        g.slowest[interval] = { span, timeMs: traceStartMs + span.startNs / 1e6 };
      }
    }
  }

  const stepSeconds = range.stepMs / 1_000;
  const seconds = rangeSeconds(range);
  const rows: RedRow[] = [];
  for (const group of allGroups(groups)) {
    const n = group.durationsNs.length;
    // durations sorted within each interval: a counting sort by interval, then each slice sorted
    const starts = new Int32Array(count + 1);
    for (let k = 0; k < count; k++) starts[k + 1] = (starts[k] as number) + (group.counts[k] as number);
    const next = starts.slice(0, count);
    const byInterval = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const k = group.intervals[j] as number;
      const at = next[k] as number;
      byInterval[at] = group.durationsNs[j] as number;
      next[k] = at + 1;
    }
    const rate: MetricPoint[] = [];
    const errorRate: MetricPoint[] = [];
    const p50Ms: MetricPoint[] = [];
    const p90Ms: MetricPoint[] = [];
    const p99Ms: MetricPoint[] = [];
    const exemplars: Exemplar[] = [];
    let errorTotal = 0;
    for (let k = 0; k < count; k++) {
      const c = group.counts[k] as number;
      if (c === 0) continue;
      const timeMs = intervalEndMs(range, k);
      const errors = group.errors[k] as number;
      errorTotal += errors;
      rate.push({ timeMs, value: c / stepSeconds });
      errorRate.push({ timeMs, value: errors / stepSeconds });
      const slice = byInterval.subarray(starts[k], starts[k + 1]).sort();
      p50Ms.push({ timeMs, value: nearestRank(slice, 50) / 1e6 });
      p90Ms.push({ timeMs, value: nearestRank(slice, 90) / 1e6 });
      p99Ms.push({ timeMs, value: nearestRank(slice, 99) / 1e6 });
      const slowest = group.slowest[k];
      if (slowest !== undefined) exemplars.push({ timeMs: slowest.timeMs, value: (group.slowestNs[k] as number) / 1e6, traceId: slowest.span.traceId, spanId: slowest.span.spanId });
    }
    const all = byInterval.sort();
    rows.push({
      ...group.key,
      rate,
      errorRate,
      p50Ms,
      p90Ms,
      p99Ms,
      exemplars,
      total: {
        ratePerSecond: seconds > 0 ? n / seconds : 0,
        errorsPerSecond: seconds > 0 ? errorTotal / seconds : 0,
        errorFraction: n > 0 ? errorTotal / n : undefined,
        requestCount: n,
        errorCount: errorTotal,
        p50Ms: n > 0 ? nearestRank(all, 50) / 1e6 : undefined,
        p90Ms: n > 0 ? nearestRank(all, 90) / 1e6 : undefined,
        p99Ms: n > 0 ? nearestRank(all, 99) / 1e6 : undefined,
      },
    });
  }
  return rows.sort(compareRedKeys);
}

interface Group {
  readonly key: RedKey;
  readonly counts: Int32Array;
  readonly errors: Int32Array;
  readonly durationsNs: number[];
  readonly intervals: number[];
  readonly slowestNs: Float64Array;
  readonly slowest: ({ span: Span; timeMs: number } | undefined)[];
}

function groupOf(groups: Map<string, Map<string, Group> | Group>, span: Span, groupBy: RedGroupBy, count: number): Group {
  const found = groups.get(span.service);
  if (groupBy === 'service') {
    if (found !== undefined) return found as Group;
    const group = newGroup({ service: span.service }, count);
    groups.set(span.service, group);
    return group;
  }
  let byName = found as Map<string, Group> | undefined;
  if (byName === undefined) {
    byName = new Map();
    groups.set(span.service, byName);
  }
  let group = byName.get(span.name);
  if (group === undefined) {
    group = newGroup({ service: span.service, operation: span.name }, count);
    byName.set(span.name, group);
  }
  return group;
}

function* allGroups(groups: Map<string, Map<string, Group> | Group>): Iterable<Group> {
  for (const value of groups.values()) {
    if (value instanceof Map) yield* value.values();
    else yield value;
  }
}

function newGroup(key: RedKey, count: number): Group {
  return { key, counts: new Int32Array(count), errors: new Int32Array(count), durationsNs: [], intervals: [], slowestNs: new Float64Array(count).fill(-1), slowest: new Array<undefined>(count).fill(undefined) };
}

/**
 * The interval of a time given as ns after the range's start, or -1 outside it.
 * Intervals are `(t − step, t]`; integer arithmetic, so a span exactly on a step
 * boundary lands in the interval ending there, however far into the range.
 */
function intervalOfOffset(offsetNs: number, stepNs: number, rangeNs: number): number {
  if (!(offsetNs > 0) || offsetNs > rangeNs) return -1;
  let q = Math.floor(offsetNs / stepNs);
  let rest = offsetNs - q * stepNs;
  if (rest < 0) {
    q--;
    rest += stepNs;
  } else if (rest >= stepNs) {
    q++;
    rest -= stepNs;
  }
  return rest === 0 ? q - 1 : q;
}

/**
 * Nearest-rank quantile of ascending values: the ⌈percent·n/100⌉-th smallest.
 * Whole percents: the rank is integer arithmetic, the same for every n.
 */
export function nearestRank(sorted: ArrayLike<number>, percent: number): number {
  const rank = Math.max(1, Math.ceil((percent * sorted.length) / 100));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** Attributes that say a peer is a database or a message system; anything else named by a caller is an external host. */
const DATABASE_ATTRIBUTES = ['db.system.name', 'db.system', 'db.namespace', 'db.name'];
const MESSAGING_ATTRIBUTES = ['messaging.system'];

/**
 * The system's service graph over a range, from traces: for each trace, core's
 * serviceGraph (parent and child spans in different services, producers linked to
 * consumers, and uninstrumented peers named by PEER_ATTRIBUTES), kept to the calls
 * whose span starts in the range and added up.
 * - an edge's figures are its calls' (the callee spans; toward a peer, the client
 *   spans): count, calls per second over the range, error fraction, nearest-rank p90;
 * - a service node's figures are its incoming requests: spans that are roots or whose
 *   parent is in another service;
 * - a peer node's figures are the calls made to it; its kind comes from the callers'
 *   attributes (db.* → database, messaging.* or producer spans → messaging, else external).
 */
export function systemGraphFromTraces(traces: readonly Trace[], range: MetricsRange, origin?: RedOrigin): SystemGraph {
  const count = intervalCount(range);
  const stepNs = range.stepMs * 1e6;
  const rangeNs = count * stepNs;
  const rangeStartNs = BigInt(range.startMs) * 1_000_000n;
  const nodes = new Map<string, NodeAcc>();
  const edges = new Map<string, EdgeAcc>();
  let spanTotal = 0;

  const node = (id: string, name: string, kind: SystemGraphNode['kind']): NodeAcc => {
    let acc = nodes.get(id);
    if (acc === undefined) {
      acc = { name, kind, calls: 0, errors: 0, durationsNs: [] };
      nodes.set(id, acc);
    } else if (KIND_STRENGTH[kind] > KIND_STRENGTH[acc.kind]) {
      // a peer is a database as soon as one caller says so: the strongest evidence wins
      acc.kind = kind;
    }
    return acc;
  };
  for (const trace of traces) {
    spanTotal += trace.spans.length;
    const traceOffsetNs = Number(trace.startUnixNano - rangeStartNs);
    if (traceOffsetNs + trace.durationNs <= 0 || traceOffsetNs > rangeNs) continue;
    const spans = trace.spans;
    const inRange = (span: Span): boolean => intervalOfOffset(traceOffsetNs + span.startNs, stepNs, rangeNs) >= 0;

    forEachServiceCall(trace, (from, to, toPeer, _kind, index) => {
      const span = spans[index] as Span;
      if (!inRange(span)) return;
      const fromId = serviceNodeId(from);
      const toId = toPeer ? peerNodeId(to) : serviceNodeId(to);
      const key = `${fromId}\u0000${toId}`;
      let acc = edges.get(key);
      if (acc === undefined) {
        acc = { from: fromId, to: toId, calls: 0, errors: 0, durationsNs: [] };
        edges.set(key, acc);
      }
      record(acc, span);
      node(fromId, from, 'service');
      if (toPeer) record(node(toId, to, peerKind(span)), span);
    });
    // a service's requests: its spans that are roots or were called from another service
    const { parent } = treeIndex(trace);
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i] as Span;
      const p = parent[i] as number;
      if (p >= 0 && (spans[p] as Span).service === span.service) continue;
      if (!inRange(span)) continue;
      record(node(serviceNodeId(span.service), span.service, 'service'), span);
    }
  }

  const seconds = rangeSeconds(range);
  const nodeList: SystemGraphNode[] = [...nodes.entries()]
    .map(([id, acc]) => ({ id, name: acc.name, kind: acc.kind, ...figures(acc, seconds) }))
    .sort((a, b) => compareText(a.id, b.id));
  const edgeList: SystemGraphEdge[] = [...edges.values()]
    .map((acc) => {
      const f = figures(acc, seconds);
      return { from: acc.from, to: acc.to, callCount: acc.calls, callsPerSecond: f.ratePerSecond ?? 0, errorFraction: f.errorFraction, p90Ms: f.p90Ms };
    })
    .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to));
  return { range, nodes: nodeList, edges: edgeList, origin: origin ?? { kind: 'sample', traces: traces.length, spans: spanTotal, limited: false, reason: 'computed from the traces at hand' } };
}

interface StatsAcc {
  calls: number;
  errors: number;
  readonly durationsNs: number[];
}

interface NodeAcc extends StatsAcc {
  readonly name: string;
  kind: SystemGraphNode['kind'];
}

interface EdgeAcc extends StatsAcc {
  readonly from: string;
  readonly to: string;
}

function record(acc: StatsAcc, span: Span): void {
  acc.calls++;
  if (span.status.code === 'error') acc.errors++;
  acc.durationsNs.push(span.endNs - span.startNs);
}

const KIND_STRENGTH: Readonly<Record<SystemGraphNode['kind'], number>> = { service: 3, database: 2, messaging: 1, external: 0 };

function figures(acc: StatsAcc, seconds: number): Pick<SystemGraphNode, 'ratePerSecond' | 'errorFraction' | 'p90Ms'> {
  if (acc.calls === 0) return { ratePerSecond: 0, errorFraction: undefined, p90Ms: undefined };
  const sorted = Float64Array.from(acc.durationsNs).sort();
  return { ratePerSecond: seconds > 0 ? acc.calls / seconds : 0, errorFraction: acc.errors / acc.calls, p90Ms: nearestRank(sorted, 90) / 1e6 };
}

function peerKind(span: Span): SystemGraphNode['kind'] {
  const attributes = span.attributes;
  if (DATABASE_ATTRIBUTES.some((key) => has(attributes, key))) return 'database';
  if (span.kind === 'producer' || span.kind === 'consumer' || MESSAGING_ATTRIBUTES.some((key) => has(attributes, key))) return 'messaging';
  return 'external';
}

function has(attributes: readonly Attribute[], key: string): boolean {
  for (const a of attributes) if (a.key === key) return true;
  return false;
}
