import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatDurationNs, spanCountsByService, type SkewAdjusted, type Trace } from '../../core';
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
  /** the clock-skew adjustment of the raw trace (its `trace` is the adjusted one) */
  readonly skew: SkewAdjusted;
  /** the trace's duration as the services reported it: what the search list shows */
  readonly rawDurationNs: number;
  /** buttons at the end of the title row (Copy link) */
  readonly actions?: ReactNode;
  /** the heading's id: the page moves focus to it when the trace opens */
  readonly titleId?: string;
}

/** Shown per group before "and N more": the list is for reading, not for 10,000 warnings. */
const MAX_LISTED = 200;

export function TraceHeader({ trace, maxDepth, errorCount, skew, rawDurationNs, actions, titleId }: Props) {
  const root = trace.roots[0];
  const timeZone = useTimeZone();
  const spansPerService = useMemo(() => spanCountsByService(trace), [trace]);
  // what the producer said about single spans (Jaeger's per-span warnings), each named by its span
  const spanWarnings = useMemo(() => {
    const out: string[] = [];
    for (const s of trace.spans) for (const w of s.warnings ?? []) out.push(`${labelText(s.service)}: ${labelText(s.name)} (${s.spanId}): ${w}`);
    return out;
  }, [trace]);
  return (
    <header className={`trace-header ${styles.header}`}>
      <div className={styles.titleRow}>
        <h1 id={titleId} tabIndex={-1}>
          {root ? (
            <>
              <span className="trace-root-service">{labelText(root.service)}</span>: <span className="trace-root-name">{labelText(root.name)}</span>
            </>
          ) : (
            'Trace'
          )}
        </h1>
        <WarningsBadge decoding={trace.warnings} skew={skew.clocks} spanWarnings={spanWarnings} />
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
          <dd>
            <Duration rawNs={rawDurationNs} adjustedNs={skew.trace.durationNs} />
          </dd>
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

/**
 * The trace's duration as reported, which the search list and the scatter plot show
 * too, and, when the clock-skew adjustment changes it, the adjusted one and by how much.
 */
function Duration({ rawNs, adjustedNs }: { rawNs: number; adjustedNs: number }) {
  const changeNs = adjustedNs - rawNs;
  return (
    <>
      <span data-testid="trace-duration">{formatDurationNs(rawNs)}</span>
      {changeNs !== 0 && (
        <span className={styles.adjusted} data-testid="trace-duration-adjusted" title="Adjusted times move the spans of clocks found out of step (see the warnings); “Raw” shows the times as reported">
          {' · adjusted for clock skew: '}
          {formatDurationNs(adjustedNs)} ({changeNs > 0 ? '+' : '−'}
          {formatDurationNs(Math.abs(changeNs))})
        </span>
      )}
    </>
  );
}

/**
 * "⚠ 3 warnings": opens the decoding problems and the clock-skew adjustments in a
 * non-modal popover that closes like any other: its × button, Esc, or a click
 * outside it. Esc returns focus to the badge; a click elsewhere leaves it where
 * the click put it.
 */
function WarningsBadge({ decoding, skew, spanWarnings }: { decoding: readonly string[]; skew: SkewAdjusted['clocks']; spanWarnings: readonly string[] }) {
  const [open, setOpen] = useState(false);
  const boxRef = useRef<HTMLDivElement>(null);
  const badgeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || !boxRef.current?.contains(event.target)) setOpen(false);
    };
    // capture, and marked handled: the page's own Esc (closing the span details) must not also fire
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setOpen(false);
      badgeRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKeyDown, true);
    };
  }, [open]);
  const count = decoding.length + skew.length + spanWarnings.length;
  if (count === 0) return null;
  return (
    <div className={styles.warnings} ref={boxRef}>
      <button ref={badgeRef} type="button" className={styles.badge} aria-expanded={open} aria-controls="trace-warnings" onClick={() => setOpen(!open)}>
        ⚠ {count} {count === 1 ? 'warning' : 'warnings'}
      </button>
      {open && (
        <div id="trace-warnings" className={styles.popover} role="region" aria-label="Trace warnings">
          <button
            type="button"
            className={styles.popoverClose}
            aria-label="Close warnings"
            title="Close (Esc)"
            onClick={() => {
              setOpen(false);
              badgeRef.current?.focus();
            }}
          >
            ×
          </button>
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
          {spanWarnings.length > 0 && (
            <>
              <h2>Span warnings ({spanWarnings.length})</h2>
              <ul>
                {spanWarnings.slice(0, MAX_LISTED).map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
                {spanWarnings.length > MAX_LISTED && <li>… and {spanWarnings.length - MAX_LISTED} more</li>}
              </ul>
            </>
          )}
          {skew.length > 0 && (
            <>
              <h2>
                Clock skew adjusted ({skew.length} {skew.length === 1 ? 'clock' : 'clocks'})
              </h2>
              <ul>
                {skew.slice(0, MAX_LISTED).map((c) => (
                  <li key={c.clock}>
                    {c.reason}
                    {c.services.length > 1 && ` (services on this clock: ${c.services.map((s) => labelText(s)).join(', ')})`}
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
