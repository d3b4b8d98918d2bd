import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef } from 'react';
import { filterTraceLogRows, subtreeMask, type LogRecord, type Trace, type TraceLogRow } from '../../../core';
import { DEFAULT_LOG_FILTERS, LOG_SEVERITIES, type LogFilters, type LogSeverityFilter, type LogSpanScope } from '../../../state/trace-url';
import { LogRecordView } from './LogRecordView';
import { LogSourceStatus } from './LogSourceStatus';
import type { TraceLogsState } from './use-trace-logs';
import styles from './Logs.module.css';

interface Props {
  readonly state: TraceLogsState;
  readonly trace: Trace;
  readonly subtreeEnd: Int32Array;
  readonly filters: LogFilters;
  readonly selectedIndex: number;
  readonly onFilters: (filters: LogFilters) => void;
  readonly onSelectSpan: (spanIndex: number) => void;
}

/** A collapsed record's height; expanded ones are measured. */
const RECORD_PX = 30;

/** The Logs tab: every record of the trace in time order, filtered by severity, service, text and span. */
export function LogsView({ state, trace, subtreeEnd, filters, selectedIndex, onFilters, onSelectSpan }: Props) {
  if (state.status !== 'ready') {
    return (
      <section className={styles.view} aria-label="Logs">
        <LogSourceStatus state={state} />
      </section>
    );
  }
  return <LogList logs={state.logs} rows={state.rows} warnings={state.warnings} trace={trace} subtreeEnd={subtreeEnd} filters={filters} selectedIndex={selectedIndex} onFilters={onFilters} onSelectSpan={onSelectSpan} />;
}

interface ListProps extends Omit<Props, 'state'> {
  readonly logs: readonly LogRecord[];
  readonly rows: readonly TraceLogRow[];
  readonly warnings: readonly string[];
}

export function LogList({ logs, rows, warnings, trace, subtreeEnd, filters, selectedIndex, onFilters, onSelectSpan }: ListProps) {
  const ids = useId();
  const services = useMemo(() => [...new Set(rows.map((r) => r.service))].sort(), [rows]);
  const scope = selectedIndex >= 0 ? filters.spanScope : undefined;
  const shown = useMemo(() => {
    const spans = scope === undefined ? undefined : subtreeMask(trace.spans.length, selectedIndex, scope === 'tree' ? subtreeEnd : undefined);
    return filterTraceLogRows(rows, logs, {
      ...(filters.minSeverity !== undefined ? { minSeverity: filters.minSeverity } : {}),
      ...(filters.service !== undefined ? { service: filters.service } : {}),
      text: filters.text,
      ...(spans ? { spans } : {}),
    });
  }, [rows, logs, filters.minSeverity, filters.service, filters.text, scope, selectedIndex, subtreeEnd, trace]);
  const set = (patch: Partial<LogFilters>) => onFilters({ ...filters, ...patch });
  const filtered = filters.minSeverity !== undefined || filters.service !== undefined || filters.text !== '' || scope !== undefined;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => RECORD_PX,
    overscan: 10,
    initialRect: { width: 1000, height: 600 },
  });

  return (
    <section className={styles.view} aria-label="Logs">
      <div className={styles.filters} role="group" aria-label="Log filters">
        <label htmlFor={`${ids}-sev`}>Severity</label>
        <select id={`${ids}-sev`} value={filters.minSeverity ?? ''} onChange={(e) => set({ minSeverity: e.target.value === '' ? undefined : (e.target.value as LogSeverityFilter) })}>
          <option value="">all</option>
          {LOG_SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s} and above
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-svc`}>Service</label>
        <select id={`${ids}-svc`} value={filters.service ?? ''} onChange={(e) => set({ service: e.target.value === '' ? undefined : e.target.value })}>
          <option value="">all</option>
          {filters.service !== undefined && !services.includes(filters.service) && <option value={filters.service}>{filters.service}</option>}
          {services.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <input type="search" aria-label="Filter logs by text" placeholder="Text in body or attributes" value={filters.text} onChange={(e) => set({ text: e.target.value })} className={styles.text} />
        <label htmlFor={`${ids}-span`}>Spans</label>
        <select
          id={`${ids}-span`}
          value={filters.spanScope ?? ''}
          disabled={selectedIndex < 0}
          title={selectedIndex < 0 ? 'Select a span to show only its logs' : undefined}
          onChange={(e) => set({ spanScope: e.target.value === '' ? undefined : (e.target.value as LogSpanScope) })}
        >
          <option value="">all spans</option>
          <option value="span">only the selected span</option>
          <option value="tree">the selected span and its descendants</option>
        </select>
        {filtered && (
          <button type="button" onClick={() => onFilters(DEFAULT_LOG_FILTERS)}>
            Clear filters
          </button>
        )}
        <span className={styles.count} data-testid="log-count" role="status">
          {shown.length === rows.length ? `${rows.length} records` : `${shown.length} of ${rows.length} records`}
        </span>
      </div>
      {warnings.length > 0 && (
        <div className="banner banner-warning" role="status">
          {warnings.slice(0, 5).map((w, k) => (
            <p key={k}>{w}</p>
          ))}
        </div>
      )}
      {rows.length === 0 ? (
        <p className={styles.empty}>The log source has no records for this trace.</p>
      ) : shown.length === 0 ? (
        <p className={styles.empty}>No records match these filters.</p>
      ) : (
        <div ref={scrollRef} className={styles.scroller} role="list" aria-label="Log records">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = shown[item.index] as TraceLogRow;
              return (
                <div key={row.logIndex} ref={virtualizer.measureElement} data-index={item.index} className={styles.slot} style={{ transform: `translateY(${item.start}px)` }}>
                  <LogRecordView row={row} log={logs[row.logIndex] as LogRecord} span={row.spanIndex >= 0 ? trace.spans[row.spanIndex] : undefined} onSelectSpan={onSelectSpan} />
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
