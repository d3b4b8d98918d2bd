import { describe, expect, it } from 'vitest';
import { spanWithId, type Trace } from '../model/trace';
import { adjustClockSkew } from './clock-skew';
import { buildTrace } from './build-trace';
import { T0, decodedSpan, id, name, traceOf, type SpanSpec } from './__fixtures__/make-trace';

const MS = 1_000_000;
/** name → [start, end] relative to the trace start */
const times = (trace: Trace): Record<string, [number, number]> => Object.fromEntries(trace.spans.map((s) => [name(s.spanId), [s.startNs, s.endNs]]));
const offsets = (result: ReturnType<typeof adjustClockSkew>): Record<string, number> =>
  Object.fromEntries(result.trace.spans.map((s, i) => [name(s.spanId), result.offsetNs[i] ?? NaN]));

describe('adjustClockSkew', () => {
  //  frontend client  [0 ...................... 100 ms]
  //  backend server (clock 15 ms ahead)  [25 ........................ 105]   ends 5 ms after its parent
  //    backend db                              [45 .. 65]
  // true times: server [10, 90] (10 ms each way on the wire), db [30, 50]
  const skewed: SpanSpec[] = [
    { id: 'client', start: 0, end: 100 * MS, service: 'frontend', kind: 'client' },
    { id: 'server', parent: 'client', start: 25 * MS, end: 105 * MS, service: 'backend', kind: 'server' },
    { id: 'db', parent: 'server', start: 45 * MS, end: 65 * MS, service: 'backend' },
  ];

  it('shifts a child from another service whose clock is 15 ms ahead back into the middle of its parent, subtree and events along', () => {
    const decoded = skewed.map(decodedSpan).map((d) => (d.spanId === id('db') ? { ...d, events: [{ timeUnixNano: T0 + BigInt(50 * MS), name: 'query', attributes: [], droppedAttributesCount: 0 }] } : d));
    const raw = buildTrace(decoded);
    const result = adjustClockSkew(raw);

    expect(times(result.trace)).toEqual({ client: [0, 100 * MS], server: [10 * MS, 90 * MS], db: [30 * MS, 50 * MS] });
    expect(spanWithId(result.trace, id('db'))?.events[0]?.timeNs).toBe(35 * MS);
    expect(offsets(result)).toEqual({ client: 0, server: -15 * MS, db: -15 * MS });
    expect(result.adjustments).toEqual([
      { spanId: id('server'), offsetNs: -15 * MS, reason: 'backend span ended 5 ms after its frontend parent; shifted earlier by 15 ms to centre it in the parent' },
    ]);
    expect(result.trace.durationNs).toBe(100 * MS);
    expect(spanWithId(result.trace, id('client'))?.children[0]).toBe(spanWithId(result.trace, id('server')));
  });

  it('leaves the raw trace as it was', () => {
    const raw = traceOf(skewed);
    const before = structuredClone(raw);
    const result = adjustClockSkew(raw);
    expect(result.trace).not.toBe(raw);
    expect(raw).toEqual(before);
    expect(times(raw)).toEqual({ client: [0, 100 * MS], server: [25 * MS, 105 * MS], db: [45 * MS, 65 * MS] });
  });

  it('never shifts a same-service child: one clock, so the overhang is real', () => {
    const trace = traceOf([
      { id: 'handler', start: 0, end: 100, service: 'api' },
      { id: 'flush', parent: 'handler', start: 80, end: 130, service: 'api' },
      { id: 'early', parent: 'handler', start: -10, end: 20, service: 'api' },
    ]);
    const result = adjustClockSkew(trace);
    expect(result.trace).toBe(trace);
    expect(result.adjustments).toEqual([]);
    expect([...result.offsetNs]).toEqual([0, 0, 0]);
  });

  //  a (svc a)  [0 ...................... 100]
  //  b (svc b) [-10 ............ 70]                 starts before a: +20 → [10, 90]
  //  c (svc c)                       [95 . 105]       after b's shift [115, 125], outside b [10, 90]:
  //                                                   centred → [45, 55], its own shift -70, total -50
  //  d (svc c, same as c)             [96 100]        moves with c: total -50 → [46, 50]
  it('judges each child after its parent has moved, so nested shifts compose', () => {
    const result = adjustClockSkew(
      traceOf([
        { id: 'a', start: 10, end: 110, service: 'a' },
        { id: 'b', parent: 'a', start: 0, end: 80, service: 'b' },
        { id: 'c', parent: 'b', start: 105, end: 115, service: 'c' },
        { id: 'd', parent: 'c', start: 106, end: 110, service: 'c' },
      ]),
    );
    // the earliest span (b, at T0) moved, so the trace now starts with a, 10 ns later
    expect(result.trace.startUnixNano).toBe(T0 + 10n);
    expect(times(result.trace)).toEqual({ a: [0, 100], b: [10, 90], c: [45, 55], d: [46, 50] });
    expect(offsets(result)).toEqual({ a: 0, b: 20, c: -50, d: -50 });
    expect(result.adjustments.map((a) => [name(a.spanId), a.offsetNs])).toEqual([
      ['b', 20],
      ['c', -70],
    ]);
  });

  it('aligns the starts of a child longer than its parent', () => {
    const result = adjustClockSkew(
      traceOf([
        { id: 'p', start: 0, end: 50, service: 'web' },
        { id: 'c', parent: 'p', start: 30, end: 130, service: 'db' },
      ]),
    );
    expect(times(result.trace)).toEqual({ p: [0, 50], c: [0, 100] });
    expect(result.adjustments[0]?.reason).toBe('db span ended 80 ns after its web parent; shifted earlier by 30 ns to start with the parent');
  });

  it('re-sorts siblings a shift reorders, and keeps offsets with their spans', () => {
    //  p [0 ............ 100]   x (same service) at 40; y (other service) at 90-110 → centred to 40-60... after x by id
    const result = adjustClockSkew(
      traceOf([
        { id: 'p', start: 0, end: 100, service: 'web' },
        { id: 'x', parent: 'p', start: 45, end: 50, service: 'web' },
        { id: 'y', parent: 'p', start: 90, end: 110, service: 'db' },
      ]),
    );
    expect(result.trace.spans.map((s) => name(s.spanId))).toEqual(['p', 'y', 'x']);
    expect(times(result.trace)).toEqual({ p: [0, 100], x: [45, 50], y: [40, 60] });
    expect([...result.offsetNs]).toEqual([0, -50, 0]);
    expect(spanWithId(result.trace, id('p'))?.children.map((c) => name(c.spanId))).toEqual(['y', 'x']);
  });

  it('shifts every level of a 100,000-deep chain of alternating services without recursion', () => {
    const depth = 100_000;
    const specs: SpanSpec[] = [];
    // span i is [3i, 3i + L - i]: 1 ns shorter than its parent but ending 2 ns after it, so every child is skewed
    const L = 4 * depth;
    for (let i = 0; i < depth; i++) {
      specs.push({ id: `s${i.toString(16)}`, ...(i > 0 ? { parent: `s${(i - 1).toString(16)}` } : {}), start: 3 * i, end: 3 * i + L - i, service: i % 2 === 0 ? 'even' : 'odd' });
    }
    const result = adjustClockSkew(traceOf(specs));
    expect(result.adjustments).toHaveLength(depth - 1);
    const spans = result.trace.spans;
    expect(spans.every((s, i) => i === 0 || (s.startNs >= (spans[i - 1]?.startNs ?? 0) && s.endNs <= (spans[i - 1]?.endNs ?? 0)))).toBe(true);
  });
});
