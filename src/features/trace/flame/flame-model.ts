import {
  criticalIntervalsByFrame,
  criticalNsByNode,
  criticalSpanMask,
  flameChartLayout,
  flameGraphLayout,
  type FlameChartLayout,
  type FlameCriticalIntervals,
  type FlameGraphLayout,
  type FlameLayout,
  type Span,
  type Trace,
} from '../../../core';
import type { FlameStyle } from '../../../render/flame-painter';
import { serviceColor } from '../../../ui/service-color';
import type { TraceAnalyses } from '../trace-model';
import { workerFlameLayout } from '../../../state/worker-flame-layouts';
import type { FlameColorMode, FlameOrder } from '../../../state/flame-url';

/**
 * The flame view's layouts and overlays, computed once per trace object (STYLE.md
 * rule 7: derived data is memoised by identity, never stored), so switching modes or
 * views back and forth costs nothing the second time.
 */
export interface FlameChartModel {
  readonly layout: FlameChartLayout;
  readonly critical: FlameCriticalIntervals;
  /** per span: 1 when any of its time is on the critical path */
  readonly onPath: Uint8Array;
  /** per span: ns of its time on the critical path */
  readonly criticalNs: Float64Array;
  /** read on first use (colour by self time): it needs the self times, which the first paint does not */
  readonly maxSelfNs: number;
}

export interface FlameGraphModel {
  readonly layout: FlameGraphLayout;
  readonly criticalNs: Float64Array;
  /** per node: criticalNs / totalNs */
  readonly criticalShare: Float64Array;
  /** per node: merged spans with error status */
  readonly errorCount: Int32Array;
  /** per node: merged spans with ok status (the rest are unset) */
  readonly okCount: Int32Array;
  readonly maxSelfNs: number;
}

const charts = new WeakMap<Trace, FlameChartModel>();
const graphs = new WeakMap<Trace, Map<FlameOrder, FlameGraphModel>>();

export function flameChartModel(analyses: TraceAnalyses): FlameChartModel {
  const { trace } = analyses;
  let found = charts.get(trace);
  if (!found) {
    // the protobuf worker's, when it laid this trace out (FlameView waits for it)
    const layout = workerFlameLayout(trace, 'chart') ?? flameChartLayout(trace, { parent: analyses.parent, subtreeEnd: analyses.subtreeEnd });
    const segments = analyses.critical.segments;
    const criticalNs = new Float64Array(trace.spans.length);
    for (const s of segments) criticalNs[s.spanIndex] = (criticalNs[s.spanIndex] ?? 0) + (s.endNs - s.startNs);
    let maxSelfNs: number | undefined;
    found = {
      layout,
      critical: criticalIntervalsByFrame(layout, segments),
      onPath: criticalSpanMask(trace, segments),
      criticalNs,
      get maxSelfNs() {
        return (maxSelfNs ??= maxOf(analyses.selfTimeNs));
      },
    };
    charts.set(trace, found);
  }
  return found;
}

export function flameGraphModel(analyses: TraceAnalyses, order: FlameOrder): FlameGraphModel {
  const { trace } = analyses;
  let byOrder = graphs.get(trace);
  if (!byOrder) {
    byOrder = new Map();
    graphs.set(trace, byOrder);
  }
  let found = byOrder.get(order);
  if (!found) {
    const layout =
      workerFlameLayout(trace, `graph:${order}`) ?? flameGraphLayout(trace, { order, selfNs: analyses.selfTimeNs, tree: { parent: analyses.parent, subtreeEnd: analyses.subtreeEnd } });
    const criticalNs = criticalNsByNode(layout, analyses.critical.segments);
    const criticalShare = new Float64Array(layout.nodeCount);
    for (let i = 0; i < layout.nodeCount; i++) criticalShare[i] = (layout.totalNs[i] ?? 0) > 0 ? (criticalNs[i] ?? 0) / (layout.totalNs[i] as number) : 0;
    const errorCount = new Int32Array(layout.nodeCount);
    const okCount = new Int32Array(layout.nodeCount);
    trace.spans.forEach((span, i) => {
      const code = span.status.code;
      if (code === 'unset') return;
      const counts = code === 'error' ? errorCount : okCount;
      const node = layout.nodeOfSpan[i] as number;
      counts[node] = (counts[node] ?? 0) + 1;
    });
    let maxSelfNs = 0;
    for (let i = 1; i < layout.nodeCount; i++) maxSelfNs = Math.max(maxSelfNs, layout.selfNs[i] ?? 0);
    found = { layout, criticalNs, criticalShare, errorCount, okCount, maxSelfNs };
    byOrder.set(order, found);
  }
  return found;
}

