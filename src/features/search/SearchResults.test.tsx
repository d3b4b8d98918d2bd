import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import type { SearchQuery, TraceSummary } from '../../core';
import { BackendError } from '../../state/queries';
import type { SearchResult } from '../../state/queries';
import { SearchResults } from './SearchResults';
import { useStartTimeStyle } from './start-time-store';
import { useTimeZoneStore } from '../../ui/time-zone';

const query: SearchQuery = { service: 'auth', tags: [['http.route', '/login']], startMs: 0, endMs: 3_600_000, limit: 20 };

function resultOf(partial: Partial<UseQueryResult<SearchResult>>): UseQueryResult<SearchResult> {
  return { isPending: false, isError: false, isFetching: false, refetch: vi.fn(), ...partial } as unknown as UseQueryResult<SearchResult>;
}

function renderResults(result: UseQueryResult<SearchResult>, earlier?: { query: SearchQuery; data: SearchResult; sameSearch?: boolean }) {
  return render(
    <MemoryRouter>
      <SearchResults result={result} query={query} sourceName="Demo" earlier={earlier} />
    </MemoryRouter>,
  );
}

const summary: TraceSummary = {
  traceId: '00000000000000000000000000000abc',
  rootServiceName: 'web-frontend',
  rootSpanName: 'GET /checkout',
  startUnixNano: 1_000_000_000_000n,
  durationNs: 12_300_000,
  spanCount: 42,
  errorSpanCount: 2,
  services: [
    { name: 'web-frontend', spanCount: 30, errorSpanCount: 1 },
    { name: 'auth', spanCount: 12, errorSpanCount: 1 },
  ],
};

describe('SearchResults', () => {
  it('says it is loading while the search runs', () => {
    renderResults(resultOf({ isPending: true }));
    expect(screen.getByRole('status').textContent).toBe('Searching Demo…');
  });

  it('echoes the query when nothing matches', () => {
    renderResults(resultOf({ data: { summaries: [], warnings: [] } }));
    expect(screen.getByRole('heading').textContent).toBe('No traces match');
    expect(screen.getByRole('status').textContent).toContain('service auth, http.route=/login');
  });

  it('shows the server message and retries on request', () => {
    const refetch = vi.fn();
    renderResults(resultOf({ isError: true, error: new BackendError('http', 'Demo answered 500: boom', '/x', 500), refetch }));
    expect(screen.getByRole('alert').textContent).toContain('Demo answered 500: boom');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(refetch).toHaveBeenCalledOnce();
  });

  it('a failing new search shows its error beside the earlier results, saying whose they are', () => {
    const refetch = vi.fn();
    const error = new BackendError('http', 'Demo answered 503 Service Unavailable. The server is overloaded or restarting; retry in a moment.', '/demo/tempo/api/search?limit=20', 503);
    renderResults(resultOf({ isError: true, error, refetch }), { query: { ...query, service: 'cart', tags: [] }, data: { summaries: [summary], warnings: [] } });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The search failed');
    expect(alert.textContent).toContain(error.message);
    expect(alert.textContent).toContain('Request: /demo/tempo/api/search?limit=20');
    expect(alert.textContent).toContain('The results below are from your previous search (service cart), not this one.');
    expect(screen.getByRole('link').textContent).toContain('web-frontend: GET /checkout');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(refetch).toHaveBeenCalledOnce();
  });

  it('the same search answered earlier (Back to it) is called so', () => {
    const error = new BackendError('http', 'Demo answered 500 Internal Server Error.', '/x', 500);
    renderResults(resultOf({ isError: true, error }), { query, data: { summaries: [summary], warnings: [] }, sameSearch: true });
    expect(screen.getByRole('alert').textContent).toContain('The results below are from when this search last answered.');
    expect(screen.getByRole('link').textContent).toContain('web-frontend: GET /checkout');
  });

  it('a failed refresh keeps its own results on screen', () => {
    const error = new BackendError('timeout', 'Demo did not answer within 30 s.', '/x');
    renderResults(resultOf({ isError: true, error, data: { summaries: [summary], warnings: [] } }));
    expect(screen.getByRole('alert').textContent).toContain('The search timed out');
    expect(screen.getByRole('alert').textContent).toContain('The results below are from before the failed refresh.');
    expect(screen.getByRole('link').textContent).toContain('web-frontend: GET /checkout');
  });

  it('lists traces with their facts, each a link to the trace page', () => {
    renderResults(resultOf({ data: { summaries: [summary], warnings: [], note: 'Tempo inspected 3 traces' } }));
    const link = screen.getByRole('link');
    expect(link.getAttribute('href')).toBe('/trace/00000000000000000000000000000abc');
    expect(link.textContent).toContain('web-frontend: GET /checkout');
    const row = link.closest('tr');
    expect(row?.textContent).toContain('12.3ms');
    expect(row?.textContent).toContain('42');
    expect(row?.textContent).toContain('auth (12)');
    expect(screen.getByText(/1 trace · Tempo inspected 3 traces/)).toBeTruthy();
  });
});

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

