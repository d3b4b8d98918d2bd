import { describe, expect, it } from 'vitest';
import type { Trace } from '../model/trace';
import { traceFromColumns } from '../trace/columns-trace';
import type { OtlpSpan, OtlpTracesData } from './otlp-json-types';
import { ColumnStreamDecoder, decodeOtlpProtoColumns, unwrapTempoTraceProto } from './otlp-proto-columns';
import { appendBytes } from './growing-bytes';
import { encodeTracesProto, proto } from './__fixtures__/encode-traces-proto';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const T0 = 1_764_000_000_000_000_000n;
const hex = (i: number) => i.toString(16).padStart(16, '0');

/** `services` ResourceSpans blocks of `perService` spans each, all under span 1 (in the first block). */
function servicesTrace(services: number, perService: number): OtlpTracesData {
  return {
    resourceSpans: Array.from({ length: services }, (_, s) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: `svc-${s}` } }] },
      scopeSpans: [
        {
          scope: { name: `lib-${s}` },
          spans: Array.from({ length: perService }, (_, k): OtlpSpan => {
            const id = s * perService + k + 1;
            return {
              traceId: TRACE_ID,
              spanId: hex(id),
              ...(id > 1 ? { parentSpanId: hex(1 + Math.floor((id - 2) / 3)) } : {}),
              name: `op ${id % 7}`,
              startTimeUnixNano: (T0 + BigInt(id * 10)).toString(),
              endTimeUnixNano: (T0 + BigInt(id * 10 + 500)).toString(),
              attributes: [{ key: 'n', value: { intValue: String(id) } }],
              events: id % 5 === 0 ? [{ name: 'tick', timeUnixNano: (T0 + BigInt(id * 10 + 1)).toString() }] : [],
            };
          }),
        },
      ],
    })),
  };
}

const v2Of = (inner: Uint8Array, tail: number[] = []) => Uint8Array.from([...proto.bytes(1, [...inner]), ...tail]);

/**
 * Feeds `answer` the way readBytes receives it: chunks of `chunk` bytes into a buffer
 * that starts at `initial` bytes and doubles (a new array each time) when full.
 */
function streamed(answer: Uint8Array, shape: 'v1' | 'v2', chunk: number, initial: number): { trace: Trace; readBeforeEnd: number } {
  const stream = new ColumnStreamDecoder(shape);
  let buffer = new Uint8Array(initial);
  let received = 0;
  let readBeforeEnd = 0;
  for (let at = 0; at < answer.length; at += chunk) {
    const piece = answer.subarray(at, Math.min(answer.length, at + chunk));
    buffer = appendBytes(buffer, received, piece);
    received += piece.length;
    stream.feed(buffer, received);
    if (received < answer.length) readBeforeEnd = stream.spansRead;
  }
  return { trace: traceFromColumns(stream.finish(buffer.subarray(0, received))), readBeforeEnd };
}

function whole(answer: Uint8Array, shape: 'v1' | 'v2'): Trace {
  const { traceData, incomplete } = unwrapTempoTraceProto(answer, shape);
  return traceFromColumns(decodeOtlpProtoColumns(traceData, incomplete !== undefined ? { incomplete } : {}));
}

/** Everything a view reads of a trace, details decoded. */
const picture = (t: Trace) => ({
  spans: t.spans.map((s) => [s.spanId, s.parentSpanId, s.startNs, s.endNs, s.depth, s.name, s.service, s.attributes, s.events, s.resource.attributes, s.scope.name]),
  roots: t.roots.map((s) => s.spanId),
  services: t.services,
  warnings: t.warnings,
  incomplete: t.incomplete,
  startUnixNano: t.startUnixNano,
  durationNs: t.durationNs,
});

describe('ColumnStreamDecoder: decoding while the answer arrives', () => {
  const inner = encodeTracesProto(servicesTrace(6, 40));

  it.each([
    ['v1', 1, 16],
    ['v1', 333, 1024],
    ['v1', 4096, inner.length],
    ['v2', 7, 64],
    ['v2', 1000, 1 << 20],
  ] as const)('%s answer in %i-byte chunks gives the same trace as decoding it whole, most of it read before the end', (shape, chunk, initial) => {
    const answer = shape === 'v1' ? inner : v2Of(inner, [...proto.tag(3, 0), 0]);
    const { trace, readBeforeEnd } = streamed(answer, shape, chunk, initial);
    expect(picture(trace)).toEqual(picture(whole(answer, shape)));
    expect(trace.spans).toHaveLength(240);
    // the blocks that were whole before the last chunk were read then: 5 of the 6 at least
    if (chunk < 4096) expect(readBeforeEnd).toBeGreaterThanOrEqual(200);
  });

  it('a v2 PARTIAL answer: the status after the trace still marks it incomplete', () => {
    const answer = v2Of(inner, [...proto.tag(3, 0), 1, ...proto.string(4, 'trace exceeds max size')]);
    const { trace } = streamed(answer, 'v2', 512, 2048);
    expect(trace.incomplete).toBe('trace exceeds max size');
    expect(picture(trace)).toEqual(picture(whole(answer, 'v2')));
  });

  it('an answer cut off on the way keeps every span that arrived whole, marked incomplete as the whole decode marks it', () => {
    const answer = v2Of(inner);
    const cut = answer.subarray(0, Math.floor(answer.length * 0.55));
    const { trace } = streamed(cut, 'v2', 256, 1024);
    expect(trace.incomplete).toBe(`the answer stops at byte ${cut.length}, in the middle of the trace: cut off on the way?`);
    expect(trace.spans.length).toBeGreaterThan(100);
    expect(trace.spans.length).toBeLessThan(240);
    expect(trace.spans.map((s) => s.spanId)).toEqual(whole(cut, 'v2').spans.map((s) => s.spanId));
  });

  it('a block malformed in the middle ends the reading there, with the same warning as the whole decode', () => {
    const blocks = servicesTrace(3, 10).resourceSpans.map((rs) => encodeTracesProto({ resourceSpans: [rs] }));
    const bad = Uint8Array.from([...proto.bytes(1, [...proto.bytes(2, [0x0f])])]);
    const answer = Uint8Array.from([...(blocks[0] as Uint8Array), ...bad, ...(blocks[1] as Uint8Array)]);
    const { trace } = streamed(answer, 'v1', 5, 8);
    const expected = whole(answer, 'v1');
    expect(trace.spans).toHaveLength(10);
    expect(trace.warnings).toEqual(expected.warnings);
    expect(trace.warnings[0]).toMatch(/wire type 7 .*; the spans from there on are missing \(10 read before it\)/);
  });

  it('a v2 answer that does not start with its trace is decoded at the end, the same', () => {
    const answer = Uint8Array.from([...proto.tag(3, 0), 0, ...proto.bytes(1, [...inner])]);
    const { trace, readBeforeEnd } = streamed(answer, 'v2', 300, 1024);
    expect(readBeforeEnd).toBe(0);
    expect(picture(trace)).toEqual(picture(whole(answer, 'v2')));
  });
});
