import { useMemo, useState, type ReactNode } from 'react';
import { formatDurationNs, spanCountsByService, type SkewAdjustment, type Trace } from '../../core';
import { CopyButton } from '../../ui/CopyButton';
import { DownloadButtons } from './DownloadButtons';
import { formatUnixNano } from '../../ui/format-time';
import { ServiceChip } from '../../ui/ServiceChip';
import { useTimeZone } from '../../ui/time-zone';
import styles from './TraceHeader.module.css';
import { labelText } from '../../ui/label-text';

interface Props {
  readonly trace: Trace;
  readonly maxDepth: number;
  readonly errorCount: number;
  readonly skewAdjustments: readonly SkewAdjustment[];
  /** buttons at the end of the title row (Copy link) */
  readonly actions?: ReactNode;
}

/** Shown per group before "and N more": the list is for reading, not for 10,000 warnings. */
const MAX_LISTED = 200;

export function TraceHeader({ trace, maxDepth, errorCount, skewAdjustments, actions }: Props) {
  const root = trace.roots[0];
  const timeZone = useTimeZone();
  const spansPerService = useMemo(() => spanCountsByService(trace), [trace]);
  return (
    <header className={`trace-header ${styles.header}`}>
      <div className={styles.titleRow}>
        <h1>
          {root ? (
            <>
              <span className="trace-root-service">{labelText(root.service)}</span>: <span className="trace-root-name">{labelText(root.name)}</span>
            </>
          ) : (
            'Trace'
          )}
        </h1>
        <WarningsBadge decoding={trace.warnings} skew={skewAdjustments} />
        <div className={styles.actions}>
          <DownloadButtons trace={trace} />
          {actions}
        </div>
      </div>
      <dl className={`trace-facts ${styles.facts}`}>
        <div>
          <dt>Trace ID</dt>
          <dd className={styles.traceId}>
            <span className="mono">{trace.traceId}</span>
            <CopyButton text={trace.traceId} label="Copy trace ID" className={styles.copy} />
          </dd>
        </div>
        <div>
          <dt>Start</dt>
          <dd>{formatUnixNano(trace.startUnixNano, timeZone)}</dd>
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
          <dt>Depth</dt>
          <dd data-testid="trace-depth">{trace.spans.length > 0 ? maxDepth + 1 : 0}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd className={errorCount > 0 ? 'error-count' : undefined} data-testid="trace-error-count">
            {errorCount}
          </dd>
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
    </header>
  );
}

/** "⚠ 3 warnings": opens the decoding problems and the clock-skew adjustments. */
function WarningsBadge({ decoding, skew }: { decoding: readonly string[]; skew: readonly SkewAdjustment[] }) {
  const [open, setOpen] = useState(false);
  const count = decoding.length + skew.length;
  if (count === 0) return null;
  return (
    <div className={styles.warnings}>
      <button type="button" className={styles.badge} aria-expanded={open} aria-controls="trace-warnings" onClick={() => setOpen(!open)}>
        ⚠ {count} {count === 1 ? 'warning' : 'warnings'}
      </button>
      {open && (
        <div id="trace-warnings" className={styles.popover} role="region" aria-label="Trace warnings">
          {decoding.length > 0 && (
            <>
              <h2>Problems in the trace data ({decoding.length})</h2>
              <ul>
                {decoding.slice(0, MAX_LISTED).map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
                {decoding.length > MAX_LISTED && <li>… and {decoding.length - MAX_LISTED} more</li>}
              </ul>
            </>
          )}
          {skew.length > 0 && (
            <>
              <h2>Clock skew adjusted ({skew.length})</h2>
              <ul>
                {skew.slice(0, MAX_LISTED).map((a) => (
                  <li key={a.spanId}>
                    <span className="mono">{a.spanId}</span>: {a.reason}
                  </li>
                ))}
                {skew.length > MAX_LISTED && <li>… and {skew.length - MAX_LISTED} more</li>}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
