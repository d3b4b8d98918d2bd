import { describe, expect, it } from 'vitest';
import { DecodeError } from '../formats/decode-error';
import { decodeLogs } from '../formats/otlp-logs';
import type { LogRecord } from '../model/log-record';
import { bodyOfLine, logLineOf } from './log-line';
import { decodeLokiQueryRange } from './loki-decode';
import { lokiEntryOf } from './loki-encode';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';
const attr = (log: LogRecord | undefined, key: string) => log?.attributes.find((a) => a.key === key)?.value;
const resourceAttr = (log: LogRecord | undefined, key: string) => log?.resource.attributes.find((a) => a.key === key)?.value;

describe('decodeLokiQueryRange: the shapes in the reference (loki-and-traceql.md A2)', () => {
  it('reads the default streams answer: 2-tuples, labels folded into the stream, oldest first', () => {
    // the docs' example, as Loki sends it (backward: newest first)
    const { logs, warnings } = decodeLokiQueryRange({
      status: 'success',
      data: {
        resultType: 'streams',
        result: [{ stream: { job: 'varlogs', level: 'info' }, values: [['1569266497240578000', 'foo'], ['1569266492548155000', 'bar']] }],
        stats: { summary: { bytesProcessedPerSecond: 1 } },
      },
    });
    expect(warnings).toEqual([]);
    expect(logs.map((l) => [l.timeUnixNano, l.body])).toEqual([
      [1569266492548155000n, { type: 'string', value: 'bar' }],
      [1569266497240578000n, { type: 'string', value: 'foo' }],
    ]);
    expect(logs[0]).toMatchObject({ service: 'unknown_service', severityText: 'info', severityNumber: 0, observedTimeUnixNano: 0n, flags: 0 });
    expect(logs[0]?.traceId).toBeUndefined();
    // without categories only Loki's default index labels are known to be resource attributes
    expect(logs[0]?.attributes).toEqual([{ key: 'job', value: { type: 'string', value: 'varlogs' } }]);
  });

  it("reads the categorize-labels answer verbatim from Loki's marshal test, with its warning", () => {
    const { logs, warnings } = decodeLokiQueryRange({
      status: 'success',
      warnings: ['this is a warning'],
      data: {
        resultType: 'streams',
        encodingFlags: ['categorize-labels'],
        result: [
          {
            stream: { test: 'test' },
            values: [
              ['123456789012345', 'super line', {}],
              ['123456789012346', 'super line with labels', { structuredMetadata: { foo: 'a', bar: 'b' } }],
              ['123456789012347', 'super line with labels msg=text', { structuredMetadata: { foo: 'a', bar: 'b' }, parsed: { msg: 'text' } }],
            ],
          },
        ],
        stats: {},
      },
    });
    expect(warnings).toEqual(['Loki: this is a warning']);
    expect(logs).toHaveLength(3);
    expect(logs[0]?.attributes).toEqual([]);
    expect(logs[2]?.resource.attributes).toEqual([{ key: 'test', value: { type: 'string', value: 'test' } }]);
    // parsed labels are the line taken apart again: the body already has them
    expect(logs[2]?.attributes.map((a) => a.key)).toEqual(['foo', 'bar']);
  });

  // What Loki 3 answers for `{service_name="checkout"} | trace_id="…"` over logs
  // ingested through /otlp/v1/logs, with and without the categorize-labels flag.
  const otlpEntry = {
    line: '{"attempt":3,"msg":"payment failed"}',
    index: { service_name: 'checkout', service_namespace: 'shop', k8s_pod_name: 'checkout-7d9f' },
    metadata: {
      trace_id: TRACE,
      span_id: SPAN,
      severity_number: '17',
      severity_text: 'ERROR',
      scope_name: 'shop.checkout',
      scope_version: '1.2.0',
      flags: '1',
      http_route: '/cart',
      detected_level: 'error',
      observed_timestamp: '1700000000000000500',
    },
  };

  it.each([
    [
      'categorized',
      {
        resultType: 'streams',
        encodingFlags: ['categorize-labels'],
        result: [{ stream: otlpEntry.index, values: [['1700000000000000000', otlpEntry.line, { structuredMetadata: otlpEntry.metadata }]] }],
      },
    ],
    ['folded into the stream', { resultType: 'streams', result: [{ stream: { ...otlpEntry.index, ...otlpEntry.metadata }, values: [['1700000000000000000', otlpEntry.line]] }] }],
  ])('maps an OTLP-ingested entry back to a log record (%s)', (_, data) => {
    const { logs, warnings } = decodeLokiQueryRange({ status: 'success', data });
    expect(warnings).toEqual([]);
    const log = logs[0];
    expect(log).toMatchObject({
      timeUnixNano: 1700000000000000000n,
      observedTimeUnixNano: 1700000000000000500n,
      traceId: TRACE,
      spanId: SPAN,
      severityNumber: 17,
      severityText: 'ERROR',
      flags: 1,
      service: 'checkout',
      scope: { name: 'shop.checkout', version: '1.2.0' },
    });
    expect(log?.body).toEqual({
      type: 'kvlist',
      value: [
        { key: 'attempt', value: { type: 'int', value: '3' } },
        { key: 'msg', value: { type: 'string', value: 'payment failed' } },
      ],
    });
    expect(resourceAttr(log, 'service.name')).toEqual({ type: 'string', value: 'checkout' });
    expect(resourceAttr(log, 'k8s.pod.name')).toEqual({ type: 'string', value: 'checkout-7d9f' });
    expect(log?.attributes).toEqual([{ key: 'http_route', value: { type: 'string', value: '/cart' } }]);
  });

  it('finds ids under other common spellings, in parsed labels, or in a JSON line queried without a parser', () => {
    const { logs } = decodeLokiQueryRange({
      data: {
        resultType: 'streams',
        encodingFlags: ['categorize-labels'],
        result: [
          {
            stream: { app: 'web' },
            values: [
              ['1', 'a', { parsed: { traceID: TRACE.toUpperCase(), spanID: SPAN } }],
              ['2', `{"trace_id":"${TRACE}","span_id":"${SPAN}","msg":"b"}`, {}],
              ['3', `GET /cart trace=${TRACE}`, {}],
            ],
          },
        ],
      },
    });
    expect(logs.map((l) => [l.traceId, l.spanId])).toEqual([
      [TRACE, SPAN],
      [TRACE, SPAN],
      [undefined, undefined],
    ]);
  });

  it('takes severity from level labels when OTLP severity is absent, Loki’s detected_level last', () => {
    const { logs } = decodeLokiQueryRange({
      data: {
        resultType: 'streams',
        result: [
          { stream: { app: 'a', level: 'warning' }, values: [['1', 'x']] },
          { stream: { app: 'a', detected_level: 'error' }, values: [['2', 'y']] },
        ],
      },
    });
    expect(logs.map((l) => l.severityText)).toEqual(['warning', 'error']);
    // detected_level is Loki's, not the producer's: not an attribute
    expect(logs[1]?.attributes).toEqual([{ key: 'app', value: { type: 'string', value: 'a' } }]);
  });
});

