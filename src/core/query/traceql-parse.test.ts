import { describe, expect, it } from 'vitest';
import type { FieldExpr, SpansetExpr } from './traceql-ast';
import { parseTraceQL, type TraceQLParse } from './traceql-parse';
import type { CompiledRegex } from './traceql-regex';

const parsed = (text: string): SpansetExpr => {
  const result = parseTraceQL(text);
  if (!result.ok) throw new Error(`${text}: ${result.error}`);
  return result.query;
};
const filterOf = (text: string): FieldExpr | undefined => {
  const query = parsed(text);
  if (query.type !== 'filter') throw new Error(`${text}: not a single filter`);
  return query.expr;
};
const failure = (text: string) => parseTraceQL(text) as Extract<TraceQLParse, { ok: false }>;

/** Every query of reference loki-and-traceql.md §B4 and backend-apis.md §3.4, and what this server makes of it. */
describe('parseTraceQL: the queries in the references', () => {
  it.each([
    // loki-and-traceql.md §B4, tags A, C and the X ones inside the subset
    '{ }',
    '{resource.service.name = "frontend" && name = "POST /api/orders"}',
    '{ resource.deployment.environment =~ "prod-.*" && span.http.status_code = 200 }',
    '{ span.http.method = "DELETE" && status != ok }',
    '{ trace:duration > 5s }',
    '{ resource.k8s.cluster.name="service-name" && trace:rootName !~ ".*perf.*"}',
    '{ span.any_attribute != nil }',
    '{ span."attribute name with space" = "value" }',
    '{span.service.name="frontend" && name = "GET /api/products/{id}"} && {span.db.system="postgresql"}',
    '{ span.http.method = "GET" && status = ok } && { span.http.method = "DELETE" && status != ok }',
    '{ resource.cloud.region = "us-east-1" } || { resource.cloud.region = "us-west-1" }',
    // backend-apis.md §3.4
    '{ resource.service.name = "frontend" }',
    '{ name = "POST /api/orders" }',
    '{ span:name = "POST /api/orders" }',
    '{ status = error }',
    '{ span:statusMessage = "Forbidden" }',
    '{ span.http.status_code >= 500 }',
    '{ duration > 500ms }',
    '{ span:duration > 500ms }',
    '{ trace:duration > 2s }',
    '{ kind = server }',
    '{ span:kind = server }',
    '{ resource.deployment.environment =~ "prod-.*" }',
    '{ trace:rootService = "gateway" }',
    '{ trace:rootName = "HTTP GET" }',
    '{ trace:id = "2f3e0cee77ae5dc9c17ade3689eb2e54" }',
    '{ span:id = "563d623c76514f8e" }',
    '{ .http.method = "GET" }',
    '{ span."attr with space" = "v" }',
    '{ resource.service.name="X" && name="Y" && span.k="v" && duration>=100ms && duration<=2s }',
    // the docs split queries over lines
    '{\n  resource.service.name = "frontend"\n  && span.http.status_code >= 500\n}',
  ])('%s parses', (text) => {
    expect(parseTraceQL(text)).toMatchObject({ ok: true });
  });

  it.each([
    ['{ event:timeSinceStart > -5s }', 'event: intrinsics', 3],
    ['{ span.http.request_content_length > 10 * 1024 * 1024 }', 'arithmetic (*)', 41],
    ['{ resource.service.name="frontend" } >> { status = error }', 'the structural operator >> (descendant)', 38],
    ['{ } !< { resource.service.name = "productcatalogservice" }', 'the structural operator !< (not-parent)', 5],
    ['{ span.http.url = "/path/of/api" && status = error } &>> { status = error }', 'the structural operator &>> (union descendant)', 54],
    ['{ span.http.status_code >= 200 && span.http.status_code < 300 } | count() > 2', 'a pipeline (|)', 65],
    ['{ status = error } | by(resource.service.name) | count() > 1', 'a pipeline (|)', 20],
    ['{ status = error } | select(span.http.status_code, span.http.url)', 'a pipeline (|)', 20],
    ['avg(duration) > 20ms', 'avg() and other pipeline functions', 1],
    ['{} with (most_recent=true)', 'query hints (with)', 4],
    ['{ event:name = "exception" }', 'event: intrinsics', 3],
    ['{ event.exception.message =~ ".*timeout.*" }', 'event. attributes', 3],
    ['{ link.foo = "x" }', 'link. attributes', 3],
    ['{ instrumentation:name = "grpc" }', 'instrumentation: intrinsics', 3],
    ['{ parent.http.method = "GET" }', 'parent. attributes', 3],
    ['{ true } | count()', 'a pipeline (|)', 10],
  ])('%s is not supported here: %s', (text, what, column) => {
    expect(failure(text)).toEqual({
      ok: false,
      kind: 'unsupported',
      error: `parse error at line 1, col ${column}: ${what} is not supported by this server, which evaluates { … } filters joined by && and ||`,
      line: 1,
      column,
    });
  });
});

