import { describe, expect, it } from 'vitest';
import { timeTicks } from './time-ticks';

const labels = (start: number, end: number, count: number) => timeTicks(start, end, count).map((t) => t.label);

describe('timeTicks', () => {
  it('labels a 120 ms trace in whole milliseconds', () => {
    expect(labels(0, 120e6, 6)).toEqual(['0ms', '20ms', '40ms', '60ms', '80ms', '100ms', '120ms']);
  });
  it('keeps the unit of the magnitude and adds decimals when zoomed in', () => {
    expect(labels(10.2e6, 10.4e6, 4)).toEqual(['10.20ms', '10.25ms', '10.30ms', '10.35ms', '10.40ms']);
  });
  it('switches to µs, ns and s as the window asks', () => {
    expect(labels(0, 800e3, 4)).toEqual(['0µs', '200µs', '400µs', '600µs', '800µs']);
    expect(labels(0, 40, 4)).toEqual(['0ns', '10ns', '20ns', '30ns', '40ns']);
    expect(labels(0, 3e9, 3)).toEqual(['0s', '1s', '2s', '3s']);
    expect(labels(0, 1.5e9, 3)).toEqual(['0.0s', '0.5s', '1.0s', '1.5s']);
  });
  it('returns no ticks for an empty window', () => {
    expect(timeTicks(5, 5, 4)).toEqual([]);
    expect(timeTicks(0, 10, 0)).toEqual([]);
  });
});
