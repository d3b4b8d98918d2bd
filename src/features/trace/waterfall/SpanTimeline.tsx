import { memo } from 'react';
import { formatDurationNs, type CriticalPathSegment, type Span } from '../../../core';
import { serviceColor } from '../../../ui/service-color';
import type { LogMarker } from '../logs/use-trace-logs';
import { labelPlacement, percentAt, type WindowNs } from './geometry';
import styles from './Waterfall.module.css';
import { labelText } from '../../../ui/label-text';

/** Markers beyond this many per span add nothing a person can see in 1 row, and cost DOM. */
const MAX_EVENT_MARKERS = 64;

interface Props {
  readonly span: Span;
  readonly window: WindowNs;
  readonly segments: readonly CriticalPathSegment[];
  readonly logs?: readonly LogMarker[];
}

/** Log ticks per span bar: more in one 24 px row are a smear; the Logs tab has them all. */
const MAX_LOG_MARKERS = 64;

/** The right-hand cell: the span's bar on the shared time scale, its critical-path segments, event ticks and duration. */
export const SpanTimeline = memo(function SpanTimeline({ span, window, segments, logs = [] }: Props) {
  const startPct = percentAt(window, span.startNs);
  const endPct = percentAt(window, span.endNs);
  const isError = span.status.code === 'error';
  const label = labelPlacement(startPct, endPct);
  const labelStyle = label.side === 'before' ? { right: `${label.rightPct}%` } : { left: `${label.leftPct}%` };
  return (
    <>
      <span
        className={`${styles.bar}${isError ? ` ${styles.barError}` : ''}`}
        style={{ left: `${startPct}%`, width: `${Math.max(endPct - startPct, 0)}%`, background: serviceColor(span.service) }}
        aria-hidden="true"
      />
      {segments.map((segment) => {
        const from = percentAt(window, segment.startNs);
        return (
          <span
            key={segment.startNs}
            className={styles.critical}
            style={{ left: `${from}%`, width: `${percentAt(window, segment.endNs) - from}%` }}
            title={`On the critical path for ${formatDurationNs(segment.endNs - segment.startNs)}`}
            data-critical=""
          />
        );
      })}
      {span.events.slice(0, MAX_EVENT_MARKERS).map((event, k) => (
        <span
          key={k}
          className={`${styles.eventTick}${event.name === 'exception' ? ` ${styles.eventError}` : ''}`}
          style={{ left: `${percentAt(window, event.timeNs)}%` }}
          title={`${labelText(event.name)} at +${formatDurationNs(event.timeNs - span.startNs)}`}
        />
      ))}
      {logMarkersOf(logs).map((log, k) => (
        <span
          key={`log${k}`}
          className={`${styles.logTick}${log.error ? ` ${styles.logError}` : ''}`}
          style={{ left: `${percentAt(window, log.offsetNs)}%` }}
          title={`${log.label} log at +${formatDurationNs(log.offsetNs - span.startNs)}`}
          data-testid="log-marker"
          data-error={log.error || undefined}
        />
      ))}
      <span className={`${styles.duration} ${label.side === 'inside' ? styles.durationInside : ''}`} style={labelStyle}>
        {formatDurationNs(span.endNs - span.startNs)}
      </span>
    </>
  );
});

/** At most MAX_LOG_MARKERS ticks, errors kept first: a red tick must never be the one dropped. */
function logMarkersOf(logs: readonly LogMarker[]): readonly LogMarker[] {
  if (logs.length <= MAX_LOG_MARKERS) return logs;
  const errors = logs.filter((l) => l.error);
  return [...errors, ...logs.filter((l) => !l.error)].slice(0, MAX_LOG_MARKERS);
}
