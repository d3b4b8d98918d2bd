import { describe, expect, it } from 'vitest';
import type { Trace } from '../model/trace';
import { traceFixtures } from '../formats/__fixtures__';
import { encodeTracesProto } from '../formats/__fixtures__/encode-traces-proto';
import { toOtlpTracesData } from '../formats/otlp-json-encode';
import { decodeOtlpProtoColumns } from '../formats/otlp-proto-columns';
import { parseTraces } from '../formats/parse-traces';
import { traceFromColumns } from './columns-trace';
import { criticalPath } from './critical-path';
import { selfTimeNs } from './self-time';
import { spanTimes } from './span-times';
import { treeIndex } from './tree-index';

const traces: { name: string; trace: Trace }[] = Object.entries(traceFixtures).flatMap(([file, text]) =>
  parseTraces(text).traces.map((trace, i) => ({ name: `${file} #${i}`, trace })),
);

const columnsOf = new WeakMap<Trace, ReturnType<typeof decodeOtlpProtoColumns>>();

describe('spanTimes', () => {
  it('holds each span’s start and end, once per trace', () => {
    const { trace } = traces[0] as { trace: Trace };
    const times = spanTimes(trace);
    expect([...times.startNs]).toEqual(trace.spans.map((s) => s.startNs));
    expect([...times.endNs]).toEqual(trace.spans.map((s) => s.endNs));
    expect(spanTimes(trace)).toBe(times);
  });

  it('of a trace from protobuf columns is the columns’ own arrays', () => {
    const { trace } = traces[0] as { trace: Trace };
    const columns = decodeOtlpProtoColumns(encodeTracesProto(toOtlpTracesData([trace])));
    const fromColumns = traceFromColumns(columns);
    expect(spanTimes(fromColumns).startNs).toBe(columns.startNs);
    expect(spanTimes(fromColumns).endNs).toBe(columns.endNs);
    expect([...spanTimes(fromColumns).endNs]).toEqual(fromColumns.spans.map((s) => s.endNs));
  });

  // the analyses read times from these arrays: the column trace's must give what span objects give
  it.each(traces)('tree index, critical path and self time agree between the JSON and the columns path: $name', ({ trace }) => {
    const columns = decodeOtlpProtoColumns(encodeTracesProto(toOtlpTracesData([trace])), { traceId: trace.traceId });
    const fromColumns = traceFromColumns(columns);
    columnsOf.set(fromColumns, columns);
    expect(fromColumns.spans.map((s) => s.spanId)).toEqual(trace.spans.map((s) => s.spanId));
    // the tree index too comes from the columns (their parents), not from walking children lists
    expect(treeIndex(fromColumns)).toEqual(treeIndex(trace));
    expect(treeIndex(fromColumns).parent).toBe(columnsOf.get(fromColumns)?.parent);
    expect(criticalPath(fromColumns)).toEqual(criticalPath(trace));
    expect(selfTimeNs(fromColumns)).toEqual(selfTimeNs(trace));
  });
});
