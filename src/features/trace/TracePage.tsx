import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useDataSource } from '../../state/data-source-context';
import { isBackendError, queries } from '../../state/queries';
import type { DataSource } from '../../state/data-sources';
import { EmptyState, ErrorState } from '../../ui/StatusMessage';
import { TraceView } from './TraceView';
import { TraceLoading } from './TraceLoadProgressView';
import { registerServices } from '../../ui/service-color';
import { prepareTimeFormatsWhenIdle } from '../../ui/format-time';

export function TracePage() {
  const { traceId = '' } = useParams();
  const source = useDataSource();
  if (!source) return <EmptyState title="No data source configured" />;
  // keyed: another trace starts with fresh collapse state and scroll
  return <TraceLoader key={`${source.id}/${traceId}`} source={source} traceId={traceId} />;
}

function TraceLoader({ source, traceId }: { source: DataSource; traceId: string }) {
  const trace = useQuery(queries.trace(source, traceId));
  // while the trace is on the way, so its header's times cost nothing when it arrives
  useEffect(prepareTimeFormatsWhenIdle, []);
  if (trace.isPending) return <TraceLoading sourceId={source.id} traceId={traceId} />;
  if (trace.isError && trace.data === undefined) {
    const error = trace.error;
    if (isBackendError(error) && error.kind === 'not-found') {
      return (
        <EmptyState title="Trace not found">
          <p>{error.message}</p>
          <p>
            It may be older than the backend keeps, or still arriving. <Link to="/search">Search traces</Link>
          </p>
        </EmptyState>
      );
    }
    return (
      <ErrorState title="The trace could not be loaded" message={error.message} onRetry={() => void trace.refetch()}>
        {isBackendError(error) && error.url !== '' && <p className="state-note">Request: {error.url}</p>}
        <p className="state-note">Nothing else is lost: Back returns to where you were (a search keeps its results).</p>
      </ErrorState>
    );
  }
  if (trace.data === undefined) return null;
  // Idempotent: colours are given once per service, so this trace's never collide.
  registerServices(trace.data.services);
  return (
    <>
      {trace.isError && (
        // a refetch failed: the trace already on screen stays
        <ErrorState title="The trace could not be refreshed" message={trace.error.message} onRetry={() => void trace.refetch()} />
      )}
      {trace.data.incomplete !== undefined && (
        <p className="banner banner-warning" role="status">
          This trace is incomplete: {source.name} sent only part of it ({trace.data.incomplete}). Spans may be missing and times may not add up.
        </p>
      )}
      <TraceView trace={trace.data} />
    </>
  );
}
