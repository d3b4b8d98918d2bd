import { describe, expect, it } from 'vitest';
import type { Trace } from '../model/trace';
import { traceFromColumns } from '../trace/columns-trace';
import { DecodeError } from './decode-error';
import type { OtlpSpan, OtlpTracesData } from './otlp-json-types';
import { columnsTransferList, decodeOtlpProtoColumns, unwrapTempoTraceProto } from './otlp-proto-columns';
import { decodeTraces } from './parse-traces';
import { encodeTracesProto, proto } from './__fixtures__/encode-traces-proto';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const T0 = 1_764_000_000_000_000_000n;

const span = (spanId: string, parent?: string, start = 0, end = 10): OtlpSpan => ({
  traceId: TRACE_ID,
  spanId,
  ...(parent !== undefined ? { parentSpanId: parent } : {}),
  name: `op ${spanId}`,
  startTimeUnixNano: (T0 + BigInt(start)).toString(),
  endTimeUnixNano: (T0 + BigInt(end)).toString(),
  attributes: [{ key: 'k', value: { stringValue: 'v'.repeat(40) } }],
});

const dataOf = (spans: OtlpSpan[]): OtlpTracesData => ({
  resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] }, scopeSpans: [{ scope: { name: 'lib' }, spans }] }],
});

/** a root and `n - 1` children, ids 1…n in hex */
function flatTrace(n: number): OtlpTracesData {
  const spans = [span('0000000000000001')];
  for (let i = 2; i <= n; i++) spans.push(span(i.toString(16).padStart(16, '0'), '0000000000000001', i, i + 5));
  return dataOf(spans);
}

describe('unwrapTempoTraceProto', () => {
  const traceData = encodeTracesProto(flatTrace(3));

  it('v1 (tempopb.Trace) is TracesData already', () => {
    expect(unwrapTempoTraceProto(traceData, 'v1').traceData).toBe(traceData);
  });

  it('v2 (TraceByIDResponse): the trace is a view into the same bytes; a PARTIAL status gives its message', () => {
    const complete = Uint8Array.from([...proto.bytes(1, [...traceData]), ...proto.bytes(2, [0x08, 0x05])]);
    const unwrapped = unwrapTempoTraceProto(complete, 'v2');
    expect(Object.keys(unwrapped)).toEqual(['traceData']);
    expect([...unwrapped.traceData]).toEqual([...traceData]);
    expect(unwrapped.traceData.buffer).toBe(complete.buffer);

    const partial = Uint8Array.from([...proto.bytes(1, [...traceData]), ...proto.tag(3, 0), 1, ...proto.string(4, 'trace exceeds max size')]);
    expect(unwrapTempoTraceProto(partial, 'v2').incomplete).toBe('trace exceeds max size');
    const noReason = Uint8Array.from([...proto.bytes(1, [...traceData]), ...proto.tag(3, 0), 1]);
    expect(unwrapTempoTraceProto(noReason, 'v2').incomplete).toBe('no reason given');
  });

  it('a partial trace carries its reason and the JSON decoder’s warning', () => {
    const data = flatTrace(3);
    const partial = Uint8Array.from([...proto.bytes(1, [...encodeTracesProto(data)]), ...proto.tag(3, 0), 1, ...proto.string(4, 'too big')]);
    const { traceData: unwrapped, incomplete } = unwrapTempoTraceProto(partial, 'v2');
    const trace = traceFromColumns(decodeOtlpProtoColumns(unwrapped, incomplete !== undefined ? { incomplete } : {}));
    const json = decodeTraces({ trace: data, status: 'PARTIAL', message: 'too big' }).traces[0] as Trace;
    expect(trace.incomplete).toBe('too big');
    expect(trace.warnings).toEqual(json.warnings);
    expect(trace.warnings).toEqual(['Tempo returned a partial trace: too big']);
  });
});

