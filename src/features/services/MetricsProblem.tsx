import { ErrorState } from '../../ui/StatusMessage';
import { MetricsQueryError } from '../../state/services-queries';
import styles from './services.module.css';

/** A failed metrics query: the source's own words, and for a rejected TraceQL query the query itself. */
export function MetricsProblem({ error, onRetry, what }: { error: Error; onRetry: () => void; what: string }) {
  if (error instanceof MetricsQueryError) {
    return (
      <ErrorState title={`The source refused the ${what} query`} message={error.message} onRetry={onRetry}>
        <p>The query was:</p>
        <pre className={styles.query}>{error.query}</pre>
      </ErrorState>
    );
  }
  return <ErrorState title={`Could not load the ${what}`} message={error.message} onRetry={onRetry} />;
}
