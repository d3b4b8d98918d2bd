import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Attribute, AttributeValue } from '../model/attributes';
import type { Trace } from '../model/trace';
import { DecodeError } from './decode-error';
import { parseLogs } from './otlp-logs';
import { parseTraces } from './parse-traces';

/**
 * Trace data is an attacker's text, in every format we read: keys that are
 * Object.prototype's own names stay data, integers JSON.parse rounded are
 * reported, and nesting deep enough to overflow a recursive walk is refused or cut.
 */
const PROTO_KEYS = ['__proto__', 'constructor', 'hasOwnProperty'] as const;
const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN = 'eee19b7ec3c1b174';
const DEEP = 100_000;
const deepArrayText = `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`;

const text = (value: string): AttributeValue => ({ type: 'string', value });
const only = (traces: readonly Trace[]) => {
  expect(traces).toHaveLength(1);
  const spans = traces[0]?.spans ?? [];
  expect(spans).toHaveLength(1);
  return spans[0]!;
};
const keyed = (attributes: readonly Attribute[], keys: readonly string[]) => attributes.filter((a) => keys.includes(a.key));
/** `"__proto__":"v-__proto__", …` as JSON object members: JSON.parse makes them own keys */
const protoMembers = PROTO_KEYS.map((key) => `"${key}":"v-${key}"`).join(',');
const protoKeyValues = (json: (key: string) => string) => PROTO_KEYS.map(json).join(',');
const expectedProtoAttributes = PROTO_KEYS.map((key) => ({ key, value: text(`v-${key}`) }));

