import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { buildTrace, flameChartLayout, flameGraphLayout, toOtlpTracesData, traceFromColumns, type Trace } from '../core';
import { encodeTracesProto } from '../core/formats/__fixtures__/encode-traces-proto';
import { decodedSpan, TRACE_ID } from '../core/trace/__fixtures__/make-trace';
import { runProtoDecode, runProtoFetch, type ProtoDecodeReply } from './proto-decode-protocol';

/** A root and `width` children, with hex span ids (the wire wants them as bytes). */
function wideTrace(width: number): Trace {
  const hex = (n: number) => n.toString(16).padStart(16, '0');
  return buildTrace([
    decodedSpan({ id: hex(1), start: 0, end: 10 * width + 10 }),
    ...Array.from({ length: width }, (_, k) => ({
      ...decodedSpan({ id: hex(k + 2), parent: hex(1), start: 10 * k, end: 10 * k + 5 }),
      attributes: [{ key: 'k', value: { type: 'int' as const, value: String(k) } }],
    })),
  ]);
}

function run(bytes: Uint8Array, shape: 'v1' | 'v2' = 'v1'): { replies: ProtoDecodeReply[]; transfers: ArrayBuffer[][]; layOutGraphs: (() => void) | undefined } {
  const replies: ProtoDecodeReply[] = [];
  const transfers: ArrayBuffer[][] = [];
  const layOutGraphs = runProtoDecode({ bytes, traceId: TRACE_ID, shape }, (reply, transfer) => {
    replies.push(reply);
    transfers.push(transfer);
  });
  return { replies, transfers, layOutGraphs };
}

