import { describe, expect, it } from 'vitest';
import { traceOf, wideTrace } from '../trace/__fixtures__/make-trace';
import { flameChartLayout, type FlameChartLayout } from './flame-chart-layout';
import { flameGraphLayout } from './flame-graph-layout';
import { visibleFrames } from './flame-hit-test';
import { levelOfDetail, type FlameRuns } from './flame-level-of-detail';
import { randomFanOutTrace } from './flame-test-traces';

/** Each run of a row as "start-end×count", to read small cases at a glance. */
const runsOfRow = (runs: FlameRuns, row: number): string[] => {
  const out: string[] = [];
  for (let k = runs.rowOffsets[row - runs.firstRow] as number; k < (runs.rowOffsets[row - runs.firstRow + 1] as number); k++) out.push(`${runs.startX[k]}-${runs.endX[k]}×${runs.itemCount[k]}`);
  return out;
};

/** Runs cover the visible frames of each row exactly once, in order. */
function expectRunsCoverVisibleFrames(layout: FlameChartLayout, runs: FlameRuns, fromNs: number, toNs: number): void {
  for (let row = runs.firstRow; row < runs.firstRow + runs.rowOffsets.length - 1; row++) {
    const { from, to } = visibleFrames(layout, row, fromNs, toNs);
    let position = from;
    for (let k = runs.rowOffsets[row - runs.firstRow] as number; k < (runs.rowOffsets[row - runs.firstRow + 1] as number); k++) {
      expect(runs.firstPosition[k]).toBe(position);
      expect(runs.item[k]).toBe(layout.rowFrames[position]);
      position += runs.itemCount[k] as number;
    }
    expect(position).toBe(to);
  }
}

describe('levelOfDetail', { timeout: 30_000 }, () => {
  //  r [0 ....................................... 100]
  //    a [0 . 2] b [3 . 4] c [4.5 . 5]  d [6 ..... 40]  e [50 . 50.2]
  //  at 1 px per 10 ns: a, b, c start within 10 ns of a → one merged run; d is 3.4 px: its own;
  //  e is narrow but alone
  it('merges frames narrower than a pixel that start within a pixel of each other; keeps wide ones whole', () => {
    const trace = traceOf([
      { id: 'r', start: 0, end: 1000 },
      { id: 'a', parent: 'r', start: 0, end: 20 },
      { id: 'b', parent: 'r', start: 30, end: 40 },
      { id: 'c', parent: 'r', start: 45, end: 50 },
      { id: 'd', parent: 'r', start: 60, end: 400 },
      { id: 'e', parent: 'r', start: 500, end: 502 },
    ]);
    const layout = flameChartLayout(trace);
    const runs = levelOfDetail(layout, { fromNs: 0, toNs: 1000, pxPerNs: 1 / 100 });
    expect(runsOfRow(runs, 0)).toEqual(['0-1000×1']);
    expect(runsOfRow(runs, 1)).toEqual(['0-50×3', '60-400×1', '500-502×1']);
    // a wide frame that starts inside a narrow one's pixel is not swallowed
    const zoomed = levelOfDetail(layout, { fromNs: 0, toNs: 1000, pxPerNs: 1 / 40 });
    expect(runsOfRow(zoomed, 1)).toEqual(['0-40×2', '45-50×1', '60-400×1', '500-502×1']);
    // zoomed in far enough, every frame is its own run
    expect(runsOfRow(levelOfDetail(layout, { fromNs: 0, toNs: 1000, pxPerNs: 1 }), 1)).toHaveLength(5);
    expectRunsCoverVisibleFrames(layout, runs, 0, 1000);
  });

  it.each([200, 1000, 3000])('bounds the runs of a 200,000-frame row by the pixel width (%i px)', (widthPx) => {
    const trace = wideTrace(200_000); // children 1 ns wide, 1 ns apart, over 400,001 ns
    const layout = flameChartLayout(trace);
    const runs = levelOfDetail(layout, { fromNs: 0, toNs: trace.durationNs, pxPerNs: widthPx / trace.durationNs });
    const rowRuns = (runs.rowOffsets[2] as number) - (runs.rowOffsets[1] as number);
    expect(rowRuns).toBeLessThanOrEqual(2 * widthPx + 4);
    expect(rowRuns).toBeGreaterThanOrEqual(widthPx / 2);
    expectRunsCoverVisibleFrames(layout, runs, 0, trace.durationNs);
  });

  it('bounds every row of a 10,000-span generated trace, over any window, and covers what is visible', () => {
    const trace = randomFanOutTrace(10_000, 21);
    const layout = flameChartLayout(trace);
    for (const [fromNs, toNs] of [[0, trace.durationNs], [1_000_000, 1_200_000], [5_000_000, 5_000_500]] as const) {
      const widthPx = 800;
      const runs = levelOfDetail(layout, { fromNs, toNs, pxPerNs: widthPx / (toNs - fromNs) });
      for (let r = 0; r < layout.rowCount; r++) expect((runs.rowOffsets[r + 1] as number) - (runs.rowOffsets[r] as number)).toBeLessThanOrEqual(2 * widthPx + 4);
      expectRunsCoverVisibleFrames(layout, runs, fromNs, toNs);
    }
  });

  it('covers only the rows asked for', () => {
    const layout = flameChartLayout(randomFanOutTrace(2000, 2));
    const runs = levelOfDetail(layout, { fromNs: 0, toNs: 1e7, pxPerNs: 1e-4, firstRow: 3, rowEnd: 7 });
    expect(runs.firstRow).toBe(3);
    expect(runs.rowOffsets).toHaveLength(5);
  });

  it('works on the flame graph in units', () => {
    const graph = flameGraphLayout(wideTrace(10_000));
    const runs = levelOfDetail(graph, { fromUnits: 0, toUnits: graph.totalUnits, pxPerUnit: 100 / graph.totalUnits });
    expect(runs.rowOffsets).toHaveLength(graph.rowCount + 1);
    expect((runs.rowOffsets[3] as number) - (runs.rowOffsets[2] as number)).toBeLessThanOrEqual(204);
  });

  it('rejects a scale that is not a positive number', () => {
    const layout = flameChartLayout(wideTrace(3));
    expect(() => levelOfDetail(layout, { fromNs: 0, toNs: 10, pxPerNs: 0 })).toThrow(RangeError);
    expect(() => levelOfDetail(layout, { fromNs: 0, toNs: 10, pxPerNs: Number.NaN })).toThrow(RangeError);
  });
});
