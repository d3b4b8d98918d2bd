import { describe, expect, it } from 'vitest';
import { DecodeError } from './decode-error';
import { decodeTraceSpans, decodeTraces, parseTraces } from './parse-traces';

const TRACE_A = '5b8efff798038103d269b633813fc60c';
const TRACE_B = '0af7651916cd43dd8448eb211c80319c';
const good = (spanId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  traceId: TRACE_A,
  spanId,
  name: `op-${spanId}`,
  startTimeUnixNano: '1000',
  endTimeUnixNano: '2000',
  ...extra,
});
const otlp = (...spans: unknown[]): unknown => ({ resourceSpans: [{ scopeSpans: [{ spans }] }] });

function decodeError(run: () => unknown): DecodeError {
  try {
    run();
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw e;
  }
  throw new Error('expected a DecodeError');
}

describe('invalid JSON', () => {
  it.each([
    ['{"resourceSpans": [}', 'the input is not valid JSON at line 1, column 20: expected a value, found \'}\'', 1, 20],
    ['{\n  "resourceSpans": [\n    {"a": 1,}\n  ]\n}', "the input is not valid JSON at line 3, column 13: expected a property name in double quotes, found '}'", 3, 13],
    ['{"a": "unclosed', 'the input is not valid JSON at line 1, column 7: string not closed', 1, 7],
    ['{"a": 1', "the input is not valid JSON at line 1, column 8: expected ',' or '}', found the end of the text", 1, 8],
    ['[1, 2] x', "the input is not valid JSON at line 1, column 8: unexpected 'x' after the end of the JSON value", 1, 8],
    ["{'a': 1}", "the input is not valid JSON at line 1, column 2: expected a property name in double quotes, found '''", 1, 2],
  ])('%j', (input, message, line, column) => {
    const error = decodeError(() => parseTraces(input));
    expect(error.message).toBe(message);
    expect([error.line, error.column]).toEqual([line, column]);
  });

  it('says when the input is empty', () => {
    expect(decodeError(() => parseTraces('  \n')).message).toBe('the input is empty');
  });
});

describe('wrong shape', () => {
  it.each([
    [{ resourceMetrics: [] }, 'this is not a trace file: expected resourceSpans, batches, data[] or a Zipkin span array; found an object with key resourceMetrics'],
    [{ a: 1, b: 2 }, 'this is not a trace file: expected resourceSpans, batches, data[] or a Zipkin span array; found an object with keys a, b'],
    [[1, 2, 3], 'this is not a trace file: expected resourceSpans, batches, data[] or a Zipkin span array; found an array of 3 items (the first is a number 1)'],
    ['hello', 'this is not a trace file: expected resourceSpans, batches, data[] or a Zipkin span array; found a string "hello"'],
    [null, 'this is not a trace file: expected resourceSpans, batches, data[] or a Zipkin span array; found null'],
    [{ error: { httpCode: 404, message: 'No traces found' } }, 'this is an error answer, not a trace: No traces found'],
  ])('%j', (value, message) => {
    expect(decodeError(() => decodeTraces(value)).message).toBe(message);
  });
});

describe('bad spans are skipped or repaired, each with a warning naming its place', () => {
  it.each([
    ['no traceId', good('eee19b7ec3c1b174', { traceId: undefined }), 'resourceSpans[0].scopeSpans[0].spans[1]: no traceId; span skipped'],
    ['empty spanId', good(''), 'resourceSpans[0].scopeSpans[0].spans[1]: no spanId; span skipped'],
    ['all-zero traceId', good('eee19b7ec3c1b174', { traceId: '00000000000000000000000000000000' }), 'resourceSpans[0].scopeSpans[0].spans[1]: traceId is all zeros; span skipped'],
    ['id as a number', good('eee19b7ec3c1b174', { spanId: 1234 }), 'resourceSpans[0].scopeSpans[0].spans[1]: spanId must be a hex or base64 string, found a number 1234; span skipped'],
    ['id too long', good('eee19b7ec3c1b1740'), 'resourceSpans[0].scopeSpans[0].spans[1]: spanId "eee19b7ec3c1b1740" is not a span id (16 hex chars or base64); span skipped'],
    ['bad start', good('eee19b7ec3c1b174', { startTimeUnixNano: '12:00' }), 'resourceSpans[0].scopeSpans[0].spans[1]: startTimeUnixNano is not a non-negative integer: "12:00"; span skipped'],
    ['negative start', good('eee19b7ec3c1b174', { startTimeUnixNano: -5 }), 'resourceSpans[0].scopeSpans[0].spans[1]: startTimeUnixNano is not a non-negative integer: -5; span skipped'],
    ['not an object', 'a span', 'resourceSpans[0].scopeSpans[0].spans[1]: expected a span object, found a string "a span"; skipped'],
  ])('%s: skipped', (_, bad, warning) => {
    const { traces, warnings } = decodeTraces(otlp(good('0000000000000001'), bad));
    expect(traces.flatMap((t) => t.spans.map((s) => s.spanId))).toEqual(['0000000000000001']);
    expect(warnings).toEqual([warning]);
  });

  it.each([
    ['end before start', { endTimeUnixNano: '500' }, 'endTimeUnixNano before startTimeUnixNano; set to startTimeUnixNano'],
    ['bad end', { endTimeUnixNano: 'soon' }, 'endTimeUnixNano is not a non-negative integer: "soon"; set to startTimeUnixNano'],
    ['no end', { endTimeUnixNano: undefined }, 'no endTimeUnixNano; set to startTimeUnixNano'],
  ])('%s: kept with end = start', (_, fields, warning) => {
    const { traces, warnings } = decodeTraces(otlp(good('0000000000000001', fields)));
    expect(traces[0]?.spans[0]).toMatchObject({ startNs: 0, endNs: 0 });
    expect(warnings).toEqual([`resourceSpans[0].scopeSpans[0].spans[0]: ${warning}`]);
    expect(traces[0]?.warnings).toEqual(warnings);
  });

  it('keeps a span whose parentSpanId is not an id, as a root', () => {
    const { traces, warnings } = decodeTraces(otlp(good('0000000000000001', { parentSpanId: 'xyz!' })));
    expect(traces[0]?.spans[0]?.parentSpanId).toBeUndefined();
    expect(warnings).toEqual(['resourceSpans[0].scopeSpans[0].spans[0]: parentSpanId "xyz!" is not a span id; shown as a root']);
  });

  it('repairs a bad event time and skips a bad link', () => {
    const { traces, warnings } = decodeTraces(
      otlp(good('0000000000000001', { events: [{ name: 'e', timeUnixNano: 'x' }], links: [{ traceId: TRACE_B, spanId: '' }, { traceId: TRACE_B, spanId: '00f067aa0ba902b7' }] })),
    );
    const span = traces[0]?.spans[0];
    expect(span?.events.map((e) => e.timeNs)).toEqual([0]);
    expect(span?.links.map((l) => l.spanId)).toEqual(['00f067aa0ba902b7']);
    expect(warnings).toEqual([
      'resourceSpans[0].scopeSpans[0].spans[0]: events[0]: timeUnixNano is not a non-negative integer: "x"; set to the span\'s start',
      'resourceSpans[0].scopeSpans[0].spans[0]: links[0]: no spanId; link skipped',
    ]);
  });

  it('throws only when no span is usable, naming the first problem', () => {
    const error = decodeError(() => decodeTraces(otlp(good(''), good('', { traceId: 'nope' }), good('0000000000000003', { startTimeUnixNano: 'x' }))));
    expect(error.message).toBe('no usable spans: 3 spans were skipped (first problem: resourceSpans[0].scopeSpans[0].spans[0]: no spanId; span skipped)');
  });

  it('throws for a trace format holding no spans', () => {
    expect(decodeError(() => decodeTraces({ resourceSpans: [] })).message).toBe('no spans: the input is a trace format but holds no spans');
  });

  it('bounds the warnings list: the first 200, then how many more', () => {
    const spans = [good('0000000000000001'), ...Array.from({ length: 250 }, () => good(''))];
    const { warnings } = decodeTraces(otlp(...spans));
    expect(warnings).toHaveLength(201);
    expect(warnings[199]).toBe('resourceSpans[0].scopeSpans[0].spans[200]: no spanId; span skipped');
    expect(warnings[200]).toBe('… and 50 more');
  });
});

