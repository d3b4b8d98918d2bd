import { describe, expect, it } from 'vitest';
import { flameChartLayout, flameGraphLayout } from '../core';
import { traceOf } from '../core/trace/__fixtures__/make-trace';
import { expectWorkerFlameLayout, requestWorkerFlameLayout, workerFlameLayout, workerFlameLayoutArrival } from './worker-flame-layouts';

const twoSpans = () =>
  traceOf([
    { id: 'r', start: 0, end: 100 },
    { id: 'a', parent: 'r', start: 10, end: 50 },
  ]);

describe('worker flame layouts', () => {
  it('is pending until the layout arrives, then holds it for that trace only', async () => {
    const trace = twoSpans();
    const other = twoSpans();
    const layout = flameChartLayout(trace);
    let arrive: (value: typeof layout) => void = () => undefined;
    expectWorkerFlameLayout(trace, 'chart', new Promise((resolve) => (arrive = resolve)));
    const arrival = workerFlameLayoutArrival(trace, 'chart');
    expect(arrival).toBeDefined();
    expect(workerFlameLayoutArrival(trace, 'graph:name')).toBeUndefined();
    expect(workerFlameLayout(trace, 'chart')).toBeUndefined();
    arrive(layout);
    await arrival;
    expect(workerFlameLayout(trace, 'chart')).toBe(layout);
    expect(workerFlameLayoutArrival(trace, 'chart')).toBeUndefined();
    expect(workerFlameLayout(other, 'chart')).toBeUndefined();
    expect(workerFlameLayout(trace, 'graph:name')).toBeUndefined();
  });

  it('keeps nothing when none comes, when the promise fails, or when the layout is of another span count', async () => {
    const oneSpan = traceOf([{ id: 'x', start: 0, end: 1 }]);
    for (const outcome of [Promise.resolve(undefined), Promise.reject(new Error('worker gone')), Promise.resolve(flameChartLayout(oneSpan))]) {
      const trace = twoSpans();
      expectWorkerFlameLayout(trace, 'chart', outcome);
      await workerFlameLayoutArrival(trace, 'chart');
      expect(workerFlameLayout(trace, 'chart')).toBeUndefined();
      expect(workerFlameLayoutArrival(trace, 'chart')).toBeUndefined();
    }
    const trace = twoSpans();
    expectWorkerFlameLayout(trace, 'graph:name', Promise.resolve(flameGraphLayout(oneSpan)));
    await workerFlameLayoutArrival(trace, 'graph:name');
    expect(workerFlameLayout(trace, 'graph:name')).toBeUndefined();
  });

  it('asks the worker through the request it was given, and only for a layout still coming', async () => {
    const trace = twoSpans();
    const asked: string[] = [];
    let arrive: (value: ReturnType<typeof flameGraphLayout> | undefined) => void = () => undefined;
    expectWorkerFlameLayout(trace, 'graph:name', new Promise((resolve) => (arrive = resolve)), () => asked.push('graphs'));
    requestWorkerFlameLayout(trace, 'chart'); // none expected: nothing to ask
    requestWorkerFlameLayout(twoSpans(), 'graph:name'); // another trace
    expect(asked).toEqual([]);
    requestWorkerFlameLayout(trace, 'graph:name');
    expect(asked).toEqual(['graphs']);
    arrive(flameGraphLayout(trace));
    await workerFlameLayoutArrival(trace, 'graph:name');
    requestWorkerFlameLayout(trace, 'graph:name');
    expect(asked).toEqual(['graphs']);
  });

  it('holds each aggregated order apart', async () => {
    const trace = twoSpans();
    const byName = flameGraphLayout(trace, { order: 'name' });
    const byWidth = flameGraphLayout(trace, { order: 'width' });
    expectWorkerFlameLayout(trace, 'graph:name', Promise.resolve(byName));
    expectWorkerFlameLayout(trace, 'graph:width', Promise.resolve(byWidth));
    await Promise.all([workerFlameLayoutArrival(trace, 'graph:name'), workerFlameLayoutArrival(trace, 'graph:width')]);
    expect(workerFlameLayout(trace, 'graph:name')).toBe(byName);
    expect(workerFlameLayout(trace, 'graph:width')).toBe(byWidth);
  });
});
