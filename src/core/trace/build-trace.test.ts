import { spanWithId } from '../model/trace';
import { describe, expect, it } from 'vitest';
import type { DecodedSpan } from '../model/decoded-span';
import type { Resource } from '../model/span';
import { buildTrace, groupByTrace } from './build-trace';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const T0 = 1_700_000_000_000_000_000n;
const resource = (service: string): Resource => ({
  attributes: [{ key: 'service.name', value: { type: 'string', value: service } }],
  droppedAttributesCount: 0,
});

/** A span with id `id`, times in ns after T0. */
function span(id: string, parent: string | undefined, startNs: number, endNs: number, extra: Partial<DecodedSpan> = {}): DecodedSpan {
  return {
    traceId: TRACE,
    spanId: id.padStart(16, '0'),
    ...(parent !== undefined ? { parentSpanId: parent.padStart(16, '0') } : {}),
    name: `op-${id}`,
    service: 'svc',
    kind: 'internal',
    startUnixNano: T0 + BigInt(startNs),
    endUnixNano: T0 + BigInt(endNs),
    attributes: [],
    droppedAttributesCount: 0,
    resource: resource('svc'),
    scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 },
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 'unset', message: '' },
    traceState: '',
    flags: 0,
    ...extra,
  };
}

const ids = (spans: readonly { spanId: string }[]): string[] => spans.map((s) => s.spanId.replace(/^0+/, ''));

