import { describe, expect, it } from 'vitest';
import { traceFixtures } from '../formats/__fixtures__';
import { parseTraces } from '../formats/parse-traces';
import type { Trace } from '../model/trace';
import { deepChain, traceOf, wideTrace, type SpanSpec } from '../trace/__fixtures__/make-trace';
import { flameChartLayout, flameChartLayoutOf } from './flame-chart-layout';
import { treeIndex } from '../trace/tree-index';
import { chartLayoutProblems, randomFanOutTrace, rowByName, seededRandom } from './flame-test-traces';

const layOut = (specs: readonly SpanSpec[]): { trace: Trace; rows: Record<string, number>; problems: string[] } => {
  const trace = traceOf(specs);
  const layout = flameChartLayout(trace);
  return { trace, rows: rowByName(trace, layout), problems: chartLayoutProblems(layout) };
};

describe('flameChartLayout: lanes (rows per span, by picture)', () => {
  const cases: { title: string; picture: string; specs: SpanSpec[]; rows: Record<string, number> }[] = [
    {
      title: 'children that follow each other share the row under their parent',
      picture: `
        p [0 ............................ 30]      row 0
          a [0 ..... 10]                           row 1
                    b [10 .... 20]                 row 1: starts where a ends
                              c [20 .. 30]         row 1`,
      specs: [
        { id: 'p', start: 0, end: 30 },
        { id: 'a', parent: 'p', start: 0, end: 10 },
        { id: 'b', parent: 'p', start: 10, end: 20 },
        { id: 'c', parent: 'p', start: 20, end: 30 },
      ],
      rows: { p: 0, a: 1, b: 1, c: 1 },
    },
    {
      title: 'parallel children take a lane each',
      picture: `
        p [0 ............................ 30]      row 0
          a [0 ............ 20]                    row 1
               b [5 ............ 25]               row 2: overlaps a
                    c [10 .............. 30]       row 3: overlaps a and b`,
      specs: [
        { id: 'p', start: 0, end: 30 },
        { id: 'a', parent: 'p', start: 0, end: 20 },
        { id: 'b', parent: 'p', start: 5, end: 25 },
        { id: 'c', parent: 'p', start: 10, end: 30 },
      ],
      rows: { p: 0, a: 1, b: 2, c: 3 },
    },
    {
      title: "a sibling that overlaps a subtree goes below the subtree's whole block; a later one reuses the freed lane",
      picture: `
        p [0 ............................. 100]     row 0
          a [0 ...... 40]   c [50 ... 80]            row 1: c starts after a's block ends
            a1 [5 . 20]                              row 2: a's block is rows 1-2
           b [10 ........... 60]                     row 3: overlaps a's block, so below it`,
      specs: [
        { id: 'p', start: 0, end: 100 },
        { id: 'a', parent: 'p', start: 0, end: 40 },
        { id: 'a1', parent: 'a', start: 5, end: 20 },
        { id: 'b', parent: 'p', start: 10, end: 60 },
        { id: 'c', parent: 'p', start: 50, end: 80 },
      ],
      rows: { p: 0, a: 1, a1: 2, b: 3, c: 1 },
    },
    {
      title: 'first fit: a two-row block drops into the two rows freed above a running sibling',
      picture: `
        p [0 ............................. 30]      row 0
          a [0 ..... 10]                            row 1 (block rows 1-2)
            a1 [0 .. 5]                             row 2
             b [2 ................ 20]              row 3: below a's block
                       c [12 ...... 18]             row 1: a is done, rows 1-2 are free again
                         c1 [12 . 15]               row 2
                              d [16 . 19]           row 4: rows 1-2 (c) and 3 (b) are busy`,
      specs: [
        { id: 'p', start: 0, end: 30 },
        { id: 'a', parent: 'p', start: 0, end: 10 },
        { id: 'a1', parent: 'a', start: 0, end: 5 },
        { id: 'b', parent: 'p', start: 2, end: 20 },
        { id: 'c', parent: 'p', start: 12, end: 18 },
        { id: 'c1', parent: 'c', start: 12, end: 15 },
        { id: 'd', parent: 'p', start: 16, end: 19 },
      ],
      rows: { p: 0, a: 1, a1: 2, b: 3, c: 1, c1: 2, d: 4 },
    },
    {
      title: "a child overhanging its parent widens the parent's block, so its parent's sibling steps aside",
      picture: `
        r [0 ............................. 40]      row 0
          p1 [0 .... 10]                            row 1
               x [5 ........ 20]                    row 2: ends after p1 (clock skew)
          p2           [12 ......... 30]            row 3: overlaps x, so below p1's block
                       y [12 . 15]                  row 4`,
      specs: [
        { id: 'r', start: 0, end: 40 },
        { id: 'p1', parent: 'r', start: 0, end: 10 },
        { id: 'x', parent: 'p1', start: 5, end: 20 },
        { id: 'p2', parent: 'r', start: 12, end: 30 },
        { id: 'y', parent: 'p2', start: 12, end: 15 },
      ],
      rows: { r: 0, p1: 1, x: 2, p2: 3, y: 4 },
    },
    {
      title: 'overlapping roots (an orphan beside the root) are stacked like siblings',
      picture: `
        a [0 ............ 20]                       row 0
          a1 [2 .. 8]                               row 1
        o      [5 ............... 30]               row 2: orphan, overlaps a's block
        z                          [40 .. 50]       row 0: another orphan, after both`,
      specs: [
        { id: 'a', start: 0, end: 20 },
        { id: 'a1', parent: 'a', start: 2, end: 8 },
        { id: 'o', parent: 'gone', start: 5, end: 30 },
        { id: 'z', parent: 'gone2', start: 40, end: 50 },
      ],
      rows: { a: 0, a1: 1, o: 2, z: 0 },
    },
    {
      title: 'zero-length spans: at a sibling\'s end they share its row, inside it they take a lane',
      picture: `
        p [0 .................. 20]                 row 0
          a [0 ...... 10]                           row 1
                  i [5]                             row 2: inside a
                      e [10]                        row 1: at a's end ([0, 10) is half-open)`,
      specs: [
        { id: 'p', start: 0, end: 20 },
        { id: 'a', parent: 'p', start: 0, end: 10 },
        { id: 'i', parent: 'p', start: 5, end: 5 },
        { id: 'e', parent: 'p', start: 10, end: 10 },
      ],
      rows: { p: 0, a: 1, i: 2, e: 1 },
    },
  ];

  it.each(cases.map((c) => [c.title, c] as const))('%s', (_title, testCase) => {
    const { rows, problems } = layOut(testCase.specs);
    expect(rows).toEqual(testCase.rows);
    expect(problems).toEqual([]);
  });

  it('lists each row\'s frames sorted by start, with CSR offsets', () => {
    const trace = traceOf(cases[3]?.specs ?? []);
    const layout = flameChartLayout(trace);
    const names = (r: number): string[] =>
      Array.from(layout.rowFrames.subarray(layout.rowOffsets[r], layout.rowOffsets[r + 1])).map((f) => trace.spans[layout.spanIndex[f] as number]?.spanId.replace(/^0+/, '') ?? '?');
    expect(layout.rowCount).toBe(5);
    expect([0, 1, 2, 3, 4].map(names)).toEqual([['p'], ['a', 'c'], ['a1', 'c1'], ['b'], ['d']]);
    expect(Array.from(layout.subtreeRows)).toEqual([5, 2, 1, 1, 2, 1, 1]);
  });

  it('draws a span that ends before it starts as zero-length at its start, leaving the trace’s own times alone', () => {
    const built = traceOf([
      { id: 'p', start: 0, end: 100 },
      { id: 'a', parent: 'p', start: 10, end: 30 },
      { id: 'b', parent: 'p', start: 40, end: 60 },
    ]);
    // no decoder makes such a span (they repair it): a hand-made trace can
    const spans = built.spans.map((span, i) => (i === 1 ? { ...span, endNs: 5 } : span));
    const trace: Trace = { ...built, spans };
    const layout = flameChartLayout(trace, treeIndex(built)); // the copies are not their parents' children
    expect(Array.from(layout.endNs)).toEqual([100, 10, 60]);
    expect(Array.from(layout.startNs)).toEqual([0, 10, 40]);
    expect(trace.spans[1]?.endNs).toBe(5);
    // the ordinary case shares the trace's arrays instead of copying them
    expect(flameChartLayout(built).endNs).toBe(flameChartLayout(built).endNs);
  });

  it('lays out an empty trace as no rows', () => {
    const layout = flameChartLayoutOf({ startNs: new Float64Array(0), endNs: new Float64Array(0), parent: new Int32Array(0), subtreeEnd: new Int32Array(0) });
    expect(layout.rowCount).toBe(0);
    expect(Array.from(layout.rowOffsets)).toEqual([0]);
  });
});

