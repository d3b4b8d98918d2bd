import { describe, expect, it } from 'vitest';
import { clampWindow, formatCollapse, MAX_COLLAPSE_IDS, parseCollapse, readTraceUrl, traceHref, traceStateParams, TRACE_VIEWS, writeTraceUrl, type TraceUrlState } from './trace-url';

const read = (query: string) => readTraceUrl(new URLSearchParams(query));

describe('readTraceUrl', () => {
  it('reads every field', () => {
    expect(read('span=00F067AA0BA902B7&window=0.25-0.5&find=payment&matches=1&critical=1&times=raw').state).toEqual({
      span: '00f067aa0ba902b7',
      window: { from: 0.25, to: 0.5 },
      find: 'payment',
      matchesOnly: true,
      criticalOnly: true,
      rawTimes: true,
      view: 'waterfall',
      logs: { text: '' },
      group: 'service',
    });
  });
  it('has defaults for an empty query', () => {
    expect(read('').state).toEqual({ find: '', matchesOnly: false, criticalOnly: false, rawTimes: false, view: 'waterfall', logs: { text: '' }, group: 'service' });
  });
  it.each([
    ['span=xyz', 'span "xyz"'],
    ['window=0.5-0.2', 'window "0.5-0.2"'],
    ['window=0-2', 'window "0-2"'],
    ['window=-1-0.5', 'window "-1-0.5"'],
    ['window=0.1-0.1', 'window "0.1-0.1"'],
    ['window=abc', 'window "abc"'],
    ['critical=yes', 'critical "yes"'],
    ['view=gantt', 'view "gantt"'],
    ['lsev=LOUD', 'lsev "LOUD"'],
    ['lspan=all', 'lspan "all"'],
    ['group=attr:', 'group "attr:"'],
    ['group=host', 'group "host"'],
    ['sort=self', 'sort "self"'],
    ['sort=height.asc', 'sort "height.asc"'],
    ['collapse=depth:x', 'collapse "depth:x"'],
    ['collapse=%2Bzz', 'collapse "+zz"'],
    [`collapse=${Array.from({ length: 22 }, (_, i) => `%2B${String(i).padStart(16, '0')}`).join(',')}`, 'collapse "+0000000000000000,+0000000000000001,+000"'],
  ])('drops %s and keeps the rest', (query, problem) => {
    const { state, dropped } = read(`${query}&find=db`);
    expect(dropped).toEqual([problem]);
    expect(state.find).toBe('db');
  });
});

describe('writeTraceUrl', () => {
  it('changes only the given fields and keeps other parameters in place', () => {
    const next = writeTraceUrl(new URLSearchParams('source=demo&span=00f067aa0ba902b7&find=x'), { span: '1111111111111111', find: '' });
    expect(next.toString()).toBe('source=demo&span=1111111111111111');
  });
  it('writes a window compactly and drops the whole-trace window', () => {
    expect(writeTraceUrl(new URLSearchParams(), { window: { from: 0.1, to: 1 / 3 } }).toString()).toBe('window=0.1-0.3333333');
    expect(writeTraceUrl(new URLSearchParams('window=0.1-0.2'), { window: { from: 0, to: 1 } }).toString()).toBe('');
  });
  it('round-trips the toggles', () => {
    const next = writeTraceUrl(new URLSearchParams(), { matchesOnly: true, criticalOnly: true, rawTimes: true });
    expect(read(next.toString()).state).toMatchObject({ matchesOnly: true, criticalOnly: true, rawTimes: true });
    expect(writeTraceUrl(next, { matchesOnly: false, criticalOnly: false, rawTimes: false }).toString()).toBe('');
  });
});

describe('round trip of every parameter', () => {
  const full: TraceUrlState = {
    span: '00f067aa0ba902b7',
    window: { from: 0.25, to: 0.5 },
    find: 'service.name=payment "card declined"',
    matchesOnly: true,
    criticalOnly: true,
    rawTimes: true,
    view: 'logs',
    logs: { minSeverity: 'WARN', service: 'checkout', text: 'timeout & retry', spanScope: 'tree' },
    group: { attribute: 'http.route' },
    sort: { column: 'self', direction: 'desc' },
    collapse: { depth: 3, collapsed: ['1111111111111111'], expanded: ['2222222222222222'] },
  };
  it('reads back what it wrote', () => {
    const written = writeTraceUrl(new URLSearchParams('source=demo'), full);
    const { state, dropped } = read(written.toString());
    expect(dropped).toEqual([]);
    expect(state).toEqual(full);
    expect(written.get('source')).toBe('demo');
  });
  it.each(TRACE_VIEWS)('view %s', (view) => {
    expect(read(writeTraceUrl(new URLSearchParams(), { view }).toString()).state.view).toBe(view);
  });
  it.each(['service', 'operation', 'service+operation'] as const)('group %s', (group) => {
    expect(read(writeTraceUrl(new URLSearchParams(), { group }).toString()).state.group).toBe(group);
  });
  it('leaves defaults out of the URL', () => {
    expect(writeTraceUrl(new URLSearchParams('view=logs&group=operation&lq=x'), { view: 'waterfall', group: 'service', logs: { text: '' } }).toString()).toBe('');
  });
  it('bounds the collapse list', () => {
    const ids = Array.from({ length: 30 }, (_, i) => String(i).padStart(16, '0'));
    const text = formatCollapse({ depth: 2, collapsed: ids, expanded: [] }) ?? '';
    expect(text.split(',')).toHaveLength(MAX_COLLAPSE_IDS + 1);
    expect(parseCollapse(text)?.collapsed).toHaveLength(MAX_COLLAPSE_IDS);
    expect(formatCollapse({ collapsed: [], expanded: [] })).toBeUndefined();
  });
  it('copies the state with the source and without foreign parameters', () => {
    const params = traceStateParams(new URLSearchParams('source=demo&utm=x'), { ...full, logs: { text: '' } });
    expect(params.get('source')).toBe('demo');
    expect(params.has('utm')).toBe(false);
    expect(read(params.toString()).state.span).toBe(full.span);
  });
  it('copies the flame view\'s settings too, dropping invalid ones', () => {
    const current = new URLSearchParams('source=demo&view=flame&flameMode=aggregate&flameFocus=00f067aa0ba902b7&flameColor=errors&flameOrder=width&flameDim=1&flameColor2=x');
    const params = traceStateParams(current, { ...full, view: 'flame', logs: { text: '' } });
    expect(['flameMode', 'flameFocus', 'flameColor', 'flameOrder', 'flameDim'].map((key) => params.get(key))).toEqual(['aggregate', '00f067aa0ba902b7', 'errors', 'width', '1']);
    expect(params.has('flameColor2')).toBe(false);
    const invalid = traceStateParams(new URLSearchParams('flameMode=sideways'), { ...full, logs: { text: '' } });
    expect(invalid.has('flameMode')).toBe(false);
  });
});

describe('clampWindow', () => {
  it('orders, clamps, and returns undefined for the whole trace', () => {
    expect(clampWindow(0.6, 0.2)).toEqual({ from: 0.2, to: 0.6 });
    expect(clampWindow(-0.5, 1.5)).toBeUndefined();
    expect(clampWindow(0.3, 0.3)?.to).toBeGreaterThan(0.3);
  });
});

describe('traceHref', () => {
  it('keeps the data source and names the span', () => {
    expect(traceHref(new URLSearchParams('source=tempo&find=x'), 'abc', '0000000000000001')).toBe('/trace/abc?source=tempo&span=0000000000000001');
    expect(traceHref(new URLSearchParams(''), 'abc')).toBe('/trace/abc');
  });
});