describe('decodeLokiQueryRange: bad input', () => {
  it('throws DecodeError only when the answer is not a log query answer', () => {
    expect(() => decodeLokiQueryRange('ready')).toThrow(DecodeError);
    expect(() => decodeLokiQueryRange({ status: 'error', error: 'boom' })).toThrow('Loki answered status "error": boom');
    expect(() => decodeLokiQueryRange({ status: 'success', data: { resultType: 'matrix', result: [] } })).toThrow(/metric query/);
    expect(() => decodeLokiQueryRange({ data: { resultType: 'streams', result: {} } })).toThrow(/data.result/);
  });

  it('skips bad streams and entries with a warning each, keeping the rest', () => {
    const { logs, warnings } = decodeLokiQueryRange({
      data: {
        resultType: 'streams',
        result: [
          'not a stream',
          { stream: { app: 'a' }, values: 'nope' },
          {
            stream: { app: 'a', count: 3 },
            values: [
              ['1700000000000000000', 'good', { structuredMetadata: { trace_id: 'xyz', severity_number: 'high' } }],
              ['1.5', 'fractional seconds are not what query_range sends'],
              ['2', 42],
              ['3'],
              ['4', 'ok', 'flags?'],
              [5, 'a number timestamp is read while it is exact'],
            ],
          },
        ],
      },
    });
    expect(logs.map((l) => l.body)).toEqual([
      { type: 'string', value: 'ok' },
      { type: 'string', value: 'a number timestamp is read while it is exact' },
      { type: 'string', value: 'good' },
    ]);
    expect(logs[2]?.traceId).toBeUndefined();
    expect(logs[2]?.severityNumber).toBe(0);
    expect(warnings).toEqual([
      'result[0]: expected a stream object, found a string "not a stream"; skipped',
      expect.stringMatching(/^result\[1\]: expected "values" to be a list/),
      expect.stringMatching(/^result\[2\]\.stream\.count: expected a string/),
      'result[2].values[0]: trace_id "xyz" is not a trace id; the line is not linked to a trace',
      'result[2].values[0]: severity_number "high" is not a number from 0 to 24; read as 0',
      expect.stringMatching(/^result\[2\]\.values\[1\]: .* is not a timestamp in nanoseconds; skipped$/),
      expect.stringMatching(/^result\[2\]\.values\[2\]: the line is .*, not text; skipped$/),
      expect.stringMatching(/^result\[2\]\.values\[3\]: expected \[timestamp, line\]/),
      expect.stringMatching(/^result\[2\]\.values\[4\]: expected label categories as the third element/),
    ]);
  });
});

