import {
  buildTrace,
  criticalPath,
  decodeOtlpProtoColumns,
  decodeTraceSpans,
  encodeOtlpProto,
  findSpans,
  flameChartLayout,
  flameGraphLayout,
  frameAt,
  parseTraces,
  selfTimeNs,
  subtreeEnds,
  traceFromColumns,
  treeIndex,
  visibleRows,
  type DecodedSpan,
  type OtlpTracesData,
  type Trace,
} from '../../src/core';
import { bigTrace, deepChain, toJsonLines } from './big-trace';
import { measure, once, type Measurement } from './measure';
import { metricsBench } from './metrics-bench';

/**
 * The trace page's core work in Node, per size: JSON.parse alone (the floor for a
 * JSON trace), decode + build and its ratio to that floor, critical path, self time,
 * waterfall rows (all expanded, then with the root collapsed), both flame layouts and
 * an in-trace find; the process's peak RSS after each size.
 *
 * The 1,000,000-span trace is ~570 MB of OTLP/JSON: more than V8's longest string
 * (2^29 - 24 characters), so no JSON document that size can exist in a JS engine. It
 * is read the way such traces travel, as JSON Lines (the collector's file exporter
 * writes one request per line): each line parsed and decoded, then one build.
 */
export async function coreBench(options: { million?: boolean } = {}): Promise<Measurement[]> {
  const results: Measurement[] = [];
  const cases: [string, () => OtlpTracesData][] = [
    ['1,000 spans', () => bigTrace({ spans: 1_000 })],
    ['10,000 spans', () => bigTrace({ spans: 10_000 })],
    ['100,000 spans', () => bigTrace({ spans: 100_000 })],
    ['50,000-deep chain', () => deepChain(50_000)],
    ['100,000-deep chain', () => deepChain(100_000)],
  ];
  for (const [label, make] of cases) {
    const json = JSON.stringify(make());
    const big = json.length > 10_000_000;
    const runs = big ? 5 : 15;
    const suite = `core ${label}`;
    const parse = await measure(suite, 'JSON.parse (floor)', () => JSON.parse(json), { runs, warmup: 1 });
    let trace: Trace | undefined;
    const decode = await measure(suite, 'decode + build (incl. JSON.parse)', () => {
      trace = parseTraces(json).traces[0];
    }, { runs, warmup: 1, note: `${(json.length / 1e6).toFixed(1)} MB` });
    results.push(parse, withRatio(decode, parse.medianMs));
    if (!trace) throw new Error(`${label}: no trace`);
    results.push(...(await protobufPath(suite, trace, parse.medianMs, runs)));
    results.push(...(await analyses(suite, trace, runs)));
  }
  results.push(...(await metricsBench()));
  if (options.million !== false) results.push(...(await millionSpans()));
  return results;
}

/**
 * The path the page takes for a Tempo trace: the server writes protobuf, the page's
 * worker decodes it into columns (tree included), the page makes its lazy spans.
 * The ratio is to JSON.parse of the same trace as OTLP/JSON.
 */
async function protobufPath(suite: string, trace: Trace, jsonParseMs: number, runs: number): Promise<Measurement[]> {
  let bytes = new Uint8Array();
  const encode = await measure(suite, 'protobuf: encode (the server)', () => {
    bytes = encodeOtlpProto([trace]);
  }, { runs, warmup: runs > 1 ? 1 : 0 });
  let columns: ReturnType<typeof decodeOtlpProtoColumns> | undefined;
  const decode = await measure(suite, 'protobuf: decode + build columns (the worker)', () => {
    columns = decodeOtlpProtoColumns(bytes);
  }, { runs, warmup: runs > 1 ? 1 : 0 });
  const built = columns;
  if (!built) throw new Error(`${suite}: no columns`);
  const page = await measure(suite, 'protobuf: traceFromColumns (the page)', () => traceFromColumns(built), { runs, warmup: runs > 1 ? 1 : 0 });
  const ratio = (decode.medianMs + page.medianMs) / jsonParseMs;
  return [
    { ...encode, note: `${(bytes.byteLength / 1e6).toFixed(1)} MB` },
    decode,
    { ...page, note: `(decode+build)/JSON.parse = ${ratio.toFixed(2)} on this path` },
  ];
}

