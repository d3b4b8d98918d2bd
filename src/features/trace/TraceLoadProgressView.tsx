import { formatBytes } from '../../state/trace-import';
import { useTraceLoadProgress } from '../../state/trace-load-progress';

/**
 * What a big trace load is doing: bytes received, then spans decoded, then the page
 * building its tree. Read from the progress store the trace query writes; nothing
 * shows for a load too quick to report.
 */
export function TraceLoadProgressView({ loadKey }: { loadKey: string }) {
  const progress = useTraceLoadProgress(loadKey);
  if (!progress) return null;
  const { phase, bytes, totalBytes, spans } = progress;
  // a compressed answer's Content-Length counts compressed bytes: never show more than 100 %
  const total = totalBytes !== undefined && totalBytes >= bytes ? totalBytes : undefined;
  const text =
    phase === 'requesting'
      ? 'Waiting for the server to answer'
      : phase === 'receiving'
        ? `Receiving ${formatBytes(bytes)}${total !== undefined ? ` of ${formatBytes(total)}` : ''}`
        : phase === 'decoding'
          ? `Decoding: ${spans.toLocaleString('en-US')} spans (${formatBytes(bytes)})`
          : `Building the tree of ${spans.toLocaleString('en-US')} spans`;
  return (
    <div className="load-progress" data-testid="trace-load-progress">
      <span>{text}</span>
      {phase === 'receiving' && total !== undefined && total > 0 && <progress max={total} value={bytes} aria-label="Trace received" />}
    </div>
  );
}
