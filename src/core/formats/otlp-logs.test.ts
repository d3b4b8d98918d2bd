import { describe, expect, it } from 'vitest';
import { logFixtures, traceFixtures } from './__fixtures__';
import { DecodeError } from './decode-error';
import { encodeOtlpLogsData } from './otlp-json-encode';
import { decodeLogs, parseLogs } from './otlp-logs';
import { parseTraces } from './parse-traces';

const record = (fields: Record<string, unknown>): unknown => ({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: '5', body: { stringValue: 'x' }, ...fields }] }] }] });

describe('OTLP/JSON logs: opentelemetry-proto examples/logs.json', () => {
  const { logs, warnings } = parseLogs(logFixtures['otel-proto/logs.json']);
  const log = logs[0];

  it('reads the one record, linked to the span of examples/trace.json', () => {
    expect(warnings).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(log).toMatchObject({
      timeUnixNano: 1544712660300000000n,
      observedTimeUnixNano: 1544712660300000000n,
      severityNumber: 10,
      severityText: 'Information',
      body: { type: 'string', value: 'Example log record' },
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      service: 'my.service',
    });
    const trace = parseTraces(traceFixtures['otel-proto/trace.json']).traces[0];
    expect(trace?.traceId).toBe(log?.traceId);
    expect(trace?.indexById.has(log?.spanId ?? '')).toBe(true);
    expect(log?.scope.name).toBe('my.library');
  });

  it('keeps every AnyValue type', () => {
    expect(log?.attributes).toEqual([
      { key: 'string.attribute', value: { type: 'string', value: 'some string' } },
      { key: 'boolean.attribute', value: { type: 'bool', value: true } },
      { key: 'int.attribute', value: { type: 'int', value: '10' } },
      { key: 'double.attribute', value: { type: 'double', value: 637.704 } },
      { key: 'array.attribute', value: { type: 'array', value: [{ type: 'string', value: 'many' }, { type: 'string', value: 'values' }] } },
      { key: 'map.attribute', value: { type: 'kvlist', value: [{ key: 'some.map.key', value: { type: 'string', value: 'some value' } }] } },
    ]);
  });

  it('encodes back to the same records', () => {
    expect(decodeLogs(encodeOtlpLogsData(logs)).logs).toEqual(logs);
  });
});

describe('OTLP/JSON logs: mapping and bad input', () => {
  it.each([
    ['empty ids mean no correlation', { traceId: '', spanId: '' }, {}],
    ['all-zero ids mean no correlation', { traceId: '00000000000000000000000000000000', spanId: '0000000000000000' }, {}],
    ['a span id without a trace id correlates nothing', { spanId: 'eee19b7ec3c1b174' }, {}],
    ['upper-case ids are lowered', { traceId: '5B8EFFF798038103D269B633813FC60C', spanId: 'EEE19B7EC3C1B174' }, { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174' }],
  ])('%s', (_, fields, expected) => {
    const log = decodeLogs(record(fields)).logs[0];
    expect({ traceId: log?.traceId, spanId: log?.spanId }).toEqual({ traceId: undefined, spanId: undefined, ...expected });
  });

  it('falls back to observedTimeUnixNano when timeUnixNano is 0 or missing', () => {
    expect(decodeLogs(record({ timeUnixNano: '0', observedTimeUnixNano: '77' })).logs[0]?.timeUnixNano).toBe(77n);
    expect(decodeLogs(record({ timeUnixNano: undefined, observedTimeUnixNano: '78' })).logs[0]?.timeUnixNano).toBe(78n);
  });

  it('reads a body of any type, and an eventName', () => {
    const log = decodeLogs(record({ body: { kvlistValue: { values: [{ key: 'k', value: { intValue: 3 } }] } }, eventName: 'browser.page_view' })).logs[0];
    expect(log?.body).toEqual({ type: 'kvlist', value: [{ key: 'k', value: { type: 'int', value: '3' } }] });
    expect(log?.eventName).toBe('browser.page_view');
    expect(log?.service).toBe('unknown_service');
  });

  it('skips a record without any usable time, with a warning', () => {
    const { logs, warnings } = decodeLogs(record({ timeUnixNano: 'later' }));
    expect(logs).toEqual([]);
    expect(warnings).toEqual(['resourceLogs[0].scopeLogs[0].logRecords[0]: neither timeUnixNano nor observedTimeUnixNano is a usable time; record skipped']);
  });

  it('throws for a wrong shape, and reads JSON Lines with a bad line', () => {
    expect(() => decodeLogs({ resourceSpans: [] })).toThrow(new DecodeError('this is not a log file: expected resourceLogs; found an object with key resourceSpans'));
    const { logs, warnings } = parseLogs(`${JSON.stringify(record({}))}\n{broken\n${JSON.stringify(record({ timeUnixNano: '6' }))}`);
    expect(logs.map((l) => l.timeUnixNano)).toEqual([5n, 6n]);
    expect(warnings).toEqual(["line 2: not valid JSON at column 2: expected a property name in double quotes, found 'b'; line skipped"]);
  });
});
