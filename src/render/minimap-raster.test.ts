import { describe, expect, it } from 'vitest';
import { rasterMinimap, type RasterInput } from './minimap-raster';

function input(spans: readonly (readonly [start: number, end: number, colour: number])[], durationNs: number, colourCount: number): RasterInput {
  return {
    durationNs,
    spanCount: spans.length,
    startNs: Float64Array.from(spans.map((s) => s[0])),
    endNs: Float64Array.from(spans.map((s) => s[1])),
    colourIndex: Uint16Array.from(spans.map((s) => s[2])),
    colourCount,
  };
}

function row(grid: ReturnType<typeof rasterMinimap>, y: number): number[] {
  return [...grid.pixels.subarray(y * grid.widthPx, (y + 1) * grid.widthPx)];
}

describe('rasterMinimap', () => {
  it('puts span i on pixel row floor(i × rows / spans) and covers its time range', () => {
    // 4 spans on 2 pixel rows of 10 px, duration 100 ns: 10 ns a pixel
    const grid = rasterMinimap(input([[0, 100, 0], [20, 40, 1], [50, 60, 0], [90, 100, 1]], 100, 2), 10, 2);
    expect(row(grid, 0)).toEqual([1, 1, 2, 2, 1, 1, 1, 1, 1, 1]);
    expect(row(grid, 1)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
  });

  it('gives a zero-length span one pixel, and clamps times outside the trace', () => {
    const grid = rasterMinimap(input([[30, 30, 0], [-50, 500, 1]], 100, 2), 10, 2);
    expect(row(grid, 0)).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(row(grid, 1)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
  });

  it('lets the highest colour win where colours overlap, as painting colour groups in order does', () => {
    const grid = rasterMinimap(input([[0, 50, 2], [0, 100, 0], [40, 60, 1]], 100, 3), 10, 1);
    expect(row(grid, 0)).toEqual([3, 3, 3, 3, 3, 2, 1, 1, 1, 1]);
  });

  it('costs one counter update per span, so a 100,000-deep full-width chain still fills every row', () => {
    const n = 100_000;
    const spans = Array.from({ length: n }, (_, i) => [i / 1000, 2 * n - i / 1000, i % 4] as const);
    const grid = rasterMinimap(input(spans, 2 * n, 4), 200, 64);
    for (let y = 0; y < 64; y++) expect(row(grid, y).every((c) => c > 0)).toBe(true);
  });

  it('handles an empty trace and a zero duration', () => {
    expect(rasterMinimap(input([], 0, 0), 5, 2).pixels.every((c) => c === 0)).toBe(true);
    expect(row(rasterMinimap(input([[0, 0, 0]], 0, 1), 5, 1), 0)).toEqual([1, 0, 0, 0, 0]);
  });
});
