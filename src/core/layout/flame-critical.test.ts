import { describe, expect, it } from 'vitest';
import { traceFixtures } from '../formats/__fixtures__';
import { parseTraces } from '../formats/parse-traces';
import type { Trace } from '../model/trace';
import { criticalPath } from '../trace/critical-path';
import { name, traceOf } from '../trace/__fixtures__/make-trace';
import { flameChartLayout } from './flame-chart-layout';
import { criticalIntervalsByFrame, criticalNsByNode } from './flame-critical';
import { flameGraphLayout } from './flame-graph-layout';
import { traceOfNamed } from './flame-test-traces';

describe('criticalIntervalsByFrame', () => {
  //  p [0 ........................................ 50]   critical: 0-2, 20-25, 40-50
  //    a [2 ............. 20]                             critical: 2-5, 10-20 (x holds 5-10)
  //         x [5 .. 10]                                   critical: 5-10
  //    b       [8 .. 15]                                  not critical: inside a's time, a ended last
  //                         c [25 ....... 40]             critical: 25-40
  it('gives each frame the intervals its own span holds the critical path, sorted by start', () => {
    const trace = traceOf([
      { id: 'p', start: 0, end: 50 },
      { id: 'a', parent: 'p', start: 2, end: 20 },
      { id: 'x', parent: 'a', start: 5, end: 10 },
      { id: 'b', parent: 'p', start: 8, end: 15 },
      { id: 'c', parent: 'p', start: 25, end: 40 },
    ]);
    const layout = flameChartLayout(trace);
    const critical = criticalIntervalsByFrame(layout, criticalPath(trace).segments);
    const byName = Object.fromEntries(
      trace.spans.map((s, i) => {
        const f = layout.frameOfSpan[i] as number;
        const intervals: [number, number][] = [];
        for (let k = critical.frameOffsets[f] as number; k < (critical.frameOffsets[f + 1] as number); k++) intervals.push([critical.startNs[k] as number, critical.endNs[k] as number]);
        return [name(s.spanId), intervals];
      }),
    );
    expect(byName).toEqual({
      p: [[0, 2], [20, 25], [40, 50]],
      a: [[2, 5], [10, 20]],
      x: [[5, 10]],
      b: [],
      c: [[25, 40]],
    });
  });

  it('over the SmartThings trace: intervals lie inside their frame and add up to the root duration', () => {
    const trace = parseTraces(traceFixtures['zipkin/smartthings-mobile-web-install.json']).traces[0] as Trace;
    const layout = flameChartLayout(trace);
    const critical = criticalIntervalsByFrame(layout, criticalPath(trace).segments);
    let sumNs = 0;
    const problems: string[] = [];
    for (let f = 0; f < layout.frameCount; f++) {
      for (let k = critical.frameOffsets[f] as number; k < (critical.frameOffsets[f + 1] as number); k++) {
        const s = critical.startNs[k] as number;
        const e = critical.endNs[k] as number;
        sumNs += e - s;
        if (s < (layout.startNs[f] as number) || e > (layout.endNs[f] as number)) problems.push(`frame ${f}: [${s}, ${e}) outside it`);
        if (k > (critical.frameOffsets[f] as number) && s < (critical.endNs[k - 1] as number)) problems.push(`frame ${f}: unsorted`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    const root = trace.roots[0];
    expect(sumNs).toBe((root?.endNs ?? 0) - (root?.startNs ?? 0));
  });
});

describe('criticalNsByNode', () => {
  it('sums the critical time of the spans merged into each node', () => {
    //  api:r [0 ...................... 30]
    //    db:q [0 .. 10]  db:q [11 .. 20]   both on the path: 10 + 9 = 19 ns for the merged node; r owns 10-11, 20-30
    const trace = traceOfNamed([
      { id: 'r', start: 0, end: 30, service: 'api', op: 'r' },
      { id: 'q1', parent: 'r', start: 0, end: 10, service: 'db', op: 'q' },
      { id: 'q2', parent: 'r', start: 11, end: 20, service: 'db', op: 'q' },
    ]);
    const graph = flameGraphLayout(trace);
    expect(Array.from(criticalNsByNode(graph, criticalPath(trace).segments))).toEqual([0, 11, 19]);
  });
});
