import { formatBytes } from '../../state/trace-import';
import { traceLoadKey, useTraceLoadProgress } from '../../state/trace-load-progress';
import { LoadingState } from '../../ui/StatusMessage';

/**
 * The trace page while its trace loads. The app shell shows the same while the trace
 * page's code is still on its way (App.tsx): the trace's request starts before that
 * code arrives, so its progress can show from the shell's first paint.
 */
export function TraceLoading({ sourceId, traceId }: { sourceId: string; traceId: string }) {
  return (
    <LoadingState>
      Loading trace {traceId}…
      <TraceLoadProgressView loadKey={traceLoadKey(sourceId, traceId)} />
    </LoadingState>
  );
}

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
        ? `Receiving ${formatBytes(bytes)}${total !== undefined ? ` of ${formatBytes(total)}` : ''}${spans > 0 ? `, ${spans.toLocaleString('en-US')} spans decoded so far` : ''}`
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
