import { memo, type CSSProperties } from 'react';
import { formatDurationNs, type CriticalPathSegment, type SkewAdjustment, type Span } from '../../../core';
import { serviceColor } from '../../../ui/service-color';
import { SpanTimeline } from './SpanTimeline';
import type { LogMarker } from '../logs/use-trace-logs';
import { indentPx, MAX_INDENT_LEVELS, ROW_PX, type WindowNs } from './geometry';
import styles from './Waterfall.module.css';
import { labelText } from '../../../ui/label-text';

export type MatchState = 'match' | 'other' | undefined;

export interface WaterfallRowProps {
  readonly span: Span;
  readonly spanIndex: number;
  /** 0-based position among the visible rows */
  readonly position: number;
  readonly domId: string;
  readonly top: number;
  /** undefined for a leaf */
  readonly expanded: boolean | undefined;
  /** descendants hidden while collapsed */
  readonly hiddenCount: number;
  readonly selected: boolean;
  readonly match: MatchState;
  readonly window: WindowNs;
  readonly segments: readonly CriticalPathSegment[];
  readonly skew: SkewAdjustment | undefined;
  /** the span's log records' ticks (a stable array per span) */
  readonly logs: readonly LogMarker[];
  readonly onRowClick: (spanIndex: number) => void;
  readonly onToggle: (spanIndex: number) => void;
}

/**
 * One treegrid row: the tree cell (indent guides, caret with the hidden count,
 * service, operation, badges) and the timeline cell. Memoised: scrolling re-renders
 * only rows whose props changed, and props are primitives or stable references.
 */
export const WaterfallRow = memo(function WaterfallRow(props: WaterfallRowProps) {
  const { span, spanIndex, position, domId, top, expanded, hiddenCount, selected, match, window, segments, skew, logs, onRowClick, onToggle } = props;
  const isError = span.status.code === 'error';
  const style = { transform: `translateY(${top}px)`, height: ROW_PX, '--indent': `${indentPx(span.depth)}px` } as CSSProperties;
  // past the indent cap every row starts at the same x: its level, as a number, says how deep it is
  const level = span.depth + 1;
  return (
    <div
      role="row"
      id={domId}
      className={styles.row}
      style={style}
      aria-level={span.depth + 1}
      aria-rowindex={position + 1}
      aria-expanded={expanded}
      aria-selected={selected}
      data-span-id={span.spanId}
      data-match={match}
      data-error={isError || undefined}
      onClick={() => onRowClick(spanIndex)}
    >
      <div role="gridcell" className={styles.treeCell}>
        <span className={styles.guides} aria-hidden="true" />
        {span.depth > MAX_INDENT_LEVELS && (
          <span className={styles.depth} title={`Level ${level.toLocaleString('en')} (indent stops at ${MAX_INDENT_LEVELS} levels)`} data-testid="row-depth">
            {level.toLocaleString('en')}
          </span>
        )}
        {expanded === undefined ? (
          <span className={styles.caretSpace} aria-hidden="true" />
        ) : (
          <button
            type="button"
            tabIndex={-1}
            className={styles.caret}
            aria-label={expanded ? `Collapse ${labelText(span.name)}` : `Expand ${labelText(span.name)} (${hiddenCount} hidden)`}
            onClick={(event) => {
              event.stopPropagation();
              onToggle(spanIndex);
            }}
          >
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
          </button>
        )}
        {expanded === false && (
          <span className={styles.hiddenCount} title={`${hiddenCount} spans hidden`} data-testid="hidden-count">
            +{hiddenCount}
          </span>
        )}
        <span className={styles.swatch} style={{ background: serviceColor(span.service) }} aria-hidden="true" />
        <span className={styles.service}>{labelText(span.service)}</span>
        <span className={styles.name} data-testid="span-name">
          {labelText(span.name)}
        </span>
        {isError && (
          <span className={styles.errorIcon} role="img" aria-label="error" title={span.status.message || 'error status'}>
            !
          </span>
        )}
        {skew && (
          <span className={styles.skewIcon} role="img" aria-label="clock skew adjusted" title={`Clock skew: shifted ${skew.offsetNs > 0 ? '+' : '−'}${formatDurationNs(Math.abs(skew.offsetNs))}. ${skew.reason}`}>
            <ClockIcon />
          </span>
        )}
        {span.orphan && (
          <span className={styles.orphan} title={`parent ${span.parentSpanId ?? ''} is not in this trace`}>
            orphan
          </span>
        )}
      </div>
      <div role="gridcell" className={styles.timelineCell}>
        <SpanTimeline span={span} window={window} segments={segments} logs={logs} />
      </div>
    </div>
  );
});

/** Inline SVG: the ⏱ glyph is missing from common Linux fonts. */
function ClockIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      <circle cx="6" cy="6" r="5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M6 3v3l2 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}
