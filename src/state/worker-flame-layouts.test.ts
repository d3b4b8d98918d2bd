import { describe, expect, it } from 'vitest';
import { flameChartLayout } from '../core';
import { traceOf } from '../core/trace/__fixtures__/make-trace';
import { expectWorkerFlameLayout, workerFlameLayout, workerFlameLayoutArrival } from './worker-flame-layouts';

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
    expectWorkerFlameLayout(trace, new Promise((resolve) => (arrive = resolve)));
    const arrival = workerFlameLayoutArrival(trace);
    expect(arrival).toBeDefined();
    expect(workerFlameLayout(trace)).toBeUndefined();
    arrive(layout);
    await arrival;
    expect(workerFlameLayout(trace)).toBe(layout);
    expect(workerFlameLayoutArrival(trace)).toBeUndefined();
    expect(workerFlameLayout(other)).toBeUndefined();
  });

  it('keeps nothing when none comes, when the promise fails, or when the layout is of another span count', async () => {
    for (const outcome of [Promise.resolve(undefined), Promise.reject(new Error('worker gone')), Promise.resolve(flameChartLayout(traceOf([{ id: 'x', start: 0, end: 1 }])))]) {
      const trace = twoSpans();
      expectWorkerFlameLayout(trace, outcome);
      await workerFlameLayoutArrival(trace);
      expect(workerFlameLayout(trace)).toBeUndefined();
      expect(workerFlameLayoutArrival(trace)).toBeUndefined();
    }
  });
});
