/**
 * The protobuf path against the JSON path at one size, in Node:
 *   npx tsx scripts/bench/proto-columns-bench.ts 100000 proto   (decodeOtlpProtoColumns, traceFromColumns)
 *   npx tsx scripts/bench/proto-columns-bench.ts 100000 json    (JSON.parse, decodeTraces)
 * Each in its own process, so one path's garbage does not bill the other.
 */
import { bigTrace } from './big-trace';
import { encodeTracesProto } from '../../src/core/formats/__fixtures__/encode-traces-proto';
import { decodeOtlpProtoColumns } from '../../src/core/formats/otlp-proto-columns';
import { traceFromColumns } from '../../src/core/trace/columns-trace';
import { decodeTraces } from '../../src/core/formats/parse-traces';

const n = Number(process.argv[2] ?? 100_000);
const data = bigTrace({ spans: n, seed: 22 });
const json = JSON.stringify(data);
const bytes = encodeTracesProto(data);
console.log(`spans ${n}: JSON ${(json.length / 1e6).toFixed(1)} MB, protobuf ${(bytes.length / 1e6).toFixed(1)} MB`);
const time = (label: string, f: () => unknown): unknown => {
  const times: number[] = [];
  let out: unknown;
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    out = f();
    times.push(performance.now() - t);
  }
  console.log(`${label}: ${times.map((t) => t.toFixed(0)).join(' ')} ms`);
  return out;
};
const which = process.argv[3] ?? 'proto';
if (which === 'json') {
  time('JSON.parse', () => JSON.parse(json));
  const parsed: unknown = JSON.parse(json);
  time('decodeTraces (JSON path after parse, incl. buildTrace)', () => decodeTraces(parsed));
} else {
  const columns = time('decodeOtlpProtoColumns', () => decodeOtlpProtoColumns(bytes)) as ReturnType<typeof decodeOtlpProtoColumns>;
  time('traceFromColumns', () => traceFromColumns(columns));
  time('traceFromColumns + reading every span’s attributes', () => {
    let count = 0;
    for (const span of traceFromColumns(columns).spans) count += span.attributes.length;
    return count;
  });
}
