import { describe, expect, it } from 'vitest';
import { deepChain, name, traceOf } from '../trace/__fixtures__/make-trace';
import { flameChartLayout } from './flame-chart-layout';
import { ancestorsOf, focusWindow } from './flame-focus';
import { flameGraphLayout } from './flame-graph-layout';
import { traceOfNamed } from './flame-test-traces';

//  p [0 .............................. 100]
//    a [10 .......... 60]
//      b [20 ... 40]
//        z [30]                 zero-length
const trace = traceOf([
  { id: 'p', start: 0, end: 100 },
  { id: 'a', parent: 'p', start: 10, end: 60 },
  { id: 'b', parent: 'a', start: 20, end: 40 },
  { id: 'z', parent: 'b', start: 30, end: 30 },
]);
const layout = flameChartLayout(trace);
const frameNamed = (spanName: string): number => layout.frameOfSpan[trace.spans.findIndex((s) => name(s.spanId) === spanName)] as number;

describe('focusWindow', () => {
  it("is the frame's own extent in time mode", () => {
    expect(focusWindow(layout, frameNamed('a'))).toEqual({ startNs: 10, endNs: 60 });
  });

  it('widens a zero-length frame to 1 ns around it, so a scale never divides by zero', () => {
    expect(focusWindow(layout, frameNamed('z'))).toEqual({ startNs: 29.5, endNs: 30.5 });
  });

  it("is the node's extent in units in the flame graph", () => {
    const graph = flameGraphLayout(
      traceOfNamed([
        { id: 'r', start: 0, end: 30, service: 's', op: 'r' },
        { id: 'x', parent: 'r', start: 0, end: 10, service: 's', op: 'x' },
        { id: 'y', parent: 'r', start: 10, end: 30, service: 's', op: 'y' },
      ]),
    );
    expect(focusWindow(graph, 3)).toEqual({ startUnits: 10, endUnits: 30 });
  });

  it('rejects an index that names no frame', () => {
    expect(() => focusWindow(layout, 99)).toThrow(RangeError);
  });
});

describe('ancestorsOf', { timeout: 30_000 }, () => {
  it('lists span parents, root first, for a breadcrumb', () => {
    expect(Array.from(ancestorsOf(layout, frameNamed('z')), (f) => name(trace.spans[layout.spanIndex[f] as number]?.spanId ?? ''))).toEqual(['p', 'a', 'b']);
    expect(ancestorsOf(layout, frameNamed('p'))).toHaveLength(0);
  });

  it('lists node parents in the flame graph, from the virtual root', () => {
    const graph = flameGraphLayout(
      traceOfNamed([
        { id: 'r', start: 0, end: 30, service: 's', op: 'r' },
        { id: 'x', parent: 'r', start: 0, end: 10, service: 's', op: 'x' },
        { id: 'x1', parent: 'x', start: 0, end: 5, service: 's', op: 'x1' },
      ]),
    );
    expect(Array.from(ancestorsOf(graph, 3))).toEqual([0, 1, 2]);
  });

  it('walks a 100,000-deep chain without recursion', () => {
    const chain = deepChain(100_000);
    const chainLayout = flameChartLayout(chain);
    const ancestors = ancestorsOf(chainLayout, 99_999);
    expect(ancestors).toHaveLength(99_999);
    expect(ancestors[0]).toBe(0);
    expect(ancestors[99_998]).toBe(99_998);
  });
});
