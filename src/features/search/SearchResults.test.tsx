import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import type { SearchQuery, TraceSummary } from '../../core';
import { BackendError } from '../../state/queries';
import type { SearchResult } from '../../state/queries';
import { SearchResults } from './SearchResults';

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
