import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, hasSearch, readSearchForm, toSearchQuery, writeSearchForm } from './search-url';

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
    expect(toSearchQuery({ ...EMPTY_FORM, traceql: '{ bad', lookback: '5m' }, 1_000_000)).toEqual({
      errors: {},
      query: { tags: [], traceql: '{ bad', startMs: 700_000, endMs: 1_000_000, limit: 20 },
    });
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
