/**
 * Test input for the protobuf decoders: OTLP/JSON TracesData → protobuf bytes with
 * protobufjs (a devDependency, for tests only) and the .proto files of the demo
 * backend, read by path. Ids go hex → bytes (base64 is what protobufjs takes for
 * bytes); int64 decimal strings are read exactly (protobufjs uses `long`).
 */
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import type { OtlpTracesData } from '../otlp-json-types';

const root = protobuf.loadSync(['collector.proto'].map((file) => fileURLToPath(new URL(`../../../../mocks/server/proto/${file}`, import.meta.url))));
/** the same wire shape as TracesData: field 1 = repeated ResourceSpans */
const tracesData = root.lookupType('opentelemetry.proto.collector.v1.ExportTraceServiceRequest');

const ID_FIELDS = ['traceId', 'spanId', 'parentSpanId'];

export function encodeTracesProto(json: OtlpTracesData): Uint8Array {
  const copy = structuredClone(json) as unknown as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
  const toBase64 = (item: Record<string, unknown>): void => {
    for (const field of ID_FIELDS) {
      const id = item[field];
      if (typeof id === 'string') item[field] = Buffer.from(id, 'hex').toString('base64');
    }
    if (Array.isArray(item.links)) for (const link of item.links as Record<string, unknown>[]) toBase64(link);
  };
  for (const rs of copy.resourceSpans) for (const ss of rs.scopeSpans) for (const span of ss.spans) toBase64(span);
  // a copy with its own ArrayBuffer: Node's Buffer may sit in a shared pool
  return new Uint8Array(tracesData.encode(tracesData.fromObject(copy)).finish());
}

/** Raw protobuf building blocks, for inputs protobufjs will not write (bad ids, odd field orders). */
export const proto = {
  varint(value: number | bigint): number[] {
    let v = BigInt.asUintN(64, BigInt(value));
    const out: number[] = [];
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    return out;
  },
  tag(field: number, wireType: number): number[] {
    return proto.varint((field << 3) | wireType);
  },
  bytes(field: number, content: readonly number[]): number[] {
    return [...proto.tag(field, 2), ...proto.varint(content.length), ...content];
  },
  string(field: number, text: string): number[] {
    return proto.bytes(field, [...Buffer.from(text, 'utf8')]);
  },
  fixed64(field: number, value: bigint): number[] {
    const out = proto.tag(field, 1);
    for (let i = 0n; i < 8n; i++) out.push(Number((value >> (8n * i)) & 0xffn));
    return out;
  },
  fixed32(field: number, value: number): number[] {
    return [...proto.tag(field, 5), value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
  },
  hex(hex: string): number[] {
    return [...Buffer.from(hex, 'hex')];
  },
};
