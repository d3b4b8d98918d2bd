import { describe, expect, it } from 'vitest';
import cases from '../formats/__fixtures__/jaeger-ui/critical-path-cases.json';
import type { SpanKind } from '../model/span';
import type { Trace } from '../model/trace';
import { buildTrace } from './build-trace';
import { criticalPath, type CriticalPathSegment } from './critical-path';
import { treeIndex } from './tree-index';
import { T0, decodedSpan, deepChain, id, name, traceOf, wideTrace } from './__fixtures__/make-trace';

const MS = 1_000_000;
const KINDS: Record<string, SpanKind> = { producer: 'producer', consumer: 'consumer', client: 'client', server: 'server', internal: 'internal' };

/** [name, start, end] per segment, in output order */
const picture = (segments: readonly CriticalPathSegment[]): [string, number, number][] => segments.map((s) => [name(s.spanId), s.startNs, s.endNs]);

/** Per root: in order, gap-free, no empty segment, and exactly covering the root. */
function expectCoversEachRoot(trace: Trace, segments: readonly CriticalPathSegment[]): void {
  const { parent } = treeIndex(trace);
  const rootOf = new Int32Array(parent.length);
  for (let i = 0; i < parent.length; i++) rootOf[i] = (parent[i] as number) < 0 ? i : (rootOf[parent[i] as number] as number);
  for (const root of trace.roots) {
    const rootIndex = trace.spans.indexOf(root);
    const own = segments.filter((s) => rootOf[s.spanIndex] === rootIndex);
    const problems: string[] = [];
    if (own[0]?.startNs !== root.startNs) problems.push(`starts at ${own[0]?.startNs}`);
    if (own[own.length - 1]?.endNs !== root.endNs) problems.push(`ends at ${own[own.length - 1]?.endNs}`);
    own.forEach((s, i) => {
      if (s.endNs <= s.startNs) problems.push(`segment ${i} is empty`);
      if (i > 0 && s.startNs !== own[i - 1]?.endNs) problems.push(`gap or overlap before segment ${i}`);
    });
    expect(problems.slice(0, 5), `root ${root.spanId}`).toEqual([]);
  }
}

describe("criticalPath: Jaeger UI's nine test cases (critical-path-cases.json)", () => {
  // Each case's spans in µs become a trace in ns. A FOLLOWS_FROM reference becomes the
  // parent, as Tracery's Jaeger decoder does when a span has no CHILD_OF; span.kind is kept.
  // Jaeger emits sections latest first; we emit them sorted by start, so the expected
  // list is reversed. No case needs merging: Jaeger never splits a span's section in them.
  it.each(cases.map((c) => [c.name, c.description, c] as const))('%s: %s', (_name, _description, testCase) => {
    const trace = buildTrace(
      testCase.spans.map((s) => ({
        ...decodedSpan({ id: s.spanId, start: 0, end: 0, kind: ('kind' in s && typeof s.kind === 'string' ? KINDS[s.kind] : undefined) ?? 'internal' }),
        ...(s.parentSpanId !== null ? { parentSpanId: id(s.parentSpanId) } : {}),
        startUnixNano: T0 + BigInt(s.startTime) * 1000n,
        endUnixNano: T0 + BigInt(s.startTime + s.duration) * 1000n,
      })),
    );
    const originNs = Number(trace.startUnixNano - T0);
    const expected = [...testCase.expected].reverse().map((e) => [id(e.spanId), e.sectionStart * 1000 - originNs, e.sectionEnd * 1000 - originNs]);

    const { segments, asyncTails } = criticalPath(trace);

    expect(segments.map((s) => [s.spanId, s.startNs, s.endNs])).toEqual(expected);
    expect(asyncTails).toEqual([]);
    expectCoversEachRoot(trace, segments);
    expect(segments.every((s) => trace.spans[s.spanIndex]?.spanId === s.spanId)).toBe(true);
  });

  it('holds all nine cases', () => {
    expect(cases.map((c) => c.name)).toEqual(['test1', 'test2', 'test3', 'test4', 'test5', 'test6', 'test7', 'test8', 'test9']);
  });
});

