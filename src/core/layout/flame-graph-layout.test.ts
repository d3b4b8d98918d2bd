import { describe, expect, it } from 'vitest';
import { traceFixtures } from '../formats/__fixtures__';
import { parseTraces } from '../formats/parse-traces';
import type { Trace } from '../model/trace';
import { selfTimeNs } from '../trace/self-time';
import { treeIndex } from '../trace/tree-index';
import { asyncReasonOf, asyncSpanInputOf } from './flame-async';
import { flameGraphLayout, type FlameGraphLayout } from './flame-graph-layout';
import { graphLayoutProblems, randomFanOutTrace, traceOfNamed, type NamedSpanSpec } from './flame-test-traces';

/** Each node as "depth·service:op count total self [start, end)", in array (depth-first) order. */
const picture = (layout: FlameGraphLayout): string[] =>
  Array.from({ length: layout.nodeCount }, (_, i) => {
    const label = i === 0 ? 'all' : `${layout.texts[layout.serviceText[i] as number]}:${layout.texts[layout.nameText[i] as number]}`;
    return `${'  '.repeat(layout.row[i] as number)}${label} ×${layout.count[i]} total ${layout.totalNs[i]} self ${layout.selfNs[i]} [${layout.startUnits[i]}, ${layout.endUnits[i]})`;
  });

