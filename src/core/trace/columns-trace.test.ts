import { describe, expect, it } from 'vitest';
import type { DecodedSpan } from '../model/decoded-span';
import type { Span } from '../model/span';
import { spanWithId, type Trace } from '../model/trace';
import type { OtlpSpan, OtlpTracesData } from '../formats/otlp-json-types';
import { traceFixtures } from '../formats/__fixtures__';
import { comparableSpan } from '../formats/__fixtures__/expect-same-traces';
import { encodeTracesProto } from '../formats/__fixtures__/encode-traces-proto';
import { toOtlpTracesData } from '../formats/otlp-json-encode';
import { decodeOtlpProtoColumns } from '../formats/otlp-proto-columns';
import { decodeTraces, decodeTraceSpans, parseTraces } from '../formats/parse-traces';
import { buildTrace } from './build-trace';
import { adjustClockSkew } from './clock-skew';
import { ColumnIdMap, ColumnSpan, columnSpanDecodes, hasLinks, traceFromColumns } from './columns-trace';
import { decodedSpan, id, traceOf, TRACE_ID, type SpanSpec } from './__fixtures__/make-trace';
import { shopSpans } from './__fixtures__/shop-spans';
import { shiftedSpan } from './shift-span';
import { treeIndex } from './tree-index';

/**
 * Every field of a span as plain data (getters read; comparableSpan lists them), plus
 * which earlier span's Resource / scope object it shares: the JSON path shares them by identity.
 */
function plainSpan(trace: Trace, span: Span): Record<string, unknown> {
  return {
    ...comparableSpan(trace, span),
    resourceSharedWith: trace.spans.findIndex((s) => s.resource === span.resource),
    scopeSharedWith: trace.spans.findIndex((s) => s.scope === span.scope),
  };
}

function plainTrace(trace: Trace): Record<string, unknown> {
  return {
    traceId: trace.traceId,
    startUnixNano: trace.startUnixNano,
    durationNs: trace.durationNs,
    spans: trace.spans.map((s) => plainSpan(trace, s)),
    // the same id → position pairs (the map's own order is how it was filled)
    indexById: [...trace.indexById].sort(([a], [b]) => (a < b ? -1 : 1)),
    roots: trace.roots.map((s) => s.spanId),
    services: trace.services,
    warnings: trace.warnings,
    incomplete: trace.incomplete,
  };
}

/** protobuf bytes → columns → Trace */
function viaProto(data: OtlpTracesData, options?: Parameters<typeof decodeOtlpProtoColumns>[1]): Trace {
  return traceFromColumns(decodeOtlpProtoColumns(encodeTracesProto(data), options));
}

/** Fixture traces and the small traces of the analyses' tests, each as OTLP TracesData. */
function allTraces(): { name: string; trace: Trace }[] {
  const out: { name: string; trace: Trace }[] = [];
  for (const [file, text] of Object.entries(traceFixtures)) {
    parseTraces(text).traces.forEach((trace, i) => out.push({ name: `${file} #${i}`, trace }));
  }
  const wide: SpanSpec[] = [{ id: 'f00', start: 0, end: 101 }];
  for (let i = 0; i < 50; i++) wide.push({ id: `c${i.toString(16)}`, parent: 'f00', start: 2 * (i % 7) + 1, end: 2 * i + 2, service: `svc-${i % 3}` });
  out.push({ name: 'wide trace, siblings with equal starts', trace: traceOf(wide) });
  out.push({
    name: 'shop spans with links',
    trace: buildTrace([
      ...shopSpans([
        { id: 'a0', start: 0, end: 100, service: 'gateway', name: 'GET /', error: true },
        { id: 'db', parent: 'a0', start: 10, end: 20, service: 'db', name: 'SELECT', dbSystem: 'postgresql' },
      ]),
      decodedSpan({ id: 'b1', parent: 'a0', start: 10, end: 15, links: ['db', 'a0'] }),
    ]),
  });
  return out;
}

