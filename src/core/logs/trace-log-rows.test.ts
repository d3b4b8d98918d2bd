import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../model/log-record';
import { id, T0, TRACE_ID, traceOf } from '../trace/__fixtures__/make-trace';
import { treeIndex } from '../trace/tree-index';
import { linkLogsToSpans } from './link-logs';
import { filterTraceLogRows, subtreeMask, traceLogRows } from './trace-log-rows';

//  r  |==========|        0..100
//  a    |====|            10..50
//  c      |=|             20..30   (child of a)
//  b          |===|       60..90
const trace = traceOf([
  { id: 'r', start: 0, end: 100 },
  { id: 'a', parent: 'r', start: 10, end: 50 },
  { id: 'c', parent: 'a', start: 20, end: 30 },
  { id: 'b', parent: 'r', start: 60, end: 90 },
]);

const log = (at: number, spanName: string | undefined, severityNumber: number, body: string, service = 'svc', traceId: string = TRACE_ID): LogRecord => ({
  timeUnixNano: T0 + BigInt(at),
  observedTimeUnixNano: 0n,
  severityNumber,
  severityText: '',
  body: { type: 'string', value: body },
  attributes: [{ key: 'order.id', value: { type: 'string', value: `o-${at}` } }],
  droppedAttributesCount: 0,
  flags: 0,
  traceId,
  ...(spanName !== undefined ? { spanId: id(spanName) } : {}),
  service,
  resource: { attributes: [], droppedAttributesCount: 0 },
  scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 },
});

const logs = [
  log(70, 'b', 17, 'card declined', 'payment'), // 0 ERROR
  log(25, 'c', 9, 'cache hit'), // 1 INFO
  log(15, 'a', 13, 'slow query'), // 2 WARN
  log(95, undefined, 9, 'done'), // 3 INFO, no span
  log(5, 'a', 21, 'other trace', 'svc', 'f'.repeat(32)), // 4 another trace
];
const rows = traceLogRows(logs, trace, linkLogsToSpans(logs, trace));
const spanIndexOf = (name: string) => trace.spans.findIndex((s) => s.spanId === id(name));

describe('traceLogRows', () => {
  it('lists the trace’s records by time, each with its span and severity', () => {
    expect(rows.map((r) => r.logIndex)).toEqual([2, 1, 0, 3]);
    expect(rows.map((r) => r.offsetNs)).toEqual([15, 25, 70, 95]);
    expect(rows.map((r) => r.severity.label)).toEqual(['WARN', 'INFO', 'ERROR', 'INFO']);
    expect(rows[2]?.spanIndex).toBe(spanIndexOf('b'));
    expect(rows[3]?.spanIndex).toBe(-1);
  });
});

describe('filterTraceLogRows', () => {
  const ids = (filtered: { logIndex: number }[]) => filtered.map((r) => r.logIndex);
  it.each([
    ['nothing', {}, [2, 1, 0, 3]],
    ['WARN and above', { minSeverity: 'WARN' as const }, [2, 0]],
    ['one service', { service: 'payment' }, [0]],
    ['body text, any case', { text: 'DECLINED' }, [0]],
    ['attribute value', { text: 'o-25' }, [1]],
    ['attribute key', { text: 'order.' }, [2, 1, 0, 3]],
  ])('%s', (_, filter, expected) => {
    expect(ids(filterTraceLogRows(rows, logs, filter))).toEqual(expected);
  });
  it('keeps one span, or the span and its descendants', () => {
    const { subtreeEnd } = treeIndex(trace);
    const a = spanIndexOf('a');
    expect(ids(filterTraceLogRows(rows, logs, { spans: subtreeMask(trace.spans.length, a, undefined) }))).toEqual([2]);
    expect(ids(filterTraceLogRows(rows, logs, { spans: subtreeMask(trace.spans.length, a, subtreeEnd) }))).toEqual([2, 1]);
  });
});
