import { describe, expect, it } from 'vitest';
import type { Attribute, AttributeValue } from '../model/attributes';
import type { DecodedSpan } from '../model/decoded-span';
import type { Resource } from '../model/span';
import { buildTrace } from '../trace/build-trace';
import { matchDecodedSpans, matchTrace } from './traceql-eval';
import { parseTraceQL } from './traceql-parse';

const TRACE_ID = '00000000000000000000000000abc123';
const T0 = 1_768_478_400_000_000_000n;
const MS = 1_000_000n;

const str = (value: string): AttributeValue => ({ type: 'string', value });
const int = (value: string): AttributeValue => ({ type: 'int', value });
const attrs = (entries: Record<string, AttributeValue>): Attribute[] => Object.entries(entries).map(([key, value]) => ({ key, value }));
const resource = (service: string, more: Record<string, AttributeValue> = {}): Resource => ({ attributes: attrs({ 'service.name': str(service), ...more }), droppedAttributesCount: 0 });

const web = resource('web', { 'deployment.environment': str('prod-eu') });
const auth = resource('auth', { 'host.name': str('node-9') });
const db = resource('db');

function span(spanId: string, fields: Partial<DecodedSpan> & Pick<DecodedSpan, 'name' | 'resource'> & { startMs: number; endMs: number }): DecodedSpan {
  const { startMs, endMs, ...rest } = fields;
  return {
    traceId: TRACE_ID,
    spanId,
    service: (rest.resource.attributes[0]?.value as { value: string }).value,
    kind: 'internal',
    startUnixNano: T0 + BigInt(startMs) * MS,
    endUnixNano: T0 + BigInt(endMs) * MS,
    attributes: [],
    droppedAttributesCount: 0,
    scope: { name: 'lib', version: '1', attributes: [], droppedAttributesCount: 0 },
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 'unset', message: '' },
    traceState: '',
    flags: 0,
    ...rest,
  };
}

/**
 *  0ms        60       120
 *  |----------------------|  web  GET /cart (server)      http.route=/cart, http.response.status_code=500 (int)
 *    |--------|              auth POST /login (client)    ERROR "bad password"; retry=true, ratio=0.25, big=2^53+1, tags=[a,b]
 *              |---|         db   SELECT orders (client)  db.system=postgresql, "attr with space"=v, http.response.status_code="500" (string)
 *                                                         event exception.message=timeout; scope attribute lib.flavour=go
 */
const decoded: DecodedSpan[] = [
  span('00000000000000a1', { name: 'GET /cart', resource: web, kind: 'server', startMs: 0, endMs: 120, attributes: attrs({ 'http.route': str('/cart'), 'http.response.status_code': int('500') }) }),
  span('00000000000000a2', {
    name: 'POST /login',
    resource: auth,
    kind: 'client',
    parentSpanId: '00000000000000a1',
    startMs: 10,
    endMs: 60,
    status: { code: 'error', message: 'bad password' },
    attributes: attrs({ retry: { type: 'bool', value: true }, ratio: { type: 'double', value: 0.25 }, big: int('9007199254740993'), tags: { type: 'array', value: [str('a'), str('b')] } }),
  }),
  span('00000000000000a3', {
    name: 'SELECT orders',
    resource: db,
    kind: 'client',
    parentSpanId: '00000000000000a1',
    startMs: 70,
    endMs: 90,
    attributes: attrs({ 'db.system': str('postgresql'), 'attr with space': str('v'), 'http.response.status_code': str('500') }),
    events: [{ timeUnixNano: T0 + 80n * MS, name: 'exception', attributes: attrs({ 'exception.message': str('timeout') }), droppedAttributesCount: 0 }],
    scope: { name: 'pg', version: '2', attributes: attrs({ 'lib.flavour': str('go') }), droppedAttributesCount: 0 },
  }),
];
const trace = buildTrace(decoded);
const NAMES: Record<string, string> = { '00000000000000a1': 'web', '00000000000000a2': 'auth', '00000000000000a3': 'db' };

