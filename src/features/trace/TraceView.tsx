import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { ancestorIds, collapseAll, collapseBelowDepth, collapseFasterThan, type Trace } from '../../core';
import { clampWindow } from '../../state/trace-url';
import { ResizeHandle } from '../../ui/ResizeHandle';
import { SpanDetails } from './details/SpanDetails';
import { FindBar } from './FindBar';
import { Minimap } from './Minimap';
import { ShortcutsDialog } from './ShortcutsDialog';
import { analysesOf, skewInfoOf, skewOf } from './trace-model';
import { useTraceLayout } from './trace-layout-store';
import { TraceHeader } from './TraceHeader';
import { TraceToolbar } from './TraceToolbar';
import { useTraceShortcuts } from './use-trace-shortcuts';
import { useTraceUrl } from './use-trace-url';
import { useWaterfallRows } from './use-waterfall-rows';
import { Waterfall, type ScrollRequest } from './waterfall/Waterfall';
import { rowPosition } from './waterfall/geometry';
import styles from './TraceView.module.css';
import toolbarStyles from './TraceToolbar.module.css';

const NOTHING_COLLAPSED: ReadonlySet<string> = new Set();

/** The trace page once the trace is loaded: header, overview, waterfall and details, wired to the URL. */
export function TraceView({ trace: rawTrace }: { trace: Trace }) {
  const { url, dropped, setUrl, params } = useTraceUrl();
  const skew = skewOf(rawTrace);
  const skewInfo = skewInfoOf(skew);
  const analyses = analysesOf(url.rawTimes ? rawTrace : skew.trace);
  const { trace, parent, subtreeEnd, indexById } = analyses;

  const selectedIndex = url.span !== undefined ? (indexById.get(url.span) ?? -1) : -1;
  const [detailsOpen, setDetailsOpen] = useState(url.span !== undefined);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(NOTHING_COLLAPSED);
  // a link that names a span opens with it centred
  const [scrollRequest, setScrollRequest] = useState<ScrollRequest | undefined>(() => (selectedIndex >= 0 ? { spanIndex: selectedIndex, align: 'center' } : undefined));
  const [helpOpen, setHelpOpen] = useState(false);
  const findRef = useRef<HTMLInputElement>(null);
  const gridFocus = () => document.querySelector<HTMLElement>('[role="treegrid"]')?.focus();

  // Find runs on a deferred copy of the text so typing never waits for 100k spans.
  const find = useDeferredValue(url.find);
  const { rows, matches, matchMask } = useWaterfallRows(analyses, { collapsed, find, matchesOnly: url.matchesOnly, criticalOnly: url.criticalOnly });

  const select = useCallback(
    (spanIndex: number, options: { open?: boolean; align?: ScrollRequest['align'] } = {}) => {
      const span = trace.spans[spanIndex];
      if (!span) return;
      setUrl({ span: span.spanId });
      // reveal: expand whatever hides it
      const ancestors = ancestorIds(trace, parent, spanIndex);
      setCollapsed((current) => (ancestors.some((id) => current.has(id)) ? new Set([...current].filter((id) => !ancestors.includes(id))) : current));
      setScrollRequest({ spanIndex, align: options.align ?? 'auto' });
      if (options.open) setDetailsOpen(true);
    },
    [trace, parent, setUrl],
  );
  const onRowClick = useCallback((spanIndex: number) => select(spanIndex, { open: true }), [select]);
  const onSelectFromDetails = useCallback((spanIndex: number) => select(spanIndex, { open: true, align: 'center' }), [select]);
  const onToggle = useCallback(
    (spanIndex: number, expand?: boolean) => {
      const id = trace.spans[spanIndex]?.spanId;
      if (id === undefined) return;
      setCollapsed((current) => {
        const isCollapsed = current.has(id);
        if (expand === !isCollapsed) return current;
        const next = new Set(current);
        if (isCollapsed) next.delete(id);
        else next.add(id);
        return next;
      });
    },
    [trace],
  );

  const stepMatch = (direction: 1 | -1) => {
    if (matches.length === 0) return;
    // the first match after (before) the selection, in tree order, wrapping around
    let k = direction === 1 ? matches.findIndex((i) => i > selectedIndex) : findLastIndex(matches, (i) => i < selectedIndex);
    if (k < 0) k = direction === 1 ? 0 : matches.length - 1;
    select(matches[k] as number, { align: 'center' });
  };
  const currentMatch = selectedIndex >= 0 ? rowPosition(matches, selectedIndex) + 1 : 0;

  useTraceShortcuts({
    onFind: () => findRef.current?.focus(),
    onHelp: () => setHelpOpen(true),
    onEscape: () => {
      if (helpOpen) setHelpOpen(false);
      else if (detailsOpen) {
        setDetailsOpen(false);
        gridFocus();
      }
    },
  });

  const duration = Math.max(trace.durationNs, 1);
  const zoom = url.window;
  const from = zoom?.from ?? 0;
  const to = zoom?.to ?? 1;
  // one object per window: every memoised row compares it by identity
  const windowNs = useMemo(() => ({ startNs: from * duration, endNs: to * duration }), [from, to, duration]);
  const onMinimapWindow = useCallback((from: number, to: number) => setUrl({ window: clampWindow(from, to) }), [setUrl]);
  const onRulerZoom = (from: number, to: number) => {
    const base = zoom ?? { from: 0, to: 1 };
    const width = base.to - base.from;
    setUrl({ window: clampWindow(base.from + from * width, base.from + to * width) });
  };
  const resetWindow = useCallback(() => setUrl({ window: undefined }), [setUrl]);

  const nameColumnPx = useTraceLayout((s) => s.nameColumnPx);
  const setNameColumnPx = useTraceLayout((s) => s.setNameColumnPx);
  const detailsWidthPx = useTraceLayout((s) => s.detailsWidthPx);
  const setDetailsWidthPx = useTraceLayout((s) => s.setDetailsWidthPx);
  const showDetails = detailsOpen && selectedIndex >= 0;
  return (
    <article className={`trace-page ${styles.page}`} aria-label={`Trace ${trace.traceId}`}>
      <TraceHeader trace={trace} maxDepth={analyses.maxDepth} errorCount={analyses.errorCount} skewAdjustments={skew.adjustments} />
      {url.span !== undefined && selectedIndex < 0 && (
        <p className="banner banner-warning" role="status">
          Span {url.span} from the link is not in this trace.
        </p>
      )}
      {dropped.length > 0 && (
        <p className="banner banner-warning" role="status">
          Ignored from the link: {dropped.join(', ')}.
        </p>
      )}
      <div className={toolbarStyles.bar}>
        <FindBar
          inputRef={findRef}
          text={url.find}
          matchCount={find === url.find ? matches.length : 0}
          current={currentMatch}
          matchesOnly={url.matchesOnly}
          onText={(text) => setUrl({ find: text })}
          onStep={stepMatch}
          onMatchesOnly={(on) => setUrl({ matchesOnly: on })}
        />
        <TraceToolbar
          maxDepth={analyses.maxDepth}
          criticalOnly={url.criticalOnly}
          rawTimes={url.rawTimes}
          skewedSpans={skew.adjustments.length}
          onExpandAll={() => setCollapsed(NOTHING_COLLAPSED)}
          onCollapseAll={() => setCollapsed(collapseAll(trace))}
          onCollapseToDepth={(levels) => setCollapsed(collapseBelowDepth(trace, levels))}
          onCollapseFasterThan={(ns) => setCollapsed(collapseFasterThan(trace, ns, subtreeEnd))}
          onCriticalOnly={(on) => setUrl({ criticalOnly: on })}
          onRawTimes={(raw) => setUrl({ rawTimes: raw })}
          onShowShortcuts={() => setHelpOpen(true)}
        />
      </div>
      <Minimap trace={trace} critical={analyses.critical.segments} window={zoom} onWindow={onMinimapWindow} onReset={resetWindow} />
      <div className={styles.body}>
        <Waterfall
          analyses={analyses}
          rows={rows}
          collapsed={collapsed}
          selectedIndex={selectedIndex}
          matchMask={matchMask}
          window={windowNs}
          skew={url.rawTimes ? undefined : skewInfo.own}
          scrollRequest={scrollRequest}
          nameColumnPx={nameColumnPx}
          onNameColumnResize={setNameColumnPx}
          onSelect={select}
          onRowClick={onRowClick}
          onToggle={onToggle}
          onOpenDetails={() => setDetailsOpen(true)}
          onZoom={onRulerZoom}
        />
        {showDetails && (
          <>
            <ResizeHandle label="Resize the span details" valuePx={detailsWidthPx} minPx={280} maxPx={1200} direction={-1} onResize={setDetailsWidthPx} />
            <div className={styles.details} style={{ width: detailsWidthPx }}>
              <SpanDetails
                key={selectedIndex}
                analyses={analyses}
                spanIndex={selectedIndex}
                skew={url.rawTimes ? undefined : skewInfo.own.get(url.span ?? '')}
                totalOffsetNs={url.rawTimes ? undefined : skewInfo.totalOffsetNs.get(url.span ?? '')}
                params={params}
                onSelectSpan={onSelectFromDetails}
                onClose={() => {
                  setDetailsOpen(false);
                  gridFocus();
                }}
              />
            </div>
          </>
        )}
      </div>
      {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
    </article>
  );
}

function findLastIndex(values: Int32Array, test: (value: number) => boolean): number {
  for (let k = values.length - 1; k >= 0; k--) if (test(values[k] as number)) return k;
  return -1;
}
