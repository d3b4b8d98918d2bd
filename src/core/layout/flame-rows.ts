/**
 * Items (flame-chart frames or flame-graph nodes) grouped by row, each row sorted by
 * start, in CSR form: row r holds `rowItems[rowOffsets[r] … rowOffsets[r + 1] - 1]`.
 *
 * Both layouts guarantee that items of one row never overlap (item k ends at or before
 * item k + 1 starts), so starts and ends are both sorted along a row and one binary
 * search on either finds a position: O(log n) per hover, which keeps a 1,000,000-span
 * trace's hit-test at ~20 comparisons.
 *
 * x is in the layout's own space: ns since the trace start for the flame chart,
 * aggregate units for the flame graph. Items are half-open [startX, endX): a
 * zero-length item is drawn (at a minimum width, by the painter) but never hit.
 */
export interface FlameRows {
  readonly rowCount: number;
  /** length rowCount + 1 */
  readonly rowOffsets: Int32Array;
  readonly rowItems: Int32Array;
  readonly startX: Float64Array;
  readonly endX: Float64Array;
}

/**
 * CSR of items by row: a stable counting sort by row (O(n)), then each row sorted by
 * start, end and index unless it already is (the depth-first order leaves most rows
 * sorted, so the sort usually costs one check per item).
 */
export function groupByRow(row: Int32Array, rowCount: number, startX: Float64Array, endX: Float64Array): { rowOffsets: Int32Array; rowItems: Int32Array } {
  const n = row.length;
  const rowOffsets = new Int32Array(rowCount + 1);
  for (let i = 0; i < n; i++) {
    const slot = (row[i] as number) + 1;
    rowOffsets[slot] = (rowOffsets[slot] as number) + 1;
  }
  for (let r = 0; r < rowCount; r++) rowOffsets[r + 1] = (rowOffsets[r + 1] as number) + (rowOffsets[r] as number);
  const next = rowOffsets.slice(0, rowCount);
  const rowItems = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = row[i] as number;
    rowItems[next[r] as number] = i;
    next[r] = (next[r] as number) + 1;
  }
  const before = (a: number, b: number): number =>
    (startX[a] as number) - (startX[b] as number) || (endX[a] as number) - (endX[b] as number) || a - b;
  for (let r = 0; r < rowCount; r++) {
    const from = rowOffsets[r] as number;
    const to = rowOffsets[r + 1] as number;
    for (let k = from + 1; k < to; k++) {
      if (before(rowItems[k - 1] as number, rowItems[k] as number) > 0) {
        rowItems.subarray(from, to).sort(before);
        break;
      }
    }
  }
  return { rowOffsets, rowItems };
}

/** Lowest position in `row` whose item ends after x (the row's end if none). */
export function firstEndingAfter(rows: FlameRows, row: number, x: number): number {
  return firstPosition(rows, row, rows.endX, x, false);
}

/** Lowest position in `row` whose item starts at or after x (the row's end if none). */
export function firstStartingAtOrAfter(rows: FlameRows, row: number, x: number): number {
  return firstPosition(rows, row, rows.startX, x, true);
}

/** Lowest position in `row` whose item starts after x (the row's end if none). */
export function firstStartingAfter(rows: FlameRows, row: number, x: number): number {
  return firstPosition(rows, row, rows.startX, x, false);
}

/**
 * The one binary search behind the three above: the lowest position in `row`
 * whose item's `edges` value is > x (or >= x when `orEqual`). A row's items are
 * sorted by start, and (no overlaps within a row) by end too.
 */
function firstPosition(rows: FlameRows, row: number, edges: Float64Array, x: number, orEqual: boolean): number {
  const { rowItems } = rows;
  let lo = rows.rowOffsets[row] as number;
  let hi = rows.rowOffsets[row + 1] as number;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const edge = edges[rowItems[mid] as number] as number;
    if (edge > x || (orEqual && edge === x)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