describe('parseTraceQL: syntax errors, in Tempo\'s words and columns', () => {
  it.each([
    ['foo', 1, 'syntax error: unexpected IDENTIFIER'], // verbatim from Tempo's search_handlers_test.go
    ['{ true } &&', 12, 'syntax error: unexpected $end, expecting { or ('], // verbatim from parse_test.go
    ['{ .a | .b }', 6, 'syntax error: unexpected |'], // verbatim from parse_test.go
    ['{ .attribute == 4 }', 15, 'syntax error: unexpected ='],
    ['{ attribute = 4 }', 3, 'syntax error: unexpected IDENTIFIER'],
    ['{ trace:rootServiceName = "a" }', 9, 'syntax error: unexpected rootServiceName'],
    ['{ span:rootName = "a" }', 8, 'syntax error: unexpected rootName'],
    ['{ name = }', 10, 'syntax error: unexpected }'],
    ['{ name = "a"', 13, 'syntax error: unexpected $end'],
    ['{ name = "a" } {', 16, 'syntax error: unexpected {'],
    ['{ status = error } && 5', 23, 'syntax error: unexpected INTEGER, expecting { or ('],
    ['{ span. = 1 }', 3, 'syntax error: unexpected END_ATTRIBUTE'],
    ['{ name = "abc }', 10, 'literal not terminated'],
    ['{ name = "a\\qb" }', 10, 'invalid syntax'],
    ['{ span."a b = 1 }', 8, 'unexpected EOF, expecting "'],
    ['{ span.x = 99999999999999999999 }', 12, 'strconv.Atoi: parsing "99999999999999999999": value out of range'],
  ])('%s → col %d: %s', (text, column, message) => {
    expect(failure(text)).toEqual({ ok: false, kind: 'syntax', error: `parse error at line 1, col ${column}: ${message}`, line: 1, column });
  });

  it('counts lines and columns in a query split over lines', () => {
    expect(failure('{\n  name = "x" &&\n  bogus = 1\n}')).toMatchObject({ error: 'parse error at line 3, col 3: syntax error: unexpected IDENTIFIER', line: 3, column: 3 });
  });

  it('counts columns in characters, as Go\'s scanner does', () => {
    expect(failure('{ name = "🚀é" && x }')).toMatchObject({ column: 18 });
  });

  it('says nothing of a position for an empty query, as Tempo', () => {
    expect(parseTraceQL('')).toEqual({ ok: false, kind: 'syntax', error: 'parse error : syntax error: unexpected $end' });
  });

  it('refuses nesting deep enough to exhaust the stack', () => {
    expect(failure(`{ ${'('.repeat(10_000)}name = "a"${')'.repeat(10_000)} }`)).toMatchObject({ kind: 'unsupported', column: 67 });
    expect(failure(`{ ${'!'.repeat(10_000)}true }`)).toMatchObject({ kind: 'unsupported' });
    expect(failure(`{ ${Array(2_000).fill('.a = 1').join(' && ')} }`)).toMatchObject({ kind: 'unsupported', error: expect.stringContaining('more than 1000 && / || joins') });
    expect(failure(Array(2_000).fill('{ }').join(' || '))).toMatchObject({ kind: 'unsupported' });
    expect(parseTraceQL(`{ ${Array(1_000).fill('.a = 1').join(' || ')} }`)).toMatchObject({ ok: true });
  });
});

