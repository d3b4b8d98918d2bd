import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, hasSearch, queryParams, readSearchForm, readSort, toSearchQuery, withLive, withSort, writeSearchForm } from './search-url';

describe('search form in the URL', () => {
  it('round-trips every field', () => {
    const form = { service: 'auth', operation: 'GET /login', tags: 'http.route="/a b" error=true', minDuration: '100ms', maxDuration: '2s', lookback: '6h' as const, range: undefined, limit: 50, errorsOnly: true, traceql: undefined };
    const params = writeSearchForm(form);
    expect(readSearchForm(new URLSearchParams(params.toString()))).toEqual({ form, dropped: [] });
    const ranged = { ...form, lookback: '1h' as const, range: { startMs: 1_700_000_000_000, endMs: 1_700_000_600_000 } };
    const rangedParams = writeSearchForm(ranged);
    expect(rangedParams.has('lookback')).toBe(false);
    expect(readSearchForm(new URLSearchParams(rangedParams.toString()))).toEqual({ form: ranged, dropped: [] });
  });

  it('a TraceQL search keeps only the query, window and limit', () => {
    const form = { ...EMPTY_FORM, service: 'ignored', traceql: '{ status = error }', limit: 7 };
    const params = writeSearchForm(form);
    expect(params.toString()).toBe('q=%7B+status+%3D+error+%7D&lookback=1h&limit=7');
    expect(readSearchForm(params).form).toEqual({ ...EMPTY_FORM, traceql: '{ status = error }', limit: 7 });
    expect(toSearchQuery({ ...EMPTY_FORM, traceql: '{ span.x } | count() > 2', lookback: '5m' }, 1_000_000)).toEqual({
      errors: {},
      query: { tags: [], traceql: '{ span.x } | count() > 2', startMs: 700_000, endMs: 1_000_000, limit: 20 },
    });
  });

  it('a TraceQL syntax error is the form\'s, with its position; other errors are the backend\'s to judge', () => {
    expect(toSearchQuery({ ...EMPTY_FORM, traceql: '{ .http.route = }' }, 1_000_000)).toEqual({
      errors: { traceql: 'parse error at line 1, col 17: syntax error: unexpected }' },
    });
    // a pipeline this app cannot evaluate, and a type error, still reach the server
    expect(toSearchQuery({ ...EMPTY_FORM, traceql: '{ status = error } | count() > 2' }, 1_000_000).query?.traceql).toBe('{ status = error } | count() > 2');
    expect(toSearchQuery({ ...EMPTY_FORM, traceql: '{ name = 1 }' }, 1_000_000).query?.traceql).toBe('{ name = 1 }');
  });

  it('an empty TraceQL box finds every trace', () => {
    const params = writeSearchForm({ ...EMPTY_FORM, traceql: '' });
    expect(hasSearch(params)).toBe(true);
    const { form } = readSearchForm(params);
    expect(toSearchQuery(form, 1_000_000)).toEqual({ errors: {}, query: { tags: [], traceql: '{ }', startMs: 1_000_000 - 3_600_000, endMs: 1_000_000, limit: 20 } });
  });

  it('drops an invalid parameter and keeps the valid ones', () => {
    const { form, dropped } = readSearchForm(new URLSearchParams('service=order&lookback=3y&limit=-4&minDuration=5ms&start=9&end=2&errors=maybe'));
    expect(form).toEqual({ ...EMPTY_FORM, service: 'order', minDuration: '5ms' });
    expect(dropped).toEqual(['lookback "3y"', 'limit "-4"', 'time range "9".."2"', 'errors "maybe"']);
  });

  it('knows whether the URL asks for a search', () => {
    expect(hasSearch(new URLSearchParams(''))).toBe(false);
    expect(hasSearch(new URLSearchParams('source=demo'))).toBe(false);
    expect(hasSearch(new URLSearchParams('lookback=1h'))).toBe(true);
  });
});

describe('the results\' sort in the URL', () => {
  it('round-trips every key and direction', () => {
    for (const key of ['root', 'start', 'duration', 'spans', 'errors'] as const) {
      for (const direction of ['ascending', 'descending'] as const) {
        const params = withSort(new URLSearchParams('service=a'), { key, direction });
        expect(readSort(new URLSearchParams(params.toString()))).toEqual({ sort: { key, direction } });
        expect(params.get('service')).toBe('a');
      }
    }
    expect(withSort(new URLSearchParams('service=a&sort=spans-asc'), null).toString()).toBe('service=a');
    expect(readSort(new URLSearchParams('sort=duration-desc'))).toEqual({ sort: { key: 'duration', direction: 'descending' } });
  });

  it('no sort is the backend\'s order; an unreadable one is dropped with a note', () => {
    expect(readSort(new URLSearchParams('service=a'))).toEqual({ sort: null });
    expect(readSort(new URLSearchParams('sort=colour-desc'))).toEqual({ sort: null, dropped: 'sort "colour-desc"' });
    expect(readSort(new URLSearchParams('sort=duration'))).toEqual({ sort: null, dropped: 'sort "duration"' });
  });

  it('is a view option: neither it nor auto-refresh is part of the query, nor a search by itself', () => {
    const params = withLive(withSort(writeSearchForm({ ...EMPTY_FORM, service: 'auth' }), { key: 'start', direction: 'ascending' }), true);
    expect(queryParams(params).toString()).toBe(writeSearchForm({ ...EMPTY_FORM, service: 'auth' }).toString());
    expect(hasSearch(new URLSearchParams('sort=start-asc'))).toBe(false);
  });
});

describe('toSearchQuery', () => {
  const now = Date.UTC(2026, 10, 24, 12, 0, 0);

  it('turns the form into an absolute query', () => {
    const { query, errors } = toSearchQuery({ ...EMPTY_FORM, service: 'auth', tags: 'a=1 b="x y"', minDuration: '1.5s', lookback: '15m' }, now);
    expect(errors).toEqual({});
    expect(query).toEqual({
      service: 'auth',
      tags: [['a', '1'], ['b', 'x y']],
      minDurationNs: 1.5e9,
      maxDurationNs: undefined,
      operation: undefined,
      startMs: now - 15 * 60_000,
      endMs: now,
      limit: 20,
      errorsOnly: false,
    });
  });

  it('reports each bad field and makes no query', () => {
    const { query, errors } = toSearchQuery({ ...EMPTY_FORM, tags: 'k="open', minDuration: '2 sekonds', maxDuration: 'x' }, now);
    expect(query).toBeUndefined();
    expect(errors.tags).toContain('unterminated quoted value at column 8');
    expect(errors.minDuration).toContain('"2 sekonds" is not a duration');
    expect(errors.maxDuration).toContain('"x" is not a duration');
  });

  it('uses an absolute range when the form has one, and the operation only with its service', () => {
    const { query } = toSearchQuery({ ...EMPTY_FORM, operation: 'orphan op', range: { startMs: 5, endMs: 9 } }, now);
    expect(query).toMatchObject({ startMs: 5, endMs: 9, operation: undefined });
  });

  it('refuses a max below the min', () => {
    const { query, errors } = toSearchQuery({ ...EMPTY_FORM, minDuration: '2s', maxDuration: '1s' }, now);
    expect(query).toBeUndefined();
    expect(errors).toEqual({ maxDuration: 'max duration is shorter than min duration' });
  });
});
