import { EmptyState, ErrorState, LoadingState } from '../../../ui/StatusMessage';
import type { TraceLogsState } from './use-trace-logs';
import styles from './Logs.module.css';

/**
 * What the logs parts say when there are no records to show: a source without a
 * log server is not an empty list (it says how to add one), a failed request shows
 * the server's message with Retry, and loading looks like loading.
 */
export function LogSourceStatus({ state, compact = false }: { state: Exclude<TraceLogsState, { status: 'ready' }>; compact?: boolean }) {
  switch (state.status) {
    case 'loading':
      return <LoadingState>Loading logs…</LoadingState>;
    case 'error':
      return <ErrorState title="The logs could not be loaded" message={state.message} onRetry={state.retry} />;
    case 'unconfigured':
      if (compact) {
        return (
          <p className={styles.muted} role="status">
            No log source configured for {state.source ? `“${state.source.name}”` : 'this data source'}: the Logs tab says how to add one.
          </p>
        );
      }
      return (
        <EmptyState title="No log source configured">
          <p>
            {state.source ? `The data source “${state.source.name}”` : 'This data source'} has no <code>logs</code> entry. Add one to <code>public/tracery.config.json</code> to see the logs
            of each trace here, in the span details and on the waterfall:
          </p>
          <pre className={styles.snippet} data-testid="logs-config-snippet">
            {configSnippet(state.source?.id)}
          </pre>
        </EmptyState>
      );
  }
}

export function configSnippet(id: string | undefined): string {
  return `{
  "id": ${JSON.stringify(id ?? 'my-source')},
  …,
  "logs": { "kind": "loki", "url": "http://localhost:3100" }
}`;
}
