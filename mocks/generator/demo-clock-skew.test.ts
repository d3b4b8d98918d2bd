import { beforeAll, describe, expect, it } from 'vitest';
import { adjustClockSkew, buildTrace, decodeTraceSpans, type DecodedSpan, type Trace } from '../../src/core';
import { T0_MS } from '../testing/otlp-fixtures';
import { generateDemoData } from './generate';
import { CLOCK_SKEW_NS } from './services';

// The demo as the trace page sees it: every request trace through the clock-skew adjuster.
describe('clock-skew adjustment of the demo data', () => {
  const traces: Trace[] = [];
  beforeAll(() => {
    const data = generateDemoData({ seed: 20_240_917, now: T0_MS, traceCount: 300, nightlyBatch: false });
    const byTrace = new Map<string, DecodedSpan[]>();
    for (const batch of data.traces) {
      for (const span of decodeTraceSpans(batch).spans) {
        const list = byTrace.get(span.traceId);
        if (list) list.push(span);
        else byTrace.set(span.traceId, [span]);
      }
    }
    for (const spans of byTrace.values()) traces.push(buildTrace(spans));
  });

  it('moves only the skewed fraud-check clock, back by about its 15 ms', () => {
    const skewNs = CLOCK_SKEW_NS['fraud-check'] ?? 0;
    const withFraudCheck = traces.filter((t) => t.services.includes('fraud-check'));
    expect(withFraudCheck.length).toBeGreaterThan(5);
    for (const trace of traces) {
      const { clocks } = adjustClockSkew(trace);
      if (!trace.services.includes('fraud-check')) {
        expect(clocks).toEqual([]);
        continue;
      }
      expect(clocks).toHaveLength(1);
      expect(clocks[0]?.services).toEqual(['fraud-check']);
      // centred in the payment client span, so the network's two hops decide the last millisecond or two
      expect(Math.abs((clocks[0]?.offsetNs ?? 0) + skewNs)).toBeLessThan(3e6);
    }
  });

  it('leaves every Kafka consumer where it started, and every trace as long as the search list says', () => {
    const withConsumer = traces.filter((t) => t.spans.some((s) => s.kind === 'consumer'));
    expect(withConsumer.length).toBeGreaterThan(5);
    for (const trace of withConsumer) {
      const result = adjustClockSkew(trace);
      const moved = new Set(result.adjustments.map((a) => a.spanId));
      expect(trace.spans.filter((s) => s.kind === 'consumer' && moved.has(s.spanId))).toEqual([]);
      expect(result.trace.durationNs).toBe(trace.durationNs);
    }
  });
});
