import { useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import type { TraceryConfig } from '../state/data-sources';
import { ConfigContext } from '../state/data-source-context';
import { SearchPage } from '../features/search/SearchPage';
import { TracePage } from '../features/trace/TracePage';
import { ImportProvider } from '../features/import/ImportProvider';
import { ImportStatusPanel } from '../features/import/ImportStatusPanel';
import { LocalFilesPage } from '../features/import/LocalFilesPage';
import { AppHeader } from './AppHeader';
import { ErrorBoundary } from './ErrorBoundary';
import { NotFoundPage } from './NotFoundPage';

interface Props {
  readonly config: TraceryConfig;
  readonly startupProblems: readonly string[];
}

function Layout({ startupProblems }: { startupProblems: readonly string[] }) {
  const location = useLocation();
  return (
    <ImportProvider>
      <div className="app">
        <AppHeader />
        <ImportStatusPanel />
        {startupProblems.length > 0 && (
          <div role="alert" className="banner banner-warning">
            {startupProblems.map((p) => (
              <p key={p}>{p}</p>
            ))}
          </div>
        )}
        <main className="app-main">
          <ErrorBoundary area="this page" resetKey={location.pathname}>
            <Outlet />
          </ErrorBoundary>
        </main>
      </div>
    </ImportProvider>
  );
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // One quiet retry for a flaky network; errors then show with a Retry button.
        retry: 1,
        refetchOnWindowFocus: false,
      },
    },
  });
}

export function App({ config, startupProblems }: Props) {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() =>
    createBrowserRouter([
      {
        element: <Layout startupProblems={startupProblems} />,
        children: [
          { path: '/', element: <Navigate to="/search" replace /> },
          { path: '/search', element: <SearchPage /> },
          { path: '/trace/:traceId', element: <TracePage /> },
          { path: '/files', element: <LocalFilesPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ]),
  );
  return (
    <ErrorBoundary area="Tracery">
      <ConfigContext.Provider value={config}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </ConfigContext.Provider>
    </ErrorBoundary>
  );
}
