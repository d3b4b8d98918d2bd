import { expect } from 'vitest';
import type { Span } from '../../model/span';
import type { Trace } from '../../model/trace';
import { absoluteUnixNano } from '../otlp-json-encode';

/** Test helper: round trips must give back every field of every span. */
/** Every field of a span, with absolute times as bigint: what must survive a round trip. */
export function comparableSpan(trace: Trace, span: Span): Record<string, unknown> {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    service: span.service,
    kind: span.kind,
    start: absoluteUnixNano(trace, span.startNs),
    end: absoluteUnixNano(trace, span.endNs),
    attributes: span.attributes,
    droppedAttributesCount: span.droppedAttributesCount,
    resource: span.resource,
    scope: span.scope,
    events: span.events.map((e) => ({ ...e, timeNs: undefined, time: absoluteUnixNano(trace, e.timeNs) })),
    droppedEventsCount: span.droppedEventsCount,
    links: span.links,
    droppedLinksCount: span.droppedLinksCount,
    status: span.status,
    traceState: span.traceState,
    flags: span.flags,
    depth: span.depth,
    orphan: span.orphan,
    children: span.children.map((c) => c.spanId),
  };
}

export function expectSameTraces(actual: readonly Trace[], expected: readonly Trace[]): void {
  expect(actual.map((t) => t.traceId)).toEqual(expected.map((t) => t.traceId));
  expected.forEach((want, i) => {
    const got = actual[i] as Trace;
    expect(got.startUnixNano).toBe(want.startUnixNano);
    expect(got.durationNs).toBe(want.durationNs);
    expect(got.services).toEqual(want.services);
    expect(got.spans.map((s) => s.spanId)).toEqual(want.spans.map((s) => s.spanId));
    want.spans.forEach((span, k) => {
      expect(comparableSpan(got, got.spans[k] as Span)).toEqual(comparableSpan(want, span));
    });
  });
}