/** "(decode+build) / JSON.parse": the parse is inside the decode figure, so subtract it. */
function withRatio(decode: Measurement, parseMs: number): Measurement {
  const ratio = (decode.medianMs - parseMs) / parseMs;
  return { ...decode, note: `${decode.note}; (decode+build)/JSON.parse = ${ratio.toFixed(1)}` };
}

async function analyses(suite: string, t: Trace, runs: number): Promise<Measurement[]> {
  const results: Measurement[] = [];
  results.push(await measure(suite, 'critical path', () => criticalPath(t), { runs, warmup: 1, note: `${t.spans.length.toLocaleString('en-US')} spans` }));
  results.push(await measure(suite, 'self time', () => selfTimeNs(t), { runs, warmup: 1 }));
  const ends = subtreeEnds(t);
  results.push(await measure(suite, 'waterfall rows, all expanded', () => visibleRows(t, new Set(), ends), { runs, warmup: 1 }));
  const root = t.roots[0]?.spanId ?? '';
  results.push(await measure(suite, 'rows after collapsing the root', () => visibleRows(t, new Set([root]), ends), { runs, warmup: 1 }));
  const tree = treeIndex(t);
  const chart = await measure(suite, 'flame layout, time mode', () => flameChartLayout(t, tree), { runs, warmup: 1 });
  const rows = flameChartLayout(t, tree).rowCount;
  results.push({ ...chart, note: `${rows.toLocaleString('en-US')} rows` });
  const layout = flameChartLayout(t, tree);
  // a hover: which frame is under the pointer (row + binary search), 1,000 pointer positions per run
  const hover = await measure(suite, 'flame hover hit-test, 1,000 lookups', () => {
    for (let k = 0; k < 1_000; k++) frameAt(layout, k % Math.max(1, layout.rowCount), ((k * 7919) % 1_000) / 1_000 * t.durationNs);
  }, { runs, warmup: 1 });
  results.push({ ...hover, note: `${hover.medianMs.toFixed(2)} µs per lookup (ms for 1,000 = µs for one)` });
  results.push(await measure(suite, 'flame layout, aggregated mode', () => flameGraphLayout(t, { tree }), { runs, warmup: 1 }));
  results.push(await measure(suite, 'find "payments"', () => findSpans(t, 'payments'), { runs, warmup: 1 }));
  results.push(peakRss(suite));
  return results;
}

/** The 1,000,000-span case: JSON Lines chunks of 2,000 spans, decoded line by line, then built once. */
async function millionSpans(): Promise<Measurement[]> {
  const suite = 'core 1,000,000 spans';
  const lines = toJsonLines(bigTrace({ spans: 1_000_000 }), 2_000);
  const megabytes = lines.reduce((sum, l) => sum + l.length, 0) / 1e6;
  const parse = await once(suite, 'JSON.parse of every line (floor)', () => {
    for (const line of lines) JSON.parse(line);
  });
  let trace: Trace | undefined;
  const decode = await once(suite, 'decode + build (incl. JSON.parse)', () => {
    const spans: DecodedSpan[] = [];
    for (const line of lines) {
      // push one by one: spreading 2,000 arguments per call is fine, a million is not
      for (const span of decodeTraceSpans(JSON.parse(line)).spans) spans.push(span);
    }
    trace = buildTrace(spans);
  }, `${megabytes.toFixed(0)} MB in ${lines.length} lines`);
  if (!trace) throw new Error('1,000,000 spans: no trace');
  return [parse, withRatio(decode, parse.medianMs), ...(await protobufPath(suite, trace, parse.medianMs, 1)), ...(await analyses(suite, trace, 3))];
}

function peakRss(suite: string): Measurement {
  const mb = process.resourceUsage().maxRSS / 1024;
  return { suite, name: 'peak RSS of the process so far', runs: 1, medianMs: Number.NaN, p95Ms: Number.NaN, note: `${mb.toFixed(0)} MB` };
}
