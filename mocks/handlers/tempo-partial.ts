import { PARTIAL_STATUS, ProtoWriter, TRACE_BY_ID_RESPONSE } from '../../src/core';

export interface DemoAnswer {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly contentType: string;
}

/** Tempo's protobuf content type (it also reads `application/x-protobuf` in Accept). */
export const PROTOBUF = 'application/protobuf';

/** Whether a request's Accept asks for protobuf, as Grafana's Tempo client does. */
export function acceptsProtobuf(request: Request): boolean {
  const accept = request.headers.get('Accept') ?? '';
  return /\bapplication\/(x-)?protobuf\b/i.test(accept);
}

/**
 * A whole Tempo v2 trace answer → what Tempo sends when it could read only part of
 * the trace (the demo's `partial` control): the first half of its resource blocks,
 * status PARTIAL and the reason. JSON or protobuf, as the answer was.
 */
export function partialTraceAnswer(answer: DemoAnswer, message: string): DemoAnswer {
  if (answer.contentType.startsWith(PROTOBUF)) return { body: partialProtobuf(answer.body, message), contentType: PROTOBUF };
  const json = JSON.parse(new TextDecoder().decode(answer.body)) as { trace?: { resourceSpans?: unknown[] } };
  const partial = { ...json, trace: { ...json.trace, resourceSpans: firstHalf(json.trace?.resourceSpans ?? []) }, status: 'PARTIAL', message };
  return { body: new TextEncoder().encode(JSON.stringify(partial)), contentType: 'application/json' };
}

/** The first half of an answer's bytes (the demo's `truncate` control): a body cut off mid-way, as a dropped connection leaves it. */
export function truncatedAnswer(answer: DemoAnswer): DemoAnswer {
  return { body: answer.body.slice(0, Math.floor(answer.body.length / 2)), contentType: answer.contentType };
}

function firstHalf<T>(items: readonly T[]): T[] {
  return items.slice(0, Math.max(1, Math.ceil(items.length / 2)));
}

/**
 * TraceByIDResponse bytes with half the resources: the Trace (field 1) is cut at
 * the wire level, keeping the resource blocks' bytes as they were; other fields
 * (metrics) are kept; status and message are set.
 */
function partialProtobuf(body: Uint8Array, message: string): Uint8Array<ArrayBuffer> {
  const fields = topLevelFields(body);
  const trace = fields.find((f) => f.field === TRACE_BY_ID_RESPONSE.trace);
  const resources = trace ? topLevelFields(trace.value).filter((f) => f.field === 1) : [];
  const writer = new ProtoWriter(body.length + message.length * 3 + 16);
  writer.beginMessage(TRACE_BY_ID_RESPONSE.trace, 4);
  for (const resource of firstHalf(resources)) writer.raw(resource.whole);
  writer.endMessage();
  for (const f of fields) if (f.field === TRACE_BY_ID_RESPONSE.metrics) writer.raw(f.whole);
  writer.uint(TRACE_BY_ID_RESPONSE.status, PARTIAL_STATUS.partial);
  writer.string(TRACE_BY_ID_RESPONSE.message, message);
  return writer.finish();
}

interface WireField {
  readonly field: number;
  /** tag and value, as they were */
  readonly whole: Uint8Array;
  /** a length-delimited field's content (empty for other wire types) */
  readonly value: Uint8Array;
}

/** The fields of one message, not descended into. Throws on bytes that are not a message. */
function topLevelFields(bytes: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  // exact for tags and lengths; a skipped 64-bit value may round, which does not matter
  const varint = (): number => {
    let value = 0;
    for (let i = 0; i < 10; i++) {
      const byte = bytes[pos++];
      if (byte === undefined) throw new RangeError('protobuf: a varint runs past the end');
      value += (byte & 127) * 2 ** (7 * i);
      if (byte < 128) return value;
    }
    throw new RangeError('protobuf: a varint longer than 10 bytes');
  };
  while (pos < bytes.length) {
    const start = pos;
    const tag = varint();
    let value: Uint8Array = new Uint8Array(0);
    switch (tag % 8) {
      case 0:
        varint();
        break;
      case 1:
        pos += 8;
        break;
      case 2: {
        const length = varint();
        value = bytes.subarray(pos, pos + length);
        pos += length;
        break;
      }
      case 5:
        pos += 4;
        break;
      default:
        throw new RangeError(`protobuf: wire type ${tag % 8} at byte ${start}`);
    }
    if (pos > bytes.length) throw new RangeError('protobuf: a field runs past the end');
    fields.push({ field: Math.floor(tag / 8), whole: bytes.subarray(start, pos), value });
  }
  return fields;
}
