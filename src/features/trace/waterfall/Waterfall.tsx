import { useEffect, useId, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { SkewAdjustment, Span } from '../../../core';
import { ResizeHandle } from '../../../ui/ResizeHandle';
import { useElementWidth } from '../../../ui/use-element-width';
import type { TraceAnalyses } from '../trace-model';
import { GridLines, TimeRuler } from './TimeRuler';
import { WaterfallRow, type MatchState } from './WaterfallRow';
import type { LogMarker } from '../logs/use-trace-logs';

const NO_LOGS: readonly LogMarker[] = [];
import { ROW_PX, rowPosition, type WindowNs } from './geometry';
import styles from './Waterfall.module.css';

/** Rows drawn beyond the viewport each way: enough that a fast wheel flick shows no blank rows. */
const OVERSCAN_ROWS = 12;

export interface ScrollRequest {
  readonly spanIndex: number;
  readonly align: 'auto' | 'center';
}

export interface WaterfallProps {
  /** the treegrid's id, for skip links and focus */
  readonly gridId?: string;
  readonly analyses: TraceAnalyses;
  /** visible span indexes, in tree order */
  readonly rows: Int32Array;
  readonly collapsed: ReadonlySet<string>;
  /** -1 when nothing is selected */
  readonly selectedIndex: number;
  /** set while a find is active: 1 for matches, others are dimmed */
  readonly matchMask: Uint8Array | undefined;
  /** per span (indexed like trace.spans): its log records' ticks; undefined while there are none to draw */
  readonly logMarkers?: ReadonlyMap<number, readonly LogMarker[]> | undefined;
  readonly window: WindowNs;
  readonly skew: ReadonlyMap<string, SkewAdjustment> | undefined;
  /** a new object each time the view should bring a span into view */
  readonly scrollRequest: ScrollRequest | undefined;
  readonly nameColumnPx: number;
  readonly onNameColumnResize: (px: number) => void;
  readonly onSelect: (spanIndex: number) => void;
  readonly onRowClick: (spanIndex: number) => void;
  readonly onToggle: (spanIndex: number, expand?: boolean) => void;
  readonly onOpenDetails: () => void;
  readonly onZoom: (from: number, to: number) => void;
}

/**
 * The waterfall as a WAI-ARIA treegrid: DOM rows, virtualised, so 100,000 spans cost
 * the ~40 rows on screen. Focus stays on the grid and aria-activedescendant names the
 * selected row (roving focus would lose itself when a virtualised row unmounts).
 */
export function Waterfall(props: WaterfallProps) {
  const { analyses, rows, collapsed, selectedIndex, matchMask, window, skew, scrollRequest, nameColumnPx } = props;
  const { trace, subtreeEnd, parent } = analyses;
  const idPrefix = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyWidth = useElementWidth(scrollRef);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: OVERSCAN_ROWS,
    // jsdom has no layout: assume a viewport so unit tests see rows
    initialRect: { width: 1000, height: 600 },
  });

  // Bring the requested span into view once it is a visible row (its ancestors may
  // be expanding in the same render).
  const handled = useRef<ScrollRequest | undefined>(undefined);
  useEffect(() => {
    if (!scrollRequest || handled.current === scrollRequest) return;
    const position = rowPosition(rows, scrollRequest.spanIndex);
    if (position < 0) return;
    handled.current = scrollRequest;
    virtualizer.scrollToIndex(position, { align: scrollRequest.align });
  }, [scrollRequest, rows, virtualizer]);

  const domId = (spanIndex: number) => `${idPrefix}-row-${spanIndex}`;
  const selectedPosition = selectedIndex >= 0 ? rowPosition(rows, selectedIndex) : -1;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const last = rows.length - 1;
    if (last < 0) return;
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_PX) - 1);
    const moveTo = (position: number) => props.onSelect(rows[Math.max(0, Math.min(last, position))] as number);
    const current = selectedPosition;
    const span = selectedIndex >= 0 ? trace.spans[selectedIndex] : undefined;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(current < 0 ? 0 : current + 1);
        break;
      case 'ArrowUp':
        moveTo(current < 0 ? 0 : current - 1);
        break;
      case 'PageDown':
        moveTo(current + pageRows);
        break;
      case 'PageUp':
        moveTo(current - pageRows);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(last);
        break;
      case 'ArrowRight':
        if (!span || span.children.length === 0) break;
        if (collapsed.has(span.spanId)) props.onToggle(selectedIndex, true);
        else if (current >= 0 && parent[rows[current + 1] ?? -1] === selectedIndex) moveTo(current + 1);
        break;
      case 'ArrowLeft': {
        if (!span) break;
        if (span.children.length > 0 && !collapsed.has(span.spanId)) props.onToggle(selectedIndex, false);
        else if ((parent[selectedIndex] ?? -1) >= 0) props.onSelect(parent[selectedIndex] as number);
        break;
      }
      case 'Enter':
        if (selectedIndex >= 0) props.onOpenDetails();
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const items = virtualizer.getVirtualItems();
  const findActive = matchMask !== undefined;
  return (
    <section className={styles.waterfall} aria-label="Spans" style={{ '--name-col': `${nameColumnPx}px` } as CSSProperties}>
      <div className={styles.header}>
        <div className={styles.headerName}>
          <span>Service &amp; operation</span>
          <span className={styles.rowCount} data-testid="row-count">
            {rows.length === trace.spans.length ? `${rows.length} spans` : `${rows.length} of ${trace.spans.length} spans shown`}
          </span>
        </div>
        <ResizeHandle label="Resize the span name column" valuePx={nameColumnPx} minPx={180} maxPx={900} direction={1} onResize={props.onNameColumnResize} />
        <TimeRuler window={window} onZoom={props.onZoom} />
      </div>
      <div
        ref={scrollRef}
        id={props.gridId}
        className={styles.scroller}
        role="treegrid"
        aria-label="Span tree and timeline"
        aria-rowcount={rows.length}
        aria-multiselectable={false}
        aria-activedescendant={selectedPosition >= 0 ? domId(selectedIndex) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div className={styles.canvas} style={{ height: virtualizer.getTotalSize() }}>
          <div className={styles.gridLines} aria-hidden="true">
            <GridLines window={window} width={Math.max(0, bodyWidth - nameColumnPx)} />
          </div>
          {items.map((item) => {
            const spanIndex = rows[item.index] as number;
            const span = trace.spans[spanIndex] as Span;
            const hasChildren = span.children.length > 0;
            const isCollapsed = collapsed.has(span.spanId);
            const match: MatchState = findActive ? (matchMask[spanIndex] === 1 ? 'match' : 'other') : undefined;
            return (
              <WaterfallRow
                key={span.spanId}
                span={span}
                spanIndex={spanIndex}
                position={item.index}
                domId={domId(spanIndex)}
                top={item.start}
                expanded={hasChildren ? !isCollapsed : undefined}
                hiddenCount={isCollapsed ? (subtreeEnd[spanIndex] as number) - spanIndex - 1 : 0}
                selected={spanIndex === selectedIndex}
                match={match}
                window={window}
                segments={analyses.segmentsOf(spanIndex)}
                skew={skew?.get(span.spanId)}
                logs={props.logMarkers?.get(spanIndex) ?? NO_LOGS}
                onRowClick={props.onRowClick}
                onToggle={props.onToggle}
              />
            );
          })}
        </div>
        {rows.length === 0 && <p className={styles.empty}>No spans match these filters.</p>}
      </div>
    </section>
  );
}
