import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { ancestorIds, collapseAll, collapseBelowDepth, collapseFasterThan, type ServiceNode, type Trace, type TraceStatsRow } from '../../core';
import { clampWindow, traceStateParams, type CollapseState, type LogFilters } from '../../state/trace-url';
import { copyText } from '../../ui/clipboard';
import { SkipLink } from '../../ui/SkipLink';
import { useDocumentTitle } from '../../ui/use-document-title';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { ResizeHandle } from '../../ui/ResizeHandle';
import { Tabs } from '../../ui/Tabs';
import { Toast, type ToastMessage } from '../../ui/Toast';
import { LogsView } from './logs/LogsView';
import { SpanLogs } from './logs/SpanLogs';
import { useTraceLogs } from './logs/use-trace-logs';
import { ServiceMapView } from './map/ServiceMapView';
import { StatsView } from './stats/StatsView';
import { FlameView } from './flame/FlameView';
import { collapsedFromUrl, collapseToUrl, findForService, serviceOfFind, shownView, VIEW_TABS } from './trace-views';
import { SpanDetails } from './details/SpanDetails';
import { FindBar } from './FindBar';
import { Minimap } from './Minimap';
import { readFlameUrl } from '../../state/flame-url';
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
import { IgnoredFromLink } from '../../ui/IgnoredFromLink';

const NOTHING_COLLAPSED: ReadonlySet<string> = new Set();
/** The waterfall's treegrid: where "Skip to waterfall" lands. */
const WATERFALL_GRID_ID = 'trace-waterfall';
/** The Waterfall tab (Tabs' `${idPrefix}-tab-${id}`). */
const WATERFALL_TAB_ID = 'trace-view-tab-waterfall';
/** The trace's heading (TraceHeader's h1): focus goes there when a trace opens. */
const TRACE_TITLE_ID = 'trace-title';

