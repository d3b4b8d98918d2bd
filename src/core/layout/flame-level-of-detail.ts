/**
 * Level of detail: what to draw in each row so that a draw pass costs pixels, not
 * spans. A frame at least `minWidthPx` wide is its own run; a narrower one starts a
 * merged run that swallows every frame starting within `minWidthPx` of it (the painter
 * draws it as one "many small frames" block). So consecutive narrow runs start at
 * least minWidthPx apart, wide ones are at least that wide and never overlap, and a
 * row of a 1,000-px viewport yields at most ~2,000 runs whether it holds 10 frames or
 * 1,000,000. Each run costs one binary search, never a walk over the frames it hides.
 */
import type { FlameChartLayout } from './flame-chart-layout';
import type { FlameGraphLayout } from './flame-graph-layout';
import type { FlameLayout } from './flame-hit-test';
import { firstEndingAfter, firstStartingAtOrAfter, type FlameRows } from './flame-rows';

/** A window of the layout's x space and its scale, plus the rows to cover. */
export interface XWindow {
  readonly fromX: number;
  readonly toX: number;
  readonly pxPerX: number;
  /** frames narrower than this merge; 1 px by default */
  readonly minWidthPx?: number;
  /** rows [firstRow, rowEnd), all rows by default (cull vertically by passing the visible ones) */
  readonly firstRow?: number;
  readonly rowEnd?: number;
}

export interface ChartWindow {
  readonly fromNs: number;
  readonly toNs: number;
  readonly pxPerNs: number;
  readonly minWidthPx?: number;
  readonly firstRow?: number;
  readonly rowEnd?: number;
}

export interface GraphWindow {
  readonly fromUnits: number;
  readonly toUnits: number;
  readonly pxPerUnit: number;
  readonly minWidthPx?: number;
  readonly firstRow?: number;
  readonly rowEnd?: number;
}

/**
 * Runs to draw, by row: runs of row firstRow + k are rowOffsets[k] … rowOffsets[k + 1] - 1.
 * Extents are in the layout's x space (ns for the flame chart, units for the flame graph).
 */
export interface FlameRuns {
  readonly firstRow: number;
  readonly rowOffsets: Int32Array;
  readonly startX: Float64Array;
  readonly endX: Float64Array;
  /** the run's first frame (or node); the only one when itemCount is 1 */
  readonly item: Int32Array;
  /** position of that item in rowFrames / rowNodes; the run's items follow it */
  readonly firstPosition: Int32Array;
  readonly itemCount: Int32Array;
}

export function levelOfDetail(layout: FlameChartLayout, window: ChartWindow): FlameRuns;
export function levelOfDetail(layout: FlameGraphLayout, window: GraphWindow): FlameRuns;
export function levelOfDetail(layout: FlameLayout, window: ChartWindow | GraphWindow): FlameRuns {
  const common = { minWidthPx: window.minWidthPx, firstRow: window.firstRow, rowEnd: window.rowEnd };
  const x: XWindow =
    'fromNs' in window
      ? { ...common, fromX: window.fromNs, toX: window.toNs, pxPerX: window.pxPerNs }
      : { ...common, fromX: window.fromUnits, toX: window.toUnits, pxPerX: window.pxPerUnit };
  return runsOf(layout.rows, x);
}

export function runsOf(rows: FlameRows, window: XWindow): FlameRuns {
  const { fromX, toX, pxPerX } = window;
  const minWidthPx = window.minWidthPx ?? 1;
  if (!(pxPerX > 0) || !Number.isFinite(pxPerX)) throw new RangeError(`pxPerX must be a positive number, not ${pxPerX}`);
  if (!(minWidthPx > 0)) throw new RangeError(`minWidthPx must be positive, not ${minWidthPx}`);
  const firstRow = Math.max(0, Math.min(rows.rowCount, window.firstRow ?? 0));
  const rowEnd = Math.max(firstRow, Math.min(rows.rowCount, window.rowEnd ?? rows.rowCount));
  const minX = minWidthPx / pxPerX;
  const { rowItems, startX, endX } = rows;

  const rowOffsets = new Int32Array(rowEnd - firstRow + 1);
  const runStart: number[] = [];
  const runEnd: number[] = [];
  const runPosition: number[] = [];
  const runCount: number[] = [];
  for (let r = firstRow; r < rowEnd; r++) {
    let pos = fromX < toX ? firstEndingAfter(rows, r, fromX) : 0;
    const end = fromX < toX ? firstStartingAtOrAfter(rows, r, toX) : 0;
    while (pos < end) {
      const item = rowItems[pos] as number;
      const s = startX[item] as number;
      if ((endX[item] as number) - s >= minX) {
        runStart.push(s);
        runEnd.push(endX[item] as number);
        runPosition.push(pos);
        runCount.push(1);
        pos++;
        continue;
      }
      // swallow every item starting before s + minX (binary search within [pos + 1, end))
      let lo = pos + 1;
      let hi = end;
      const limitX = s + minX;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((startX[rowItems[mid] as number] as number) >= limitX) hi = mid;
        else lo = mid + 1;
      }
      // only the last one can be wide (the others end before the next starts, inside the pixel): keep it whole
      const last = rowItems[lo - 1] as number;
      if (lo - 1 > pos && (endX[last] as number) - (startX[last] as number) >= minX) lo--;
      runStart.push(s);
      runEnd.push(endX[rowItems[lo - 1] as number] as number);
      runPosition.push(pos);
      runCount.push(lo - pos);
      pos = lo;
    }
    rowOffsets[r - firstRow + 1] = runStart.length;
  }
  const firstPosition = Int32Array.from(runPosition);
  return {
    firstRow,
    rowOffsets,
    startX: Float64Array.from(runStart),
    endX: Float64Array.from(runEnd),
    item: firstPosition.map((p) => rowItems[p] as number),
    firstPosition,
    itemCount: Int32Array.from(runCount),
  };
}