describe('traceFromColumns(decodeOtlpProtoColumns(protobuf)) equals buildTrace of the same spans', () => {
  for (const { name, trace } of allTraces()) {
    it(name, () => {
      const data = toOtlpTracesData([trace]);
      const expected = decodeTraces(data).traces[0] as Trace;
      expect(plainTrace(viaProto(data))).toEqual(plainTrace(expected));
    });
  }

  it('every attribute type, events, links, status, trace state, flags, schema URLs, dropped counts', () => {
    const data: OtlpTracesData = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }], droppedAttributesCount: 2 },
          schemaUrl: 'https://opentelemetry.io/schemas/1.21.0',
          scopeSpans: [
            {
              scope: { name: 'lib', version: '1.2', attributes: [{ key: 'lib.attr', value: { boolValue: true } }], droppedAttributesCount: 1 },
              schemaUrl: 'https://scope.example/schema',
              spans: [
                {
                  traceId: TRACE_ID,
                  spanId: id('a'),
                  traceState: 'vendor=1',
                  flags: 257,
                  name: 'GET /ünïcødé',
                  kind: 2,
                  startTimeUnixNano: '1700000000000000000',
                  endTimeUnixNano: '1700000000000005000',
                  attributes: [
                    { key: 's', value: { stringValue: 'text ✓' } },
                    { key: 'b', value: { boolValue: false } },
                    { key: 'i', value: { intValue: '-9223372036854775808' } },
                    { key: 'imax', value: { intValue: '9223372036854775807' } },
                    { key: 'small', value: { intValue: '42' } },
                    { key: 'neg', value: { intValue: '-1' } },
                    { key: 'd', value: { doubleValue: 1.5 } },
                    { key: 'nan', value: { doubleValue: 'NaN' } },
                    { key: 'inf', value: { doubleValue: '-Infinity' } },
                    { key: 'bytes', value: { bytesValue: 'AAAwOQ==' } },
                    { key: 'bytes2', value: { bytesValue: 'YWI=' } },
                    { key: 'arr', value: { arrayValue: { values: [{ stringValue: 'x' }, { intValue: '7' }, { arrayValue: { values: [] } }] } } },
                    { key: 'kv', value: { kvlistValue: { values: [{ key: 'nested', value: { kvlistValue: { values: [{ key: 'deep', value: { doubleValue: 2 } }] } } }] } } },
                    { key: 'empty', value: {} },
                  ],
                  droppedAttributesCount: 3,
                  events: [
                    { timeUnixNano: '1700000000000001000', name: 'first', attributes: [{ key: 'e', value: { intValue: '1' } }], droppedAttributesCount: 4 },
                    { timeUnixNano: '1699999999999999000', name: 'before the span' },
                  ],
                  droppedEventsCount: 5,
                  links: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceState: 'x=y', attributes: [{ key: 'l', value: { stringValue: 'v' } }], droppedAttributesCount: 6, flags: 1 }],
                  droppedLinksCount: 7,
                  status: { code: 2, message: 'boom' },
                },
                { traceId: TRACE_ID, spanId: id('b'), parentSpanId: id('a'), name: 'child', startTimeUnixNano: '1700000000000001000', endTimeUnixNano: '1700000000000002000', status: { code: 1 } },
              ],
            },
          ],
        },
      ],
    };
    expect(plainTrace(viaProto(data))).toEqual(plainTrace(decodeTraces(data).traces[0] as Trace));
  });

  it('duplicated spans, a parent cycle, an orphan, another trace, repaired times and skipped spans give buildTrace’s order and warnings', () => {
    const other = '0af7651916cd43dd8448eb211c80319c';
    const span = (spanId: string, start: number, end: number, parent?: string, traceId = TRACE_ID): OtlpSpan => ({
      traceId,
      spanId: id(spanId),
      ...(parent !== undefined ? { parentSpanId: id(parent) } : {}),
      name: `op-${spanId}`,
      startTimeUnixNano: (1_700_000_000_000_000_000n + BigInt(start)).toString(),
      endTimeUnixNano: (1_700_000_000_000_000_000n + BigInt(end)).toString(),
    });
    const data: OtlpTracesData = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'a-svc' } }] },
          scopeSpans: [{ scope: {}, spans: [span('a', 0, 100), span('b', 10, 20, 'a'), { ...span('b', 0, 1, 'a'), name: 'dup' }, span('c', 5, 6, 'd'), span('d', 5, 7, 'c')] }],
        },
        {
          resource: {},
          scopeSpans: [
            {
              scope: {},
              spans: [
                span('e', 30, 40, 'bad'),
                span('1', 0, 1, undefined, other),
                span('f', 50, 40, 'a'), // ends before it starts
                { ...span('2', 3, 3, 'a'), traceId: '00000000000000000000000000000000' },
                { ...span('3', 3, 3, 'a'), spanId: '0000000000000000' },
                span('9', 8, 9, '0000000000000000'),
              ],
            },
          ],
        },
      ],
    };
    const { spans, warnings } = decodeTraceSpans(data);
    const expected = buildTrace(spans, warnings);
    const actual = viaProto(data);
    expect(plainTrace(actual)).toEqual(plainTrace(expected));
    // the tree index comes from the columns' parents: orphans and broken cycles are roots there too
    expect(treeIndex(actual)).toEqual(treeIndex(expected));
    expect(actual.warnings.join('\n')).toMatch(/appears more than once[\s\S]*1 spans of other traces[\s\S]*parent cycle/);
    expect(actual.spans.filter((s) => s.orphan).map((s) => s.spanId)).toEqual(expect.arrayContaining([id('e')]));
  });

  it('keeps the trace named in options.traceId', () => {
    const data = toOtlpTracesData([traceOf([{ id: 'a', start: 0, end: 5 }])]);
    const other = structuredClone(data);
    for (const rs of other.resourceSpans) for (const ss of rs.scopeSpans) for (const s of ss.spans) (s as { traceId: string }).traceId = '0af7651916cd43dd8448eb211c80319c';
    const both: OtlpTracesData = { resourceSpans: [...data.resourceSpans, ...other.resourceSpans] };
    const trace = viaProto(both, { traceId: '0AF7651916CD43DD8448EB211C80319C' });
    expect(trace.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(trace.warnings).toEqual([`trace 0af7651916cd43dd8448eb211c80319c: 1 spans of other traces were left out (group spans by trace first)`]);
  });

  it('a 100,000-deep parent chain builds without overflowing the stack', () => {
    const specs: SpanSpec[] = [];
    for (let i = 0; i < 100_000; i++) specs.push({ id: (i + 1).toString(16), ...(i > 0 ? { parent: i.toString(16) } : {}), start: i, end: 200_000 - i });
    const chain = traceOf(specs);
    const trace = viaProto(toOtlpTracesData([chain]));
    expect(trace.spans.length).toBe(100_000);
    expect(trace.spans.at(-1)?.depth).toBe(99_999);
    expect(trace.spans.map((s) => s.spanId)).toEqual(chain.spans.map((s) => s.spanId));
    expect(trace.roots.map((s) => s.spanId)).toEqual([id('1')]);
    expect(treeIndex(trace).subtreeEnd[50_000]).toBe(100_000);
  }, 60_000); // making 100,000 spans of test input with protobufjs takes seconds on a busy machine
});

