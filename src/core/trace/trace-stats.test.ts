import { describe, expect, it } from 'vitest';
import { buildTrace } from './build-trace';
import { shopSpans } from './__fixtures__/shop-spans';
import { spanCountsByService, traceStats, type TraceStatsRow } from './trace-stats';

//            0    10   20   30   40   50   60   70   80   90   100 ns
//  r  web    |==================================================|  GET /cart
//  a  cart        |=========================|                      get cart (ERROR)
//  b  db               |==========|                                SELECT
//  c  db                    |==========|                           SELECT
//  d  web                                       |==========|       render
//
// self time = duration − union of children:
//   r: 100 − (50 + 20) = 30   a: 50 − |20..50| = 20   b, c, d: 20 each (no children)
// critical path, walking back from r's end at 100:
//   r [90,100] → d [70,90] → r [60,70] → a [50,60] → c [30,50] → a [10,30]
//   (b ends at 40, not before 30: off the path) → r [0,10]
//   r 30, a 30, c 20, d 20, b 0
const trace = buildTrace(
  shopSpans([
    { id: 'r', start: 0, end: 100, service: 'web', name: 'GET /cart', kind: 'server' },
    { id: 'a', parent: 'r', start: 10, end: 60, service: 'cart', name: 'get cart', kind: 'server', error: true },
    { id: 'b', parent: 'a', start: 20, end: 40, service: 'db', name: 'SELECT', kind: 'client', dbSystem: 'postgresql' },
    { id: 'c', parent: 'a', start: 30, end: 50, service: 'db', name: 'SELECT', kind: 'client', dbSystem: 'postgresql' },
    { id: 'd', parent: 'r', start: 70, end: 90, service: 'web', name: 'render' },
  ]),
);

const figures = (row: TraceStatsRow | undefined) =>
  row && [row.label, row.count, row.totalNs, row.avgNs, row.minNs, row.maxNs, row.selfNs, row.selfMinNs, row.selfMaxNs, row.percentOfTrace, row.criticalPathNs, row.errorCount, row.spanIndexes];

describe('traceStats', () => {
  it('by service: Jaeger’s columns plus critical path and errors, most total time first', () => {
    expect(trace.spans.map((s) => s.name)).toEqual(['GET /cart', 'get cart', 'SELECT', 'SELECT', 'render']);
    const rows = traceStats(trace, 'service');
    //                 label   n  total avg min max self sMin sMax  %   path err spans
    expect(rows.map(figures)).toEqual([
      ['web', 2, 120, 60, 20, 100, 50, 20, 30, 50, 50, 0, [0, 4]], // r + d: 100 + 20; self 30 + 20; path 30 + 20
      ['cart', 1, 50, 50, 50, 50, 20, 20, 20, 20, 30, 1, [1]],
      ['db', 2, 40, 20, 20, 20, 40, 20, 20, 40, 20, 0, [2, 3]], // b and c run in parallel: 40 ns of self time in 30 ns of wall time
    ]);
    expect(rows[0]).toMatchObject({ key: '["web"]', service: 'web', missing: false, selfAvgNs: 25 });
    // the path covers the trace exactly once
    expect(rows.reduce((sum, r) => sum + r.criticalPathNs, 0)).toBe(100);
  });

  it('by operation and by service+operation', () => {
    expect(traceStats(trace, 'operation').map((r) => [r.label, r.count, r.totalNs, r.criticalPathNs])).toEqual([
      ['GET /cart', 1, 100, 30],
      ['get cart', 1, 50, 30],
      ['SELECT', 2, 40, 20],
      ['render', 1, 20, 20],
    ]);
    const both = traceStats(trace, 'service+operation');
    expect(both.map((r) => r.label)).toEqual(['web: GET /cart', 'cart: get cart', 'db: SELECT', 'web: render']);
    expect(both[2]).toMatchObject({ key: '["db","SELECT"]', service: 'db', operation: 'SELECT' });
  });

  it('by attribute: span attributes, then resource ones; spans without it in one last row', () => {
    const rows = traceStats(trace, { attribute: 'db.system' });
    expect(rows.map(figures)).toEqual([
      ['postgresql', 2, 40, 20, 20, 20, 40, 20, 20, 40, 20, 0, [2, 3]],
      // r, a, d: total 100 + 50 + 20; self 30 + 20 + 20; path 30 + 30 + 20
      ['(no db.system)', 3, 170, 170 / 3, 20, 100, 70, 20, 30, 70, 80, 1, [0, 1, 4]],
    ]);
    expect(rows[1]?.missing).toBe(true);
    expect(rows[1]?.attributeValue).toBeUndefined();
    expect(traceStats(trace, { attribute: 'service.name' }).map((r) => r.label)).toEqual(['web', 'cart', 'db']);
  });
});

describe('spanCountsByService', () => {
  it('counts each service’s spans, runs and returns to a service alike', () => {
    // depth-first: web (r), cart (a), db (b, c), web (d): web comes back after the others
    expect(Object.fromEntries(spanCountsByService(trace))).toEqual({ web: 2, cart: 1, db: 2 });
  });
  it('of a trace without spans is empty', () => {
    expect(spanCountsByService({ ...trace, spans: [] }).size).toBe(0);
  });
});