describe('criticalPath: synchronous trees', () => {
  it('takes a lone root whole', () => {
    expect(picture(criticalPath(traceOf([{ id: 'a', start: 0, end: 10 }])).segments)).toEqual([['a', 0, 10]]);
  });

  //  p [0 ........................ 30]
  //    a [0 ..... 10]
  //               b [10 ..... 20]
  it('back-to-back siblings: the earlier one ended AT the later one\'s start, so it is sequential work on the path (Jaeger\'s strict "<" would give that time to the parent)', () => {
    const trace = traceOf([
      { id: 'p', start: 0, end: 30 },
      { id: 'a', parent: 'p', start: 0, end: 10 },
      { id: 'b', parent: 'p', start: 10, end: 20 },
    ]);
    expect(picture(criticalPath(trace).segments)).toEqual([
      ['a', 0, 10],
      ['b', 10, 20],
      ['p', 20, 30],
    ]);
  });

  //  p [0 ............ 30]
  //    a [5]  zero-length, at the instant b starts
  //    b [5 ..... 20]
  it('a zero-length child at the returning instant is taken once and owns nothing', () => {
    const trace = traceOf([
      { id: 'p', start: 0, end: 30 },
      { id: 'a', parent: 'p', start: 5, end: 5 },
      { id: 'b', parent: 'p', start: 5, end: 20 },
    ]);
    expect(picture(criticalPath(trace).segments)).toEqual([
      ['p', 0, 5],
      ['b', 5, 20],
      ['p', 20, 30],
    ]);
  });

  //  p [0 ............................ 40]
  //    a [2 .......... 20]
  //         b [5 ..... 20]                 same end as a: a (first by start) is taken
  //                        c [25 .. 30]
  it('on a tie of ends takes the earlier-starting child, as Jaeger takes the first child', () => {
    const trace = traceOf([
      { id: 'p', start: 0, end: 40 },
      { id: 'a', parent: 'p', start: 2, end: 20 },
      { id: 'b', parent: 'p', start: 5, end: 20 },
      { id: 'c', parent: 'p', start: 25, end: 30 },
    ]);
    expect(picture(criticalPath(trace).segments)).toEqual([
      ['p', 0, 2],
      ['a', 2, 20],
      ['p', 20, 25],
      ['c', 25, 30],
      ['p', 30, 40],
    ]);
  });

  //  p [0 ........... 10]
  //          z [5]           zero-length: Jaeger emits p [5,10] and p [0,5]; we merge them
  it('merges the two sections a zero-length child splits its parent into', () => {
    const trace = traceOf([
      { id: 'p', start: 0, end: 10 },
      { id: 'z', parent: 'p', start: 5, end: 5 },
    ]);
    expect(picture(criticalPath(trace).segments)).toEqual([['p', 0, 10]]);
  });

  //  a [0 ........................... 100]          root 1
  //    b [10 ........ 60]
  //       c [20 . 40]
  //  x      [30 ................... 90]              root 2 (orphan), overlaps root 1
  it('walks each root separately and sorts all segments by start', () => {
    const trace = traceOf([
      { id: 'a', start: 0, end: 100 },
      { id: 'b', parent: 'a', start: 10, end: 60 },
      { id: 'c', parent: 'b', start: 20, end: 40 },
      { id: 'x', parent: 'gone', start: 30, end: 90 },
    ]);
    const { segments } = criticalPath(trace);
    expect(picture(segments)).toEqual([
      ['a', 0, 10],
      ['b', 10, 20],
      ['c', 20, 40],
      ['x', 30, 90],
      ['b', 40, 60],
      ['a', 60, 100],
    ]);
    expectCoversEachRoot(trace, segments);
  });
});