describe('flameGraphLayout: merging identical call paths', () => {
  it('a batch job with 5,000 identical db calls merges them into one node of count 5,000', () => {
    const specs: NamedSpanSpec[] = [{ id: 'job', start: 0, end: 10_001, service: 'batch', op: 'nightly' }];
    for (let i = 0; i < 5000; i++) specs.push({ id: `d${i.toString(16)}`, parent: 'job', start: 2 * i + 1, end: 2 * i + 2, service: 'db', op: 'SELECT' });
    const layout = flameGraphLayout(traceOfNamed(specs));
    expect(picture(layout)).toEqual([
      'all ×0 total 10001 self 0 [0, 10001)',
      '  batch:nightly ×1 total 10001 self 5001 [0, 10001)',
      '    db:SELECT ×5000 total 5000 self 5000 [0, 5000)',
    ]);
    expect(layout.meanNs[2]).toBe(1);
    expect(layout.firstSpanIndex[2]).toBe(1);
    expect(graphLayoutProblems(layout)).toEqual([]);
  });

  //  api:GET /a [0 .................................. 100]
  //    db:query  [0 . 10]                                   ┐ same path: merged
  //    db:query         [20 . 30]                           ┘
  //    cache:query               [40 . 45]                  same op, other service: own node
  //    db:insert                          [50 . 60]         same service, other op: own node
  //      db:query                          [52 . 55]        same op under another parent: own node
  //  api:GET /b (orphan root)     [30 ........ 80]
  //    db:query                     [35 . 40]               same as the first, other root: own node
  //  api:GET /a (orphan root)                   [70 .. 90]  same as the first root: merged with it
  it('merges exactly the spans with identical service:operation paths from the root', () => {
    const trace = traceOfNamed([
      { id: 'a', start: 0, end: 100, service: 'api', op: 'GET /a' },
      { id: 'q1', parent: 'a', start: 0, end: 10, service: 'db', op: 'query' },
      { id: 'q2', parent: 'a', start: 20, end: 30, service: 'db', op: 'query' },
      { id: 'c', parent: 'a', start: 40, end: 45, service: 'cache', op: 'query' },
      { id: 'i', parent: 'a', start: 50, end: 60, service: 'db', op: 'insert' },
      { id: 'iq', parent: 'i', start: 52, end: 55, service: 'db', op: 'query' },
      { id: 'b', parent: 'gone', start: 30, end: 80, service: 'api', op: 'GET /b' },
      { id: 'bq', parent: 'b', start: 35, end: 40, service: 'db', op: 'query' },
      { id: 'a2', parent: 'gone2', start: 70, end: 90, service: 'api', op: 'GET /a' },
    ]);
    const layout = flameGraphLayout(trace);
    expect(picture(layout)).toEqual([
      'all ×0 total 170 self 0 [0, 170)',
      '  api:GET /a ×2 total 120 self 85 [0, 120)',
      '    cache:query ×1 total 5 self 5 [0, 5)',
      '    db:insert ×1 total 10 self 7 [5, 15)',
      '      db:query ×1 total 3 self 3 [5, 8)',
      '    db:query ×2 total 20 self 20 [15, 35)',
      '  api:GET /b ×1 total 50 self 45 [120, 170)',
      '    db:query ×1 total 5 self 5 [120, 125)',
    ]);
    expect(graphLayoutProblems(layout)).toEqual([]);
    const nodeOf = (spanName: string): number => layout.nodeOfSpan[trace.spans.findIndex((s) => s.spanId.endsWith(spanName) && s.spanId.replace(/^0+/, '') === spanName)] as number;
    expect(nodeOf('q1')).toBe(nodeOf('q2'));
    expect(nodeOf('a')).toBe(nodeOf('a2'));
    expect(new Set(['q1', 'c', 'iq', 'bq'].map(nodeOf)).size).toBe(4);
  });

  it("orders children by width, widest first, when asked (ties by name)", () => {
    const trace = traceOfNamed([
      { id: 'r', start: 0, end: 100, service: 's', op: 'root' },
      { id: 'x', parent: 'r', start: 0, end: 10, service: 's', op: 'a' },
      { id: 'y', parent: 'r', start: 10, end: 40, service: 's', op: 'b' },
      { id: 'z', parent: 'r', start: 40, end: 50, service: 's', op: 'c' },
    ]);
    const labels = (layout: FlameGraphLayout): string[] => Array.from(layout.nameText.subarray(2), (t) => layout.texts[t] as string);
    expect(labels(flameGraphLayout(trace))).toEqual(['a', 'b', 'c']);
    expect(labels(flameGraphLayout(trace, { order: 'width' }))).toEqual(['b', 'a', 'c']);
  });

  //  p [0 ........ 10]
  //    a [0 ........ 10]  ┐
  //    b [0 ........ 10]  │ five 10 ns calls in parallel: 50 ns of work under a 10 ns span
  //    …                  ┘
  //      a1 [0 .. 4]        a's child, scaled with a
  it('scales parallel children down together to fit their parent, keeping totalNs unscaled', () => {
    const specs: NamedSpanSpec[] = [{ id: 'p', start: 0, end: 10, service: 's', op: 'p' }];
    for (const c of ['a', 'b', 'c', 'd', 'e']) specs.push({ id: c, parent: 'p', start: 0, end: 10, service: 's', op: c });
    specs.push({ id: 'a1', parent: 'a', start: 0, end: 4, service: 's', op: 'a1' });
    const layout = flameGraphLayout(traceOfNamed(specs));
    expect(Array.from(layout.widthUnits)).toEqual([10, 10, 2, 0.8, 2, 2, 2, 2]);
    expect(Array.from(layout.totalNs)).toEqual([10, 10, 10, 4, 10, 10, 10, 10]);
    expect(layout.endUnits[layout.nodeCount - 1]).toBe(10); // siblings fill the parent exactly
    expect(graphLayoutProblems(layout)).toEqual([]);
  });

  it('gives zero-length spans zero width, never a negative one', () => {
    const layout = flameGraphLayout(
      traceOfNamed([
        { id: 'r', start: 0, end: 10, service: 's', op: 'r' },
        { id: 'z', parent: 'r', start: 5, end: 5, service: 's', op: 'z' },
      ]),
    );
    expect(picture(layout)).toEqual(['all ×0 total 10 self 0 [0, 10)', '  s:r ×1 total 10 self 10 [0, 10)', '    s:z ×1 total 0 self 0 [0, 0)']);
  });
});

