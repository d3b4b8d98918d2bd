import { describe, expect, it } from 'vitest';
import { createPageDemoStore, demoClock } from './demo-store';
import type { TraceStore } from './store';

// 2026-03-05 14:00:00 UTC: a round hour, and page loads within and after it
const HOUR_START_MS = Date.UTC(2026, 2, 5, 14, 0, 0);
const MINUTE_MS = 60_000;

/** trace id → start, every trace the store holds */
function startsOf(store: TraceStore): Map<string, bigint> {
  return new Map(store.search({ limit: 100_000 }).traces.map((t) => [t.traceId, t.startUnixNano]));
}

describe('the page demo clock', () => {
  it('anchors to the end of the hour the page loads in', () => {
    expect(demoClock(HOUR_START_MS)).toBe(HOUR_START_MS + 60 * MINUTE_MS);
    expect(demoClock(HOUR_START_MS + 59 * MINUTE_MS + 59_999)).toBe(HOUR_START_MS + 60 * MINUTE_MS);
    expect(demoClock(HOUR_START_MS + 60 * MINUTE_MS)).toBe(HOUR_START_MS + 120 * MINUTE_MS);
  });

  it('shows a trace with the same start time when the page is reloaded later in the same hour (a permalink reopened)', () => {
    const first = startsOf(createPageDemoStore(HOUR_START_MS + 12 * MINUTE_MS + 345, { traceCount: 400 }));
    const later = startsOf(createPageDemoStore(HOUR_START_MS + 41 * MINUTE_MS + 7, { traceCount: 400 }));
    expect(first.size).toBeGreaterThan(200);
    // everything the first load held is there again, same id, same start
    for (const [traceId, start] of first) expect(later.get(traceId), traceId).toBe(start);
    // and the later load has the traces that happened in between, none from after its load
    expect(later.size).toBeGreaterThan(first.size);
  });

  it('holds nothing that starts after the page loaded, and at least the two hours before it', () => {
    const loadMs = HOUR_START_MS + 3 * MINUTE_MS;
    const starts = [...startsOf(createPageDemoStore(loadMs, { traceCount: 400 })).values()].map((ns) => Number(ns / 1_000_000n));
    expect(Math.max(...starts)).toBeLessThanOrEqual(loadMs);
    expect(Math.min(...starts)).toBeLessThan(loadMs - 2 * 60 * MINUTE_MS);
  });
});