describe('laziness', () => {
  const data = toOtlpTracesData([parseTraces(traceFixtures['jaeger-ui/petclinic-spanAmongEachOtherGroupedAndSpans.json']).traces[0] as Trace]);

  it('decodes no span’s attributes, events or links until one is read, then only that span’s, once', () => {
    const before = columnSpanDecodes.details;
    const trace = viaProto(data);
    expect(columnSpanDecodes.details).toBe(before);
    expect(trace.spans.every((s) => s instanceof ColumnSpan && !s.detailsDecoded)).toBe(true);

    const withAttributes = (decodeTraces(data).traces[0] as Trace).spans.findIndex((s, i) => i > 0 && s.attributes.length > 0);
    const second = trace.spans[withAttributes] as ColumnSpan;
    expect(second.attributes.length).toBeGreaterThan(0);
    void second.events;
    void second.links;
    expect(columnSpanDecodes.details).toBe(before + 1);
    expect(trace.spans.filter((s) => s instanceof ColumnSpan && s.detailsDecoded)).toEqual([second]);
  });

  it('makes the id map on the first lookup, with every span at its position', () => {
    const trace = viaProto(data);
    const map = trace.indexById as ColumnIdMap;
    expect(map).toBeInstanceOf(ColumnIdMap);
    expect(map.built).toBe(false);
    const last = trace.spans[trace.spans.length - 1] as Span;
    expect(spanWithId(trace, last.spanId)).toBe(last);
    expect(map.built).toBe(true);
    // every span is found at its own position, as a Map of its ids would say
    expect(trace.spans.every((s, i) => map.get(s.spanId) === i)).toBe(true);
    expect(map.size).toBe(new Set(trace.spans.map((s) => s.spanId)).size);
    expect(map.has('0000000000000000')).toBe(false);
    // only the id as written matches: other case, other length, not hex
    expect(map.get(last.spanId.toUpperCase())).toBe(last.spanId === last.spanId.toUpperCase() ? trace.spans.length - 1 : undefined);
    expect(map.get(last.spanId.slice(1))).toBeUndefined();
    expect(map.get(`${last.spanId}0`)).toBeUndefined();
    expect(map.get(`${last.spanId.slice(0, 15)}g`)).toBeUndefined();
    expect(map.get('')).toBeUndefined();
    expect([...map.keys()]).toEqual(trace.spans.map((s) => s.spanId));
    const seen: [string, number][] = [];
    map.forEach((index, id, self) => {
      expect(self).toBe(map);
      seen.push([id, index]);
    });
    expect(seen).toEqual([...map.entries()]);
    expect([...map.values()]).toEqual(trace.spans.map((_, i) => i));
  });

  it('knows which spans have links without decoding any (the backlink scan reads only those)', () => {
    const linked = traceOf([
      { id: '1', start: 0, end: 100 },
      { id: '2', parent: '1', start: 10, end: 20, links: ['3', '1'] },
      { id: '3', parent: '1', start: 30, end: 40 },
    ]);
    const trace = viaProto(toOtlpTracesData([linked]));
    const before = columnSpanDecodes.details;
    expect(trace.spans.map((s) => (s as ColumnSpan).linkCount)).toEqual([0, 2, 0]);
    expect(trace.spans.map(hasLinks)).toEqual([false, true, false]);
    expect(columnSpanDecodes.details).toBe(before);
    expect(linked.spans.map(hasLinks)).toEqual([false, true, false]);
  });

  it('spans of one resource block share one Resource object, decoded on first read', () => {
    const trace = viaProto(data);
    const [a, b] = trace.spans as [Span, Span];
    expect(a.resource).toBe(b.resource);
    expect(a.scope).toBe(b.scope);
  });
});

