import { describe, expect, it } from 'vitest';
import { parseTraces } from '../formats/parse-traces';
import { traceFixtures } from '../formats/__fixtures__';
import { expectSameTraces } from '../formats/__fixtures__/expect-same-traces';
import { buildTrace } from './build-trace';
import { detachChildren, reattachChildren } from './trace-transfer';
import type { DecodedSpan } from '../model/decoded-span';

describe('detachChildren / reattachChildren', () => {
  it.each(['zipkin/smartthings-mobile-web-install.json', 'jaeger-ui/petclinic-spanAmongEachOtherGroupedAndSpans.json'] as const)('%s: gives back the same tree after a structured clone', (name) => {
    const original = parseTraces(traceFixtures[name]).traces;
    const sent = structuredClone(parseTraces(traceFixtures[name]).traces.map(detachChildren));
    expect(sent.every((t) => t.spans.every((s) => s.children.length === 0))).toBe(true);
    expectSameTraces(sent.map(reattachChildren), original);
  });

  it('lets a 100,000-deep chain through structured clone, which the nested tree overflows', () => {
    const base = { traceId: 'a'.repeat(32), service: 's', kind: 'internal', attributes: [], droppedAttributesCount: 0, resource: { attributes: [], droppedAttributesCount: 0 }, scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 }, events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0, status: { code: 'unset', message: '' }, traceState: '', flags: 0 } as const;
    const id = (i: number) => (i + 1).toString(16).padStart(16, '0');
    const spans: DecodedSpan[] = Array.from({ length: 100_000 }, (_, i) => ({ ...base, spanId: id(i), parentSpanId: i === 0 ? undefined : id(i - 1), name: `level ${i}`, startUnixNano: BigInt(i), endUnixNano: BigInt(200_000 - i) }));
    const trace = buildTrace(spans);
    expect(() => structuredClone(trace)).toThrow();
    const back = reattachChildren(structuredClone(detachChildren(trace)));
    expect(back.spans[99_998]?.children.map((c) => c.spanId)).toEqual([id(99_999)]);
    expect(back.roots[0]?.children[0]?.spanId).toBe(id(1));
  });

  it('keeps cycle-broken and orphan spans as roots', () => {
    const text = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [
      { traceId: 'b'.repeat(32), spanId: '0000000000000001', parentSpanId: '0000000000000002', name: 'a', startTimeUnixNano: '1', endTimeUnixNano: '5' },
      { traceId: 'b'.repeat(32), spanId: '0000000000000002', parentSpanId: '0000000000000001', name: 'b', startTimeUnixNano: '2', endTimeUnixNano: '4' },
      { traceId: 'b'.repeat(32), spanId: '0000000000000003', parentSpanId: '00000000000000ff', name: 'orphan', startTimeUnixNano: '2', endTimeUnixNano: '4' },
    ] }] }] });
    const original = parseTraces(text).traces;
    expectSameTraces(structuredClone(parseTraces(text).traces.map(detachChildren)).map(reattachChildren), original);
  });
});
