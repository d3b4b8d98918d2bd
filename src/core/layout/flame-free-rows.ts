/**
 * The rows under one parent frame that are still free, for first-fit lane packing:
 * "the lowest row r such that rows r … r + height - 1 are all free" in O(log rows).
 *
 * A segment tree over rows [0, 2^k) that keeps, per node, the longest free run at its
 * left end, at its right end and anywhere inside (the classic "hotel" tree). Nodes are
 * created only where a range update splits a uniform (all free or all taken) node, so
 * the cost is O(log rows) per update whatever the number of rows: a parent whose
 * children need 100,000 rows between them costs ~4·17 nodes per child, not 100,000.
 * Nodes live in typed arrays and the tree is reset, not reallocated, per parent.
 *
 * Range updates recurse, but only as deep as the tree (k ≤ 31), never as deep as the trace.
 */
export class FreeRows {
  // per node; node 0 is "none", node 1 the root. A node without children is uniform.
  private left = new Int32Array(256);
  private right = new Int32Array(256);
  private freeAtStart = new Int32Array(256);
  private freeAtEnd = new Int32Array(256);
  private longestFree = new Int32Array(256);
  private nodeCount = 2;
  private rowSpan = 1;

  /** Start over with every row free; `rowLimit` bounds the rows any later call touches. */
  reset(rowLimit: number): void {
    let span = 1;
    while (span < rowLimit) span *= 2;
    this.rowSpan = span;
    this.nodeCount = 2;
    this.left[1] = 0;
    this.right[1] = 0;
    this.setUniform(1, span, true);
  }

  /** Lowest row starting `height` free rows, or -1 if no run is long enough. */
  lowestFreeRun(height: number): number {
    const { left, right, freeAtStart, freeAtEnd, longestFree } = this;
    if ((longestFree[1] as number) < height) return -1;
    let node = 1;
    let fromRow = 0;
    let span = this.rowSpan;
    while ((left[node] as number) !== 0) {
      const half = span / 2;
      const l = left[node] as number;
      const r = right[node] as number;
      if ((longestFree[l] as number) >= height) {
        node = l;
      } else if ((freeAtEnd[l] as number) + (freeAtStart[r] as number) >= height) {
        return fromRow + half - (freeAtEnd[l] as number);
      } else {
        node = r;
        fromRow += half;
      }
      span = half;
    }
    return fromRow; // a uniform node with a long enough run is wholly free
  }

  /** Mark rows [fromRow, toRow) taken. */
  occupy(fromRow: number, toRow: number): void {
    this.update(1, 0, this.rowSpan, fromRow, toRow, false);
  }

  /** Mark rows [fromRow, toRow) free again. */
  release(fromRow: number, toRow: number): void {
    this.update(1, 0, this.rowSpan, fromRow, toRow, true);
  }

  private update(node: number, nodeFrom: number, span: number, fromRow: number, toRow: number, free: boolean): void {
    if (toRow <= nodeFrom || nodeFrom + span <= fromRow) return;
    if (fromRow <= nodeFrom && nodeFrom + span <= toRow) {
      this.left[node] = 0;
      this.right[node] = 0;
      this.setUniform(node, span, free);
      return;
    }
    const half = span / 2;
    if (this.left[node] === 0) {
      const wasFree = this.longestFree[node] === span;
      const l = this.newNode();
      const r = this.newNode();
      this.left[node] = l;
      this.right[node] = r;
      this.setUniform(l, half, wasFree);
      this.setUniform(r, half, wasFree);
    }
    const l = this.left[node] as number;
    const r = this.right[node] as number;
    this.update(l, nodeFrom, half, fromRow, toRow, free);
    this.update(r, nodeFrom + half, half, fromRow, toRow, free);
    const lStart = this.freeAtStart[l] as number;
    const lEnd = this.freeAtEnd[l] as number;
    const rStart = this.freeAtStart[r] as number;
    const rEnd = this.freeAtEnd[r] as number;
    this.freeAtStart[node] = lStart === half ? half + rStart : lStart;
    this.freeAtEnd[node] = rEnd === half ? half + lEnd : rEnd;
    this.longestFree[node] = Math.max(this.longestFree[l] as number, this.longestFree[r] as number, lEnd + rStart);
  }

  private setUniform(node: number, span: number, free: boolean): void {
    const run = free ? span : 0;
    this.freeAtStart[node] = run;
    this.freeAtEnd[node] = run;
    this.longestFree[node] = run;
  }

  private newNode(): number {
    if (this.nodeCount === this.left.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.left = grow(this.left);
      this.right = grow(this.right);
      this.freeAtStart = grow(this.freeAtStart);
      this.freeAtEnd = grow(this.freeAtEnd);
      this.longestFree = grow(this.longestFree);
    }
    const node = this.nodeCount++;
    this.left[node] = 0;
    this.right[node] = 0;
    return node;
  }
}
