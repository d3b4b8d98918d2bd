import { describe, expect, it } from 'vitest';
import { traceFixtures } from '../formats/__fixtures__';
import { parseTraces } from '../formats/parse-traces';
import type { Trace } from '../model/trace';
import { name, traceOf } from '../trace/__fixtures__/make-trace';
import { flameChartLayout, type FlameChartLayout } from './flame-chart-layout';
import { flameGraphLayout } from './flame-graph-layout';
import { frameAt, visibleFrames } from './flame-hit-test';
import { randomFanOutTrace, seededRandom, traceOfNamed } from './flame-test-traces';

//  p [0 ............................. 100]     row 0
//    a [0 ...... 40]   c [50 ... 80]            row 1
//      a1 [5 . 20]                              row 2
//     b [10 ........... 60]                     row 3
const trace = traceOf([
  { id: 'p', start: 0, end: 100 },
  { id: 'a', parent: 'p', start: 0, end: 40 },
  { id: 'a1', parent: 'a', start: 5, end: 20 },
  { id: 'b', parent: 'p', start: 10, end: 60 },
  { id: 'c', parent: 'p', start: 50, end: 80 },
]);
const layout = flameChartLayout(trace);
const spanName = (t: Trace, l: FlameChartLayout, frame: number): string => (frame < 0 ? '-' : name(t.spans[l.spanIndex[frame] as number]?.spanId ?? '?'));

describe('frameAt (flame chart)', { timeout: 30_000 }, () => {
  it.each([
    [0, 0, 'p'],
    [0, 99, 'p'],
    [0, 100, '-'], // frames are half-open: the end belongs to the gap after
    [1, 0, 'a'],
    [1, 39.5, 'a'],
    [1, 40, '-'],
    [1, 45, '-'], // gap between a and c
    [1, 50, 'c'],
    [1, 79, 'c'],
    [1, 80, '-'],
    [2, 4, '-'],
    [2, 5, 'a1'],
    [3, 30, 'b'],
    [-1, 30, '-'],
    [4, 30, '-'], // below the last row
    [0.5, 30, '-'], // not a row
    [0, -5, '-'],
  ])('row %d at %d ns → %s', (row, timeNs, expected) => {
    expect(spanName(trace, layout, frameAt(layout, row, timeNs))).toBe(expected);
  });

  it('agrees with a linear scan at 20,000 random points of the SmartThings trace and a 10,000-span generated one', () => {
    const random = seededRandom(9);
    for (const t of [parseTraces(traceFixtures['zipkin/smartthings-mobile-web-install.json']).traces[0] as Trace, randomFanOutTrace(10_000, 4)]) {
      const l = flameChartLayout(t);
      const problems: string[] = [];
      for (let k = 0; k < 10_000; k++) {
        const row = Math.floor(random() * (l.rowCount + 1));
        // half the points on frame edges, where off-by-one errors live
        const edge = Math.floor(random() * l.frameCount);
        const timeNs = random() < 0.5 ? (random() < 0.5 ? (l.startNs[edge] as number) : (l.endNs[edge] as number)) : random() * t.durationNs;
        let expected = -1;
        for (let f = 0; f < l.frameCount; f++) if (l.row[f] === row && (l.startNs[f] as number) <= timeNs && timeNs < (l.endNs[f] as number)) expected = f;
        const got = frameAt(l, row, timeNs);
        if (got !== expected) problems.push(`row ${row} at ${timeNs}: ${got}, expected ${expected}`);
      }
      expect(problems.slice(0, 5)).toEqual([]);
    }
  });
});

describe('visibleFrames (culling)', { timeout: 30_000 }, () => {
  it.each([
    [1, 0, 100, ['a', 'c']],
    [1, 40, 50, []], // exactly the gap
    [1, 39, 51, ['a', 'c']],
    [1, 45, 55, ['c']],
    [1, 80, 200, []],
    [3, 0, 10, []], // b starts at 10: [0, 10) does not reach it
    [3, 0, 11, ['b']],
    [1, 50, 50, []], // empty window
  ] as const)('row %d, window [%d, %d) → %j', (row, fromNs, toNs, expected) => {
    const { from, to } = visibleFrames(layout, row, fromNs, toNs);
    expect(Array.from(layout.rowFrames.subarray(from, to), (f) => spanName(trace, layout, f))).toEqual(expected);
  });

  it('agrees with a linear scan over random windows of a 10,000-span generated trace', () => {
    const t = randomFanOutTrace(10_000, 8);
    const l = flameChartLayout(t);
    const random = seededRandom(3);
    for (let k = 0; k < 300; k++) {
      const row = Math.floor(random() * l.rowCount);
      const fromNs = random() * t.durationNs;
      const toNs = fromNs + random() * t.durationNs * 0.1;
      const { from, to } = visibleFrames(l, row, fromNs, toNs);
      const got = Array.from(l.rowFrames.subarray(from, to)).sort((x, y) => x - y);
      const expected: number[] = [];
      for (let f = 0; f < l.frameCount; f++) if (l.row[f] === row && (l.endNs[f] as number) > fromNs && (l.startNs[f] as number) < toNs) expected.push(f);
      expect(got).toEqual(expected);
    }
  });
});

describe('frameAt (flame graph)', () => {
  //  all [0 ........ 30)
  //    api:a [0 ........ 30)
  //      db:q [0 . 20)  db:x [20 . 30)     (the two db:q spans merged)
  const graph = flameGraphLayout(
    traceOfNamed([
      { id: 'r', start: 0, end: 30, service: 'api', op: 'a' },
      { id: 'q1', parent: 'r', start: 0, end: 10, service: 'db', op: 'q' },
      { id: 'q2', parent: 'r', start: 10, end: 20, service: 'db', op: 'q' },
      { id: 'x', parent: 'r', start: 20, end: 30, service: 'db', op: 'x' },
    ]),
  );
  const label = (node: number): string => (node < 0 ? '-' : node === 0 ? 'all' : `${graph.texts[graph.serviceText[node] as number]}:${graph.texts[graph.nameText[node] as number]}`);

  it.each([
    [0, 29, 'all'],
    [1, 0, 'api:a'],
    [2, 0, 'db:q'],
    [2, 19.9, 'db:q'],
    [2, 20, 'db:x'],
    [2, 30, '-'],
    [3, 5, '-'],
  ])('row %d at %d units → %s', (row, units, expected) => {
    expect(label(frameAt(graph, row, units))).toBe(expected);
  });

  it('culls by units', () => {
    const { from, to } = visibleFrames(graph, 2, 21, 25);
    expect(Array.from(graph.rowNodes.subarray(from, to), label)).toEqual(['db:x']);
  });
});
