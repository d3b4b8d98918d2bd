import { describe, expect, it } from 'vitest';
import { alignedRange, redFromTraces, systemGraphFromTraces, toTempoTraceProto } from '../core';
import { traceOf } from '../core/trace/__fixtures__/make-trace';
import { inThreadProtoDecoder } from '../backends/proto-trace';
import { plainTrace } from '../state/services-red-worker';
import { answerRedRequest } from './red-protocol';

const range = alignedRange(1_699_999_990_000, 1_700_000_010_000);
/**
 *   web(server) ─ web(client) ──▶ api(server) ─ api(client) ──▶ [postgresql]
 */
const original = traceOf([
  { id: 'e', start: 0, end: 100e6, service: 'web', kind: 'server' },
  { id: 'c', parent: 'e', start: 1e6, end: 90e6, service: 'web', kind: 'client' },
  { id: 'a', parent: 'c', start: 2e6, end: 80e6, service: 'api', kind: 'server' },
  { id: 'd', parent: 'a', start: 3e6, end: 40e6, service: 'api', kind: 'client' },
]);
const withPeer = { ...original, spans: original.spans.map((s) => (s.kind === 'client' && s.service === 'api' ? Object.assign(s, { attributes: [{ key: 'db.system', value: { type: 'string' as const, value: 'postgresql' } }] }) : s)) };

describe('the RED worker', () => {
  it('answers what core answers in the thread, for a trace sent as the page sends it', async () => {
    // the page's traces decoded from protobuf read their ids and attributes through getters, which structured clone drops
    const decoded = await inThreadProtoDecoder.decode(toTempoTraceProto(withPeer, 'v2'), { traceId: withPeer.traceId, shape: 'v2' });
    const sent = structuredClone([plainTrace(decoded)]);
    const options = { range, scope: 'server' as const, groupBy: 'service' as const };
    expect(answerRedRequest({ type: 'red', jobId: 1, traces: sent, options })).toEqual({ type: 'red', jobId: 1, rows: redFromTraces([withPeer], options) });
    const graph = answerRedRequest({ type: 'graph', jobId: 2, traces: structuredClone([plainTrace(decoded)]), range });
    expect(graph).toEqual({ type: 'graph', jobId: 2, graph: systemGraphFromTraces([withPeer], range) });
    expect(graph.type === 'graph' && graph.graph.nodes.map((n) => n.name).sort()).toEqual(['api', 'postgresql', 'web']);
  });

  it('a failure is an answer, so the page never waits forever', () => {
    const broken = { type: 'red' as const, jobId: 3, traces: [null as never], options: { range, scope: 'all' as const, groupBy: 'service' as const } };
    expect(answerRedRequest(broken)).toMatchObject({ type: 'error', jobId: 3 });
  });
});
