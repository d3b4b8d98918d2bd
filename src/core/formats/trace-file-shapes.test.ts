import { describe, expect, it } from 'vitest';
import { spanWithId, type Trace } from '../model/trace';
import { traceFixtures } from './__fixtures__';
import { detectTraceFormat } from './detect';
import { toJaegerJson } from './jaeger-json-encode';
import { encodeOtlpJson } from './otlp-json-encode';
import { decodeTraces, parseTraces } from './parse-traces';

// Shapes real files come in that are not the canonical envelope: Jaeger's own
// converter fixture (two different spans under one id, per-span warnings), a single
// Zipkin span, Jaeger UI's stored fetch, and a bare array of Jaeger spans.

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}
const errors = (trace: Trace): string[] => trace.spans.filter((s) => s.status.code === 'error').map((s) => s.name);
const TRACE_1 = '00000000000000000000000000000001';

describe('Jaeger JSON: converter-ui_01.json (two different spans under span id 0000000000000002)', () => {
  // 2 test-general-conversion (service-x)   ← keeps the id; 3 and 4 name it as parent
  //   3 some-operation (service-y)
  //   4 reference-test (service-y)           warnings: some span warning
  //     5 preserveParentID-test (service-y)  warnings: some span warning
  // 2 some-operation (service-x, error=true) ← the second under that id: re-keyed, kept
  const { traces, warnings } = parseTraces(traceFixtures['jaeger/converter-ui_01.json']);
  const trace = only(traces);
  const rekeyed = trace.spans.find((s) => s.name === 'some-operation' && s.service === 'service-x');

  it('keeps all five spans; the error span is the re-keyed one, so the trace has one error', () => {
    expect(trace.traceId).toBe(TRACE_1);
    expect(trace.spans).toHaveLength(5);
    expect(errors(trace)).toEqual(['some-operation']);
    expect(rekeyed?.status.code).toBe('error');
    expect(rekeyed?.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(rekeyed?.spanId).not.toBe('0000000000000002');
    expect(rekeyed?.attributes.map((a) => a.key)).toEqual(['peer.service', 'peer.ipv4', 'temperature', 'javascript_limit', 'blob']);
  });

  it('the first keeps the id, and children named by the id stay under it', () => {
    const first = spanWithId(trace, '0000000000000002');
    expect(first?.name).toBe('test-general-conversion');
    expect(first?.children.map((c) => c.spanId)).toEqual(['0000000000000003', '0000000000000004']);
    expect(spanWithId(trace, '0000000000000005')?.parentSpanId).toBe('0000000000000004');
    expect(trace.roots.map((r) => r.name)).toEqual(['test-general-conversion', 'some-operation']);
  });

  it('says what happened to the duplicate id, and what Jaeger said about the trace', () => {
    expect(warnings).toEqual([
      'trace: Jaeger says: some trace warning',
      `trace ${TRACE_1}: span id 0000000000000002 appears more than once with different content; the later span "some-operation" is shown under span id ${rekeyed?.spanId}`,
    ]);
    expect(trace.warnings).toEqual(warnings);
  });

  it('keeps each span\'s own warnings on the span', () => {
    expect(spanWithId(trace, '0000000000000004')?.warnings).toEqual(['some span warning']);
    expect(spanWithId(trace, '0000000000000005')?.warnings).toEqual(['some span warning']);
    expect(spanWithId(trace, '0000000000000003')?.warnings).toBeUndefined();
  });

  it('the same file gives the same ids every time (a permalink to the re-keyed span keeps working)', () => {
    const again = only(parseTraces(traceFixtures['jaeger/converter-ui_01.json']).traces);
    expect(again.spans.map((s) => s.spanId)).toEqual(trace.spans.map((s) => s.spanId));
  });

  it('span warnings and the re-keyed span survive the OTLP/JSON copy kept for local files (as @jaeger@warnings)', () => {
    const kept = encodeOtlpJson([trace]);
    expect(kept).toContain('"@jaeger@warnings"');
    const back = only(parseTraces(kept).traces);
    expect(back.spans.map((s) => [s.spanId, s.warnings])).toEqual(trace.spans.map((s) => [s.spanId, s.warnings]));
    expect(errors(back)).toEqual(['some-operation']);
    expect(spanWithId(back, '0000000000000004')?.attributes).toEqual(spanWithId(trace, '0000000000000004')?.attributes);
  });

  it('writes span warnings back into Jaeger JSON', () => {
    const spans = only(toJaegerJson([trace]).data).spans;
    expect(spans.find((s) => s.spanID === '0000000000000004')?.warnings).toEqual(['some span warning']);
    expect(spans.find((s) => s.spanID === '0000000000000003')?.warnings).toBeNull();
  });
});

describe('OTLP/JSON: Jaeger v2 keeps span warnings in the @jaeger@warnings attribute', () => {
  it('reads them as the span\'s warnings, not as an attribute', () => {
    const { traces } = decodeTraces({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '5b8efff798038103d269b633813fc60c',
                  spanId: 'eee19b7ec3c1b174',
                  name: 'GET /',
                  startTimeUnixNano: '1544712660000000000',
                  endTimeUnixNano: '1544712661000000000',
                  attributes: [
                    { key: 'http.method', value: { stringValue: 'GET' } },
                    { key: '@jaeger@warnings', value: { arrayValue: { values: [{ stringValue: 'invalid parent span IDs=abc' }, { stringValue: 'skewed' }] } } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    const span = only(only(traces).spans);
    expect(span.warnings).toEqual(['invalid parent span IDs=abc', 'skewed']);
    expect(span.attributes.map((a) => a.key)).toEqual(['http.method']);
  });
});

describe('Zipkin v2: one span object, not in an array', () => {
  const zipkinSpan = {
    traceId: '463ac35c9f6413ad48485a3953bb6124',
    id: 'a2fb4a1d1a96d312',
    name: 'get /api',
    kind: 'SERVER',
    timestamp: 1472470996199000,
    duration: 207000,
    localEndpoint: { serviceName: 'frontend', ipv4: '192.168.99.1' },
    tags: { 'http.path': '/api' },
  };

  it('is detected as Zipkin and opens as a one-span trace', () => {
    expect(detectTraceFormat(zipkinSpan)).toMatchObject({ format: 'zipkin-json', spans: [zipkinSpan] });
    const { traces, warnings } = parseTraces(JSON.stringify(zipkinSpan));
    expect(warnings).toEqual([]);
    const span = only(only(traces).spans);
    expect(span).toMatchObject({ spanId: 'a2fb4a1d1a96d312', name: 'get /api', service: 'frontend', kind: 'server', startNs: 0, endNs: 207_000_000 });
  });
});

describe('Jaeger UI stored fetch: {"data": {trace}, "id", "state"}', () => {
  // Jaeger UI's transformed trace: processes listed and copied into each span, with
  // the fields it adds (depth, hasChildren, relativeStartTime, traceName, services…)
  // 1 GET /dispatch (frontend) ──────────────── 0..1000 µs
  // 2   SELECT (mysql)             ────         200..500 µs, warnings: clock skew
  const stored = {
    id: 'abc0000000000001',
    state: 'FETCH_DONE',
    data: {
      traceID: 'abc0000000000001',
      traceName: 'frontend: GET /dispatch',
      duration: 1000,
      startTime: 1700000000000000,
      endTime: 1700000000001000,
      services: [
        { name: 'frontend', numberOfSpans: 1 },
        { name: 'mysql', numberOfSpans: 1 },
      ],
      processes: { p1: { serviceName: 'frontend', tags: [] }, p2: { serviceName: 'mysql', tags: [{ key: 'hostname', type: 'string', value: 'db-1' }] } },
      spans: [
        {
          traceID: 'abc0000000000001',
          spanID: '0000000000000001',
          operationName: 'GET /dispatch',
          references: [],
          startTime: 1700000000000000,
          duration: 1000,
          tags: [{ key: 'span.kind', type: 'string', value: 'server' }],
          logs: [],
          processID: 'p1',
          process: { serviceName: 'frontend', tags: [] },
          warnings: null,
          depth: 0,
          hasChildren: true,
          relativeStartTime: 0,
        },
        {
          traceID: 'abc0000000000001',
          spanID: '0000000000000002',
          operationName: 'SELECT',
          references: [{ refType: 'CHILD_OF', traceID: 'abc0000000000001', spanID: '0000000000000001' }],
          startTime: 1700000000000200,
          duration: 300,
          tags: [{ key: 'error', type: 'bool', value: true }],
          logs: [],
          processID: 'p2',
          process: { serviceName: 'mysql', tags: [{ key: 'hostname', type: 'string', value: 'db-1' }] },
          warnings: ['clock skew adjustment disabled; not applying calculated delta of -5µs'],
          depth: 1,
          hasChildren: false,
          relativeStartTime: 200,
        },
      ],
    },
  };

  it('opens the trace inside', () => {
    expect(detectTraceFormat(stored)).toMatchObject({ format: 'jaeger-json', path: 'data' });
    const { traces, warnings } = parseTraces(JSON.stringify(stored));
    expect(warnings).toEqual([]);
    const trace = only(traces);
    expect(trace.traceId).toBe('0000000000000000abc0000000000001');
    expect(trace.services).toEqual(['frontend', 'mysql']);
    expect(trace.spans.map((s) => [s.name, s.depth, s.startNs, s.endNs])).toEqual([
      ['GET /dispatch', 0, 0, 1_000_000],
      ['SELECT', 1, 200_000, 500_000],
    ]);
    expect(errors(trace)).toEqual(['SELECT']);
    expect(trace.spans[1]?.warnings).toEqual(['clock skew adjustment disabled; not applying calculated delta of -5µs']);
    expect(trace.spans[1]?.resource.attributes).toContainEqual({ key: 'hostname', value: { type: 'string', value: 'db-1' } });
  });

  it('a problem names its place under data', () => {
    const broken = { ...stored, data: { ...stored.data, spans: [{ ...stored.data.spans[0], startTime: 'soon' }, stored.data.spans[1]] } };
    expect(parseTraces(JSON.stringify(broken)).warnings[0]).toBe('data.spans[0]: startTime is a string "soon", not µs since the epoch; span skipped');
  });
});

describe('a bare array of Jaeger spans with inline processes', () => {
  const jaegerSpan = (traceID: string, spanID: string, service: string, startTime: number, parent?: string) => ({
    traceID,
    spanID,
    operationName: `op-${spanID}`,
    references: parent === undefined ? [] : [{ refType: 'CHILD_OF', traceID, spanID: parent }],
    startTime,
    duration: 10,
    tags: [],
    logs: [],
    process: { serviceName: service, tags: [{ key: 'ip', type: 'string', value: '10.0.0.1' }] },
  });
  // trace a1: 1 (api) └ 2 (db);  trace b2: 3 (api)
  const spans = [
    jaegerSpan('a1', '1', 'api', 1700000000000000),
    jaegerSpan('a1', '2', 'db', 1700000000000002, '1'),
    jaegerSpan('b2', '3', 'api', 1700000000000005),
  ];

  it('is detected and opens each trace it holds', () => {
    expect(detectTraceFormat(spans)).toMatchObject({ format: 'jaeger-spans' });
    const { traces, warnings } = parseTraces(JSON.stringify(spans));
    expect(warnings).toEqual([]);
    expect(traces.map((t) => [t.traceId.replace(/^0+/, ''), t.spans.map((s) => `${s.service}:${s.spanId.replace(/^0+/, '')}@${s.depth}`)])).toEqual([
      ['a1', ['api:1@0', 'db:2@1']],
      ['b2', ['api:3@0']],
    ]);
  });

  it('spans of one process share one Resource, as listed processes do', () => {
    const { traces } = parseTraces(JSON.stringify(spans));
    const api1 = traces[0]?.spans[0];
    const api3 = traces[1]?.spans[0];
    expect(api1?.resource).toBe(api3?.resource);
    expect(api1?.resource).not.toBe(traces[0]?.spans[1]?.resource);
    expect(api1?.resource.attributes).toEqual([
      { key: 'service.name', value: { type: 'string', value: 'api' } },
      { key: 'ip', value: { type: 'string', value: '10.0.0.1' } },
    ]);
  });

  it('a bad span names its index and the rest still open', () => {
    const { traces, warnings } = parseTraces(JSON.stringify([spans[0], { ...spans[1], spanID: 'zz' }]));
    expect(only(only(traces).spans).name).toBe('op-1');
    expect(warnings).toEqual(['[1]: spanID a string "zz" is not a span id; span skipped']);
  });
});
