import { describe, expect, it } from 'vitest';
import { buildTrace } from './build-trace';
import { decodedSpan } from './__fixtures__/make-trace';
import { serviceGraph } from './service-graph';
import { shopSpans, type ShopSpanSpec } from './__fixtures__/shop-spans';

//            0    10   20   30   40   50   60   70   80   90   100 ns
//  r  web    |==================================================|  server
//  a  web         |=========================|                      client → cart
//  b  cart          |=====================|                        server (ERROR)
//  c  cart            |======|                                     client, peer db.system=postgresql (uninstrumented)
//  d  cart                    |======|                             client, peer db.system=postgresql
//  p  web                                       |==|               producer → orders topic
//  q  mail                                          ...|=======|   consumer of p (async, ends at 98)
//  e  web                                                |===|     client → cart (second call)
//  f  cart                                                |=|      server
//
// critical path, back from 100 (q is async: off the blocking tree):
//   r [96,100] → e [94,96] → f [86,94] → e [84,86] → r [74,84] → p [70,74] → r [60,70]
//   → a [58,60] → b [42,58] → d [30,42] → b [26,30] → c [14,26] → b [12,14] → a [10,12] → r [0,10]
const specs = [
    { id: 'r', start: 0, end: 100, service: 'web', name: 'GET /checkout', kind: 'server' },
    { id: 'a', parent: 'r', start: 10, end: 60, service: 'web', name: 'GET cart', kind: 'client' },
    { id: 'b', parent: 'a', start: 12, end: 58, service: 'cart', name: 'GET /cart', kind: 'server', error: true },
    { id: 'c', parent: 'b', start: 14, end: 26, service: 'cart', name: 'SELECT', kind: 'client', dbSystem: 'postgresql' },
    { id: 'd', parent: 'b', start: 30, end: 42, service: 'cart', name: 'SELECT', kind: 'client', dbSystem: 'postgresql' },
    { id: 'p', parent: 'r', start: 70, end: 74, service: 'web', name: 'publish order', kind: 'producer' },
    { id: 'q', parent: 'p', start: 80, end: 98, service: 'mail', name: 'consume order', kind: 'consumer' },
    { id: 'e', parent: 'r', start: 84, end: 96, service: 'web', name: 'GET cart', kind: 'client' },
    { id: 'f', parent: 'e', start: 86, end: 94, service: 'cart', name: 'GET /cart', kind: 'server' },
] satisfies ShopSpanSpec[];
const trace = buildTrace(shopSpans(specs));

describe('serviceGraph', () => {
  const graph = serviceGraph(trace);
  const spanIndex = (name: string) => trace.spans.findIndex((s) => s.spanId === name.padStart(16, '0'));

  it('has a node per service, and a virtual node for the uninstrumented database, by name', () => {
    expect(graph.nodes.map((n) => [n.service, n.virtual, n.entry, n.spanCount, n.errorCount, n.onCriticalPath])).toEqual([
      ['cart', false, false, 4, 1, true],
      ['mail', false, false, 1, 0, false], // async consumer: nobody waited for it
      ['postgresql', true, false, 0, 0, true],
      ['web', false, true, 4, 0, true],
    ]);
    // web's self time: r 100 − (50 + 4 + 12) = 34, a 50 − 46 = 4, p 4 − 0 = 4 (the consumer starts after p ends), e 12 − 8 = 4
    expect(graph.nodes.find((n) => n.service === 'web')?.selfNs).toBe(46);
  });

  it('has an edge per caller → callee pair with calls, errors and time, and says which lie on the critical path', () => {
    expect(graph.edges.map((e) => [e.from, e.to, e.kind, e.callCount, e.errorCount, e.totalNs, e.onCriticalPath])).toEqual([
      ['cart', 'postgresql', 'call', 2, 0, 24, true], // c + d, 12 ns each
      ['web', 'cart', 'call', 2, 1, 54, true], // b 46 + f 8; b failed
      ['web', 'mail', 'messaging', 1, 0, 18, false],
    ]);
    expect(graph.edges[1]?.spanIndexes).toEqual([spanIndex('b'), spanIndex('f')]);
  });

  it('sees a consumer linked (not parented) to a producer as a messaging edge', () => {
    const linked = buildTrace([
      ...shopSpans([
        { id: 'r', start: 0, end: 10, service: 'orders', name: 'POST /order', kind: 'server' },
        { id: 'p', parent: 'r', start: 2, end: 4, service: 'orders', name: 'publish', kind: 'producer' },
      ]),
      decodedSpan({ id: 'q', start: 20, end: 30, service: 'billing', kind: 'consumer', links: ['p'] }),
    ]);
    expect(serviceGraph(linked).edges.map((e) => [e.from, e.to, e.kind, e.callCount])).toEqual([['orders', 'billing', 'messaging', 1]]);
    expect(serviceGraph(linked).nodes.map((n) => [n.service, n.entry])).toEqual([
      ['billing', true],
      ['orders', true],
    ]);
  });

  it('is the same for the same trace, whatever the order spans arrived in', () => {
    const shuffled = buildTrace(shopSpans([...specs].reverse()));
    expect(serviceGraph(shuffled)).toEqual(graph);
  });
});