describe('flameChartLayout: properties over real and generated traces', { timeout: 30_000 }, () => {
  it.each(['zipkin/smartthings-mobile-web-install.json', 'zipkin/smartthings-oauth-authorization.json', 'zipkin/yelp.json', 'jaeger-ui/petclinic-spanAmongEachOtherGroupedAndSpans.json'] as const)(
    '%s: lanes never overlap, children sit below parents, blocks stay contiguous',
    (fixture) => {
      const trace = parseTraces(traceFixtures[fixture]).traces[0];
      if (trace === undefined) throw new Error('no trace');
      const layout = flameChartLayout(trace);
      expect(chartLayoutProblems(layout)).toEqual([]);
      expect(layout.frameCount).toBe(trace.spans.length);
      // depth is a lower bound on the row; parallel work pushes rows further down
      expect(trace.spans.every((s, i) => (layout.row[i] as number) >= s.depth)).toBe(true);
    },
  );

  it('the SmartThings Zipkin trace (1,041 Zipkin spans, 957 after merging shared ones) needs lanes for its parallel calls', () => {
    const trace = parseTraces(traceFixtures['zipkin/smartthings-mobile-web-install.json']).traces[0];
    if (trace === undefined) throw new Error('no trace');
    const layout = flameChartLayout(trace);
    const maxDepth = Math.max(...trace.spans.map((s) => s.depth));
    expect(trace.spans).toHaveLength(957);
    expect(layout.rowCount).toBeGreaterThan(maxDepth + 1);
  });

  it.each([1, 2, 3])('a generated 10,000-span trace with random parallel fan-out (seed %i)', (seed) => {
    const trace = randomFanOutTrace(10_000, seed);
    const layout = flameChartLayout(trace);
    expect(chartLayoutProblems(layout)).toEqual([]);
    expect(trace.roots.length).toBeGreaterThan(1); // orphans
  });

  it('lays out raw arrays without a Trace (the small interface the layout needs)', () => {
    // root [0, 100] with 1,000 random children: start/end arrays and a tree index by hand
    const random = seededRandom(7);
    const n = 1001;
    const startNs = new Float64Array(n);
    const endNs = new Float64Array(n);
    const parent = new Int32Array(n).fill(0);
    const subtreeEnd = new Int32Array(n);
    parent[0] = -1;
    endNs[0] = 100;
    subtreeEnd[0] = n;
    const starts = Array.from({ length: n - 1 }, () => Math.floor(random() * 90)).sort((a, b) => a - b);
    for (let i = 1; i < n; i++) {
      startNs[i] = starts[i - 1] as number;
      endNs[i] = (startNs[i] as number) + 1 + Math.floor(random() * 10);
      subtreeEnd[i] = i + 1;
    }
    const layout = flameChartLayoutOf({ startNs, endNs, parent, subtreeEnd });
    expect(chartLayoutProblems(layout)).toEqual([]);
  });
});

