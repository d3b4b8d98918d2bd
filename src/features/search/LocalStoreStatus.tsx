import { useQuery } from '@tanstack/react-query';
import type { DataSource } from '../../state/data-sources';
import { queries } from '../../state/queries';

/**
 * For the local server's source (`npm run serve`): what its store holds, kept
 * fresh, and — while it is empty — how to send it traces.
 */
export function LocalStoreStatus({ source }: { source: DataSource & { stats: string } }) {
  const stats = useQuery(queries.localStats(source));
  if (stats.isError) {
    return (
      <p className="banner banner-warning" role="status">
        {source.name} does not answer ({stats.error.message}). Start it with <code>npm run serve</code>.
      </p>
    );
  }
  if (!stats.data) return null;
  const s = stats.data;
  const n = (value: number) => value.toLocaleString('en-US');
  return (
    <div className="local-status">
      <p role="status">
        Local store: {n(s.traces)} {s.traces === 1 ? 'trace' : 'traces'} held · {n(s.spans)} spans · {n(s.logs)} log records
        {s.evictedTraces > 0 && ` · ${n(s.evictedTraces)} oldest traces evicted${s.maxTraces ? ` (limit ${n(s.maxTraces)})` : ''}`}
        {s.rejectedSpans > 0 && ` · ${n(s.rejectedSpans)} spans rejected`}
        {s.throttled > 0 && ` · ${n(s.throttled)} requests throttled (429)`}
      </p>
      {s.traces === 0 && (
        <div className="local-empty">
          <p>The store is empty. Point an OpenTelemetry SDK or Collector at Tracery's OTLP/HTTP receiver:</p>
          <pre>
            {`OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318\nOTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf\nOTEL_SERVICE_NAME=my-service`}
          </pre>
          <p>It also listens on this page's own origin ({window.location.origin}/v1/traces). The README's "Send your own traces" has the details.</p>
        </div>
      )}
    </div>
  );
}
