import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTrace, toOtlpTracesData, type Trace } from '../core';
import { encodeTracesProto } from '../core/formats/__fixtures__/encode-traces-proto';
import { decodedSpan, TRACE_ID } from '../core/trace/__fixtures__/make-trace';
import { runProtoDecode, type LayOutGraphs, type ProtoDecodeReply, type ProtoWorkerMessage } from '../workers/proto-decode-protocol';
import { workerProtoDecoder } from './proto-trace-decoder';
import { requestWorkerFlameLayout, workerFlameLayout, workerFlameLayoutArrival } from './worker-flame-layouts';

/**
 * The page side of the protobuf worker, with the worker run in this process: a fake
 * Worker that answers each message, a task later, as proto-decode-worker.ts does.
 */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<ProtoDecodeReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  readonly received: ProtoWorkerMessage['type'][] = [];
  #graphs: LayOutGraphs | undefined;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: ProtoWorkerMessage): void {
    this.received.push(message.type);
    setTimeout(() => {
      if (this.terminated) return;
      const deliver = (reply: ProtoDecodeReply) => this.onmessage?.({ data: reply } as MessageEvent<ProtoDecodeReply>);
      // layouts a task after the trace, as the worker's postMessage would deliver them after the page's own work
      const post = (reply: ProtoDecodeReply) => (reply.type === 'flame-chart' || reply.type === 'flame-graphs' ? setTimeout(() => deliver(reply), 0) : deliver(reply));
      if (message.type === 'flame-graphs') {
        const layOut = this.#graphs;
        this.#graphs = undefined;
        if (layOut) layOut();
        else post({ type: 'flame-graphs', byName: undefined, byWidth: undefined });
      } else if (message.type === 'decode') {
        this.#graphs = runProtoDecode(message, post);
      }
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const bytesOf = (width: number): Uint8Array => {
  const hex = (n: number) => n.toString(16).padStart(16, '0');
  const trace = buildTrace([
    decodedSpan({ id: hex(1), start: 0, end: 10 * width + 10 }),
    ...Array.from({ length: width }, (_, k) => decodedSpan({ id: hex(k + 2), parent: hex(1), start: 10 * k, end: 10 * k + 5 })),
  ]);
  return encodeTracesProto(toOtlpTracesData([trace]));
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('workerProtoDecoder: the flame layouts after the trace', () => {
  beforeEach(() => {
    FakeWorker.made = [];
    vi.stubGlobal('Worker', FakeWorker);
  });
  afterEach(() => vi.unstubAllGlobals());

  const decoder = () => workerProtoDecoder({ fetchInWorker: false });
  const load = async (d: ReturnType<typeof decoder>, width: number): Promise<Trace> => {
    const trace = await d.decode(bytesOf(width), { traceId: TRACE_ID, shape: 'v1' });
    await workerFlameLayoutArrival(trace, 'chart');
    return trace;
  };

  it('hands over the time-mode layout; the aggregated ones come when asked, then the worker serves the next trace', async () => {
    const d = decoder();
    const trace = await load(d, 3);
    expect(workerFlameLayout(trace, 'chart')?.frameCount).toBe(4);
    await tick();
    // not asked: the worker lays nothing more out
    expect(FakeWorker.made[0]?.received).toEqual(['decode']);
    expect(workerFlameLayout(trace, 'graph:name')).toBeUndefined();
    requestWorkerFlameLayout(trace, 'graph:width');
    requestWorkerFlameLayout(trace, 'graph:name'); // one request serves both orders
    await workerFlameLayoutArrival(trace, 'graph:name');
    expect(FakeWorker.made[0]?.received).toEqual(['decode', 'flame-graphs']);
    expect(workerFlameLayout(trace, 'graph:name')?.nodeOfSpan).toHaveLength(4);
    expect(workerFlameLayout(trace, 'graph:width')?.nodeOfSpan).toHaveLength(4);
    const next = await load(d, 5);
    expect(workerFlameLayout(next, 'chart')?.frameCount).toBe(6);
    expect(FakeWorker.made).toHaveLength(1);
  });

  it('the next trace takes a worker still parked for the aggregated layouts: the first trace then lays them out itself', async () => {
    const d = decoder();
    const first = await load(d, 2);
    d.warm?.(); // a parked worker will do: no second one
    expect(FakeWorker.made).toHaveLength(1);
    const second = await load(d, 4);
    expect(FakeWorker.made).toHaveLength(1);
    await workerFlameLayoutArrival(first, 'graph:name');
    expect(workerFlameLayout(first, 'graph:name')).toBeUndefined();
    requestWorkerFlameLayout(first, 'graph:name'); // too late: nothing is sent for it
    requestWorkerFlameLayout(second, 'graph:name');
    await workerFlameLayoutArrival(second, 'graph:name');
    expect(FakeWorker.made[0]?.received).toEqual(['decode', 'decode', 'flame-graphs']);
    expect(workerFlameLayout(second, 'graph:name')?.nodeOfSpan).toHaveLength(5);
  });

  it('a request made before the time-mode layout arrives is answered after it', async () => {
    const d = decoder();
    const trace = await d.decode(bytesOf(3), { traceId: TRACE_ID, shape: 'v1' });
    expect(workerFlameLayout(trace, 'chart')).toBeUndefined();
    requestWorkerFlameLayout(trace, 'graph:name');
    await workerFlameLayoutArrival(trace, 'graph:name');
    expect(workerFlameLayout(trace, 'chart')?.frameCount).toBe(4);
    expect(workerFlameLayout(trace, 'graph:name')?.nodeCount).toBeGreaterThan(1);
  });
});
