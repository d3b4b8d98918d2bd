import type { LogRecord, Trace } from '../../../core';
import { LogRecordView } from './LogRecordView';
import { LogSourceStatus } from './LogSourceStatus';
import type { TraceLogsState } from './use-trace-logs';
import styles from './Logs.module.css';

/** A span's records in its details panel; past this many the Logs tab (virtualised) is the place to read them. */
const MAX_SHOWN = 100;

/** The "Logs" section of the span details: this span's records, oldest first. */
export function SpanLogs({ state, trace, spanIndex, onShowAll }: { state: TraceLogsState; trace: Trace; spanIndex: number; onShowAll: () => void }) {
  const rows = state.status === 'ready' ? (state.rowsBySpan.get(spanIndex) ?? []) : [];
  return (
    <section className={styles.spanLogs} aria-label="Logs">
      <h3>
        Logs {state.status === 'ready' && <span className={styles.muted}>{rows.length}</span>}
      </h3>
      {state.status !== 'ready' ? (
        <LogSourceStatus state={state} compact />
      ) : rows.length === 0 ? (
        <p className={styles.muted}>No log records name this span.</p>
      ) : (
        <div role="list" aria-label="Log records of this span">
          {rows.slice(0, MAX_SHOWN).map((row) => (
            <LogRecordView key={row.logIndex} row={row} log={state.logs[row.logIndex] as LogRecord} span={trace.spans[spanIndex]} showSpan={false} />
          ))}
        </div>
      )}
      {rows.length > 0 && (
        <button type="button" className={styles.spanButton} onClick={onShowAll}>
          {rows.length > MAX_SHOWN ? `Show all ${rows.length} in the Logs tab` : 'Open in the Logs tab'}
        </button>
      )}
    </section>
  );
}
