import { afterEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for the browser's Worker: records what it is sent and answers as the test says. */
class FakeWorker {
  static made: FakeWorker[] = [];
  readonly sent: unknown[] = [];
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
  FakeWorker.made = [];
});

async function freshModule() {
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('window', { location: { href: 'http://tracery.test/trace/abc' } });
  return import('./proto-trace-decoder');
}

const request = { accept: 'application/protobuf', sourceName: 'Tempo', traceId: 'abc', shape: 'v2' as const };

describe('the protobuf trace worker started early', () => {
  it('is the worker the first trace request runs on: no second worker starts', async () => {
    const { startProtoWorkerEarly, workerProtoDecoder } = await freshModule();
    startProtoWorkerEarly();
    startProtoWorkerEarly(); // a second call keeps the one
    expect(FakeWorker.made).toHaveLength(1);
    const decoder = workerProtoDecoder({ fetchInWorker: true });
    const answer = decoder.fetchAndDecode?.('/api/v2/traces/abc', request);
    expect(FakeWorker.made).toHaveLength(1);
    const early = FakeWorker.made[0] as FakeWorker;
    expect(early.sent).toEqual([expect.objectContaining({ type: 'fetch', url: 'http://tracery.test/api/v2/traces/abc', traceId: 'abc' })]);
    early.answer({ type: 'text', answer: { text: '{}', contentType: 'application/json' } });
    await expect(answer).resolves.toEqual({ text: '{}', contentType: 'application/json' });
    // the finished job hands the worker back for the next trace
    void decoder.fetchAndDecode?.('/api/v2/traces/def', { ...request, traceId: 'def' });
    expect(FakeWorker.made).toHaveLength(1);
    expect(early.sent).toHaveLength(2);
  });

  it('is taken once: a second decoder starts its own', async () => {
    const { startProtoWorkerEarly, workerProtoDecoder } = await freshModule();
    startProtoWorkerEarly();
    void workerProtoDecoder({ fetchInWorker: true }).fetchAndDecode?.('/a', request);
    void workerProtoDecoder({ fetchInWorker: false }).decode(new Uint8Array(4), request);
    expect(FakeWorker.made).toHaveLength(2);
    expect((FakeWorker.made[1] as FakeWorker).sent).toEqual([expect.objectContaining({ type: 'decode', traceId: 'abc' })]);
  });

  it('without workers (Node, old browsers) does nothing', async () => {
    vi.stubGlobal('Worker', undefined);
    const { startProtoWorkerEarly } = await import('./proto-trace-decoder');
    expect(() => startProtoWorkerEarly()).not.toThrow();
  });
});