/** The results on /search, with a stand-in trace page, so a test sees where a click leads. */
function renderRouted(result: UseQueryResult<SearchResult>, url = '/search?service=auth', q: SearchQuery = query) {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/search" element={<SearchResults result={result} query={q} sourceName="Demo" />} />
        <Route path="/trace/:traceId" element={<h1>the trace page</h1>} />
      </Routes>
      <LocationProbe />
    </MemoryRouter>,
  );
}

const location = () => screen.getByTestId('location').textContent;

const others: TraceSummary[] = [
  { ...summary, traceId: '00000000000000000000000000000def', rootSpanName: 'GET /slow', durationNs: 900_000_000, startUnixNano: 2_000_000_000_000n },
  { ...summary, traceId: '00000000000000000000000000000123', rootSpanName: 'GET /fast', durationNs: 1_000_000, startUnixNano: 1_500_000_000_000n },
];

describe('SearchResults rows', () => {
  it('a click anywhere on a row opens its trace', () => {
    renderRouted(resultOf({ data: { summaries: [summary], warnings: [] } }));
    fireEvent.click(screen.getByText('12.3ms'));
    expect(location()).toBe('/trace/00000000000000000000000000000abc');
    expect(screen.getByRole('heading', { name: 'the trace page' })).toBeTruthy();
  });

  it('a click that selected text only moves the focus to that row, and Enter there opens it', () => {
    renderRouted(resultOf({ data: { summaries: [summary, ...others], warnings: [] } }));
    const cell = screen.getByText('900ms');
    const range = document.createRange();
    range.selectNodeContents(cell);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
    fireEvent.click(cell);
    expect(location()).toBe('/search?service=auth');
    const link = screen.getByRole('link', { name: /GET \/slow/ });
    expect(document.activeElement).toBe(link);
    window.getSelection()?.removeAllRanges();
    // ↓ walks on from the clicked row
    fireEvent.keyDown(link, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('link', { name: /GET \/fast/ }));
  });

  it('a modified click (new tab) is left to the browser', () => {
    renderRouted(resultOf({ data: { summaries: [summary], warnings: [] } }));
    fireEvent.click(screen.getByText('12.3ms'), { ctrlKey: true });
    expect(location()).toBe('/search?service=auth');
  });
});

describe('SearchResults sort', () => {
  const durations = () => [...document.querySelectorAll('.duration-text')].map((e) => e.textContent);

  it('reads the sort from the URL', () => {
    renderRouted(resultOf({ data: { summaries: [summary, ...others], warnings: [] } }), '/search?service=auth&sort=duration-asc');
    expect(durations()).toEqual(['1ms', '12.3ms', '900ms']);
    expect(screen.getByRole('columnheader', { name: /Duration/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('writes the sort into the URL, keeping the query', () => {
    renderRouted(resultOf({ data: { summaries: [summary, ...others], warnings: [] } }));
    fireEvent.click(screen.getByRole('button', { name: 'Duration' }));
    expect(location()).toBe('/search?service=auth&sort=duration-desc');
    expect(durations()).toEqual(['900ms', '12.3ms', '1ms']);
    fireEvent.click(screen.getByRole('button', { name: /Duration/ }));
    expect(location()).toBe('/search?service=auth&sort=duration-asc');
  });
});

describe('SearchResults start times', () => {
  it('read relative, absolute on hover, and absolute on request', () => {
    useTimeZoneStore.setState({ timeZone: 'utc' });
    useStartTimeStyle.setState({ style: 'relative' });
    renderRouted(resultOf({ data: { summaries: [summary], warnings: [] } }), '/search', { ...query, endMs: 1_000_000 + 5 * 60_000 });
    const time = document.querySelector('tbody time');
    expect(time?.textContent).toBe('5 minutes ago');
    expect(time?.getAttribute('dateTime')).toBe('1970-01-01T00:16:40.000Z');
    expect(time?.getAttribute('title')).toContain(':16:40');
    fireEvent.click(screen.getByRole('radio', { name: 'absolute' }));
    expect(document.querySelector('tbody time')?.textContent).toContain(':16:40');
    expect(document.querySelector('tbody time')?.getAttribute('title')).toBe('5 minutes ago');
    expect(useStartTimeStyle.getState().style).toBe('absolute');
    useStartTimeStyle.setState({ style: 'relative' });
    useTimeZoneStore.setState({ timeZone: 'local' });
  });
});

describe('SearchResults refused queries', () => {
  it('a 400 for TraceQL shows the error at its position, with no Retry', () => {
    const message = 'Demo answered 400 Bad Request: invalid TraceQL query: parse error at line 1, col 17: syntax error: unexpected }.';
    renderRouted(resultOf({ isError: true, error: new BackendError('http', message, '/x', 400) }), '/search?q=x', { ...query, traceql: '{ .http.route = }' });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The server refused the query');
    expect(screen.getByTestId('traceql-error-position').textContent).toBe('{ .http.route = }\n                ^');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });
});
