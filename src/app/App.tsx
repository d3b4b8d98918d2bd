import { lazy, Suspense, useState, type MouseEvent } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, Outlet, useLocation, useMatch } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import type { TraceryConfig } from '../state/data-sources';
import { LoadingState } from '../ui/StatusMessage';
import { queries, retryOnceIfWorthIt } from '../state/queries';
import { ConfigContext, pickDataSource, useDataSource } from '../state/data-source-context';
import { TraceLoading } from '../features/trace/TraceLoadProgressView';
import { ImportProvider } from '../features/import/ImportProvider';
import { ImportStatusPanel } from '../features/import/ImportStatusPanel';
import { AppHeader } from './AppHeader';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { NotFoundPage } from './NotFoundPage';
import { ServicesLanding } from '../features/services/ServicesLanding';
import { SkipLinksProvider, SkipLinksSlot } from '../ui/SkipLink';

// Route-level code splitting: each page is its own chunk, fetched on first visit,
// so the first load carries only the shell and the page it opens (the trace page's
// waterfall, flame graph, statistics and map are most of the code).
const SearchPage = lazy(() => import('../features/search/SearchPage').then((m) => ({ default: m.SearchPage })));
const TracePage = lazy(() => import('../features/trace/TracePage').then((m) => ({ default: m.TracePage })));
const ServicesPage = lazy(() => import('../features/services/ServicesPage').then((m) => ({ default: m.ServicesPage })));
const ServicePage = lazy(() => import('../features/services/ServicePage').then((m) => ({ default: m.ServicePage })));
const LocalFilesPage = lazy(() => import('../features/import/LocalFilesPage').then((m) => ({ default: m.LocalFilesPage })));

interface Props {
  readonly config: TraceryConfig;
  readonly startupProblems: readonly string[];
}

function Layout({ startupProblems }: { startupProblems: readonly string[] }) {
  const location = useLocation();
  return (
    <ImportProvider>
      <SkipLinksProvider>
        <div className="app">
          <SkipLinksSlot>
            <a href="#main" className="skip-link" onClick={skipToMain}>
              Skip to content
            </a>
          </SkipLinksSlot>
          <AppHeader />
          <ImportStatusPanel />
          {startupProblems.length > 0 && (
            <div role="alert" className="banner banner-warning">
              {startupProblems.map((p) => (
                <p key={p}>{p}</p>
              ))}
            </div>
          )}
          <main id="main" className="app-main" tabIndex={-1}>
            <ErrorBoundary area="this page" resetKey={location.pathname}>
              <Suspense fallback={<PageLoading />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          </main>
        </div>
      </SkipLinksProvider>
    </ImportProvider>
  );
}

/** Focus, not the hash: a hash change would be a router navigation (and an entry in the history). */
function skipToMain(event: MouseEvent): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

/** While a page's code loads: a trace link already has its trace on the way, so its progress shows. */
function PageLoading() {
  const traceId = useMatch('/trace/:traceId')?.params.traceId;
  const source = useDataSource();
  if (traceId !== undefined && source) return <TraceLoading sourceId={source.id} traceId={traceId} />;
  return <LoadingState>Loading…</LoadingState>;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // One quiet retry where it may help; errors then show with a Retry button.
        retry: retryOnceIfWorthIt,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/**
 * A permalink to a trace starts loading the trace at once, beside the trace page's
 * code: waiting for the page to mount costs the chunk's download plus React's
 * Suspense reveal (which holds new content back ~300 ms), on a fetch that may take
 * seconds anyway. The page's useQuery then joins the request in flight.
 */
function prefetchLinkedTrace(queryClient: QueryClient, config: TraceryConfig): void {
  const match = /^\/trace\/([^/]+)$/.exec(window.location.pathname.slice(import.meta.env.BASE_URL.length - 1));
  if (!match?.[1]) return;
  const source = pickDataSource(config, new URLSearchParams(window.location.search).get('source'));
  if (source) void queryClient.prefetchQuery(queries.trace(source, decodeURIComponent(match[1])));
}

export function App({ config, startupProblems }: Props) {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    prefetchLinkedTrace(client, config);
    return client;
  });
  const [router] = useState(() =>
    createBrowserRouter([
      {
        element: <Layout startupProblems={startupProblems} />,
        children: [
          { path: '/', element: <ServicesLanding /> },
          { path: '/search', element: <SearchPage /> },
          { path: '/services', element: <ServicesPage /> },
          { path: '/services/:service', element: <ServicePage /> },
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