/** The trace page once the trace is loaded: header, overview, waterfall and details, wired to the URL. */
export function TraceView({ trace: rawTrace }: { trace: Trace }) {
  const { url, dropped, setUrl, params, entry } = useTraceUrl();
  const skew = skewOf(rawTrace);
  const skewInfo = skewInfoOf(skew);
  const analyses = analysesOf(url.rawTimes ? rawTrace : skew.trace);
  const { trace, parent, subtreeEnd, indexById } = analyses;

  const selectedIndex = url.span !== undefined ? (indexById.get(url.span) ?? -1) : -1;
  const view = shownView(url.view);
  const [detailsOpen, setDetailsOpen] = useState(url.span !== undefined);
  // collapse: a Set while the page lives, mirrored to the URL as a bounded encoding (depth + ≤ 20 ids);
  // a link naming a span inside a collapsed subtree opens with that span's ancestors expanded
  const [collapseDepth, setCollapseDepth] = useState<number | undefined>(url.collapse?.depth);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() =>
    url.collapse ? withoutAncestors(collapsedFromUrl(trace, url.collapse), ancestorIds(trace, parent, selectedIndex)) : NOTHING_COLLAPSED,
  );
  const collapseUrl: CollapseState | undefined = useMemo(() => collapseToUrl(trace, collapseDepth, collapsed), [trace, collapseDepth, collapsed]);
  useEffect(() => setUrl({ collapse: collapseUrl }), [collapseUrl, setUrl]);
  // spans a statistics row asked to see: highlighted like find matches until cleared
  const [highlight, setHighlight] = useState<{ label: string; mask: Uint8Array; count: number } | undefined>(undefined);
  const [toast, setToast] = useState<ToastMessage | undefined>(undefined);
  const clearToast = useCallback(() => setToast(undefined), []);
  const logs = useTraceLogs(trace, rawTrace);
  // a link that names a span opens with it centred
  const [scrollRequest, setScrollRequest] = useState<ScrollRequest | undefined>(() => (selectedIndex >= 0 ? { spanIndex: selectedIndex, align: 'center' } : undefined));
  const [helpOpen, setHelpOpen] = useState(false);
  const findRef = useRef<HTMLInputElement>(null);
  const gridFocus = () => document.getElementById(WATERFALL_GRID_ID)?.focus();
  useDocumentTitle(traceTitle(trace));
  // Opening a trace replaces the link that was clicked: focus would fall to the body,
  // where a screen reader starts over and Tab starts from the top. The heading says
  // where one is. (A control that still holds focus, like the Go to trace box, keeps it.)
  useEffect(() => {
    const active = document.activeElement;
    if (active === null || active === document.body) document.getElementById(TRACE_TITLE_ID)?.focus();
  }, []);

  // Find runs on a deferred copy of the text so typing never waits for 100k spans.
  const find = useDeferredValue(url.find);
  const { rows, matches, matchMask } = useWaterfallRows(analyses, { collapsed, find, matchesOnly: url.matchesOnly, criticalOnly: url.criticalOnly });

  // the span this page itself put in the URL: any other value came from outside (a
  // pasted traceparent, Back, a link to the same trace) and is revealed like a link's;
  // so is the same span named by a history entry the page did not write (pasted again
  // after the reader collapsed it away or closed its details)
  const ownSpan = useRef(url.span);
  const seenEntry = useRef(entry.key);
  const select = useCallback(
    (spanIndex: number, options: { open?: boolean; align?: ScrollRequest['align']; push?: boolean; toWaterfall?: boolean } = {}) => {
      const span = trace.spans[spanIndex];
      if (!span) return;
      ownSpan.current = span.spanId;
      setUrl({ span: span.spanId, ...(options.toWaterfall ? { view: 'waterfall' as const } : {}) }, { push: options.push === true });
      // reveal: expand whatever hides it
      const ancestors = ancestorIds(trace, parent, spanIndex);
      setCollapsed((current) => withoutAncestors(current, ancestors));
      setScrollRequest({ spanIndex, align: options.align ?? 'auto' });
      if (options.open) setDetailsOpen(true);
    },
    [trace, parent, setUrl],
  );
  useEffect(() => {
    const outsideEntry = entry.key !== seenEntry.current && !entry.pageWrite;
    seenEntry.current = entry.key;
    if (url.span === ownSpan.current && !outsideEntry) return;
    ownSpan.current = url.span;
    const spanIndex = url.span !== undefined ? (indexById.get(url.span) ?? -1) : -1;
    if (spanIndex >= 0) select(spanIndex, { open: true, align: 'center' });
  }, [url.span, entry, indexById, select]);
  const onRowClick = useCallback((spanIndex: number) => select(spanIndex, { open: true, push: true }), [select]);
  const onSelectFromDetails = useCallback((spanIndex: number) => select(spanIndex, { open: true, align: 'center', push: true }), [select]);
  const onSelectFromLogs = useCallback((spanIndex: number) => select(spanIndex, { open: true, align: 'center', push: true, toWaterfall: true }), [select]);
  const onLogFilters = useCallback((filters: LogFilters) => setUrl({ logs: filters }), [setUrl]);
  const onStatsRow = (row: TraceStatsRow) => {
    const mask = new Uint8Array(trace.spans.length);
    for (const i of row.spanIndexes) mask[i] = 1;
    setHighlight({ label: row.label, mask, count: row.spanIndexes.length });
    const first = row.spanIndexes[0];
    if (first !== undefined) setScrollRequest({ spanIndex: first, align: 'center' });
    setUrl({ view: 'waterfall' }, { push: true });
  };
  const onMapNode = (node: ServiceNode) => {
    setHighlight(undefined);
    setUrl({ find: findForService(node.service, node.virtual), view: 'waterfall' }, { push: true });
    // the map (and the node that had focus) leaves with the view: focus the find box that now names the
    // service once the waterfall has mounted (the navigation renders a frame or more later)
    let frames = 0;
    const focusFind = () => (findRef.current ? findRef.current.focus() : frames++ < 60 && requestAnimationFrame(focusFind));
    requestAnimationFrame(focusFind);
  };
  const copyLink = useCallback(
    (spanId?: string) => {
      const query = traceStateParams(params, spanId !== undefined ? { ...url, span: spanId } : url).toString();
      const link = `${window.location.origin}${window.location.pathname}${query ? `?${query}` : ''}`;
      void copyText(link).then((ok) =>
        setToast({ id: Date.now(), text: ok ? (spanId !== undefined ? 'Link to the span copied' : 'Link copied') : `Copy failed: ${link}`, ...(ok ? {} : { tone: 'error' as const }) }),
      );
    },
    [params, url],
  );
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
  // A new find (typed, or a service picked on the map) goes to its first match, as a
  // browser's find does: expanded, scrolled to and counted "1 of N". A link that names
  // both a find and a span keeps its span.
  const revealedFind = useRef(url.span !== undefined ? find : '');
  useEffect(() => {
    if (find === revealedFind.current) return;
    revealedFind.current = find;
    const first = matches[0];
    if (first === undefined) return;
    select(matchMask?.[selectedIndex] === 1 ? selectedIndex : first, { align: 'center' });
  }, [find, matches, matchMask, selectedIndex, select]);

  useTraceShortcuts({
    onCopyLink: () => copyLink(),
    onFind: () => {
      if (view !== 'waterfall') setUrl({ view: 'waterfall' }, { push: true });
      // the find box mounts with the waterfall view
      requestAnimationFrame(() => findRef.current?.focus());
    },
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
  // a variable, not a width: below a panel width the stylesheet stacks the details under the waterfall
  const detailsWidthStyle = { '--details-width': `${detailsWidthPx}px` } as CSSProperties;
  // one panel for the waterfall and the flame graph: switching view keeps the same details
  const spanDetails = showDetails && (
    <ViewBoundary area="the span details" resetKey={String(selectedIndex)}>
      <SpanDetails
        key={selectedIndex}
        analyses={analyses}
        spanIndex={selectedIndex}
        skew={url.rawTimes ? undefined : skewInfo.own.get(url.span ?? '')}
        totalOffsetNs={url.rawTimes ? undefined : skewInfo.totalOffsetNs.get(url.span ?? '')}
        params={params}
        logs={<SpanLogs state={logs} trace={trace} spanIndex={selectedIndex} onShowAll={() => setUrl({ view: 'logs', logs: { ...url.logs, spanScope: 'span' } }, { push: true })} />}
        onCopyLink={() => copyLink(url.span)}
        onSelectSpan={onSelectFromDetails}
        onClose={() => {
          setDetailsOpen(false);
          gridFocus();
        }}
      />
    </ViewBoundary>
  );
  return (
    <article className={`trace-page ${styles.page}`} aria-label={`Trace ${trace.traceId}`}>
      <SkipLink
        // the grid exists only in the waterfall view; elsewhere the link names the Waterfall tab, which it switches to
        targetId={view === 'waterfall' ? WATERFALL_GRID_ID : WATERFALL_TAB_ID}
        onActivate={() => {
          if (view !== 'waterfall') setUrl({ view: 'waterfall' }, { push: true });
          // the grid mounts with the waterfall view
          requestAnimationFrame(gridFocus);
        }}
      >
        Skip to waterfall
      </SkipLink>
      <TraceHeader
        titleId={TRACE_TITLE_ID}
        trace={trace}
        maxDepth={analyses.maxDepth}
        errorCount={analyses.errorCount}
        skew={skew}
        rawDurationNs={rawTrace.durationNs}
        actions={
          <button type="button" className={styles.copyLink} onClick={() => copyLink()} title="Copy a link to exactly this view (c)" aria-keyshortcuts="c">
            Copy link
          </button>
        }
      />
      {url.span !== undefined && selectedIndex < 0 && (
        <p className="banner banner-warning" role="status">
          Span {url.span} from the link is not in this trace.
        </p>
      )}
      <IgnoredFromLink dropped={dropped} />
      <Tabs label="Trace views" tabs={VIEW_TABS} selected={view} idPrefix="trace-view" onSelect={(id) => setUrl({ view: id }, { push: true })} />
      <div id="trace-view-panel" role="tabpanel" aria-labelledby={`trace-view-tab-${view}`} className={styles.panel}>
        {view === 'logs' && (
          <ViewBoundary area="the logs view">
            <LogsView state={logs} trace={trace} subtreeEnd={subtreeEnd} filters={url.logs} selectedIndex={selectedIndex} onFilters={onLogFilters} onSelectSpan={onSelectFromLogs} />
          </ViewBoundary>
        )}
        {view === 'flame' && (
          <ViewBoundary area="the flame graph">
            {readFlameUrl(params).state.mode === 'time' && (
              // the overview strip: where the flame chart's zoomed window sits in the whole trace (shared `window`)
              <Minimap trace={trace} critical={analyses.critical.segments} window={zoom} onWindow={onMinimapWindow} onReset={resetWindow} />
            )}
            <FlameView
              analyses={analyses}
              url={url}
              selectedIndex={selectedIndex}
              onSelect={onSelectFromDetails}
              details={
                showDetails && (
                  <div className={styles.details} style={detailsWidthStyle}>
                    {spanDetails}
                  </div>
                )
              }
            />
          </ViewBoundary>
        )}
        {view === 'stats' && (
          <ViewBoundary area="the statistics">
            <StatsView trace={trace} group={url.group} sort={url.sort} onGroup={(group) => setUrl({ group })} onSort={(sort) => setUrl({ sort })} onRow={onStatsRow} />
          </ViewBoundary>
        )}
        {view === 'map' && (
          <ViewBoundary area="the service map">
            <ServiceMapView trace={trace} activeService={serviceOfFind(url.find)} onNode={onMapNode} />
          </ViewBoundary>
        )}
        {view === 'waterfall' && (
          <>
            {highlight && (
              <p className="banner banner-warning" role="status" data-testid="highlight-banner">
                Highlighting the {highlight.count} spans of “{highlight.label}” from the statistics.{' '}
                <button type="button" onClick={() => setHighlight(undefined)}>
                  Clear
                </button>
              </p>
            )}
            <div className={toolbarStyles.bar}>
              <FindBar
                inputRef={findRef}
                text={url.find}
                matchCount={find === url.find ? matches.length : 0}
                current={currentMatch}
                matchesOnly={url.matchesOnly}
                onText={(text) => {
                  setHighlight(undefined);
                  setUrl({ find: text });
                }}
                onStep={stepMatch}
                onMatchesOnly={(on) => setUrl({ matchesOnly: on })}
              />
              <TraceToolbar
                maxDepth={analyses.maxDepth}
                criticalOnly={url.criticalOnly}
                rawTimes={url.rawTimes}
                skewedSpans={skew.adjustments.length}
                onExpandAll={() => {
                  setCollapseDepth(undefined);
                  setCollapsed(NOTHING_COLLAPSED);
                }}
                onCollapseAll={() => {
                  setCollapseDepth(0);
                  setCollapsed(collapseAll(trace));
                }}
                onCollapseToDepth={(levels) => {
                  setCollapseDepth(levels);
                  setCollapsed(collapseBelowDepth(trace, levels));
                }}
                onCollapseFasterThan={(ns) => {
                  setCollapseDepth(undefined);
                  setCollapsed(collapseFasterThan(trace, ns, subtreeEnd));
                }}
                onCriticalOnly={(on) => setUrl({ criticalOnly: on })}
                onRawTimes={(raw) => setUrl({ rawTimes: raw })}
                onShowShortcuts={() => setHelpOpen(true)}
              />
            </div>
            <ViewBoundary area="the trace overview">
              <Minimap trace={trace} critical={analyses.critical.segments} window={zoom} onWindow={onMinimapWindow} onReset={resetWindow} />
            </ViewBoundary>
            <div className={styles.body}>
              <ViewBoundary area="the waterfall">
                <Waterfall
                  gridId={WATERFALL_GRID_ID}
                  analyses={analyses}
                  rows={rows}
                  collapsed={collapsed}
                  selectedIndex={selectedIndex}
                  matchMask={highlight?.mask ?? matchMask}
                  logMarkers={logs.status === 'ready' ? logs.markersBySpan : undefined}
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
              </ViewBoundary>
              {showDetails && (
                <>
                  <ResizeHandle label="Resize the span details" valuePx={detailsWidthPx} minPx={280} maxPx={1200} direction={-1} onResize={setDetailsWidthPx} />
                  <div className={styles.details} style={detailsWidthStyle}>
                    {spanDetails}
                  </div>
                </>
              )}
            </div>
          </>
        )}
      </div>
      {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
      <Toast message={toast} onDone={clearToast} />
    </article>
  );
}

/**
 * One view's error boundary: a bug in it says "This view failed" with a report,
 * while the header, the tabs and the other views keep working. Switching tabs
 * unmounts it, so coming back tries the view afresh.
 */
function ViewBoundary({ area, resetKey, children }: { area: string; resetKey?: string; children: React.ReactNode }) {
  return (
    <ErrorBoundary area={area} title="This view failed" resetKey={resetKey}>
      {children}
    </ErrorBoundary>
  );
}

function withoutAncestors(collapsed: ReadonlySet<string>, ancestors: readonly string[]): ReadonlySet<string> {
  return ancestors.some((id) => collapsed.has(id)) ? new Set([...collapsed].filter((id) => !ancestors.includes(id))) : collapsed;
}

/** `POST /checkout · 6f3cf73`: the root's operation and the short id people quote. */
function traceTitle(trace: Trace): string {
  const name = trace.roots[0]?.name.trim();
  return `${name ? `${name} · ` : ''}${shortTraceId(trace.traceId)}`;
}

/** The first 7 significant digits: a 64-bit id (Jaeger, Zipkin) padded to 32 hex would read "0000000". */
function shortTraceId(traceId: string): string {
  return traceId.replace(/^0{16}(?=[0-9a-f]{16}$)/i, '').slice(0, 7);
}

function findLastIndex(values: Int32Array, test: (value: number) => boolean): number {
  for (let k = values.length - 1; k >= 0; k--) if (test(values[k] as number)) return k;
  return -1;
}
