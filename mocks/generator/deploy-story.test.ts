import { describe, expect, it } from 'vitest';
import { decodeTraceSpans, type DecodedSpan } from '../../src/core';
import { T0_MS } from '../testing/otlp-fixtures';
import { DEPLOY_STORY, deployTimeMs } from './deploy-story';
import { generateDemoData } from './generate';

const spans: DecodedSpan[] = [];
for (const batch of generateDemoData({ seed: 20_240_917, now: T0_MS }).traces) spans.push(...decodeTraceSpans(batch).spans);
const deployMs = deployTimeMs(T0_MS);
const startMs = (span: DecodedSpan) => Number(span.startUnixNano) / 1e6;
const durationMs = (span: DecodedSpan) => Number(span.endUnixNano - span.startUnixNano) / 1e6;

function figures(service: string, after: boolean): { p50: number; p90: number; errorRate: number; count: number } {
  const own = spans.filter((s) => s.service === service && s.kind === 'server' && startMs(s) >= deployMs === after);
  const sorted = own.map(durationMs).sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.ceil(q * sorted.length) - 1] ?? Number.NaN;
  return { p50: rank(0.5), p90: rank(0.9), errorRate: own.filter((s) => s.status.code === 'error').length / own.length, count: own.length };
}

describe('the deploy story', () => {
  it(`happens 75 minutes before now, mid-way through the default two-hour window`, () => {
    expect(deployMs).toBe(T0_MS - 75 * 60_000);
  });

  it(`makes ${DEPLOY_STORY.service} slower and fail more often from the deploy on`, () => {
    const before = figures(DEPLOY_STORY.service, false);
    const after = figures(DEPLOY_STORY.service, true);
    expect(before.count).toBeGreaterThan(30);
    expect(after.count).toBeGreaterThan(30);
    expect(after.p50).toBeGreaterThan(2 * before.p50);
    expect(after.p90).toBeGreaterThan(2 * before.p90);
    expect(after.errorRate).toBeGreaterThan(3 * before.errorRate);
  });

  it('leaves the other services as they were', () => {
    const before = figures('inventory', false);
    const after = figures('inventory', true);
    expect(after.p50).toBeLessThan(1.5 * before.p50);
  });

  it('keeps every trace well formed: children inside their parents, after the deploy too', () => {
    const byId = new Map(spans.map((s) => [`${s.traceId}/${s.spanId}`, s]));
    let checked = 0;
    for (const span of spans) {
      const parent = span.parentSpanId === undefined ? undefined : byId.get(`${span.traceId}/${span.parentSpanId}`);
      // async consumers outlive their producer, and fraud-check's clock is skewed: only synchronous calls nest
      if (!parent || startMs(span) < deployMs || span.kind === 'consumer' || span.service === 'fraud-check' || parent.service === 'fraud-check') continue;
      expect(span.startUnixNano >= parent.startUnixNano && span.endUnixNano <= parent.endUnixNano, `${span.name} in ${parent.name}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