describe('buildTrace', () => {
  //   a  [0 ............ 100]
  //   ├─ c   [20 .. 50]
  //   │  └─ d  [30 . 40]
  //   └─ b [10 .......... 90]      (b listed before c but c starts later)
  //   e      [5 .. 15]  parent f is not in the trace → orphan root
  const spans = [span('a', undefined, 0, 100), span('c', 'a', 20, 50), span('d', 'c', 30, 40), span('b', 'a', 10, 90), span('e', 'f', 5, 15)];

  it('links parents, sorts children by start, orders depth first', () => {
    const trace = buildTrace(spans);
    expect(trace.traceId).toBe(TRACE);
    expect(trace.startUnixNano).toBe(T0);
    expect(trace.durationNs).toBe(100);
    expect(ids(trace.roots)).toEqual(['a', 'e']);
    expect(ids(trace.spans)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(trace.spans.map((s) => s.depth)).toEqual([0, 1, 1, 2, 0]);
    expect(ids(spanWithId(trace, '000000000000000a')?.children ?? [])).toEqual(['b', 'c']);
    expect(spanWithId(trace, '000000000000000e')).toMatchObject({ orphan: true, parentSpanId: '000000000000000f' });
    expect(spanWithId(trace, '000000000000000a')?.orphan).toBe(false);
    expect(trace.warnings).toEqual([]);
  });

  it('makes times relative to the earliest start, exactly, even beyond 2^53 absolute ns', () => {
    const late = T0 + 123_456_789n;
    const trace = buildTrace([
      span('1', undefined, 0, 0, { startUnixNano: late + 7n, endUnixNano: late + 1_000_000_007n, events: [{ timeUnixNano: late + 8n, name: 'x', attributes: [], droppedAttributesCount: 0 }] }),
      span('2', '1', 0, 0, { startUnixNano: late, endUnixNano: late + 3n }),
    ]);
    expect(trace.startUnixNano).toBe(late);
    expect(trace.spans.map((s) => [s.startNs, s.endNs])).toEqual([
      [7, 1_000_000_007],
      [0, 3],
    ]);
    expect(trace.spans[0]?.events[0]?.timeNs).toBe(8);
    expect(trace.durationNs).toBe(1_000_000_007);
  });

  it('breaks ties between equal starts by span id', () => {
    const trace = buildTrace([span('r', undefined, 0, 10), span('z', 'r', 5, 6), span('m', 'r', 5, 6), span('b', 'r', 5, 6)]);
    expect(ids(trace.roots[0]?.children ?? [])).toEqual(['b', 'm', 'z']);
  });

  it('collects services sorted and distinct', () => {
    const trace = buildTrace([span('1', undefined, 0, 10, { service: 'zeta' }), span('2', '1', 1, 2, { service: 'alpha' }), span('3', '1', 1, 2, { service: 'zeta' })]);
    expect(trace.services).toEqual(['alpha', 'zeta']);
  });

  describe('two spans under one id', () => {
    // 1 ──────────  first
    // 1 ──────────  an identical copy (a repeated batch: new objects, same content) → dropped
    // 1 ────────────────────  second, different → kept under a derived id
    // 2    ───      child of 1 → under the first
    const first = span('1', undefined, 0, 10, { name: 'first' });
    const copy = span('1', undefined, 0, 10, { name: 'first' });
    const second = span('1', undefined, 0, 20, { name: 'second', status: { code: 'error', message: '' } });
    const child = span('2', '1', 2, 5);

    it('keeps one of identical copies and warns', () => {
      const trace = buildTrace([first, copy, child]);
      expect(trace.spans.map((s) => s.name)).toEqual(['first', 'op-2']);
      expect(trace.warnings).toEqual([`trace ${TRACE}: span 0000000000000001 appears more than once; kept the first`]);
    });

    it('keeps a different span under a derived id that no span has, and says so', () => {
      const trace = buildTrace([first, copy, second, child]);
      expect(trace.spans.map((s) => s.name)).toEqual(['first', 'op-2', 'second']);
      const rekeyed = trace.spans[2];
      expect(rekeyed?.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(rekeyed?.spanId).not.toBe('0000000000000001');
      expect(rekeyed?.status.code).toBe('error');
      expect(spanWithId(trace, rekeyed?.spanId ?? '')).toBe(rekeyed);
      expect(spanWithId(trace, '0000000000000001')?.name).toBe('first');
      expect(ids(trace.spans[0]?.children ?? [])).toEqual(['2']);
      expect(trace.warnings).toEqual([
        `trace ${TRACE}: span 0000000000000001 appears more than once; kept the first`,
        `trace ${TRACE}: span id 0000000000000001 appears more than once with different content; the later span "second" is shown under span id ${rekeyed?.spanId}`,
      ]);
      // the same input gives the same id: a permalink to the re-keyed span keeps working
      expect(buildTrace([first, second, child]).spans[2]?.spanId).toBe(rekeyed?.spanId);
    });

    it('a third different span gets a third id; a copy of the second is dropped', () => {
      const third = span('1', undefined, 0, 30, { name: 'third' });
      const trace = buildTrace([first, second, { ...second }, third]);
      expect(trace.spans.map((s) => s.name).sort()).toEqual(['first', 'second', 'third']);
      expect(new Set(trace.spans.map((s) => s.spanId)).size).toBe(3);
    });

    it('a derived id never takes the id of a span that comes later in the input', () => {
      const derived = buildTrace([first, second]).spans[1]?.spanId ?? '';
      const later = span(derived, undefined, 1, 2, { name: 'owner of that id' });
      const trace = buildTrace([first, second, later]);
      expect(spanWithId(trace, derived)?.name).toBe('owner of that id');
      expect(new Set(trace.spans.map((s) => s.spanId)).size).toBe(3);
    });
  });

  it('keeps a span\'s warnings', () => {
    const trace = buildTrace([span('1', undefined, 0, 10, { warnings: ['clock skew adjustment disabled'] })]);
    expect(trace.spans[0]?.warnings).toEqual(['clock skew adjustment disabled']);
  });

  it('breaks a parent cycle: the span where it is detected becomes an orphan root', () => {
    // 1 → 2 → 3 → 1 (each names the next as parent), 4 hangs under 3
    const trace = buildTrace([span('1', '2', 0, 10), span('2', '3', 1, 9), span('3', '1', 2, 8), span('4', '3', 3, 4)]);
    expect(trace.spans).toHaveLength(4);
    expect(ids(trace.roots)).toEqual(['3']);
    expect(trace.roots[0]?.orphan).toBe(true);
    expect(ids(trace.spans)).toEqual(['3', '2', '1', '4']);
    expect(trace.spans.map((s) => s.depth)).toEqual([0, 1, 2, 1]);
    expect(trace.warnings).toEqual([
      `trace ${TRACE}: parent cycle 0000000000000001 → 0000000000000002 → 0000000000000003 → 0000000000000001; span 0000000000000003 shown as a root`,
    ]);
  });

  it('breaks a span that is its own parent', () => {
    const trace = buildTrace([span('1', '1', 0, 10)]);
    expect(trace.roots).toHaveLength(1);
    expect(trace.roots[0]?.orphan).toBe(true);
    expect(trace.warnings).toEqual([`trace ${TRACE}: parent cycle 0000000000000001 → 0000000000000001; span 0000000000000001 shown as a root`]);
  });

  it('builds a 100,000-deep parent chain without recursion', () => {
    const depth = 100_000;
    const chain: DecodedSpan[] = [];
    // listed leaf first, so nothing can rely on parents coming before children
    for (let i = depth - 1; i >= 0; i--) chain.push(span(i.toString(16), i === 0 ? undefined : (i - 1).toString(16), i, 2 * depth - i));
    const trace = buildTrace(chain);
    expect(trace.spans).toHaveLength(depth);
    expect(trace.roots).toHaveLength(1);
    expect(trace.spans[depth - 1]?.depth).toBe(depth - 1);
    expect(trace.spans[depth - 1]?.spanId).toBe((depth - 1).toString(16).padStart(16, '0'));
    expect(trace.durationNs).toBe(2 * depth);
  });

  it('adds given warnings first, and warns when relative times would lose precision', () => {
    const trace = buildTrace([span('1', undefined, 0, 1, { startUnixNano: 0n, endUnixNano: 1n }), span('2', '1', 0, 0)], ['decoder said so']);
    expect(trace.warnings).toEqual([
      'decoder said so',
      `trace ${TRACE}: spans more than 104 days (2^53 ns) apart, so relative times lose nanosecond precision`,
    ]);
  });

  it('leaves out spans of another trace, with a warning', () => {
    const other = span('9', undefined, 0, 1, { traceId: 'ffffffffffffffffffffffffffffffff' });
    const trace = buildTrace([span('1', undefined, 0, 1), other]);
    expect(trace.spans).toHaveLength(1);
    expect(trace.warnings).toEqual([`trace ${TRACE}: 1 spans of other traces were left out (group spans by trace first)`]);
  });
});

describe('groupByTrace', () => {
  it('splits by trace id in order of first appearance', () => {
    const other = 'ffffffffffffffffffffffffffffffff';
    const groups = groupByTrace([span('1', undefined, 0, 1, { traceId: other }), span('2', undefined, 0, 1), span('3', '1', 0, 1, { traceId: other })]);
    expect([...groups.keys()]).toEqual([other, TRACE]);
    expect(groups.get(other)?.map((s) => s.spanId.slice(-1))).toEqual(['1', '3']);
  });
});
