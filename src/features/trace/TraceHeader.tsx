import { formatDurationNs, type Trace } from '../../core';
import { formatUnixNano } from '../../ui/format-time';
import { ServiceChip } from '../../ui/ServiceChip';

export function TraceHeader({ trace }: { trace: Trace }) {
  const root = trace.roots[0];
  const errorCount = trace.spans.reduce((n, s) => n + (s.status.code === 'error' ? 1 : 0), 0);
  const spansPerService = new Map<string, number>();
  for (const span of trace.spans) spansPerService.set(span.service, (spansPerService.get(span.service) ?? 0) + 1);
  return (
    <header className="trace-header">
      <h1>
        {root ? (
          <>
            <span className="trace-root-service">{root.service}</span>: <span className="trace-root-name">{root.name}</span>
          </>
        ) : (
          'Trace'
        )}
      </h1>
      <dl className="trace-facts">
        <div>
          <dt>Trace ID</dt>
          <dd className="mono">{trace.traceId}</dd>
        </div>
        <div>
          <dt>Start</dt>
          <dd>{formatUnixNano(trace.startUnixNano)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd data-testid="trace-duration">{formatDurationNs(trace.durationNs)}</dd>
        </div>
        <div>
          <dt>Spans</dt>
          <dd data-testid="trace-span-count">{trace.spans.length}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd className={errorCount > 0 ? 'error-count' : undefined}>{errorCount}</dd>
        </div>
        <div>
          <dt>Services</dt>
          <dd className="services-cell">
            {trace.services.map((name) => (
              <ServiceChip key={name} name={name} count={spansPerService.get(name)} />
            ))}
          </dd>
        </div>
      </dl>
      {trace.warnings.length > 0 && (
        <details className="banner banner-warning">
          <summary>
            {trace.warnings.length} {trace.warnings.length === 1 ? 'problem' : 'problems'} in this trace's data
          </summary>
          <ul>
            {trace.warnings.slice(0, 200).map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </header>
  );
}