describe('runProtoDecode (the protobuf worker)', () => {
  it('reports progress, then hands back columns with every buffer in the transfer list', () => {
    const trace = wideTrace(25_000);
    const bytes = encodeTracesProto(toOtlpTracesData([trace]));
    const { replies, transfers } = run(bytes);
    expect(replies.filter((r) => r.type === 'progress').map((r) => (r.type === 'progress' ? r.progress.spans : -1))).toEqual([0, 10_000, 20_000]);
    const at = replies.findIndex((r) => r.type === 'done');
    const done = replies[at];
    if (done?.type !== 'done') throw new Error(`expected done, got ${JSON.stringify(replies.map((r) => r.type))}`);
    // the answer's bytes go back inside the columns (for the lazy details), moved, not copied
    expect(transfers[at]).toContain(bytes.buffer);
    expect(transfers[at]).toContain(done.columns.startNs.buffer);
    const rebuilt = traceFromColumns(done.columns);
    expect(rebuilt.spans.map((s) => s.spanId)).toEqual(trace.spans.map((s) => s.spanId));
    expect(rebuilt.spans[7]?.attributes).toEqual(trace.spans[7]?.attributes);
    // 25,000 spans built, encoded and decoded: ~1.5 s alone, several times that beside the other test files on two cores
  }, 30_000);

  it('then lays the trace out as a flame chart, the job\'s last message, moving its own buffers only', () => {
    // parallel children: they need lanes, so the layout is not trivially one row per depth
    const trace = buildTrace([
      decodedSpan({ id: '00000000000000a1', start: 0, end: 100 }),
      decodedSpan({ id: '00000000000000b1', parent: '00000000000000a1', start: 0, end: 60 }),
      decodedSpan({ id: '00000000000000b2', parent: '00000000000000a1', start: 10, end: 90 }),
      decodedSpan({ id: '00000000000000c1', parent: '00000000000000b2', start: 20, end: 30 }),
      decodedSpan({ id: '00000000000000b3', parent: '00000000000000a1', start: 70, end: 95 }),
    ]);
    const { replies, transfers, layOutGraphs } = run(encodeTracesProto(toOtlpTracesData([trace])));
    // the aggregated mode waits to be asked
    expect(replies.slice(-2).map((r) => r.type)).toEqual(['done', 'flame-chart']);
    const done = replies.at(-2);
    const chart = replies.at(-1);
    if (done?.type !== 'done' || chart?.type !== 'flame-chart' || !chart.layout) throw new Error('expected columns, then a layout');
    const built = traceFromColumns(done.columns);
    const { rows, ...arrays } = chart.layout;
    const { rows: expectedRows, ...expectedArrays } = flameChartLayout(built);
    expect(arrays).toEqual(expectedArrays);
    expect(rows).toEqual(expectedRows);
    // b1 and b3 share a lane; b2 (with c1 under it) runs beside both, so its block goes below
    expect(chart.layout.rowCount).toBe(4);
    const moved = transfers.at(-1) ?? [];
    expect(moved).toContain(chart.layout.row.buffer);
    expect(moved).toContain(chart.layout.startNs.buffer);
    // the columns went with 'done': the layout reads copies of their times and tree
    for (const buffer of transfers.at(-2) ?? []) expect(moved).not.toContain(buffer);

    // asked, the aggregated mode in both orders, as the page would lay out the built trace
    layOutGraphs?.();
    expect(replies.map((r) => r.type).filter((type) => type === 'flame-graphs')).toHaveLength(1);
    const graphs = replies.at(-1);
    if (graphs?.type !== 'flame-graphs' || !graphs.byName || !graphs.byWidth) throw new Error('expected both aggregated layouts');
    for (const [layout, order] of [[graphs.byName, 'name'], [graphs.byWidth, 'width']] as const) {
      const { rows: gotRows, ...got } = layout;
      const { rows: wantRows, ...want } = flameGraphLayout(built, { order });
      expect(got).toEqual(want);
      expect(gotRows).toEqual(wantRows);
    }
    // by width, b2 (80 ns, with c1) comes before b1 (60 ns); by name, b1 first
    const names = (layout: typeof graphs.byName) => Array.from(layout.firstSpanIndex.slice(1), (i) => built.spans[i]?.name);
    expect(names(graphs.byName)).toEqual(['op-00000000000000a1', 'op-00000000000000b1', 'op-00000000000000b2', 'op-00000000000000c1', 'op-00000000000000b3']);
    expect(names(graphs.byWidth)).toEqual(['op-00000000000000a1', 'op-00000000000000b2', 'op-00000000000000c1', 'op-00000000000000b1', 'op-00000000000000b3']);
    expect(transfers.at(-1)).toContain(graphs.byWidth.startUnits.buffer);
  });

  //  a1 checkout [0 ...... 100]
  //    b1 send (PRODUCER) [10 . 11]
  //      c1 process (CONSUMER)       [150 .............. 900]   async: consumer of a producer
  //    b2 flush (links to a1 as follows_from) [20 . 30]          async: FOLLOWS_FROM
  //    b3 write                        [40 . 50]                 synchronous
  it('finds the same async stacks as the page: span kinds and follows-from links read before the columns move', () => {
    const followsFrom = { traceId: TRACE_ID, spanId: '00000000000000a1', traceState: '', attributes: [{ key: 'opentracing.ref_type', value: { type: 'string' as const, value: 'follows_from' } }], droppedAttributesCount: 0, flags: 0 };
    const trace = buildTrace([
      decodedSpan({ id: '00000000000000a1', start: 0, end: 100 }),
      decodedSpan({ id: '00000000000000b1', parent: '00000000000000a1', start: 10, end: 11, kind: 'producer' }),
      decodedSpan({ id: '00000000000000c1', parent: '00000000000000b1', start: 150, end: 900, kind: 'consumer' }),
      { ...decodedSpan({ id: '00000000000000b2', parent: '00000000000000a1', start: 20, end: 30 }), links: [followsFrom] },
      decodedSpan({ id: '00000000000000b3', parent: '00000000000000a1', start: 40, end: 50 }),
    ]);
    const { replies, layOutGraphs } = run(encodeTracesProto(toOtlpTracesData([trace])));
    const done = replies.find((r) => r.type === 'done');
    if (done?.type !== 'done') throw new Error('expected columns');
    const built = traceFromColumns(done.columns);
    layOutGraphs?.();
    const graphs = replies.at(-1);
    if (graphs?.type !== 'flame-graphs' || !graphs.byName || !graphs.byWidth) throw new Error('expected both aggregated layouts');
    for (const [layout, order] of [[graphs.byName, 'name'], [graphs.byWidth, 'width']] as const) {
      const { rows: gotRows, ...got } = layout;
      const { rows: wantRows, ...want } = flameGraphLayout(built, { order });
      expect(got).toEqual(want);
      expect(gotRows).toEqual(wantRows);
    }
    const asyncNames = Array.from(graphs.byName.asyncStart, (flag, node) => (flag === 1 ? built.spans[graphs.byName?.firstSpanIndex[node] ?? -1]?.name : undefined)).filter(Boolean);
    expect(asyncNames).toEqual(['op-00000000000000b2', 'op-00000000000000c1']);
  });

  it('says a malformed answer is not a trace (a bad answer for the page), without throwing', () => {
    const { replies, layOutGraphs } = run(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]));
    expect(replies.map((r) => r.type)).toEqual(['progress', 'error']);
    expect(layOutGraphs).toBeUndefined();
    expect(replies[1]).toMatchObject({ type: 'error', decodeError: true });
  });

  it('unwraps Tempo v2 TraceByIDResponse (trace in field 1) and carries PARTIAL to the trace', () => {
    const inner = encodeTracesProto(toOtlpTracesData([wideTrace(3)]));
    const reason = new TextEncoder().encode('trace too large');
    // field 1 (trace, length-delimited), field 3 (status = PARTIAL), field 4 (message)
    const v2 = new Uint8Array([0x0a, ...varint(inner.length), ...inner, 0x18, 0x01, 0x22, reason.length, ...reason]);
    const done = run(v2, 'v2').replies.find((r) => r.type === 'done');
    if (done?.type !== 'done') throw new Error('expected done');
    const trace = traceFromColumns(done.columns);
    expect(trace.spans).toHaveLength(4);
    expect(trace.incomplete).toBe('trace too large');
  });
});

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}

