import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useDataSource } from '../../state/data-source-context';
import { isBackendError, queries } from '../../state/queries';
import { EmptyState, ErrorState, LoadingState } from '../../ui/StatusMessage';
import { TraceHeader } from './TraceHeader';
import { SpanTree } from './SpanTree';
import type { DataSource } from '../../state/data-sources';

export function TracePage() {
  const { traceId = '' } = useParams();
  const source = useDataSource();
  if (!source) return <EmptyState title="No data source configured" />;
  return <TraceView key={`${source.id}/${traceId}`} source={source} traceId={traceId} />;
}

function TraceView({ source, traceId }: { source: DataSource; traceId: string }) {
  const trace = useQuery(queries.trace(source, traceId));
  const [params, setParams] = useSearchParams();
  const selectedSpanId = params.get('span') ?? undefined;
  const select = (spanId: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('span', spanId);
      return next;
    });

  if (trace.isPending) return <LoadingState>Loading trace {traceId}…</LoadingState>;
  if (trace.isError) {
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
    return <ErrorState title="The trace could not be loaded" message={error.message} onRetry={() => void trace.refetch()} />;
  }
  return (
    <article className="trace-page" aria-label={`Trace ${trace.data.traceId}`}>
      <TraceHeader trace={trace.data} />
      {selectedSpanId && !trace.data.spanById.has(selectedSpanId) && (
        <p className="banner banner-warning" role="status">
          Span {selectedSpanId} from the link is not in this trace.
        </p>
      )}
      <SpanTree trace={trace.data} selectedSpanId={selectedSpanId} onSelect={select} />
    </article>
  );
}