describe('copies of lazy spans (shiftedSpan, clock skew)', () => {
  /** client in "web" calls a server span in "api" whose clock is 40 ns early */
  const decoded: DecodedSpan[] = [
    { ...decodedSpan({ id: 'c0', start: 100, end: 200, service: 'web' }), events: [{ timeUnixNano: 1_700_000_000_000_000_150n, name: 'sent', attributes: [], droppedAttributesCount: 0 }] },
    {
      ...decodedSpan({ id: '5e', parent: 'c0', start: 70, end: 150, service: 'api' }),
      attributes: [{ key: 'http.route', value: { type: 'string', value: '/x' } }],
      events: [{ timeUnixNano: 1_700_000_000_000_000_080n, name: 'got', attributes: [], droppedAttributesCount: 0 }],
    },
  ];

  it('shiftedSpan keeps a lazy span lazy and moves its events', () => {
    const trace = viaProto(toOtlpTracesData([buildTrace(decoded)]));
    const server = spanWithId(trace, id('5e')) as Span;
    const moved = shiftedSpan(server, 25);
    expect(moved).toBeInstanceOf(ColumnSpan);
    expect((moved as ColumnSpan).detailsDecoded).toBe(false);
    expect([moved.startNs, moved.endNs]).toEqual([server.startNs + 25, server.endNs + 25]);
    expect(moved.events.map((e) => e.timeNs)).toEqual(server.events.map((e) => e.timeNs + 25));
    expect(moved.attributes).toEqual(server.attributes);
    expect(moved.children).toEqual([]);
  });

  it('adjustClockSkew of a lazy trace equals that of the plain trace, attributes included', () => {
    const plain = adjustClockSkew(buildTrace(decoded));
    const lazy = adjustClockSkew(viaProto(toOtlpTracesData([buildTrace(decoded)])));
    expect(lazy.adjustments).toEqual(plain.adjustments);
    expect(lazy.adjustments.length).toBe(1);
    expect(plainTrace(lazy.trace)).toEqual(plainTrace(plain.trace));
  });
});
