import type { LogRecord } from '../model/log-record';
import type { Trace } from '../model/trace';
import { attributeValueText } from '../trace/find-spans';
import type { LinkedLogs } from './link-logs';
import { logLineOf } from './log-line';
import { SEVERITY_LABELS, severityOf, type Severity, type SeverityLabel } from './severity';

/** One record of a trace's log list, with what the list shows and filters on computed once. */
export interface TraceLogRow {
  /** index into the records the log server returned */
  readonly logIndex: number;
  /** ns from the trace's start (negative before it) */
  readonly offsetNs: number;
  readonly severity: Severity;
  /** index into trace.spans; -1 when the record names no span of the trace */
  readonly spanIndex: number;
  readonly service: string;
}

/**
 * The trace's records oldest first (ties in the server's order), each with its
 * span. `linked` is linkLogsToSpans(logs, trace); records of other traces are left out.
 */
export function traceLogRows(logs: readonly LogRecord[], trace: Trace, linked: LinkedLogs): TraceLogRow[] {
  const spanOf = new Int32Array(logs.length).fill(-1);
  linked.bySpan.forEach((list, spanIndex) => list.forEach((logIndex) => (spanOf[logIndex] = spanIndex)));
  const rows: TraceLogRow[] = [];
  for (let i = 0; i < logs.length; i++) {
    const log = logs[i] as LogRecord;
    if (log.traceId !== undefined && log.traceId !== trace.traceId) continue;
    rows.push({ logIndex: i, offsetNs: Number(log.timeUnixNano - trace.startUnixNano), severity: severityOf(log), spanIndex: spanOf[i] as number, service: log.service });
  }
  rows.sort((a, b) => a.offsetNs - b.offsetNs || a.logIndex - b.logIndex);
  return rows;
}

export interface TraceLogFilter {
  /** this severity and above; records without a severity pass only when no minimum is set */
  readonly minSeverity?: SeverityLabel;
  readonly service?: string;
  /** case-insensitive substring of the body or of an attribute key or value */
  readonly text?: string;
  /** only records of these spans (a mask indexed like trace.spans) */
  readonly spans?: Uint8Array;
}

/** The rows that pass every filter, in their order. O(rows × attributes) when a text is given. */
export function filterTraceLogRows(rows: readonly TraceLogRow[], logs: readonly LogRecord[], filter: TraceLogFilter): TraceLogRow[] {
  const minRank = filter.minSeverity === undefined ? -1 : SEVERITY_LABELS.indexOf(filter.minSeverity);
  const text = filter.text?.trim().toLowerCase() ?? '';
  return rows.filter((row) => {
    if (minRank >= 0 && SEVERITY_LABELS.indexOf(row.severity.label) < minRank) return false;
    if (filter.service !== undefined && row.service !== filter.service) return false;
    if (filter.spans && (row.spanIndex < 0 || filter.spans[row.spanIndex] !== 1)) return false;
    if (text !== '') {
      const log = logs[row.logIndex] as LogRecord;
      if (!logLineOf(log.body).toLowerCase().includes(text) && !log.attributes.some((a) => a.key.toLowerCase().includes(text) || attributeValueText(a.value).toLowerCase().includes(text))) return false;
    }
    return true;
  });
}

/** The span and its descendants as a mask (tree order: a subtree is a contiguous run of indexes up to subtreeEnd). */
export function subtreeMask(spanCount: number, spanIndex: number, subtreeEnd: Int32Array | undefined): Uint8Array {
  const mask = new Uint8Array(spanCount);
  if (spanIndex < 0 || spanIndex >= spanCount) return mask;
  const end = subtreeEnd ? (subtreeEnd[spanIndex] as number) : spanIndex + 1;
  for (let i = spanIndex; i < end && i < spanCount; i++) mask[i] = 1;
  return mask;
}

/** Is this severity drawn as an error (ERROR or FATAL)? */
export function isErrorSeverity(severity: Severity): boolean {
  return severity.label === 'ERROR' || severity.label === 'FATAL';
}
