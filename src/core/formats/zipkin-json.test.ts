import { describe, expect, it } from 'vitest';
import type { Span } from '../model/span';
import { spanWithId, type Trace } from '../model/trace';
import { traceFixtures } from './__fixtures__';
import { decodeTraces, parseTraces } from './parse-traces';

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}
const inputIds = (text: string): Set<string> => new Set((JSON.parse(text) as { id: string }[]).map((s) => s.id));
/** spans whose id is not in the input: the server halves of shared ids */
const newServerHalves = (trace: Trace, text: string): Span[] => {
  const ids = inputIds(text);
  return trace.spans.filter((s) => !ids.has(s.spanId));
};

describe('Zipkin v2: yelp.json', () => {
  const text = traceFixtures['zipkin/yelp.json'];
  const { traces, warnings } = parseTraces(text);
  const trace = only(traces);

  it('reads 16 spans of one 64-bit trace (padded to 32 hex) and 6 services', () => {
    expect(warnings).toEqual([]);
    expect(trace.traceId).toBe('0000000000000000a03ee8fff1dcd9b9');
    expect(trace.spans).toHaveLength(16);
    expect(trace.services).toEqual(['mobile_api', 'routing', 'spectre', 'unknown', 'yelp-main', 'yelp_main/api_proxy']);
    expect(trace.startUnixNano).toBe(1571896375237354000n);
    expect(trace.durationNs).toBe(131_848_000);
  });

  it('the lone shared server span keeps its id and is the root', () => {
    expect(only(trace.roots)).toMatchObject({ spanId: '2e8cfb154b59a41f', service: 'routing', kind: 'server', orphan: false });
  });

  it('splits the 3 shared client/server pairs: client keeps the id, server half gets a new id under it', () => {
    const halves = newServerHalves(trace, text);
    expect(halves.map((s) => [s.parentSpanId, s.service, s.kind]).sort()).toEqual([
      ['668ed78ad94b35a1', 'yelp_main/api_proxy', 'server'],
      ['7a778764a0d0b594', 'spectre', 'server'],
      ['f5f268651b2a2b34', 'mobile_api', 'server'],
    ]);
    for (const half of halves) {
      expect(half.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(spanWithId(trace, half.parentSpanId ?? '')?.kind).toBe('client');
    }
  });

  it('moves children running in the server half\'s service under it', () => {
    const client = spanWithId(trace, 'f5f268651b2a2b34');
    expect(client?.service).toBe('yelp-main');
    const server = only(client?.children ?? []);
    expect(server.service).toBe('mobile_api');
    expect(server.children.map((c) => c.spanId)).toEqual(['cb4d73f31cd90cae', '6a65182ea4f684c3', '7a778764a0d0b594', '15fc03927f0f68df']);
    // yelp-main children of 668ed78ad94b35a1 are not in its server half's service: they stay
    expect(spanWithId(trace, '241cea1aa4cb2884')?.parentSpanId).toBe('668ed78ad94b35a1');
    expect(Math.max(...trace.spans.map((s) => s.depth))).toBe(4);
  });

  it('maps endpoints, tags, kinds and annotations', () => {
    const post = spanWithId(trace, '15fc03927f0f68df');
    expect(post?.attributes).toEqual([
      { key: 'client_status_code', value: { type: 'string', value: '200' } },
      { key: 'http.uri.client', value: { type: 'string', value: '/visits' } },
      { key: 'request_budget', value: { type: 'string', value: '9980' } },
      { key: 'tracer', value: { type: 'string', value: 'syslog2scribe.haproxy-synapse' } },
      { key: 'peer.service', value: { type: 'string', value: 'blt' } },
      { key: 'network.peer.port', value: { type: 'int', value: '31882' } },
    ]);
    expect(post).toMatchObject({ kind: 'client', name: 'post', startNs: 84_646_000, endNs: 98_646_000 });
    expect(spanWithId(trace, '241cea1aa4cb2884')?.kind).toBe('internal');
    expect(trace.spans.reduce((n, s) => n + s.events.length, 0)).toBe(1);
  });
});

describe('Zipkin v2: smartthings-oauth-authorization.json', () => {
  const text = traceFixtures['zipkin/smartthings-oauth-authorization.json'];
  const { traces, warnings } = parseTraces(text);
  const trace = only(traces);

  it('produces 175 spans from 175 input spans, 8 services, one root', () => {
    expect(trace.spans).toHaveLength(175);
    expect(trace.services).toEqual(['account', 'auth', 'bouncer', 'datamgmt', 'dove', 'paperboy', 'pusher', 'stlogin']);
    expect(only(trace.roots)).toMatchObject({ spanId: '8ce82b2e9ed820ba', orphan: false });
    expect(trace.warnings).toEqual(warnings);
  });

  it('gives each of the 45 shared server halves a new id under its client', () => {
    const halves = newServerHalves(trace, text);
    expect(halves).toHaveLength(45);
    expect(halves.every((h) => h.kind === 'server' && spanWithId(trace, h.parentSpanId ?? '')?.kind === 'client')).toBe(true);
    // one kafka send with 5 consumers: 5 server halves of one id, each unique
    const consumers = spanWithId(trace, '9d2d35b746db84f3')?.children ?? [];
    expect(consumers.map((c) => c.service)).toEqual(['pusher', 'pusher', 'pusher', 'pusher', 'pusher']);
    expect(new Set(consumers.map((c) => c.spanId)).size).toBe(5);
  });

  it('moves the 83 children that ran in a server half\'s service under that half', () => {
    const halfIds = new Set(newServerHalves(trace, text).map((h) => h.spanId));
    expect(trace.spans.filter((s) => halfIds.has(s.parentSpanId ?? '')).length).toBe(83);
  });

  it('reads the error tag as status error, and warns once about spans without duration', () => {
    expect(trace.spans.filter((s) => s.status.code === 'error')).toHaveLength(2);
    expect(trace.spans.some((s) => s.attributes.some((a) => a.key === 'error'))).toBe(false);
    expect(warnings).toEqual(['[25]: 19 Zipkin spans have no duration (unfinished or reported by one side only); drawn with zero length']);
  });

  it('gives the same new ids every time (deterministic)', () => {
    const again = only(parseTraces(text).traces);
    expect(again.spans.map((s) => s.spanId)).toEqual(trace.spans.map((s) => s.spanId));
  });
});

describe('Zipkin v2: smartthings-mobile-web-install.json', () => {
  const text = traceFixtures['zipkin/smartthings-mobile-web-install.json'];
  const { traces, warnings } = parseTraces(text);
  const trace = only(traces);

  it('merges the 84 timestamp-less fragments: 1041 input spans give 957', () => {
    expect(trace.spans).toHaveLength(957);
    expect(trace.services).toHaveLength(16);
    expect(only(trace.roots)).toMatchObject({ spanId: '14b60fd9ae504820', service: 'coreSrv', orphan: false });
  });

  it('splits all 294 shared server halves, and re-parents 535 children', () => {
    const halves = newServerHalves(trace, text);
    expect(halves).toHaveLength(294);
    const halfIds = new Set(halves.map((h) => h.spanId));
    expect(trace.spans.filter((s) => halfIds.has(s.parentSpanId ?? '')).length).toBe(535);
  });

  it('keeps the 92 annotations as events and warns about 91 spans without duration', () => {
    expect(trace.spans.reduce((n, s) => n + s.events.length, 0)).toBe(92);
    expect(warnings).toEqual(['[14]: 91 Zipkin spans have no duration (unfinished or reported by one side only); drawn with zero length']);
  });
});

describe('Zipkin v2 mapping', () => {
  const T = 'a03ee8fff1dcd9b9';
  it('reads a list of traces (GET /api/v2/traces), an error tag message and endpoints', () => {
    const { traces } = decodeTraces([
      [{ traceId: T, id: '1', name: 'a', timestamp: 10, duration: 5, kind: 'PRODUCER', localEndpoint: { serviceName: 'svc', ipv4: '10.0.0.1', port: 80 }, tags: { error: 'timeout' } }],
      [{ traceId: 'b03ee8fff1dcd9b9', id: '2', name: 'b', timestamp: 20, duration: 5, remoteEndpoint: { ipv6: '::1' } }],
    ]);
    expect(traces.map((t) => t.traceId)).toEqual(['0000000000000000a03ee8fff1dcd9b9', '0000000000000000b03ee8fff1dcd9b9']);
    expect(traces[0]?.spans[0]).toMatchObject({
      kind: 'producer',
      service: 'svc',
      status: { code: 'error', message: 'timeout' },
      attributes: [
        { key: 'network.local.address', value: { type: 'string', value: '10.0.0.1' } },
        { key: 'network.local.port', value: { type: 'int', value: '80' } },
      ],
    });
    expect(traces[1]?.spans[0]).toMatchObject({ service: 'unknown_service', kind: 'internal', attributes: [{ key: 'network.peer.address', value: { type: 'string', value: '::1' } }] });
  });

  it('skips a span with no timestamp and nothing to merge with, and one without id', () => {
    const { traces, warnings } = decodeTraces([
      { traceId: T, id: '1', name: 'ok', timestamp: 10, duration: 1 },
      { traceId: T, id: '2', name: 'lost' },
      { traceId: T, name: 'no id', timestamp: 10 },
    ]);
    expect(only(traces).spans).toHaveLength(1);
    expect(warnings).toEqual([
      '[2]: id nothing is not a span id; span skipped',
      '[1]: no timestamp and no other part of span 0000000000000002 from unknown_service to merge with; span skipped',
    ]);
  });
});
