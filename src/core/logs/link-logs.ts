import type { LogRecord } from '../model/log-record';
import { appendToList } from '../model/list-map';
import type { Trace } from '../model/trace';

export interface LinkedLogs {
  /**
   * span index (as in `trace.spans`) → indexes into `logs` of its records, oldest
   * first; only spans with records are keys (a 100,000-span trace with a dozen
   * logs holds a dozen lists, not 100,000 empty ones)
   */
  readonly bySpan: ReadonlyMap<number, readonly number[]>;
  /**
   * records of the trace that name no span of it (no span id, or a span the
   * trace lacks), and records of other traces; oldest first
   */
  readonly unlinked: readonly number[];
  /** how many records had this trace's id */
  readonly ofTrace: number;
}

/**
 * Log records → the spans they were written in, by trace and span id (the OTLP
 * correlation; reference backend-apis.md §1.4). Time is never used to guess a
 * span: a log without a span id is shown as the trace's, not pinned to whichever
 * span happened to be running.
 *
 * O(logs log logs) plus the trace's own id index, which is built at most once per
 * trace and only when a record names a span; per-span lists share one sort.
 */
export function linkLogsToSpans(logs: readonly LogRecord[], trace: Trace): LinkedLogs {
  const bySpan = new Map<number, number[]>();
  const unlinked: number[] = [];
  let ofTrace = 0;
  for (const i of byTime(logs)) {
    const log = logs[i] as LogRecord;
    if (log.traceId !== trace.traceId) {
      unlinked.push(i);
      continue;
    }
    ofTrace++;
    const spanIndex = log.spanId === undefined ? undefined : trace.indexById.get(log.spanId);
    if (spanIndex === undefined) unlinked.push(i);
    else appendToList(bySpan, spanIndex, i);
  }
  return { bySpan, unlinked, ofTrace };
}

/** ns from the trace's start to the record (negative before it): the x of a log marker on the waterfall. */
export function logOffsetNs(log: LogRecord, trace: Trace): number {
  return Number(log.timeUnixNano - trace.startUnixNano);
}

/** Indexes of `logs` by time, ties in input order. */
function byTime(logs: readonly LogRecord[]): number[] {
  const order = logs.map((_, i) => i);
  let sorted = true;
  for (let i = 1; i < logs.length && sorted; i++) if ((logs[i] as LogRecord).timeUnixNano < (logs[i - 1] as LogRecord).timeUnixNano) sorted = false;
  if (!sorted) {
    order.sort((a, b) => {
      const ta = (logs[a] as LogRecord).timeUnixNano;
      const tb = (logs[b] as LogRecord).timeUnixNano;
      return ta < tb ? -1 : ta > tb ? 1 : a - b;
    });
  }
  return order;
}
