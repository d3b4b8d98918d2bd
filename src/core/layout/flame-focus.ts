/**
 * Drill-down: the x window that fits one frame (zoom to it) and the chain of its
 * ancestors (the breadcrumb above the flame graph).
 */
import type { FlameChartLayout } from './flame-chart-layout';
import type { FlameGraphLayout } from './flame-graph-layout';
import type { FlameLayout } from './flame-hit-test';

export interface TimeWindow {
  readonly startNs: number;
  readonly endNs: number;
}

export interface UnitsWindow {
  readonly startUnits: number;
  readonly endUnits: number;
}

/**
 * The frame's own extent. A zero-length frame gets a 1-unit window centred on it, so a
 * scale built from the window never divides by zero.
 */
export function focusWindow(layout: FlameChartLayout, frame: number): TimeWindow;
export function focusWindow(layout: FlameGraphLayout, node: number): UnitsWindow;
export function focusWindow(layout: FlameLayout, index: number): TimeWindow | UnitsWindow {
  const start = layout.rows.startX[index];
  const end = layout.rows.endX[index];
  if (start === undefined || end === undefined) throw new RangeError(`no ${layout.kind === 'chart' ? 'frame' : 'node'} ${index}`);
  const [from, to] = end > start ? [start, end] : [start - 0.5, start + 0.5];
  return layout.kind === 'chart' ? { startNs: from, endNs: to } : { startUnits: from, endUnits: to };
}

/**
 * Ancestors of a frame (span parents) or node (node parents), root first, without the
 * frame itself. For the flame graph the virtual root (node 0) comes first.
 * O(depth), iterative: a 100,000-deep chain gives a 99,999-entry breadcrumb, no overflow.
 */
export function ancestorsOf(layout: FlameLayout, index: number): Int32Array {
  const parent = layout.kind === 'chart' ? layout.parentFrame : layout.parent;
  if (parent[index] === undefined) throw new RangeError(`no ${layout.kind === 'chart' ? 'frame' : 'node'} ${index}`);
  let count = 0;
  for (let at = parent[index] as number; at >= 0; at = parent[at] as number) count++;
  const chain = new Int32Array(count);
  for (let at = parent[index] as number, k = count - 1; at >= 0; at = parent[at] as number, k--) chain[k] = at;
  return chain;
}