describe('decodeOtlpProtoColumns on bad bytes', () => {
  it('bytes cut inside a span keep every span before the cut, with a warning naming the byte', () => {
    const bytes = encodeTracesProto(flatTrace(20));
    const cut = bytes.subarray(0, Math.floor(bytes.length * 0.5));
    const trace = traceFromColumns(decodeOtlpProtoColumns(cut));
    expect(trace.spans.length).toBeGreaterThan(5);
    expect(trace.spans.length).toBeLessThan(20);
    const whole = traceFromColumns(decodeOtlpProtoColumns(bytes));
    expect(trace.spans.map((s) => s.spanId)).toEqual(whole.spans.slice(0, trace.spans.length).map((s) => s.spanId));
    expect(trace.warnings.join('\n')).toMatch(new RegExp(`resourceSpans\\[0\\]: protobuf: the bytes end at byte ${cut.length}, inside this message`));
    expect(trace.warnings.join('\n')).toMatch(/resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[\d+\]: protobuf: length \d+ runs past the end \(byte \d+\) at byte \d+; the spans from there on are missing/);
    // the page says so up front, as for a backend's PARTIAL answer
    expect(trace.incomplete).toBe(`the answer stops at byte ${cut.length}, in the middle of the trace: cut off on the way?`);
    expect(whole.incomplete).toBeUndefined();
  });

  it('a Tempo v2 answer cut inside its trace field keeps the spans that arrived, marked incomplete', () => {
    const inner = encodeTracesProto(flatTrace(20));
    const v2 = Uint8Array.from([0x0a, ...proto.varint(inner.length), ...inner]);
    const cut = v2.subarray(0, Math.floor(v2.length * 0.6));
    const { traceData, incomplete } = unwrapTempoTraceProto(cut, 'v2');
    expect(incomplete).toBe(`the answer stops at byte ${cut.length}, in the middle of the trace: cut off on the way?`);
    const trace = traceFromColumns(decodeOtlpProtoColumns(traceData, { incomplete }));
    expect(trace.spans.length).toBeGreaterThan(5);
    expect(trace.incomplete).toBe(incomplete);
  });

  it('bytes cut before the first whole span throw DecodeError naming the offset', () => {
    const bytes = encodeTracesProto(flatTrace(1));
    expect(() => decodeOtlpProtoColumns(bytes.subarray(0, 30))).toThrow(DecodeError);
    expect(() => decodeOtlpProtoColumns(bytes.subarray(0, 30))).toThrow(/no usable spans .*at byte \d+/);
  });

  it('a span malformed inside is skipped with a warning; the spans around it are kept', () => {
    const good = (id: number): number[] => [
      ...proto.bytes(1, proto.hex(TRACE_ID)),
      ...proto.bytes(2, proto.hex(id.toString(16).padStart(16, '0'))),
      ...proto.string(5, `op ${id}`),
      ...proto.fixed64(7, T0 + BigInt(id)),
      ...proto.fixed64(8, T0 + 100n),
    ];
    const bad = [...good(2), 0x0f /* wire type 7 */];
    const scopeSpans = [...proto.bytes(2, good(1)), ...proto.bytes(2, bad), ...proto.bytes(2, good(3))];
    const bytes = Uint8Array.from(proto.bytes(1, proto.bytes(2, scopeSpans)));
    const trace = traceFromColumns(decodeOtlpProtoColumns(bytes));
    expect(trace.spans.map((s) => s.name)).toEqual(['op 1', 'op 3']);
    const offset = bytes.indexOf(0x0f, 60);
    expect(trace.warnings).toEqual([`resourceSpans[0].scopeSpans[0].spans[1]: protobuf: wire type 7 (field 1) is not a protobuf wire type at byte ${offset}; span skipped`]);
  });

  it('ids of the wrong size: a span id too long skips the span, a parent id too long makes a root, a short id is left-padded', () => {
    const spanOf = (spanId: number[], parentId?: number[]): number[] => [
      ...proto.bytes(1, proto.hex(TRACE_ID)),
      ...proto.bytes(2, spanId),
      ...(parentId ? proto.bytes(4, parentId) : []),
      ...proto.fixed64(7, T0),
      ...proto.fixed64(8, T0 + 1n),
    ];
    const spans = [...proto.bytes(2, spanOf([0xab, 0xcd])), ...proto.bytes(2, spanOf(new Array<number>(9).fill(1))), ...proto.bytes(2, spanOf([1, 2, 3, 4, 5, 6, 7, 8], new Array<number>(9).fill(2)))];
    const trace = traceFromColumns(decodeOtlpProtoColumns(Uint8Array.from(proto.bytes(1, proto.bytes(2, spans)))));
    expect(trace.spans.map((s) => [s.spanId, s.parentSpanId])).toEqual([
      ['0000000000000abcd'.slice(1), undefined],
      ['0102030405060708', undefined],
    ]);
    expect(trace.warnings).toEqual([
      'resourceSpans[0].scopeSpans[0].spans[1]: spanId "010101010101010101" is not a span id (8 bytes); span skipped',
      'resourceSpans[0].scopeSpans[0].spans[2]: parentSpanId "020202020202020202" is not a span id; shown as a root',
    ]);
  });

  it('no spans at all is a DecodeError', () => {
    expect(() => decodeOtlpProtoColumns(new Uint8Array(0))).toThrow('no spans: the input is a trace format but holds no spans');
  });
});

describe('columns crossing a worker boundary', () => {
  it('columnsTransferList names every typed array’s buffer once, the bytes’ included, and a transferred copy builds the same trace', () => {
    const bytes = encodeTracesProto(flatTrace(50));
    const columns = decodeOtlpProtoColumns(bytes);
    const list = columnsTransferList(columns);
    expect(list).toContain(bytes.buffer);
    expect(new Set(list).size).toBe(list.length);
    const views = Object.values(columns).filter((v) => ArrayBuffer.isView(v));
    expect(list.length).toBe(new Set(views.map((v) => v.buffer)).size);

    const before = traceFromColumns(columns);
    const expected = before.spans.map((s) => [s.spanId, s.parentSpanId, s.startNs, s.endNs, s.depth, s.attributes]);
    const moved = structuredClone(columns, { transfer: list });
    expect(bytes.byteLength).toBe(0); // transferred, not copied
    const after = traceFromColumns(moved);
    expect(after.spans.map((s) => [s.spanId, s.parentSpanId, s.startNs, s.endNs, s.depth, s.attributes])).toEqual(expected);
  });

  it('reports progress every 10,000 spans', () => {
    const seen: number[] = [];
    decodeOtlpProtoColumns(encodeTracesProto(flatTrace(25_000)), { onProgress: (n) => seen.push(n) });
    expect(seen).toEqual([10_000, 20_000]);
  });
});