describe('parseTraceQL: type errors, as Tempo\'s validator words them', () => {
  it.each([
    ['{ 1 = "foo" }', 'a comparison without an attribute or intrinsic on one side'],
  ])('%s is not something this server folds: %s', (text, what) => {
    expect(failure(text)).toMatchObject({ kind: 'unsupported', error: expect.stringContaining(what) });
  });

  it.each([
    ['{ span:status = nil }', 'illegal operation for the given types: span:status = nil'],
    ['{ resource.service.name = nil }', 'illegal operation for the given types: resource.service.name = nil'],
    ['{ span.foo =~ "[" }', 'invalid regex: error parsing regexp: '],
    ['{ "foo" }', 'span filter field expressions must resolve to a boolean: { "foo" }'],
    ['{ status }', 'span filter field expressions must resolve to a boolean: { span:status }'],
    ['{ status > ok }', 'illegal operation for the given types: span:status > ok'],
    ['{ traceDuration > "test" }', 'binary operations must operate on the same type: trace:duration > "test"'],
    ['{ name = 1 }', 'binary operations must operate on the same type: span:name = 1'],
    ['{ duration =~ "1s" }', 'binary operations must operate on the same type: span:duration =~ "1s"'],
    ['{ kind = error }', 'binary operations must operate on the same type: span:kind = error'],
    ['{ span.x =~ 1 }', 'illegal operation for the given types: span.x =~ 1'],
    ['{ span.x > true }', 'illegal operation for the given types: span.x > true'],
    ['{ .foo && 3 }', 'illegal operation for the given types: .foo && 3'],
    ['{ !duration }', 'illegal operation for the given types: !span:duration'],
  ])('%s: %s', (text, message) => {
    const result = failure(text);
    expect(result.kind).toBe('invalid');
    expect(result.error.startsWith(message)).toBe(true);
    expect(result.column).toBeGreaterThan(0);
  });

  it('reports a syntax error further right before a type error, as Tempo validates only what parsed', () => {
    expect(failure('{ name = 1 } && {')).toMatchObject({ kind: 'syntax' });
  });
});