/** the spans a query keeps, by service; [] when the trace does not match */
function kept(text: string): string[] {
  const parsed = parseTraceQL(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error}`);
  const result = matchTrace(parsed.query, trace);
  expect(result.matched).toBe(result.spans.length > 0);
  // the store's path over decoded spans agrees with the built trace's
  expect(matchDecodedSpans(parsed.query, decoded).spans.map((s) => s.spanId)).toEqual(result.spans.map((s) => s.spanId));
  return result.spans.map((s) => NAMES[s.spanId] ?? s.spanId);
}

describe('matchTrace', () => {
  it('{ } keeps every span', () => {
    expect(kept('{ }')).toEqual(['web', 'auth', 'db']);
  });

  it.each([
    ['{ name = "POST /login" }', ['auth']],
    ['{ name != "POST /login" }', ['web', 'db']],
    ['{ name > "POST /login" }', ['db']],
    ['{ name >= "POST /login" }', ['auth', 'db']],
    ['{ name < "POST /login" }', ['web']],
    ['{ name <= "GET /cart" }', ['web']],
    ['{ name =~ "GET.*" }', ['web']],
    ['{ name !~ "GET.*" }', ['auth', 'db']],
    ['{ span.http.response.status_code = 500 }', ['web']],
    ['{ span.http.response.status_code != 500 }', ['web'].slice(0, 0)],
    ['{ span.http.response.status_code > 499 }', ['web']],
    ['{ span.http.response.status_code >= 500.0 }', ['web']],
    ['{ span.http.response.status_code < 500.5 }', ['web']],
    ['{ span.http.response.status_code <= 499 }', []],
  ])('each operator: %s', (text, services) => {
    expect(kept(text)).toEqual(services);
  });

  it('a value of another type never matches, for != and !~ too', () => {
    // web holds 500 as an int, db as a string
    expect(kept('{ span.http.response.status_code = "500" }')).toEqual(['db']);
    expect(kept('{ span.http.response.status_code != "400" }')).toEqual(['db']);
    expect(kept('{ span.http.response.status_code =~ "5.*" }')).toEqual(['db']);
    expect(kept('{ span.http.response.status_code !~ "4.*" }')).toEqual(['db']);
    expect(kept('{ span.retry = "true" }')).toEqual([]);
    expect(kept('{ span.retry = true }')).toEqual(['auth']);
    expect(kept('{ span.retry != false }')).toEqual(['auth']);
  });

  it('a missing attribute matches nothing, not even !=; nil tests existence', () => {
    expect(kept('{ span.db.system != "mysql" }')).toEqual(['db']);
    expect(kept('{ span.nothing != "x" }')).toEqual([]);
    expect(kept('{ span.nothing !~ "x" }')).toEqual([]);
    expect(kept('{ span.db.system != nil }')).toEqual(['db']);
    expect(kept('{ span.db.system = nil }')).toEqual(['web', 'auth']);
    expect(kept('{ !(span.db.system = "mysql") }')).toEqual(['web', 'auth', 'db']);
  });

  it('numbers: ints exactly beyond 2^53, doubles, ints against floats', () => {
    expect(kept('{ span.big = 9007199254740993 }')).toEqual(['auth']);
    expect(kept('{ span.big = 9007199254740992 }')).toEqual([]);
    expect(kept('{ span.big > 9007199254740992 }')).toEqual(['auth']);
    expect(kept('{ span.ratio = 0.25 }')).toEqual(['auth']);
    expect(kept('{ span.ratio < 1 }')).toEqual(['auth']);
    expect(kept('{ span.ratio > -1 }')).toEqual(['auth']);
  });

  it('arrays match if any element does; != and !~ only if none is equal', () => {
    expect(kept('{ span.tags = "b" }')).toEqual(['auth']);
    expect(kept('{ span.tags =~ "[ab]" }')).toEqual(['auth']);
    expect(kept('{ span.tags != "b" }')).toEqual([]);
    expect(kept('{ span.tags != "c" }')).toEqual(['auth']);
  });

  it('scoped attributes look in one place; unscoped ones in the span, its resource, events, links and scope', () => {
    expect(kept('{ resource.service.name = "auth" }')).toEqual(['auth']);
    expect(kept('{ span.service.name = "auth" }')).toEqual([]);
    expect(kept('{ .service.name = "auth" }')).toEqual(['auth']);
    expect(kept('{ .host.name = "node-9" }')).toEqual(['auth']);
    expect(kept('{ .http.route = "/cart" }')).toEqual(['web']);
    expect(kept('{ resource.http.route = "/cart" }')).toEqual([]);
    expect(kept('{ .exception.message = "timeout" }')).toEqual(['db']);
    expect(kept('{ .lib.flavour = "go" }')).toEqual(['db']);
    expect(kept('{ span."attr with space" = "v" }')).toEqual(['db']);
  });

  it('regexes are fully anchored', () => {
    expect(kept('{ resource.deployment.environment =~ "prod-.*" }')).toEqual(['web']);
    expect(kept('{ resource.deployment.environment =~ "prod" }')).toEqual([]);
    expect(kept('{ resource.deployment.environment =~ ".*eu" }')).toEqual(['web']);
    expect(kept('{ name =~ "(?i)select ORDERS" }')).toEqual(['db']);
  });

  it('status and kind are enums; statusMessage a string; span.status an ordinary attribute', () => {
    expect(kept('{ status = error }')).toEqual(['auth']);
    expect(kept('{ span:status != unset }')).toEqual(['auth']);
    expect(kept('{ span.status = "error" }')).toEqual([]);
    expect(kept('{ statusMessage = "bad password" }')).toEqual(['auth']);
    expect(kept('{ kind = server }')).toEqual(['web']);
    expect(kept('{ span:kind = client }')).toEqual(['auth', 'db']);
    expect(kept('{ kind != internal && kind != server }')).toEqual(['auth', 'db']);
  });

  it('durations: the span\'s for duration, the trace\'s for trace:duration; numbers count as ns', () => {
    expect(kept('{ duration >= 50ms }')).toEqual(['web', 'auth']);
    expect(kept('{ span:duration < 50ms }')).toEqual(['db']);
    expect(kept('{ duration > 20000000 }')).toEqual(['web', 'auth']);
    expect(kept('{ trace:duration = 120ms }')).toEqual(['web', 'auth', 'db']);
    expect(kept('{ traceDuration > 1s }')).toEqual([]);
  });

  it('trace-level intrinsics: root name and service, ids ignoring case and leading zeros', () => {
    expect(kept('{ trace:rootService = "web" && resource.service.name = "db" }')).toEqual(['db']);
    expect(kept('{ trace:rootName = "GET /cart" }')).toEqual(['web', 'auth', 'db']);
    expect(kept('{ rootServiceName = "auth" }')).toEqual([]);
    expect(kept('{ trace:id = "ABC123" }')).toEqual(['web', 'auth', 'db']);
    expect(kept('{ span:id = "a2" }')).toEqual(['auth']);
    expect(kept('{ span:parentID = "00000000000000a1" }')).toEqual(['auth', 'db']);
    expect(kept('{ span:childCount = 2 }')).toEqual(['web']);
  });

  it('&& and || inside a spanset hold on one span', () => {
    expect(kept('{ resource.service.name = "auth" && span.db.system = "postgresql" }')).toEqual([]);
    expect(kept('{ resource.service.name = "auth" || span.db.system = "postgresql" }')).toEqual(['auth', 'db']);
    expect(kept('{ (kind = client || kind = server) && duration < 100ms }')).toEqual(['auth', 'db']);
  });

  it('{A} && {B} needs a span for each side, keeps both; {A} || {B} either', () => {
    expect(kept('{ resource.service.name = "auth" } && { span.db.system = "postgresql" }')).toEqual(['auth', 'db']);
    expect(kept('{ resource.service.name = "auth" } && { span.db.system = "mysql" }')).toEqual([]);
    expect(kept('{ span.db.system = "mysql" } && { resource.service.name = "auth" }')).toEqual([]);
    expect(kept('{ resource.service.name = "auth" } || { span.db.system = "mysql" }')).toEqual(['auth']);
    // one span may serve both sides
    expect(kept('{ status = error } && { kind = client }')).toEqual(['auth', 'db']);
    expect(kept('({ name = "nope" } || { kind = server }) && { status = error }')).toEqual(['web', 'auth']);
  });

  it('a trace without its root has no rootName, so comparisons on it fail', () => {
    const parsed = parseTraceQL('{ trace:rootName != "x" }');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(matchDecodedSpans(parsed.query, decoded.slice(1)).matched).toBe(false);
    expect(matchDecodedSpans(parsed.query, decoded).matched).toBe(true);
  });

  it('walks a 50,000-deep chain without recursion', () => {
    const id = (i: number) => (i + 1).toString(16).padStart(16, '0');
    const chain: DecodedSpan[] = Array.from({ length: 50_000 }, (_, i) =>
      span(id(i), { name: `s${i}`, resource: db, startMs: i, endMs: i + 1, ...(i > 0 ? { parentSpanId: id(i - 1) } : {}) }),
    );
    const parsed = parseTraceQL('{ name = "s49999" } && { span:childCount = 0 }');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(matchTrace(parsed.query, buildTrace(chain)).spans.map((s) => s.name)).toEqual(['s49999']);
  });
});