describe('OTLP → Loki → log record', () => {
  // the reference's OTLP log record shape, with a kvlist body and nested attributes
  const otlp = {
    resourceLogs: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'checkout' } },
            { key: 'k8s.pod.name', value: { stringValue: 'checkout-7d9f' } },
            { key: 'host.name', value: { stringValue: 'node-1' } },
          ],
        },
        scopeLogs: [
          {
            scope: { name: 'shop.checkout', version: '1.0.0' },
            logRecords: [
              {
                timeUnixNano: '1544712660300000000',
                observedTimeUnixNano: '1544712660300000001',
                severityNumber: 10,
                severityText: 'Information',
                body: { kvlistValue: { values: [{ key: 'msg', value: { stringValue: 'slow query' } }, { key: 'duration_ms', value: { intValue: '12' } }, { key: 'ratio', value: { doubleValue: 0.5 } }, { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { boolValue: true }] } } }] } },
                attributes: [
                  { key: 'http.route', value: { stringValue: '/cart' } },
                  { key: 'db', value: { kvlistValue: { values: [{ key: 'system', value: { stringValue: 'postgresql' } }] } } },
                ],
                flags: 1,
                traceId: TRACE.toUpperCase(),
                spanId: SPAN.toUpperCase(),
                eventName: 'db.slow',
              },
            ],
          },
        ],
      },
    ],
  };
  const [original] = decodeLogs(otlp).logs;

  it("writes Loki's labels, structured metadata and line", () => {
    const entry = lokiEntryOf(original as LogRecord, { severityTextAsLabel: true });
    expect(entry.labels).toEqual({ service_name: 'checkout', k8s_pod_name: 'checkout-7d9f', severity_text: 'Information' });
    expect(entry.structuredMetadata).toEqual({
      host_name: 'node-1',
      http_route: '/cart',
      db_system: 'postgresql',
      scope_name: 'shop.checkout',
      scope_version: '1.0.0',
      severity_number: '10',
      trace_id: TRACE,
      span_id: SPAN,
      flags: '1',
      event_name: 'db.slow',
      observed_timestamp: '1544712660300000001',
      detected_level: 'info',
    });
    // Go's encoding/json sorts map keys
    expect(entry.line).toBe('{"duration_ms":12,"msg":"slow query","ratio":0.5,"tags":["a",true]}');
  });

  it('reads back what it wrote: correlation, severity, service, scope, event and body', () => {
    const entry = lokiEntryOf(original as LogRecord);
    const { logs } = decodeLokiQueryRange({
      status: 'success',
      data: { resultType: 'streams', encodingFlags: ['categorize-labels'], result: [{ stream: entry.labels, values: [[String(entry.timeUnixNano), entry.line, { structuredMetadata: entry.structuredMetadata }]] }] },
    });
    const back = logs[0];
    expect(back).toMatchObject({
      timeUnixNano: original?.timeUnixNano,
      observedTimeUnixNano: original?.observedTimeUnixNano,
      severityNumber: 10,
      severityText: 'Information',
      flags: 1,
      traceId: TRACE,
      spanId: SPAN,
      eventName: 'db.slow',
      service: 'checkout',
      scope: { name: 'shop.checkout', version: '1.0.0' },
    });
    expect(back?.body).toEqual({
      type: 'kvlist',
      value: [
        { key: 'duration_ms', value: { type: 'int', value: '12' } },
        { key: 'msg', value: { type: 'string', value: 'slow query' } },
        { key: 'ratio', value: { type: 'double', value: 0.5 } },
        { key: 'tags', value: { type: 'array', value: [{ type: 'string', value: 'a' }, { type: 'bool', value: true }] } },
      ],
    });
    expect(resourceAttr(back, 'k8s.pod.name')).toEqual({ type: 'string', value: 'checkout-7d9f' });
    // Loki keeps text only, and flattened names cannot be told from dotted ones
    expect(attr(back, 'db_system')).toEqual({ type: 'string', value: 'postgresql' });
  });
});

describe('log lines', () => {
  it('writes scalars as text and reads only JSON objects back as structure', () => {
    expect(logLineOf({ type: 'int', value: '9007199254740993' })).toBe('9007199254740993');
    expect(logLineOf({ type: 'kvlist', value: [{ key: 'big', value: { type: 'int', value: '9007199254740993' } }] })).toBe('{"big":9007199254740993}');
    expect(logLineOf({ type: 'empty' })).toBe('');
    expect(bodyOfLine('[1,2]')).toEqual({ type: 'string', value: '[1,2]' });
    expect(bodyOfLine('{not json}')).toEqual({ type: 'string', value: '{not json}' });
    expect(bodyOfLine('{"a":{"b":null}}')).toEqual({ type: 'kvlist', value: [{ key: 'a', value: { type: 'kvlist', value: [{ key: 'b', value: { type: 'empty' } }] } }] });
  });
});