// building the traces (not laying them out) takes seconds on a busy 2-core machine
describe('flameChartLayout: scale (iterative, O(n log n))', { timeout: 60_000 }, () => {
  const timed = <T>(label: string, work: () => T): T => {
    const started = performance.now();
    const result = work();
    console.info(`${label}: ${(performance.now() - started).toFixed(0)} ms`);
    return result;
  };

  it('a 100,000-deep chain: one row per level, no stack overflow', () => {
    const trace = deepChain(100_000);
    const layout = timed('flame chart, 100,000-deep chain', () => flameChartLayout(trace));
    expect(layout.rowCount).toBe(100_000);
    expect(layout.row[99_999]).toBe(99_999);
    expect(chartLayoutProblems(layout)).toEqual([]);
  });

  it('a 200,000-wide trace of children one after another: two rows', () => {
    const trace = wideTrace(200_000);
    const layout = timed('flame chart, 200,000 sequential children', () => flameChartLayout(trace));
    expect(layout.rowCount).toBe(2);
    expect(chartLayoutProblems(layout)).toEqual([]);
  });

  it('a 200,000-wide trace of children all in parallel: a lane each', () => {
    const width = 200_000;
    const specs: SpanSpec[] = [{ id: 'r', start: 0, end: 2 * width }];
    for (let i = 0; i < width; i++) specs.push({ id: `c${i.toString(16)}`, parent: 'r', start: i, end: 2 * width - i });
    const trace = traceOf(specs);
    const layout = timed('flame chart, 200,000 parallel children', () => flameChartLayout(trace));
    expect(layout.rowCount).toBe(width + 1);
    expect(chartLayoutProblems(layout, false)).toEqual([]);
  });

  it.each([10_000, 100_000, 200_000])('%i spans of random parallel fan-out', (count) => {
    const trace = randomFanOutTrace(count, 11);
    const layout = timed(`flame chart, ${count} random fan-out spans`, () => flameChartLayout(trace));
    console.info(`${count} random fan-out spans: ${layout.rowCount} rows, deepest span at depth ${trace.spans.reduce((m, s) => Math.max(m, s.depth), 0)}`);
    expect(chartLayoutProblems(layout, count <= 10_000)).toEqual([]);
  });

  it('1,000,000 spans from raw arrays (random fan-out, no Trace)', () => {
    const n = 1_000_000;
    const random = seededRandom(5);
    // a random tree in depth-first order: each span's parent is an open ancestor; closing
    // one ancestor per span on average keeps the depth near √n (~1,000), the width wide
    const startNs = new Float64Array(n);
    const endNs = new Float64Array(n);
    const parent = new Int32Array(n);
    const subtreeEnd = new Int32Array(n);
    const open: number[] = [];
    parent[0] = -1;
    endNs[0] = 1e9;
    open.push(0);
    for (let i = 1; i < n; i++) {
      while (open.length > 1 && random() < 0.5) subtreeEnd[open.pop() as number] = i;
      const p = open[open.length - 1] as number;
      parent[i] = p;
      startNs[i] = (startNs[p] as number) + random() * ((endNs[p] as number) - (startNs[p] as number)) * 0.5;
      endNs[i] = (startNs[i] as number) + random() * ((endNs[p] as number) - (startNs[i] as number));
      open.push(i);
    }
    while (open.length > 0) subtreeEnd[open.pop() as number] = n;
    // siblings are not sorted by start here (a Trace's are): the layout sorts what it finds out of order
    const layout = timed('flame chart, 1,000,000 random spans (arrays)', () => flameChartLayoutOf({ startNs, endNs, parent, subtreeEnd }));
    console.info(`1,000,000 random spans: ${layout.rowCount} rows`);
    expect(chartLayoutProblems(layout, false)).toEqual([]);
  });
});