describe('parseTraceQL: the tree', () => {
  it('reads scoped, unscoped and quoted attributes; names run to an operator or space', () => {
    expect(filterOf('{ span.http.status_code=200 }')).toEqual({ type: 'compare', field: { type: 'attribute', scope: 'span', name: 'http.status_code' }, op: '=', value: { type: 'int', value: '200' } });
    expect(filterOf('{ span.foo-bar.a+1 = 1 }')).toMatchObject({ field: { name: 'foo-bar.a+1' } });
    expect(filterOf('{ .http.request.method != "GET" }')).toMatchObject({ field: { type: 'attribute', scope: 'unscoped', name: 'http.request.method' }, op: '!=' });
    expect(filterOf('{ span."attr with space" = "v" }')).toMatchObject({ field: { scope: 'span', name: 'attr with space' } });
    expect(filterOf('{ span.attribute."x \\"y\\"" = "v" }')).toMatchObject({ field: { name: 'attribute.x "y"' } });
    expect(filterOf('{ resource.service.name = "a" }')).toMatchObject({ field: { scope: 'resource', name: 'service.name' } });
    // span.status is an attribute named status, not the intrinsic
    expect(filterOf('{ span.status = "error" }')).toMatchObject({ field: { type: 'attribute', scope: 'span', name: 'status' } });
  });

  it('maps the legacy unscoped intrinsics onto the scoped ones', () => {
    const intrinsic = (text: string) => (filterOf(text) as { field: { name: string } }).field.name;
    expect(intrinsic('{ name = "a" }')).toBe('span:name');
    expect(intrinsic('{ duration > 1s }')).toBe('span:duration');
    expect(intrinsic('{ traceDuration > 1s }')).toBe('trace:duration');
    expect(intrinsic('{ rootServiceName = "a" }')).toBe('trace:rootService');
    expect(intrinsic('{ rootName = "a" }')).toBe('trace:rootName');
    expect(intrinsic('{ statusMessage = "a" }')).toBe('span:statusMessage');
    expect(intrinsic('{ kind = client }')).toBe('span:kind');
  });

  it('reads literals: Go strings and raw strings, ints exactly, floats, durations, bools, enums', () => {
    const value = (text: string) => (filterOf(`{ span.x = ${text} }`) as { value: unknown }).value;
    expect(value('"a\\"b\\\\c\\n\\t\\u00e9\\x41"')).toEqual({ type: 'string', value: 'a"b\\c\n\té' + 'A' });
    expect(value('`raw \\n "x"`')).toEqual({ type: 'string', value: 'raw \\n "x"' });
    expect(value('9223372036854775807')).toEqual({ type: 'int', value: '9223372036854775807' });
    expect(value('-42')).toEqual({ type: 'int', value: '-42' });
    expect(value('1.5')).toEqual({ type: 'float', value: 1.5 });
    expect(value('.3')).toEqual({ type: 'float', value: 0.3 });
    expect(value('2.5e3')).toEqual({ type: 'float', value: 2500 });
    expect(value('500ms')).toEqual({ type: 'duration', ns: 500e6 });
    expect(value('1.5s')).toEqual({ type: 'duration', ns: 1.5e9 });
    expect(value('1h30m')).toEqual({ type: 'duration', ns: 5400e9 });
    expect(value('2d')).toEqual({ type: 'duration', ns: 2 * 86_400e9 });
    expect(value('250us')).toEqual({ type: 'duration', ns: 250e3 });
    expect(value('-5s')).toEqual({ type: 'duration', ns: -5e9 });
    expect(value('true')).toEqual({ type: 'bool', value: true });
    expect(value('unset')).toEqual({ type: 'status', value: 'unset' });
    expect(value('consumer')).toEqual({ type: 'kind', value: 'consumer' });
    expect(value('maxInt')).toEqual({ type: 'int', value: '9223372036854775807' });
  });

  it('reads a duration glued to the next token, as Tempo\'s lexer does', () => {
    expect(filterOf('{duration>5s}')).toMatchObject({ op: '>', value: { type: 'duration', ns: 5e9 } });
  });

  it('joins conditions left to right at one precedence, as Tempo\'s grammar does: a || b && c is (a || b) && c', () => {
    const a = { type: 'compare', field: { type: 'attribute', scope: 'unscoped', name: 'a' }, op: '=', value: { type: 'int', value: '1' } };
    const b = { ...a, field: { ...a.field, name: 'b' } };
    const c = { ...a, field: { ...a.field, name: 'c' } };
    expect(filterOf('{ .a = 1 || .b = 1 && .c = 1 }')).toEqual({ type: 'and', left: { type: 'or', left: a, right: b }, right: c });
    expect(filterOf('{ .a = 1 || (.b = 1 && .c = 1) }')).toEqual({ type: 'or', left: a, right: { type: 'and', left: b, right: c } });
  });

  it('reads spanset operators left to right, and parentheses around spansets', () => {
    expect(parsed('{ .a = 1 } && { .b = 1 } || { }')).toMatchObject({ type: 'or', left: { type: 'and' }, right: { type: 'filter', expr: undefined } });
    expect(parsed('{ .a = 1 } && ({ .b = 1 } || { })')).toMatchObject({ type: 'and', left: { type: 'filter' }, right: { type: 'or' } });
  });

  it('reads nil as existence, negation, bare bools and bare attributes, and a literal on the left', () => {
    expect(filterOf('{ span.x != nil }')).toEqual({ type: 'exists', field: { type: 'attribute', scope: 'span', name: 'x' }, exists: true });
    expect(filterOf('{ .x = nil }')).toMatchObject({ type: 'exists', exists: false });
    expect(filterOf('{ !(status = error) }')).toMatchObject({ type: 'not', operand: { type: 'compare', op: '=' } });
    expect(filterOf('{ true }')).toEqual({ type: 'bool', value: true });
    expect(filterOf('{ span.cache.hit }')).toEqual({ type: 'truthy', field: { type: 'attribute', scope: 'span', name: 'cache.hit' } });
    expect(filterOf('{ 100ms < duration }')).toMatchObject({ field: { name: 'span:duration' }, op: '>', value: { ns: 100e6 } });
  });

  it('compiles regexes once, fully anchored, with . matching newlines and RE2\'s leading flags', () => {
    const regex = (text: string) => (filterOf(text) as { regex: CompiledRegex }).regex;
    expect(regex('{ .x =~ "bar" }').test('bar')).toBe(true);
    expect(regex('{ .x =~ "bar" }').test('foobar')).toBe(false);
    expect(regex('{ .x =~ "a|b" }').test('ab')).toBe(false);
    expect(regex('{ .x =~ "a.c" }').test('a\nc')).toBe(true);
    expect(regex('{ .x =~ "(?i)get" }').test('GET')).toBe(true);
    expect(regex('{ .x =~ "\\\\pL+" }').test('héllo')).toBe(true);
    expect(regex('{ .x =~ "a\\\\-b" }').test('a-b')).toBe(true);
    expect(failure('{ .x =~ "a)|(b" }')).toMatchObject({ kind: 'invalid' });
  });

  it('skips comments, as Go\'s scanner does', () => {
    expect(filterOf('{ name = "a" /* the span */ } // trailing')).toMatchObject({ type: 'compare' });
  });
});
