import { describe, expect, it } from 'vitest';
import { alignedRange, defaultStepMs, intervalCount, intervalEndMs, intervalOfMs } from './metrics-range';

const S = 1_000;
const M = 60 * S;
const H = 60 * M;

describe('defaultStepMs: Tempo’s step when a request sends none (reference §2.1)', () => {
  it.each([
    ['15m', 15 * M, 3 * S], // 3.75 s → whole seconds
    ['1h', H, 15 * S], // 15 s is not above the 15 s rung: floored to 5 s multiples
    ['6h', 6 * H, M], // 90 s → whole minutes
    ['24h', 24 * H, 5 * M], // 360 s → 5-minute multiples
    ['2h', 2 * H, 30 * S],
    ['12h', 12 * H, 3 * M],
    ['7d', 7 * 24 * H, 40 * M], // 42 min → 5-minute multiples
    ['5m', 5 * M, S], // 1.25 s → 1 s
    ['1m', M, S], // 0.25 s: the 1 s floor
    ['30s', 30 * S, 100], // under a minute: 125 ms → 50 ms multiples
    ['5s', 5 * S, 50], // 20.8 ms: the 50 ms floor
  ])('%s → its step', (_label, rangeMs, stepMs) => {
    expect(defaultStepMs(rangeMs)).toBe(stepMs);
  });
});

describe('alignedRange: Tempo’s AlignRequest', () => {
  it('reproduces the worked example of §2.4: start 1699999980 s, end …160 s, step 60 s', () => {
    const range = alignedRange(1_699_999_980_000, 1_700_000_160_000, 60_000);
    expect(range).toEqual({ startMs: 1_699_999_920_000, endMs: 1_700_000_160_000, stepMs: 60_000 });
    // samples at …980, …040, …100, …160
    expect(Array.from({ length: intervalCount(range) }, (_, i) => intervalEndMs(range, i))).toEqual([1_699_999_980_000, 1_700_000_040_000, 1_700_000_100_000, 1_700_000_160_000]);
  });

  it('rounds a start down and an end up to the step, with one more leading step', () => {
    expect(alignedRange(1_000_030_500, 1_000_090_100, 15_000)).toEqual({ startMs: 1_000_005_000, endMs: 1_000_095_000, stepMs: 15_000 });
  });

  it('takes the default step from the range when none is given', () => {
    const end = 1_700_000_000_000;
    expect(alignedRange(end - H, end).stepMs).toBe(15 * S);
    expect(alignedRange(end - 24 * H, end).stepMs).toBe(5 * M);
  });
});

describe('intervalOfMs: intervals are (t − step, t], stamped at their end', () => {
  const range = { startMs: 60_000, endMs: 240_000, stepMs: 60_000 };
  it.each([
    [60_000, -1], // the range's start belongs to the interval before it
    [60_001, 0],
    [120_000, 0], // exactly on a step: the interval ending there
    [120_001, 1],
    [240_000, 2],
    [240_001, -1],
  ])('%d ms → interval %d', (timeMs, index) => {
    expect(intervalOfMs(range, timeMs)).toBe(index);
  });
});