describe('flameGraphLayout: properties over real and generated traces', { timeout: 30_000 }, () => {
  /** The reference: group spans by their path string, computed the slow, obvious way (async work starts a path of its own). */
  const pathKeys = (trace: Trace): string[] => {
    const { parent } = treeIndex(trace);
    const input = asyncSpanInputOf(trace);
    const keys: string[] = [];
    trace.spans.forEach((s, i) => {
      const p = parent[i] as number;
      const label = JSON.stringify([s.service, s.name]);
      keys.push(asyncReasonOf(input, i) !== undefined ? `async:/${label}` : `${p < 0 ? '' : keys[p]}/${label}`);
    });
    return keys;
  };

  const traces: [string, () => Trace][] = [
    ['zipkin/smartthings-mobile-web-install.json', () => parseTraces(traceFixtures['zipkin/smartthings-mobile-web-install.json']).traces[0] as Trace],
    ['zipkin/smartthings-oauth-authorization.json', () => parseTraces(traceFixtures['zipkin/smartthings-oauth-authorization.json']).traces[0] as Trace],
    ['random fan-out, 10,000 spans', () => randomFanOutTrace(10_000, 3)],
  ];

  it.each(traces)('%s: one node per distinct path, sums match, widths nest and add up', (_name, load) => {
    const trace = load();
    const keys = pathKeys(trace);
    for (const order of ['name', 'width'] as const) {
      const layout = flameGraphLayout(trace, { order });
      expect(graphLayoutProblems(layout)).toEqual([]);
      // same node ⇔ same path
      const nodeOfKey = new Map<string, number>();
      const problems: string[] = [];
      keys.forEach((key, i) => {
        const node = layout.nodeOfSpan[i] as number;
        const known = nodeOfKey.get(key);
        if (known === undefined) nodeOfKey.set(key, node);
        else if (known !== node) problems.push(`span ${i}: path ${key} in nodes ${known} and ${node}`);
      });
      expect(problems.slice(0, 5)).toEqual([]);
      expect(nodeOfKey.size).toBe(layout.nodeCount - 1);
      // count, total and self per node are the sums over its spans
      const self = selfTimeNs(trace);
      const count = new Int32Array(layout.nodeCount);
      const total = new Float64Array(layout.nodeCount);
      const selfSum = new Float64Array(layout.nodeCount);
      trace.spans.forEach((s, i) => {
        const node = layout.nodeOfSpan[i] as number;
        count[node] = (count[node] as number) + 1;
        total[node] = (total[node] as number) + Math.max(0, s.endNs - s.startNs);
        selfSum[node] = (selfSum[node] as number) + Math.max(0, self[i] as number);
      });
      expect(Array.from(layout.count.subarray(1))).toEqual(Array.from(count.subarray(1)));
      expect(Array.from(layout.totalNs.subarray(1))).toEqual(Array.from(total.subarray(1)));
      expect(Array.from(layout.selfNs.subarray(1))).toEqual(Array.from(selfSum.subarray(1)));
      // the virtual root is the sum of the top-level nodes, and they fill it
      let topUnits = 0;
      for (let i = 1; i < layout.nodeCount; i++) if (layout.parent[i] === 0) topUnits += layout.widthUnits[i] as number;
      expect(topUnits).toBe(layout.totalUnits);
      // …which hold the roots' time and the async work's
      const input = asyncSpanInputOf(trace);
      const stackNs = trace.spans.reduce((sum, s, i) => (s.depth === 0 || asyncReasonOf(input, i) !== undefined ? sum + Math.max(0, s.endNs - s.startNs) : sum), 0);
      expect(layout.totalUnits).toBe(stackNs);
    }
  });
});

describe('flameGraphLayout: scale', { timeout: 60_000 }, () => {
  it.each([10_000, 100_000, 200_000])('%i spans of random fan-out', (count) => {
    const trace = randomFanOutTrace(count, 13);
    const started = performance.now();
    const layout = flameGraphLayout(trace);
    console.info(`flame graph, ${count} random fan-out spans: ${(performance.now() - started).toFixed(0)} ms, ${layout.nodeCount} nodes`);
    expect(graphLayoutProblems(layout)).toEqual([]);
  });
});
