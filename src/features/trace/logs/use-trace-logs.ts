import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { appendToList, isErrorSeverity, linkLogsToSpans, traceLogRows, type LogRecord, type Trace, type TraceLogRow } from '../../../core';
import { useDataSource } from '../../../state/data-source-context';
import type { DataSource } from '../../../state/data-sources';
import { queries } from '../../../state/queries';

/** A log's tick on a span bar: where, and whether it is drawn as an error. */
export interface LogMarker {
  readonly offsetNs: number;
  readonly error: boolean;
  readonly label: string;
}

export type TraceLogsState =
  | { readonly status: 'unconfigured'; readonly source: DataSource | undefined }
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string; readonly retry: () => void }
  | {
      readonly status: 'ready';
      readonly logs: readonly LogRecord[];
      readonly warnings: readonly string[];
      /** every record of the trace, oldest first */
      readonly rows: readonly TraceLogRow[];
      /** span index → that span's rows, oldest first (spans with records only) */
      readonly rowsBySpan: ReadonlyMap<number, readonly TraceLogRow[]>;
      /** span index → the span's markers (a stable array per span, for memoised rows; spans with records only) */
      readonly markersBySpan: ReadonlyMap<number, readonly LogMarker[]>;
    };

/**
 * The trace's log records from the data source's log server, linked to the spans of
 * `trace` (the trace as shown: skew adjustment may reorder siblings, so indexes are
 * the shown trace's). The query is keyed by the raw trace's time range, so switching
 * raw/adjusted asks nothing again.
 */
export function useTraceLogs(trace: Trace, rawTrace: Trace = trace): TraceLogsState {
  const source = useDataSource();
  const window = useMemo(() => ({ startNs: rawTrace.startUnixNano, endNs: rawTrace.startUnixNano + BigInt(Math.ceil(rawTrace.durationNs)) }), [rawTrace]);
  const configured = source?.logs !== undefined;
  const query = useQuery({ ...queries.traceLogs(source ?? UNCONFIGURED, trace.traceId, window), enabled: configured });
  const data = query.data;
  const linked = useMemo(() => {
    if (!data) return undefined;
    const rows = traceLogRows(data.logs, trace, linkLogsToSpans(data.logs, trace));
    // keyed by span, not an array per span: this runs in the render that first shows a
    // trace, where 3 × 100,000 empty arrays cost ~60 ms for a trace with a few logs
    const rowsBySpan = new Map<number, TraceLogRow[]>();
    for (const row of rows) if (row.spanIndex >= 0) appendToList(rowsBySpan, row.spanIndex, row);
    const markersBySpan = new Map<number, readonly LogMarker[]>();
    for (const [spanIndex, list] of rowsBySpan) {
      markersBySpan.set(spanIndex, list.map((row) => ({ offsetNs: row.offsetNs, error: isErrorSeverity(row.severity), label: row.severity.label })));
    }
    return { rows, rowsBySpan, markersBySpan };
  }, [data, trace]);
  if (!configured) return { status: 'unconfigured', source };
  // a failed refresh keeps the records already shown; only a first failure replaces them
  if (query.isError && !data) return { status: 'error', message: query.error.message, retry: () => void query.refetch() };
  if (!data || !linked) return { status: 'loading' };
  return { status: 'ready', logs: data.logs, warnings: data.warnings, ...linked };
}

const UNCONFIGURED: DataSource = { id: '', name: '', kind: 'tempo', url: '/', demo: false };
