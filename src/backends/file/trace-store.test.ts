import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { encodeOtlpJson, parseTraces, type Trace } from '../../core';
import { traceFixtures } from '../../core/formats/__fixtures__';
import { isBackendError } from '../backend-error';
import { createFileBackend } from './file-backend';
import { toStoredTrace } from './stored-trace';
import { createLocalTraceStore, LocalStoreError } from './trace-store';

const petclinic = parseTraces(traceFixtures['jaeger-ui/petclinic-spanAmongEachOtherGroupedAndSpans.json']).traces[0] as Trace;
const [convA, convB] = parseTraces(traceFixtures['jaeger/otel_traces_01.json']).traces as [Trace, Trace];

function kept(trace: Trace, fileName: string, importedAtMs: number) {
  return toStoredTrace(trace, { fileName, otlpJson: encodeOtlpJson([trace]), importedAtMs });
}

describe('the Local files store (IndexedDB)', () => {
  it('keeps traces across connections, lists newest import first, and re-importing an id replaces it', async () => {
    const factory = new IDBFactory();
    const store = createLocalTraceStore(factory);
    await store.put([kept(convA, 'conv.json', 1_000), kept(convB, 'conv.json', 1_000)]);
    await store.put([kept(petclinic, 'petclinic.json', 2_000)]);

    // a second store on the same database: what a reload sees
    const reopened = createLocalTraceStore(factory);
    const rows = await reopened.list();
    expect(rows.map((r) => [r.traceId, r.fileName])).toEqual([
      [petclinic.traceId, 'petclinic.json'],
      [convA.traceId, 'conv.json'],
      [convB.traceId, 'conv.json'],
    ]);
    const row = rows[0];
    expect(row).toMatchObject({ rootServiceName: 'api-gateway', rootSpanName: 'GET /api/customer/owners', spanCount: 17, importedAtMs: 2_000 });
    expect(row?.storedBytes).toBe(new TextEncoder().encode(encodeOtlpJson([petclinic])).length);
    expect(row?.operations).toContainEqual(['api-gateway', 'GET /api/customer/owners']);
    // these traces' roots all name a missing parent: listed by their first root, as the trace page titles them
    expect(rows[1]).toMatchObject({ rootServiceName: 'service-x', rootSpanName: convA.roots[0]?.name });

    await reopened.put([kept(petclinic, 'again.json', 3_000)]);
    const after = await reopened.list();
    expect(after).toHaveLength(3);
    expect(after[0]).toMatchObject({ traceId: petclinic.traceId, fileName: 'again.json' });
  });

  it('deletes one trace, then all', async () => {
    const store = createLocalTraceStore(new IDBFactory());
    await store.put([kept(convA, 'a.json', 1), kept(convB, 'a.json', 1)]);
    await store.delete(convA.traceId);
    expect((await store.list()).map((r) => r.traceId)).toEqual([convB.traceId]);
    expect(await store.get(convA.traceId)).toBeUndefined();
    await store.clear();
    expect(await store.list()).toEqual([]);
    expect(await store.get(convB.traceId)).toBeUndefined();
  });

  it('reports a full disk (QuotaExceededError) as a quota error saying what to do, and keeps nothing of that import', async () => {
    const store = createLocalTraceStore(new IDBFactory());
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      // the second write of the transaction hits the quota
      if (++calls === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      const error = await store.put([kept(petclinic, 'big.json', 1)]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LocalStoreError);
      expect((error as LocalStoreError).kind).toBe('quota');
      expect((error as LocalStoreError).message).toBe(
        "The browser's storage for Tracery is full, so the trace was not kept (The quota has been exceeded.). Delete traces on the Local files page, or free disk space, and open the file again.",
      );
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(await store.list()).toEqual([]);
  });

  it('says so when the browser has no IndexedDB', async () => {
    const store = createLocalTraceStore(undefined);
    await expect(store.list()).rejects.toThrow('This browser offers no IndexedDB (a private window may turn it off): opened traces cannot be kept.');
  });
});

describe('the Local files backend', () => {
  it('gives back a kept trace with the warnings of its original file', async () => {
    const store = createLocalTraceStore(new IDBFactory());
    const withWarning = { ...petclinic, warnings: ['line 3: not valid JSON at column 5: expected a value; line skipped'] };
    await store.put([kept(withWarning, 'p.jsonl', 1)]);
    const backend = createFileBackend(store, 'Local files');
    const trace = await backend.getTrace(petclinic.traceId.toUpperCase());
    expect(trace.traceId).toBe(petclinic.traceId);
    expect(trace.spans).toHaveLength(17);
    expect(trace.startUnixNano).toBe(petclinic.startUnixNano);
    expect(trace.warnings).toEqual(['line 3: not valid JSON at column 5: expected a value; line skipped']);
  });

  it('answers a trace it does not hold with not-found', async () => {
    const backend = createFileBackend(createLocalTraceStore(new IDBFactory()), 'Local files');
    const error: unknown = await backend.getTrace('0123456789abcdef0123456789abcdef').catch((e: unknown) => e);
    expect(isBackendError(error) && error.kind).toBe('not-found');
    expect((error as Error).message).toBe(
      'Local files: trace 0123456789abcdef0123456789abcdef is not kept in this browser. It was opened in another browser or profile, or it was deleted; open its file again.',
    );
  });

  it('searches the kept traces by service, operation, duration and errors, and lists services and operations', async () => {
    const store = createLocalTraceStore(new IDBFactory());
    await store.put([kept(petclinic, 'p.json', 1), kept(convA, 'c.json', 1), kept(convB, 'c.json', 1)]);
    const backend = createFileBackend(store, 'Local files');
    const base = { tags: [], startMs: 0, endMs: 1, limit: 20 } as const;

    const all = await backend.searchTraces(base);
    expect(all.summaries).toHaveLength(3);
    expect(all.note).toBe('searched the 3 traces kept in this browser; the time range does not apply to Local files');

    const byService = await backend.searchTraces({ ...base, service: 'api-gateway', tags: [['a', 'b']] });
    expect(byService.summaries.map((s) => s.traceId)).toEqual([petclinic.traceId]);
    expect(byService.note).toBe('searched the 3 traces kept in this browser; tags and the time range do not apply to Local files');

    expect((await backend.searchTraces({ ...base, service: 'service-x', operation: 'test-general-conversion-3' })).summaries.map((s) => s.traceId)).toEqual([convB.traceId]);
    expect((await backend.searchTraces({ ...base, minDurationNs: petclinic.durationNs })).summaries.map((s) => s.traceId)).toContain(petclinic.traceId);
    expect((await backend.searchTraces({ ...base, maxDurationNs: petclinic.durationNs - 1, service: 'api-gateway' })).summaries).toEqual([]);
    const withErrors = all.summaries.filter((s) => (s.errorSpanCount ?? 0) > 0).map((s) => s.traceId);
    expect(withErrors.length).toBeGreaterThan(0);
    expect(withErrors.length).toBeLessThan(3);
    expect((await backend.searchTraces({ ...base, errorsOnly: true })).summaries.map((s) => s.traceId)).toEqual(withErrors);
    expect((await backend.searchTraces({ ...base, limit: 1 })).summaries).toHaveLength(1);

    expect(await backend.services()).toEqual([...new Set([...petclinic.services, ...convA.services, ...convB.services])].sort((a, b) => a.localeCompare(b)));
    expect(await backend.operations('service-x')).toEqual(['test-general-conversion-2', 'test-general-conversion-3', 'test-general-conversion-4', 'test-general-conversion-5']);
    expect(await backend.operations('no-such-service')).toEqual([]);
  });
});