describe('runProtoFetch (the worker fetches, then decodes)', () => {
  const BASE = 'http://tempo.test:3200';
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  const message = (path: string) => ({ type: 'fetch' as const, url: `${BASE}${path}`, accept: 'application/protobuf', sourceName: 'Tempo (test)', traceId: TRACE_ID, shape: 'v1' as const, timeoutMs: 2_000 });
  const replies = async (path: string): Promise<ProtoDecodeReply[]> => {
    const out: ProtoDecodeReply[] = [];
    await runProtoFetch(message(path), (reply) => out.push(reply));
    return out;
  };

  it('reports bytes received, then decodes the protobuf answer into columns', async () => {
    const bytes = encodeTracesProto(toOtlpTracesData([wideTrace(5)]));
    server.use(http.get(`${BASE}/api/traces/:id`, ({ request }) => (request.headers.get('Accept') === 'application/protobuf' ? new HttpResponse(bytes, { headers: { 'Content-Type': 'application/protobuf' } }) : new HttpResponse('', { status: 406 }))));
    const out = await replies(`/api/traces/${TRACE_ID}`);
    expect(out.filter((r) => r.type === 'progress').map((r) => (r.type === 'progress' ? r.progress.phase : '')).slice(0, 1)).toEqual(['receiving']);
    const done = out.find((r) => r.type === 'done');
    if (done?.type !== 'done') throw new Error(`expected done, got ${JSON.stringify(out.map((r) => r.type))}`);
    expect(traceFromColumns(done.columns).spans).toHaveLength(6);
    expect(out.at(-1)?.type).toBe('flame-chart');
  });

  it('decodes while the answer arrives: most spans are read before the last byte, and the columns match a whole decode', async () => {
    // one ResourceSpans block per service: each is read once all of it is in
    const data = toOtlpTracesData([wideTrace(40)]);
    const all = data.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
    const first = data.resourceSpans[0]!;
    const blocks = Array.from({ length: 4 }, (_, b) => ({ ...first, scopeSpans: [{ ...first.scopeSpans[0]!, spans: all.filter((_, k) => k % 4 === b) }] }));
    const bytes = encodeTracesProto({ resourceSpans: blocks });
    const wholeReplies = run(bytes).replies;
    const whole = wholeReplies.find((r) => r.type === 'done');
    if (whole?.type !== 'done') throw new Error('no whole decode');
    const chunk = Math.ceil(bytes.length / 8);
    server.use(
      http.get(`${BASE}/api/traces/:id`, () => {
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            for (let at = 0; at < bytes.length; at += chunk) {
              controller.enqueue(bytes.slice(at, at + chunk));
              await new Promise((resolve) => setTimeout(resolve, 5));
            }
            controller.close();
          },
        });
        return new HttpResponse(body, { headers: { 'Content-Type': 'application/protobuf', 'Content-Length': String(bytes.length) } });
      }),
    );
    const out = await replies(`/api/traces/${TRACE_ID}`);
    // when the last byte is in, the blocks before it are columns already
    const decoding = out.find((r) => r.type === 'progress' && r.progress.phase === 'decoding');
    expect(decoding?.type === 'progress' ? decoding.progress.spans : 0).toBeGreaterThanOrEqual(30);
    const done = out.find((r) => r.type === 'done');
    if (done?.type !== 'done') throw new Error(`expected done, got ${JSON.stringify(out.map((r) => r.type))}`);
    const pictureOf = (t: Trace) => t.spans.map((s) => [s.spanId, s.parentSpanId, s.startNs, s.endNs, s.depth, s.attributes]);
    expect(pictureOf(traceFromColumns(done.columns))).toEqual(pictureOf(traceFromColumns(whole.columns)));
  });

  it('hands a JSON answer back as text, for the page’s JSON path', async () => {
    server.use(http.get(`${BASE}/api/traces/:id`, () => HttpResponse.json({ batches: [] })));
    expect(await replies(`/api/traces/${TRACE_ID}`)).toEqual([{ type: 'text', answer: { status: 200, text: '{"batches":[]}', contentType: 'application/json' } }]);
  });

  it('sends a failed request back as the BackendError the page rebuilds: kind, message, status', async () => {
    server.use(http.get(`${BASE}/api/traces/:id`, () => new HttpResponse('too many', { status: 429, headers: { 'Retry-After': '7' } })));
    const [reply] = await replies(`/api/traces/${TRACE_ID}`);
    expect(reply).toMatchObject({ type: 'backend-error', kind: 'http', status: 429, retryAfterSeconds: 7, url: `${BASE}/api/traces/${TRACE_ID}` });
    expect(reply?.type === 'backend-error' ? reply.message : '').toContain('Tempo (test)');
  });
});