let prototypeNames: string[];
beforeEach(() => {
  prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
});
afterEach(() => {
  // nothing decoded may reach Object.prototype
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('keys named like Object.prototype members are kept as data', () => {
  it('OTLP/JSON: span, resource, scope, event and link attributes, and kvlist members', () => {
    const kv = protoKeyValues((key) => `{"key":"${key}","value":{"stringValue":"v-${key}"}}`);
    const span = only(
      parseTraces(
        `{"resourceSpans":[{"resource":{"attributes":[${kv}]},"scopeSpans":[{"scope":{"name":"s","attributes":[${kv}]},"spans":[{"traceId":"${TRACE}","spanId":"${SPAN}","name":"op","startTimeUnixNano":"1","endTimeUnixNano":"2",` +
          `"attributes":[${kv},{"key":"map","value":{"kvlistValue":{"values":[${kv}]}}}],"events":[{"timeUnixNano":"1","name":"e","attributes":[${kv}]}],` +
          `"links":[{"traceId":"${TRACE}","spanId":"${SPAN}","attributes":[${kv}]}]}]}]}]}`,
      ).traces,
    );
    expect(keyed(span.attributes, PROTO_KEYS)).toEqual(expectedProtoAttributes);
    expect(span.attributes.find((a) => a.key === 'map')?.value).toEqual({ type: 'kvlist', value: expectedProtoAttributes });
    expect(keyed(span.resource.attributes, PROTO_KEYS)).toEqual(expectedProtoAttributes);
    expect(span.scope.attributes).toEqual(expectedProtoAttributes);
    expect(span.events[0]?.attributes).toEqual(expectedProtoAttributes);
    expect(span.links[0]?.attributes).toEqual(expectedProtoAttributes);
  });

  it('OTLP/JSON logs: record attributes and a kvlist body', () => {
    const kv = protoKeyValues((key) => `{"key":"${key}","value":{"stringValue":"v-${key}"}}`);
    const { logs } = parseLogs(`{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1","attributes":[${kv}],"body":{"kvlistValue":{"values":[${kv}]}}}]}]}]}`);
    expect(logs[0]?.attributes).toEqual(expectedProtoAttributes);
    expect(logs[0]?.body).toEqual({ type: 'kvlist', value: expectedProtoAttributes });
  });

  it('Jaeger JSON: span tags, process tags, log fields, and a processID that is a prototype name', () => {
    const tags = protoKeyValues((key) => `{"key":"${key}","type":"string","value":"v-${key}"}`);
    const { traces } = parseTraces(
      `{"data":[{"traceID":"${TRACE}","spans":[` +
        `{"traceID":"${TRACE}","spanID":"${SPAN}","operationName":"op","startTime":1,"duration":1,"processID":"__proto__","tags":[${tags}],"logs":[{"timestamp":1,"fields":[${tags}]}]},` +
        `{"traceID":"${TRACE}","spanID":"eee19b7ec3c1b175","operationName":"op2","startTime":1,"duration":1,"processID":"constructor"}` +
        `],"processes":{"__proto__":{"serviceName":"svc","tags":[${tags}]}}}]}`,
    );
    const [first, second] = traces[0]?.spans ?? [];
    expect(first?.service).toBe('svc');
    expect(keyed(first?.attributes ?? [], PROTO_KEYS)).toEqual(expectedProtoAttributes);
    expect(keyed(first?.resource.attributes ?? [], PROTO_KEYS)).toEqual(expectedProtoAttributes);
    expect(first?.events[0]?.attributes).toEqual(expectedProtoAttributes);
    // "constructor" is not among the processes: Object's constructor must not be taken for one
    expect(second?.service).toBe('unknown_service');
  });

  it('Zipkin v2: tags keep every key; localEndpoint reads only its own fields', () => {
    const span = only(
      parseTraces(
        `[{"traceId":"${TRACE}","id":"${SPAN}","name":"op","timestamp":1,"duration":1,"tags":{${protoMembers}},` +
          `"localEndpoint":{"serviceName":"svc","__proto__":{"ipv4":"6.6.6.6","serviceName":"evil","polluted":"yes"}}}]`,
      ).traces,
    );
    expect(keyed(span.attributes, PROTO_KEYS)).toEqual(expectedProtoAttributes);
    expect(span.service).toBe('svc');
    expect(span.attributes.some((a) => a.key === 'network.local.address')).toBe(false);
  });

  it('Zipkin v2: a __proto__ tag whose value is an object is kept as its JSON text, not made a prototype', () => {
    const span = only(parseTraces(`[{"traceId":"${TRACE}","id":"${SPAN}","timestamp":1,"duration":1,"tags":{"__proto__":{"polluted":"yes"}}}]`).traces);
    expect(span.attributes).toEqual([{ key: '__proto__', value: text('{"polluted":"yes"}') }]);
  });
});

describe('int64 attribute values sent as JSON numbers beyond ±2^53 are reported, once per input', () => {
  const warning = (at: string) =>
    `${at}: an int64 attribute value is a JSON number beyond ±2^53, so it lost precision when read (its last digits may be off); producers should send 64-bit integers as decimal strings`;
  const otlp = (spanAttribute: string, resourceAttribute = '') =>
    `{"resourceSpans":[{"resource":{"attributes":[${resourceAttribute}]},"scopeSpans":[{"spans":[{"traceId":"${TRACE}","spanId":"${SPAN}","startTimeUnixNano":"1","endTimeUnixNano":"2","attributes":[${spanAttribute}]}]}]}]}`;

  it('OTLP/JSON: on a span, in a nested value, on a resource; not for safe numbers or decimal strings', () => {
    expect(parseTraces(otlp('{"key":"n","value":{"intValue":9007199254740993}}')).warnings).toEqual([warning('resourceSpans[0].scopeSpans[0].spans[0]')]);
    expect(parseTraces(otlp('{"key":"a","value":{"arrayValue":{"values":[{"intValue":-9007199254740993}]}}}')).warnings).toEqual([warning('resourceSpans[0].scopeSpans[0].spans[0]')]);
    expect(parseTraces(otlp('', '{"key":"n","value":{"intValue":18446744073709551615}}')).warnings).toEqual([warning('resourceSpans[0].resource')]);
    const exact = parseTraces(otlp('{"key":"s","value":{"intValue":"9007199254740993"}},{"key":"m","value":{"intValue":9007199254740991}}'));
    expect(exact.warnings).toEqual([]);
    expect(exact.traces[0]?.spans[0]?.attributes.map((a) => a.value)).toEqual([
      { type: 'int', value: '9007199254740993' },
      { type: 'int', value: '9007199254740991' },
    ]);
  });

  it('OTLP/JSON logs: on a record', () => {
    const { warnings } = parseLogs('{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1","attributes":[{"key":"n","value":{"intValue":9007199254740993}}]}]}]}]}');
    expect(warnings).toEqual([warning('resourceLogs[0].scopeLogs[0].logRecords[0]')]);
  });

  it('Jaeger JSON: int64 tags and untyped numbers, on spans and processes', () => {
    const trace = (spanTags: string, processTags = '') =>
      `{"data":[{"traceID":"${TRACE}","spans":[{"spanID":"${SPAN}","operationName":"op","startTime":1,"duration":1,"processID":"p1","tags":[${spanTags}]}],"processes":{"p1":{"serviceName":"svc","tags":[${processTags}]}}}]}`;
    expect(parseTraces(trace('{"key":"n","type":"int64","value":9007199254740993}')).warnings).toEqual([warning('data[0].spans[0].tags')]);
    expect(parseTraces(trace('{"key":"n","value":9007199254740993}')).warnings).toEqual([warning('data[0].spans[0].tags')]);
    expect(parseTraces(trace('', '{"key":"n","type":"int64","value":9007199254740993}')).warnings).toEqual([warning('data[0].processes.p1.tags')]);
    expect(parseTraces(trace('{"key":"n","type":"int64","value":"9007199254740993"}')).warnings).toEqual([]);
  });

  it('Zipkin v2: a tag sent as a number', () => {
    const { warnings } = parseTraces(`[{"traceId":"${TRACE}","id":"${SPAN}","timestamp":1,"duration":1,"tags":{"n":9007199254740993}}]`);
    expect(warnings).toEqual([warning('[0].tags')]);
  });
});

describe(`${DEEP.toLocaleString('en')}-deep nesting`, () => {
  it('a bare deep array is not a trace file (not a list of Zipkin traces)', () => {
    expect(() => parseTraces(deepArrayText)).toThrow(new DecodeError('this is not a trace file: expected resourceSpans, batches, data[] or a Zipkin span array; found an array of 1 item (the first is an array)'));
  });

  it('an error answer with a deep body is described, not written out', () => {
    expect(() => parseTraces(`{"error":{"details":${deepArrayText}}}`)).toThrow(new DecodeError('this is an error answer, not a trace: an object with key details'));
  });

  it('Zipkin and Jaeger tag values: kept as JSON text cut at 64 levels', () => {
    const zipkin = only(parseTraces(`[{"traceId":"${TRACE}","id":"${SPAN}","timestamp":1,"duration":1,"tags":{"deep":${deepArrayText}}}]`).traces);
    const jaeger = only(
      parseTraces(`{"data":[{"traceID":"${TRACE}","spans":[{"spanID":"${SPAN}","startTime":1,"duration":1,"tags":[{"key":"deep","type":"string","value":${deepArrayText}}]}]}]}`).traces,
    );
    const cut = `${'['.repeat(64)}"…"${']'.repeat(64)}`;
    expect(zipkin.attributes).toEqual([{ key: 'deep', value: text(cut) }]);
    expect(jaeger.attributes).toEqual([{ key: 'deep', value: text(cut) }]);
  });
});
