import { describe, expect, it } from 'vitest';
import { traceQLFromSearch } from './traceql-from-search';
import { parseTraceQL } from './traceql-parse';

type Form = Parameters<typeof traceQLFromSearch>[0];

describe('traceQLFromSearch', () => {
  it.each<[string, Form, string]>([
    ['an empty form', { tags: [] }, '{ }'],
    [
      'service, operation, a tag and a duration range',
      { service: 'auth', operation: 'GET /x', tags: [['http.route', '/cart']], minDurationNs: 100e6, maxDurationNs: 2e9 },
      '{ resource.service.name = "auth" && name = "GET /x" && .http.route = "/cart" && duration >= 100ms && duration <= 2s }',
    ],
    ['quotes and escapes strings as Go reads them', { operation: 'say "hi"\\\n', tags: [] }, '{ name = "say \\"hi\\"\\\\\\n" }'],
    ['keeps a scope the key was written with', { tags: [['span.http.route', '/a'], ['resource.host.name', 'n1'], ['.x', 'y']] }, '{ span.http.route = "/a" && resource.host.name = "n1" && .x = "y" }'],
    ['quotes attribute names that need it', { tags: [['my key', 'v'], ['a=b', 'w']] }, '{ ."my key" = "v" && ."a=b" = "w" }'],
    ['name and status are intrinsics, as in tag search', { tags: [['name', 'SELECT'], ['status', 'error']] }, '{ name = "SELECT" && status = error }'],
    ['an int or bool value matches either type', { tags: [['http.response.status_code', '500'], ['cache.hit', 'true']] }, '{ (.http.response.status_code = 500 || .http.response.status_code = "500") && (.cache.hit = true || .cache.hit = "true") }'],
    ['a value that is not a canonical int stays a string', { tags: [['order', '007'], ['v', '1.5']] }, '{ .order = "007" && .v = "1.5" }'],
    ['sub-millisecond durations', { tags: [], minDurationNs: 1500 }, '{ duration >= 1500ns }'],
    ['errors only, alone', { tags: [], errorsOnly: true }, '{ status = error }'],
    ['errors only, on any span of the trace', { service: 'auth', tags: [], errorsOnly: true }, '{ resource.service.name = "auth" } && { status = error }'],
  ])('%s', (_, form, text) => {
    expect(traceQLFromSearch(form)).toBe(text);
  });

  it.each<Form>([
    { tags: [], errorsOnly: true },
    { service: 'a', operation: 'b', tags: [['c', '1'], ['status', 'ok'], ['span.d', 'x y']], minDurationNs: 1, maxDurationNs: 3_600e9, errorsOnly: true },
  ])('always writes a query that parses: %j', (form) => {
    expect(parseTraceQL(traceQLFromSearch(form))).toMatchObject({ ok: true });
  });

  it('writes what parses back to the form\'s values', () => {
    const parsed = parseTraceQL(traceQLFromSearch({ service: 'a "b"', operation: 'GET /x\t', tags: [['k e"y', 'v\\'], ['n', '42']], minDurationNs: 1.5e9 }));
    expect(parsed).toEqual({
      ok: true,
      query: {
        type: 'filter',
        expr: {
          type: 'and',
          left: {
            type: 'and',
            left: {
              type: 'and',
              left: {
                type: 'and',
                left: { type: 'compare', field: { type: 'attribute', scope: 'resource', name: 'service.name' }, op: '=', value: { type: 'string', value: 'a "b"' } },
                right: { type: 'compare', field: { type: 'intrinsic', name: 'span:name' }, op: '=', value: { type: 'string', value: 'GET /x\t' } },
              },
              right: { type: 'compare', field: { type: 'attribute', scope: 'unscoped', name: 'k e"y' }, op: '=', value: { type: 'string', value: 'v\\' } },
            },
            right: {
              type: 'or',
              left: { type: 'compare', field: { type: 'attribute', scope: 'unscoped', name: 'n' }, op: '=', value: { type: 'int', value: '42' } },
              right: { type: 'compare', field: { type: 'attribute', scope: 'unscoped', name: 'n' }, op: '=', value: { type: 'string', value: '42' } },
            },
          },
          right: { type: 'compare', field: { type: 'intrinsic', name: 'span:duration' }, op: '>=', value: { type: 'duration', ns: 1.5e9 } },
        },
      },
    });
  });
});
