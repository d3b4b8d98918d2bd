import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../model/log-record';
import { id, T0, TRACE_ID, traceOf } from '../trace/__fixtures__/make-trace';
import { linkLogsToSpans, logOffsetNs } from './link-logs';

//  r  |==========|        0..100
//  a    |====|            10..50
//  b          |===|       60..90
const trace = traceOf([
  { id: 'r', start: 0, end: 100 },
  { id: 'a', parent: 'r', start: 10, end: 50 },
  { id: 'b', parent: 'r', start: 60, end: 90 },
]);

const log = (at: number, spanName?: string, traceId: string = TRACE_ID): LogRecord => ({
  timeUnixNano: T0 + BigInt(at),
  observedTimeUnixNano: 0n,
  severityNumber: 9,
  severityText: 'INFO',
  body: { type: 'string', value: `at ${at}` },
  attributes: [],
  droppedAttributesCount: 0,
  flags: 0,
  traceId,
  ...(spanName !== undefined ? { spanId: id(spanName) } : {}),
  service: 'svc',
  resource: { attributes: [], droppedAttributesCount: 0 },
  scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 },
});

describe('linkLogsToSpans', () => {
  it('puts each record under its span, oldest first; the rest are unlinked', () => {
    const logs = [
      log(40, 'a'), // 0
      log(20, 'a'), // 1
      log(95, 'r'), // 2
      log(70), // 3: the trace's, no span
      log(65, 'zz'), // 4: a span the trace lacks
      log(5, 'a', 'f'.repeat(32)), // 5: another trace
      log(20, 'a'), // 6: same time as 1: input order
    ];
    const linked = linkLogsToSpans(logs, trace);
    expect(trace.spans.map((s) => s.spanId)).toEqual([id('r'), id('a'), id('b')]);
    // spans without records are not keys
    expect(linked.bySpan).toEqual(new Map([[1, [1, 6, 0]], [0, [2]]]));
    expect(linked.unlinked).toEqual([5, 4, 3]);
    expect(linked.ofTrace).toBe(6);
  });

  it('places a record in trace time, before the trace start being negative', () => {
    expect(logOffsetNs(log(70), trace)).toBe(70);
    expect(logOffsetNs({ ...log(0), timeUnixNano: T0 - 5n }, trace)).toBe(-5);
  });
});