describe('criticalPath: async work', () => {
  //  checkout (server)   [0 ........... 100 ms]
  //    publish (producer)   [10 . 20]
  //      consume (consumer, other service)  [30 .................................. 440 ms]
  //        send-mail                            [50 ........................ 400]
  //    charge (client)            [40 ... 90]
  const spans = [
    { id: 'checkout', start: 0, end: 100 * MS, kind: 'server' as const },
    { id: 'publish', parent: 'checkout', start: 10 * MS, end: 20 * MS, kind: 'producer' as const },
    { id: 'consume', parent: 'publish', start: 30 * MS, end: 440 * MS, kind: 'consumer' as const, service: 'notification' },
    { id: 'send', parent: 'consume', start: 50 * MS, end: 400 * MS, service: 'notification' },
    { id: 'charge', parent: 'checkout', start: 40 * MS, end: 90 * MS, kind: 'client' as const },
  ];

  it('leaves a consumer of a producer (and its subtree) off the path and reports how far past the root it ends', () => {
    const { segments, asyncTails } = criticalPath(traceOf(spans));
    expect(picture(segments)).toEqual([
      ['checkout', 0, 10 * MS],
      ['publish', 10 * MS, 20 * MS],
      ['checkout', 20 * MS, 40 * MS],
      ['charge', 40 * MS, 90 * MS],
      ['checkout', 90 * MS, 100 * MS],
    ]);
    expect(asyncTails).toEqual([{ rootSpanId: id('checkout'), spanId: id('consume'), endsAfterRootNs: 340 * MS }]);
  });

  it('measures a tail from the latest end in the async subtree', () => {
    const longChild = spans.map((s) => (s.id === 'send' ? { ...s, end: 500 * MS } : s));
    expect(criticalPath(traceOf(longChild)).asyncTails).toEqual([{ rootSpanId: id('checkout'), spanId: id('consume'), endsAfterRootNs: 400 * MS }]);
  });

  it('reports no tail for async work that ends before its root', () => {
    const quick = spans.map((s) => (s.id === 'consume' || s.id === 'send' ? { ...s, end: 60 * MS } : s));
    expect(criticalPath(traceOf(quick)).asyncTails).toEqual([]);
  });

  it('a consumer under a non-producer parent is ordinary, blocking work (clamped to its parent)', () => {
    const trace = traceOf([
      { id: 'r', start: 0, end: 100, kind: 'server' },
      { id: 'c', parent: 'r', start: 50, end: 150, kind: 'consumer' },
    ]);
    const result = criticalPath(trace);
    expect(picture(result.segments)).toEqual([
      ['r', 0, 50],
      ['c', 50, 100],
    ]);
    expect(result.asyncTails).toEqual([]);
  });

  //  api (root)     [0 .... 100]
  //    enqueue          [10 . 20]
  //  worker (root, links to enqueue)   [150 ......... 300]
  it('counts a root tied to another root\'s tree only by a link as that root\'s async tail, and still walks its own path', () => {
    const trace = traceOf([
      { id: 'api', start: 0, end: 100 },
      { id: 'enqueue', parent: 'api', start: 10, end: 20, kind: 'producer' },
      { id: 'worker', start: 150, end: 300, kind: 'consumer', links: ['enqueue'] },
    ]);
    const { segments, asyncTails } = criticalPath(trace);
    expect(asyncTails).toEqual([{ rootSpanId: id('api'), spanId: id('worker'), endsAfterRootNs: 200 }]);
    expect(picture(segments)).toEqual([
      ['api', 0, 10],
      ['enqueue', 10, 20],
      ['api', 20, 100],
      ['worker', 150, 300],
    ]);
  });

  it('lists nested async tails of one root by how far they run past it, most first', () => {
    const trace = traceOf([
      { id: 'r', start: 0, end: 100 },
      { id: 'p1', parent: 'r', start: 10, end: 20, kind: 'producer' },
      { id: 'c1', parent: 'p1', start: 30, end: 150, kind: 'consumer' },
      { id: 'p2', parent: 'c1', start: 40, end: 50, kind: 'producer' },
      { id: 'c2', parent: 'p2', start: 60, end: 400, kind: 'consumer' },
      { id: 'p3', parent: 'r', start: 70, end: 80, kind: 'producer' },
      { id: 'c3', parent: 'p3', start: 90, end: 200, kind: 'consumer' },
    ]);
    expect(criticalPath(trace).asyncTails.map((t) => [name(t.spanId), t.endsAfterRootNs])).toEqual([
      ['c1', 300],
      ['c2', 300],
      ['c3', 100],
    ]);
  });
});

describe('criticalPath: scale (iterative, O(n log n))', () => {
  it('walks a 100,000-deep chain without overflowing the stack', () => {
    const depth = 100_000;
    const trace = deepChain(depth);
    const started = performance.now();
    const { segments } = criticalPath(trace);
    const tookMs = performance.now() - started;
    // every span owns 1 ns at each end except the innermost, which owns its 2 ns whole
    expect(segments).toHaveLength(2 * depth - 1);
    expect(segments[depth - 1]).toMatchObject({ spanId: id(`s${(depth - 1).toString(16)}`), startNs: depth - 1, endNs: depth + 1 });
    expectCoversEachRoot(trace, segments);
    expect(tookMs).toBeLessThan(2000);
  });

  it('walks a 200,000-child wide trace well under a few seconds', () => {
    const width = 200_000;
    const trace = wideTrace(width);
    const started = performance.now();
    const { segments } = criticalPath(trace);
    const tookMs = performance.now() - started;
    expect(segments).toHaveLength(2 * width + 1);
    expect(segments[2 * width - 1]).toMatchObject({ spanId: id(`c${(width - 1).toString(16)}`), startNs: 2 * width - 1, endNs: 2 * width });
    expectCoversEachRoot(trace, segments);
    expect(tookMs).toBeLessThan(2000);
  });
});