function maxOf(values: Float64Array): number {
  // indexed: this runs once per trace, in code not yet optimised, where for…of over 100,000 values costs its iterator
  let max = 0;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > max) max = values[i] as number;
  return max;
}

/** Heat from pale to hot, in 8 steps: few distinct fills keep the colour legible (and the fill changes few). */
const HEAT = ['#fff1b8', '#fedb8b', '#fec35f', '#fda747', '#f8853b', '#ec6130', '#d83b27', '#b3161f'];
const ERROR_FILL = '#e15759';
const OK_FILL = '#a7b1bd';
const ROOT_FILL = '#c9ced6';

export function heatColor(fraction: number): string {
  const k = Math.min(HEAT.length - 1, Math.max(0, Math.floor(Math.sqrt(Math.max(0, fraction)) * HEAT.length)));
  return HEAT[k] as string;
}

export interface StyleOptions {
  readonly color: FlameColorMode;
  /** per span: 1 when find matches it; undefined when find is off */
  readonly matchMask: Uint8Array | undefined;
  readonly dimOffPath: boolean;
}

/** How each frame (time mode) looks: colour, dimmed, error, label. */
export function chartStyle(analyses: TraceAnalyses, model: FlameChartModel, options: StyleOptions): FlameStyle {
  const spans = analyses.trace.spans;
  const { layout, onPath } = model;
  const spanOf = (frame: number): Span | undefined => spans[layout.spanIndex[frame] ?? -1];
  // self times only when this colour mode asks for them (they are computed on first read)
  const heat = options.color === 'self' ? { self: analyses.selfTimeNs, max: model.maxSelfNs } : undefined;
  return {
    fillOf: (frame) => {
      const span = spanOf(frame);
      if (!span) return ROOT_FILL;
      if (options.color === 'errors') return span.status.code === 'error' ? ERROR_FILL : OK_FILL;
      if (heat) return heatColor(heat.max > 0 ? (heat.self[layout.spanIndex[frame] as number] ?? 0) / heat.max : 0);
      return serviceColor(span.service);
    },
    dimmedOf: (frame) => {
      const i = layout.spanIndex[frame] as number;
      if (options.matchMask && options.matchMask[i] !== 1) return true;
      return options.dimOffPath && onPath[i] !== 1;
    },
    errorOf: (frame) => spanOf(frame)?.status.code === 'error',
    labelOf: (frame) => spanOf(frame)?.name ?? '',
  };
}

/** How each node (aggregated mode) looks; a node matches find when any merged span does. */
export function graphStyle(model: FlameGraphModel, options: StyleOptions): FlameStyle {
  const { layout, criticalNs, errorCount, maxSelfNs } = model;
  let nodeMatch: Uint8Array | undefined;
  if (options.matchMask) {
    nodeMatch = new Uint8Array(layout.nodeCount);
    const mask = options.matchMask;
    for (let i = 0; i < mask.length; i++) if (mask[i] === 1) nodeMatch[layout.nodeOfSpan[i] as number] = 1;
  }
  const texts = layout.texts;
  return {
    fillOf: (node) => {
      if (node === 0) return ROOT_FILL;
      if (options.color === 'errors') return (errorCount[node] ?? 0) > 0 ? ERROR_FILL : OK_FILL;
      if (options.color === 'self') return heatColor(maxSelfNs > 0 ? (layout.selfNs[node] ?? 0) / maxSelfNs : 0);
      return serviceColor(texts[layout.serviceText[node] as number] ?? '');
    },
    dimmedOf: (node) => {
      if (node === 0) return false;
      if (nodeMatch && nodeMatch[node] !== 1) return true;
      return options.dimOffPath && (criticalNs[node] ?? 0) <= 0;
    },
    errorOf: (node) => (errorCount[node] ?? 0) > 0,
    labelOf: (node) => (node === 0 ? 'all spans' : `${layout.asyncStart[node] === 1 ? 'async: ' : ''}${texts[layout.nameText[node] as number] ?? ''}`),
  };
}

