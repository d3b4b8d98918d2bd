import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICES_VIEW, edgeSearch, readServicesView, searchLink, serviceLink, viewWindow, writeServicesView, type ServicesView } from './services-url';
import { readSearchForm } from './search-url';

const read = (query: string) => readServicesView(new URLSearchParams(query));

describe('services URL', () => {
  it('a bare /services is the defaults, and the defaults write nothing', () => {
    expect(read('')).toEqual({ view: DEFAULT_SERVICES_VIEW, dropped: [] });
    expect(writeServicesView(DEFAULT_SERVICES_VIEW).toString()).toBe('');
  });

  it('round-trips every field, with the search form’s time range parameters', () => {
    const view: ServicesView = {
      lookback: '6h',
      range: { startMs: 1_700_000_000_000, endMs: 1_700_000_600_000 },
      scope: 'root',
      groupBy: 'operation',
      sort: 'p99',
      order: 'asc',
      view: 'graph',
      operation: 'GET /cart',
    };
    const params = writeServicesView(view, 'demo-jaeger');
    expect(params.get('source')).toBe('demo-jaeger');
    // the same names Search reads: a window carries over between the pages
    expect(readSearchForm(params).form.range).toEqual(view.range);
    // an absolute window replaces the lookback in the URL
    expect(read(params.toString()).view).toEqual({ ...view, lookback: DEFAULT_SERVICES_VIEW.lookback });
    expect(read('lookback=6h').view.lookback).toBe('6h');
  });

  it('drops what it cannot read, naming it, and keeps the rest', () => {
    const { view, dropped } = read('scope=everything&sort=p99&order=up&view=map&lookback=3y&start=10&end=5&group=pod');
    expect(view).toEqual({ ...DEFAULT_SERVICES_VIEW, sort: 'p99' });
    expect(dropped).toEqual(['lookback "3y"', 'time range "10".."5"', 'scope "everything"', 'group "pod"', 'order "up"', 'view "map"']);
  });

  it('a window is the range, or the lookback up to now', () => {
    expect(viewWindow({ ...DEFAULT_SERVICES_VIEW, lookback: '15m' }, 1_000_000_000)).toEqual({ startMs: 1_000_000_000 - 900_000, endMs: 1_000_000_000 });
    expect(viewWindow({ ...DEFAULT_SERVICES_VIEW, range: { startMs: 5, endMs: 9 } }, 1_000_000_000)).toEqual({ startMs: 5, endMs: 9 });
  });

  it('a service link keeps the range and scope, not the overview’s table options', () => {
    const view: ServicesView = { ...DEFAULT_SERVICES_VIEW, lookback: '24h', scope: 'all', sort: 'p99', view: 'graph' };
    expect(serviceLink('a/b c', view, 'demo')).toEqual({ pathname: '/services/a%2Fb%20c', search: '?source=demo&lookback=24h&scope=all' });
  });

  it('Search opens filled in: service, operation, window, errors', () => {
    const link = searchLink({ service: 'payment', operation: 'POST /pay', startMs: 1000.4, endMs: 2000.2, errorsOnly: true }, 'demo');
    expect(link.pathname).toBe('/search');
    const { form } = readSearchForm(new URLSearchParams(link.search));
    expect(form).toMatchObject({ service: 'payment', operation: 'POST /pay', range: { startMs: 1000, endMs: 2001 }, errorsOnly: true });
    expect(new URLSearchParams(link.search).get('source')).toBe('demo');
  });

  it('an edge searches for traces crossing it: TraceQL where the source takes it, else the caller', () => {
    const window = { startMs: 1, endMs: 2 };
    expect(edgeSearch('web', { name: 'api "v2"', peer: false }, window, true).traceql).toBe('{ resource.service.name = "web" } >> { resource.service.name = "api \\"v2\\"" }');
    expect(edgeSearch('order', { name: 'postgresql', peer: true }, window, true).traceql).toMatch(/^\{ resource\.service\.name = "order" && \(span\.peer\.service = "postgresql" \|\| .*span\.db\.system = "postgresql"/);
    expect(edgeSearch('web', { name: 'api', peer: false }, window, false)).toEqual({ service: 'web', startMs: 1, endMs: 2 });
  });
});