describe('several traces in one input', () => {
  it('splits spans by trace id and sorts traces by start', () => {
    const { traces } = decodeTraces(
      otlp(good('0000000000000001', { startTimeUnixNano: '5000', endTimeUnixNano: '6000' }), good('0000000000000002', { traceId: TRACE_B }), good('0000000000000003', { parentSpanId: '0000000000000001', startTimeUnixNano: '5500', endTimeUnixNano: '5600' })),
    );
    expect(traces.map((t) => [t.traceId, t.spans.map((s) => s.spanId), t.startUnixNano])).toEqual([
      [TRACE_B, ['0000000000000002'], 1000n],
      [TRACE_A, ['0000000000000001', '0000000000000003'], 5000n],
    ]);
    expect(traces[1]?.spans[1]?.depth).toBe(1);
  });
});

describe('JSON Lines (the collector file exporter)', () => {
  it('reads one TracesData per line; a bad line is a warning naming it, the good lines are kept', () => {
    const lines = [
      JSON.stringify(otlp(good('0000000000000001'))),
      '{"resourceSpans": [oops]}',
      '',
      JSON.stringify(otlp(good('0000000000000002', { parentSpanId: '0000000000000001' }))),
      JSON.stringify({ resourceMetrics: [] }),
      JSON.stringify(otlp(good('0000000000000003', { traceId: '' }))),
    ].join('\n');
    const { traces, warnings } = parseTraces(lines);
    expect(traces).toHaveLength(1);
    expect(traces[0]?.spans.map((s) => [s.spanId, s.depth])).toEqual([
      ['0000000000000001', 0],
      ['0000000000000002', 1],
    ]);
    expect(warnings).toEqual([
      "line 2: not valid JSON at column 20: expected a value, found 'o'; line skipped",
      'line 5: this is not a trace file: expected resourceSpans, batches, data[] or a Zipkin span array; found an object with key resourceMetrics; line skipped',
      'line 6: resourceSpans[0].scopeSpans[0].spans[0]: no traceId; span skipped',
    ]);
  });

  it('throws when no line gives a span', () => {
    const error = decodeError(() => parseTraces(`${JSON.stringify(otlp(good('')))}\nnot json`));
    expect(error.message).toBe('no usable spans: 1 span was skipped (first problem: line 2: not valid JSON at column 1: expected a value, found \'n\'; line skipped)');
  });
});

describe('decodeTraceSpans (for a store merging batches)', () => {
  it('returns spans with absolute bigint times, without building', () => {
    const { spans, warnings } = decodeTraceSpans(otlp(good('0000000000000001', { startTimeUnixNano: '1544712660000000001' , endTimeUnixNano: '1544712660000000002' })));
    expect(warnings).toEqual([]);
    expect(spans.map((s) => [s.spanId, s.startUnixNano, s.endUnixNano])).toEqual([['0000000000000001', 1544712660000000001n, 1544712660000000002n]]);
  });

  it('returns no spans (and does not throw) for an empty export request', () => {
    expect(decodeTraceSpans({ resourceSpans: [] })).toEqual({ spans: [], warnings: [] });
  });
});