/** The top-level stacks of an aggregated layout: the roots' and the async work's, with their total time. */
export function graphStacks(layout: FlameGraphLayout): { roots: number; rootNs: number; async: number; asyncNs: number } {
  const stacks = { roots: 0, rootNs: 0, async: 0, asyncNs: 0 };
  for (let node = 1; node < layout.nodeCount; node = layout.subtreeEnd[node] as number) {
    if (layout.asyncStart[node] === 1) {
      stacks.async++;
      stacks.asyncNs += layout.totalNs[node] ?? 0;
    } else {
      stacks.roots++;
      stacks.rootNs += layout.totalNs[node] ?? 0;
    }
  }
  return stacks;
}

/**
 * A node's span statuses in OTLP's words, as span details name them: "unset" for one
 * span without a status, "1 error, 4 unset" for a mix.
 */
export function statusSummary(count: number, errors: number, oks: number): string {
  const unset = Math.max(0, count - errors - oks);
  const parts: [number, string][] = [
    [errors, 'error'],
    [oks, 'ok'],
    [unset, 'unset'],
  ];
  const present = parts.filter(([n]) => n > 0);
  if (present.length === 1 && count === 1) return (present[0] as [number, string])[1];
  return present.map(([n, word]) => `${n} ${word}`).join(', ');
}

/** The span a frame or node stands for (a node: its first merged span); -1 for the virtual root. */
export function spanOfItem(layout: FlameLayout, item: number): number {
  return layout.kind === 'chart' ? (layout.spanIndex[item] ?? -1) : (layout.firstSpanIndex[item] ?? -1);
}

/** The frame or node that shows a span. */
export function itemOfSpan(layout: FlameLayout, spanIndex: number): number {
  if (spanIndex < 0) return -1;
  return layout.kind === 'chart' ? (layout.frameOfSpan[spanIndex] ?? -1) : (layout.nodeOfSpan[spanIndex] ?? -1);
}

/** Row positions: the previous / next item in the same row (keyboard ←/→), or -1. */
export function rowNeighbour(layout: FlameLayout, item: number, direction: 1 | -1): number {
  const { rows } = layout;
  const row = layout.row[item];
  if (row === undefined) return -1;
  const from = rows.rowOffsets[row] as number;
  const to = rows.rowOffsets[row + 1] as number;
  // binary search by start, then step over equal starts to the item itself
  const startX = rows.startX[item] as number;
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows.startX[rows.rowItems[mid] as number] as number) < startX) lo = mid + 1;
    else hi = mid;
  }
  while (lo < to && rows.rowItems[lo] !== item) lo++;
  const next = lo + direction;
  return lo < to && next >= from && next < to ? (rows.rowItems[next] as number) : -1;
}

/** The first child of a frame or node (keyboard ↓), or -1: both layouts are in depth-first order. */
export function firstChild(layout: FlameLayout, item: number): number {
  // both layouts number items in depth-first order: a first child follows its parent directly
  return parentOf(layout, item + 1) === item ? item + 1 : -1;
}

export function parentOf(layout: FlameLayout, item: number): number {
  return (layout.kind === 'chart' ? layout.parentFrame[item] : layout.parent[item]) ?? -1;
}
