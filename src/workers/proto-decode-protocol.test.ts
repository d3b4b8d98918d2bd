import { describe, expect, it } from 'vitest';
import { buildTrace, toOtlpTracesData, traceFromColumns, type Trace } from '../core';
import { encodeTracesProto } from '../core/formats/__fixtures__/encode-traces-proto';
import { decodedSpan, TRACE_ID } from '../core/trace/__fixtures__/make-trace';
import { runProtoDecode, type ProtoDecodeReply } from './proto-decode-protocol';

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

function run(bytes: Uint8Array, shape: 'v1' | 'v2' = 'v1'): { replies: ProtoDecodeReply[]; transfers: ArrayBuffer[][] } {
  const replies: ProtoDecodeReply[] = [];
  const transfers: ArrayBuffer[][] = [];
  runProtoDecode({ type: 'decode', bytes, traceId: TRACE_ID, shape }, (reply, transfer) => {
    replies.push(reply);
    transfers.push(transfer);
  });
  return { replies, transfers };
}

describe('runProtoDecode (the protobuf worker)', () => {
  it('reports progress, then hands back columns with every buffer in the transfer list', () => {
    const trace = wideTrace(25_000);
    const bytes = encodeTracesProto(toOtlpTracesData([trace]));
    const { replies, transfers } = run(bytes);
    expect(replies.filter((r) => r.type === 'progress').map((r) => (r.type === 'progress' ? r.spans : 0))).toEqual([10_000, 20_000]);
    const done = replies.at(-1);
    if (done?.type !== 'done') throw new Error(`expected done, got ${JSON.stringify(done)}`);
    // the answer's bytes go back inside the columns (for the lazy details), moved, not copied
    expect(transfers.at(-1)).toContain(bytes.buffer);
    expect(transfers.at(-1)).toContain(done.columns.startNs.buffer);
    const rebuilt = traceFromColumns(done.columns);
    expect(rebuilt.spans.map((s) => s.spanId)).toEqual(trace.spans.map((s) => s.spanId));
    expect(rebuilt.spans[7]?.attributes).toEqual(trace.spans[7]?.attributes);
  });

  it('says a malformed answer is not a trace (a bad answer for the page), without throwing', () => {
    const { replies } = run(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ type: 'error', decodeError: true });
  });

  it('unwraps Tempo v2 TraceByIDResponse (trace in field 1) and carries PARTIAL to the trace', () => {
    const inner = encodeTracesProto(toOtlpTracesData([wideTrace(3)]));
    const reason = new TextEncoder().encode('trace too large');
    // field 1 (trace, length-delimited), field 3 (status = PARTIAL), field 4 (message)
    const v2 = new Uint8Array([0x0a, ...varint(inner.length), ...inner, 0x18, 0x01, 0x22, reason.length, ...reason]);
    const done = run(v2, 'v2').replies.at(-1);
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
