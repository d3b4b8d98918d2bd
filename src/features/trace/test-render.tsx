import { render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, useLocation, useNavigate, type NavigateFunction } from 'react-router';
import type { Trace } from '../../core';
import { ConfigContext } from '../../state/data-source-context';
import type { TraceryConfig } from '../../state/data-sources';
import { TraceView } from './TraceView';

/** no `logs` on the source: the logs parts say so, and nothing is fetched */
const config: TraceryConfig = { dataSources: [{ id: 'demo', name: 'Demo', kind: 'tempo', url: '/demo/tempo', demo: true }] };

function Location({ navigateRef }: { navigateRef: { current: NavigateFunction | undefined } }) {
  const location = useLocation();
  navigateRef.current = useNavigate();
  return <output data-testid="location">{location.search}</output>;
}

/**
 * The trace page for a test: a fresh QueryClient (retry off), the router at `/trace/<id><search>`,
 * the URL to read back, and a navigation from outside the page (a link, a pasted traceparent).
 */
export function renderTraceView(trace: Trace, search: string): { search: () => URLSearchParams; navigate: (search: string) => void } {
  const navigateRef: { current: NavigateFunction | undefined } = { current: undefined };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ConfigContext.Provider value={config}>
        <MemoryRouter initialEntries={[`/trace/${trace.traceId}${search}`]}>
          <TraceView trace={trace} />
          <Location navigateRef={navigateRef} />
        </MemoryRouter>
      </ConfigContext.Provider>
    </QueryClientProvider>,
  );
  return {
    search: () => new URLSearchParams(screen.getByTestId('location').textContent ?? ''),
    navigate: (next) => void navigateRef.current?.({ pathname: `/trace/${trace.traceId}`, search: next }),
  };
}
