import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ancestorsOf, findSpans, focusWindow, formatDurationNs, indexMask, itemAt, timeTicks, type FlameGraphLayout, type FlameLayout } from '../../../core';
import { clampWindow, type TraceUrlState } from '../../../state/trace-url';
import type { TraceAnalyses } from '../trace-model';
import { FlameCanvas, type FlameCanvasHandlers } from './FlameCanvas';
import { FlameTooltip } from './FlameTooltip';
import { chartStyle, firstChild, flameChartModel, flameGraphModel, graphStacks, graphStyle, itemOfSpan, parentOf, rowNeighbour, spanOfItem } from './flame-model';
import { FLAME_ROW_PX, rowAtPx, xAtPx, type FlameViewport } from '../../../render/flame-painter';
import { clampRange, panBy, rangeShowing, zoomAround, type XRange } from './flame-viewport';
import { useFlameUrl } from './use-flame-url';
import { useElementSize } from './use-element-size';
import type { FlameColorMode, FlameOrder } from '../../../state/flame-url';
import styles from './Flame.module.css';
import { labelText } from '../../../ui/label-text';
import { UrlCheckbox } from '../../../ui/UrlCheckbox';
import { LoadingState } from '../../../ui/StatusMessage';
import { useWaitForWorkerFlameLayout } from './use-worker-flame-layout';
import { whenIdle } from '../../../ui/when-idle';
import { requestWorkerFlameLayout } from '../../../state/worker-flame-layouts';
import { IgnoredFromLink } from '../../../ui/IgnoredFromLink';

interface Props {
  readonly analyses: TraceAnalyses;
  readonly url: TraceUrlState;
  readonly selectedIndex: number;
  /** the page's own selection (opens the details, reveals the span in the waterfall); the URL already names the span */
  readonly onSelect: (spanIndex: number) => void;
  /** the span-details panel, as the waterfall shows it */
  readonly details: ReactNode;
}

/** Wheel notches to a zoom factor: 100 px of wheel (one notch on most mice) zooms ~16%. */
const WHEEL_ZOOM_PER_PX = 0.0015;
/** Zoom commits to the URL after the wheel rests this long: a URL write per wheel event would flood history. */
const COMMIT_DELAY_MS = 200;
/** The aggregated layouts are asked of the worker when the page is idle, or after this long at most (zooming leaves no idle time). */
const GRAPHS_AFTER_MS = 1_000;
const KEY_ZOOM = 0.8;
const KEY_PAN = 0.2;
/** One labelled tick per ~100 px, as the waterfall's ruler. */
const PX_PER_TICK = 100;
/** A span named by the link is zoomed to when narrower than this on screen: about a short label's width. */
const SHOWN_SPAN_MIN_PX = 24;

/**
 * The flame view: the trace as a flame chart (time mode: x is time, every span a frame)
 * or a flame graph (aggregated: same call path merged, width = total time), on a canvas.
 * The URL holds the mode, the frame drilled into and the visible window, so a link opens
 * the same picture; the rest (hover, drag in progress) is ephemeral state here.
 */
export function FlameView(props: Props) {
  const { flame } = useFlameUrl();
  const { trace } = props.analyses;
  const waiting = useWaitForWorkerFlameLayout(trace, flame.mode === 'time' ? 'chart' : `graph:${flame.order}`);
  // with the flame view open, the aggregated mode is a click away: have the worker lay it out once the page is idle
  useEffect(() => whenIdle(() => requestWorkerFlameLayout(trace, 'graph:name'), GRAPHS_AFTER_MS), [trace]);
  if (waiting) {
    return (
      <section className={styles.flame} aria-label="Flame graph">
        <LoadingState>Laying out {trace.spans.length.toLocaleString('en-US')} spans…</LoadingState>
      </section>
    );
  }
  return <FlameViewShown {...props} />;
}

function FlameViewShown({ analyses, url, selectedIndex, onSelect, details }: Props) {
  const { trace, indexById } = analyses;
  const { flame, dropped, setFlame } = useFlameUrl();
  const find = useDeferredValue(url.find);
  const matches = useMemo(() => findSpans(trace, find), [trace, find]);
  const findActive = find.trim() !== '';
  const matchMask = useMemo(() => (findActive ? indexMask(trace.spans.length, matches) : undefined), [trace, matches, findActive]);

  const chart = flame.mode === 'time' ? flameChartModel(analyses) : undefined;
  const graph = flame.mode === 'aggregate' ? flameGraphModel(analyses, flame.order) : undefined;
  const layout: FlameLayout = chart ? chart.layout : (graph as NonNullable<typeof graph>).layout;
  const style = useMemo(() => {
    const options = { color: flame.color, matchMask, dimOffPath: flame.dimOffPath };
    return chart ? chartStyle(analyses, chart, options) : graphStyle(graph as NonNullable<typeof graph>, options);
  }, [analyses, chart, graph, flame.color, matchMask, flame.dimOffPath]);

  const durationNs = Math.max(trace.durationNs, 1);
  const bounds: XRange = useMemo(
    () => ({ fromX: 0, toX: layout.kind === 'chart' ? durationNs : Math.max(layout.totalUnits, 1) }),
    [layout, durationNs],
  );
  const focusSpan = flame.focus !== undefined ? (indexById.get(flame.focus) ?? -1) : -1;
  const focusItem = itemOfSpan(layout, focusSpan);
  const selectedItem = itemOfSpan(layout, selectedIndex);

  // the range the URL stands for: the shared window (time mode), else the focused frame, else everything
  const urlRange: XRange = useMemo(() => {
    if (layout.kind === 'chart' && url.window) return clampRange({ fromX: url.window.from * durationNs, toX: url.window.to * durationNs }, bounds);
    if (focusItem >= 0) {
      const w = layout.kind === 'chart' ? focusWindow(layout, focusItem) : focusWindow(layout, focusItem);
      return clampRange('startNs' in w ? { fromX: w.startNs, toX: w.endNs } : { fromX: w.startUnits, toX: w.endUnits }, bounds);
    }
    return bounds;
  }, [layout, url.window, durationNs, bounds, focusItem]);
  // a gesture in progress (or an aggregated-mode zoom, which has no URL window) overrides it until the URL changes
  const basis = `${flame.mode}|${flame.order}|${url.window?.from ?? ''}-${url.window?.to ?? ''}|${flame.focus ?? ''}`;
  const [override, setOverride] = useState<{ basis: string; layout: FlameLayout; range: XRange } | undefined>(undefined);
  const range = override && override.basis === basis && override.layout === layout ? override.range : urlRange;
  const setRange = useCallback((next: XRange) => setOverride({ basis, layout, range: next }), [basis, layout]);

  const boxRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(boxRef);
  const contentPx = layout.rowCount * FLAME_ROW_PX;
  const maxScrollPx = Math.max(0, contentPx - size.height);
  // vertical scroll follows the focus: a drilled-into frame deep in the tree comes into view
  const scrollKey = `${flame.mode}|${flame.order}|${flame.focus ?? ''}`;
  const [scroll, setScroll] = useState<{ key: string; px: number } | undefined>(undefined);
  const focusRowPx = focusItem >= 0 ? (layout.row[focusItem] ?? 0) * FLAME_ROW_PX : 0;
  const defaultScrollPx = focusRowPx + FLAME_ROW_PX > size.height ? focusRowPx - FLAME_ROW_PX : 0;
  const scrollTopPx = Math.min(maxScrollPx, Math.max(0, scroll && scroll.key === scrollKey ? scroll.px : defaultScrollPx));
  const setScrollTop = useCallback((px: number) => setScroll({ key: scrollKey, px }), [scrollKey]);

  const viewport: FlameViewport = useMemo(
    () => ({ fromX: range.fromX, toX: range.toX, widthPx: size.width, heightPx: size.height, scrollTopPx }),
    [range.fromX, range.toX, size.width, size.height, scrollTopPx],
  );

  const [hover, setHover] = useState<{ item: number; xPx: number; yPx: number } | undefined>(undefined);
  // the keyboard's frame (arrows move it, Enter drills into it)
  const [cursor, setCursor] = useState<{ layout: FlameLayout; item: number } | undefined>(undefined);
  const cursorItem = cursor && cursor.layout === layout ? cursor.item : -1;

  // --- URL writes -------------------------------------------------------------------
  const commitTimer = useRef(0);
  useEffect(() => () => window.clearTimeout(commitTimer.current), []);
  const commit = useCallback(
    (next: XRange, delayMs = 0) => {
      window.clearTimeout(commitTimer.current);
      if (layout.kind !== 'chart') return; // aggregated zoom is not a time window: it stays here
      const write = () => setFlame({}, { window: clampWindow(next.fromX / durationNs, next.toX / durationNs) });
      if (delayMs > 0) commitTimer.current = window.setTimeout(write, delayMs);
      else write();
    },
    [layout, durationNs, setFlame],
  );
  const move = useCallback(
    (next: XRange, delayMs = 0) => {
      setRange(next);
      commit(next, delayMs);
    },
    [setRange, commit],
  );

  // a click selects through the URL; once the URL names the span, the page opens its details
  const pendingSelect = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (pendingSelect.current === undefined || pendingSelect.current !== url.span || selectedIndex < 0) return;
    pendingSelect.current = undefined;
    // after the page's own effects: it reads the URL it last saw from one of them
    const timer = window.setTimeout(() => onSelect(selectedIndex), 0);
    return () => window.clearTimeout(timer);
  }, [url.span, selectedIndex, onSelect]);

  /** Drill into an item: the x-axis fits it, the breadcrumb shows its ancestors; `select` also selects its span. */
  const drill = useCallback(
    (item: number, select: boolean) => {
      const spanIndex = spanOfItem(layout, item);
      const span = trace.spans[spanIndex];
      if (!span) {
        setFlame({ focus: undefined }, { window: undefined }, { push: true });
        return;
      }
      let window: TraceUrlState['window'];
      if (layout.kind === 'chart') {
        const w = focusWindow(layout, item);
        window = clampWindow(w.startNs / durationNs, w.endNs / durationNs);
      }
      if (select) pendingSelect.current = span.spanId;
      setFlame({ focus: span.spanId }, { window, ...(select ? { span: span.spanId } : {}) }, { push: true });
    },
    [layout, trace, durationNs, setFlame],
  );
  const reset = useCallback(() => {
    setOverride(undefined);
    setFlame({ focus: undefined }, { window: undefined }, { push: true });
  }, [setFlame]);
  // the overview's Reset zoom clears the shared window only: in time mode the frame drilled
  // into goes with it, or the view would stay on that frame
  const lastWindow = useRef({ mode: flame.mode, window: url.window });
  useEffect(() => {
    const last = lastWindow.current;
    lastWindow.current = { mode: flame.mode, window: url.window };
    if (flame.mode === 'time' && last.mode === 'time' && last.window && !url.window && flame.focus !== undefined) setFlame({ focus: undefined });
  }, [flame.mode, flame.focus, url.window, setFlame]);

  // --- gestures -----------------------------------------------------------------------
  const hitTest = useCallback(
    (xPx: number, yPx: number): number => itemAt(layout.rows, rowAtPx(viewport, yPx), xAtPx(viewport, xPx)),
    [layout, viewport],
  );
  /** Bring an item into view: centre it if it is off screen, scroll its row into view. */
  const reveal = useCallback(
    (item: number) => {
      const startX = layout.rows.startX[item] ?? 0;
      const endX = layout.rows.endX[item] ?? startX;
      if (endX <= range.fromX || startX >= range.toX) {
        const half = (range.toX - range.fromX) / 2;
        move(clampRange({ fromX: (startX + endX) / 2 - half, toX: (startX + endX) / 2 + half }, bounds));
      }
      const rowPx = (layout.row[item] ?? 0) * FLAME_ROW_PX;
      if (rowPx < scrollTopPx) setScrollTop(rowPx);
      else if (rowPx + FLAME_ROW_PX > scrollTopPx + size.height) setScrollTop(rowPx + FLAME_ROW_PX - size.height);
    },
    [layout, range, bounds, move, scrollTopPx, size.height, setScrollTop],
  );

  // a span the link (or another view) selected is shown: scrolled to, and zoomed to when
  // too thin to see; once per span, mode and order, so panning away afterwards stays put
  const shownSelection = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (selectedItem < 0 || size.width <= 0 || size.height <= 0) return;
    const key = `${url.span ?? ''}|${flame.mode}|${flame.order}`;
    if (shownSelection.current === key) return;
    shownSelection.current = key;
    const item = { fromX: layout.rows.startX[selectedItem] ?? 0, toX: layout.rows.endX[selectedItem] ?? 0 };
    const next = rangeShowing(item, range, bounds, size.width, SHOWN_SPAN_MIN_PX);
    // in time mode this is the shared window, as any zoom there: the overview shows it and its Reset undoes it
    if (next !== range) move(next);
    const rowPx = (layout.row[selectedItem] ?? 0) * FLAME_ROW_PX;
    if (rowPx < scrollTopPx || rowPx + FLAME_ROW_PX > scrollTopPx + size.height) setScrollTop(Math.max(0, rowPx + FLAME_ROW_PX / 2 - size.height / 2));
  }, [selectedItem, url.span, flame.mode, flame.order, layout, range, bounds, size.width, size.height, move, scrollTopPx, setScrollTop]);

  const handlers: FlameCanvasHandlers = {
    onHover: (point) => {
      if (!point) return setHover(undefined);
      const item = hitTest(point.xPx, point.yPx);
      setHover(item >= 0 ? { item, ...point } : undefined);
    },
    onClick: (point) => {
      const item = hitTest(point.xPx, point.yPx);
      if (item >= 0) drill(item, true);
    },
    onDoubleClick: (point) => {
      if (hitTest(point.xPx, point.yPx) < 0) reset();
    },
    onDrag: (start, dxPx, dyPx) => {
      // a wheel's pending URL write would land mid-drag: a whole-page render, and a frame of the pre-drag window
      window.clearTimeout(commitTimer.current);
      setHover(undefined);
      const widthX = start.range.toX - start.range.fromX;
      const shiftX = (-dxPx / Math.max(1, size.width)) * widthX;
      setRange(clampRange({ fromX: start.range.fromX + shiftX, toX: start.range.toX + shiftX }, bounds));
      setScrollTop(Math.min(maxScrollPx, Math.max(0, start.scrollTopPx - dyPx)));
    },
    onDragEnd: () => commit(range),
    onWheel: (event) => {
      // the frame under a resting pointer changes as the view zooms: a tooltip would name the old one
      setHover(undefined);
      const widthPx = Math.max(1, size.width);
      const scalePx = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? widthPx : 1;
      const dx = event.deltaX * scalePx;
      const dy = event.deltaY * scalePx;
      if (event.shiftKey || Math.abs(dx) > Math.abs(dy)) move(panBy(range, bounds, (event.shiftKey ? dy || dx : dx) / widthPx), COMMIT_DELAY_MS);
      else move(zoomAround(range, bounds, event.xPx / widthPx, Math.exp(dy * WHEEL_ZOOM_PER_PX)), COMMIT_DELAY_MS);
    },
    onKey: (event) => {
      const at = cursorItem >= 0 ? cursorItem : focusItem >= 0 ? focusItem : selectedItem >= 0 ? selectedItem : (layout.rows.rowItems[0] ?? -1);
      const walk = (item: number) => {
        if (item < 0) return;
        setCursor({ layout, item });
        setHover(undefined);
        reveal(item);
      };
      switch (event.key) {
        case '+':
        case '=':
          move(zoomAround(range, bounds, 0.5, KEY_ZOOM));
          return true;
        case '-':
        case '_':
          move(zoomAround(range, bounds, 0.5, 1 / KEY_ZOOM));
          return true;
        case 'ArrowLeft':
        case 'ArrowRight': {
          const direction = event.key === 'ArrowLeft' ? -1 : 1;
          if (event.shiftKey) move(panBy(range, bounds, direction * KEY_PAN));
          else walk(cursorItem < 0 ? at : rowNeighbour(layout, at, direction));
          return true;
        }
        case 'ArrowUp':
          walk(cursorItem < 0 ? at : parentOf(layout, at));
          return true;
        case 'ArrowDown':
          walk(cursorItem < 0 ? at : firstChild(layout, at));
          return true;
        case 'Enter':
          if (at >= 0) drill(at, true);
          return true;
        case 'Escape':
          if (focusItem < 0 && !url.window && !override) return false;
          reset();
          return true;
        case '0':
          reset();
          return true;
        default:
          return false;
      }
    },
  };

  const crumbs = useMemo(() => (focusItem >= 0 ? [...ancestorsOf(layout, focusItem), focusItem] : []), [layout, focusItem]);
  const labelOf = (item: number) => {
    const span = trace.spans[spanOfItem(layout, item)];
    if (!span) return 'All spans';
    return `${layout.kind === 'graph' && layout.asyncStart[item] === 1 ? 'async: ' : ''}${labelText(span.service)}: ${labelText(span.name)}`;
  };
  const hoveredItem = hover?.item ?? cursorItem;
  const currentMatch = selectedIndex >= 0 && matchMask?.[selectedIndex] === 1 ? matches.indexOf(selectedIndex) + 1 : 0;
  const stepMatch = (direction: 1 | -1) => {
    if (matches.length === 0) return;
    let k = direction === 1 ? matches.findIndex((i) => i > selectedIndex) : lastIndexBelow(matches, selectedIndex);
    if (k < 0) k = direction === 1 ? 0 : matches.length - 1;
    const spanIndex = matches[k] as number;
    const item = itemOfSpan(layout, spanIndex);
    if (item >= 0) reveal(item);
    onSelect(spanIndex);
  };
  const modeLabel = layout.kind === 'chart' ? 'flame chart (time)' : 'flame graph (aggregated)';

  return (
    <section className={styles.flame} aria-label="Flame graph">
      <IgnoredFromLink dropped={dropped} />
      {flame.focus !== undefined && focusItem < 0 && (
        <p className="banner banner-warning" role="status">
          The frame {flame.focus} from the link is not in this trace.
        </p>
      )}
      <div className={styles.toolbar}>
        <div className={styles.find} role="search" aria-label="Find in trace">
          <input
            type="search"
            className={styles.findInput}
            aria-label="Find spans"
            placeholder="Find spans"
            value={url.find}
            onChange={(e) => setFlame({}, { find: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                stepMatch(e.shiftKey ? -1 : 1);
              }
            }}
          />
          <span className={styles.muted} role="status" aria-live="polite" data-testid="flame-find-count">
            {findActive ? (matches.length === 0 ? 'No matches' : `${currentMatch > 0 ? currentMatch : '–'} of ${matches.length}`) : ''}
          </span>
        </div>
        <div className={styles.segmented} role="group" aria-label="Flame mode">
          <button type="button" aria-pressed={flame.mode === 'time'} onClick={() => setFlame({ mode: 'time' }, undefined, { push: true })} title="Time order: every span where it ran">
            Time
          </button>
          <button
            type="button"
            aria-pressed={flame.mode === 'aggregate'}
            onClick={() => setFlame({ mode: 'aggregate' }, undefined, { push: true })}
            title="Same call path merged: width is total time"
          >
            Aggregated
          </button>
        </div>
        {flame.mode === 'aggregate' && (
          <label className={styles.check}>
            Order
            <select value={flame.order} onChange={(e) => setFlame({ order: e.target.value as FlameOrder })}>
              <option value="name">by name</option>
              <option value="width">by width</option>
            </select>
          </label>
        )}
        <label className={styles.check}>
          Colour
          <select value={flame.color} onChange={(e) => setFlame({ color: e.target.value as FlameColorMode })}>
            <option value="service">by service</option>
            <option value="errors">by error status</option>
            <option value="self">by self time</option>
          </select>
        </label>
        <label className={styles.check}>
          <UrlCheckbox checked={flame.dimOffPath} onChange={(dimOffPath) => setFlame({ dimOffPath })} /> Dim off the critical path
        </label>
        {/* in time mode the overview strip above has the zoom's Reset and the critical path's key: one of each on screen */}
        {layout.kind === 'graph' && (
          <button type="button" className={styles.small} onClick={reset} disabled={focusItem < 0 && !override}>
            Reset zoom
          </button>
        )}
        <span className={styles.legend} aria-hidden="true">
          {layout.kind === 'graph' && (
            <>
              <span className={styles.criticalKey} /> critical path{' '}
            </>
          )}
          <span className={styles.errorKey} /> error
        </span>
      </div>
      <nav className={styles.breadcrumb} aria-label="Flame focus" data-testid="flame-breadcrumb">
        <ol>
          <li>
            <button type="button" onClick={reset} aria-current={crumbs.length === 0 ? 'location' : undefined}>
              {layout.kind === 'chart' ? 'Whole trace' : 'All spans'}
            </button>
          </li>
          {crumbs
            .filter((item) => !(layout.kind === 'graph' && item === 0))
            .map((item, k, shown) => {
              // a 100-deep chain shows its first two and last six ancestors
              if (shown.length > 9 && k >= 2 && k < shown.length - 6) return k === 2 ? <li key="gap">…</li> : null;
              const last = k === shown.length - 1;
              return (
                <li key={item}>
                  <button type="button" onClick={() => drill(item, false)} aria-current={last ? 'location' : undefined}>
                    {labelOf(item)}
                  </button>
                </li>
              );
            })}
        </ol>
      </nav>
      <div className={styles.body}>
        <div className={styles.main}>
          <div className={styles.ruler} aria-hidden={layout.kind === 'chart' ? true : undefined} data-testid={layout.kind === 'graph' ? 'flame-caption' : undefined}>
            {layout.kind === 'chart'
              ? timeTicks(range.fromX, range.toX, Math.max(2, Math.floor(size.width / PX_PER_TICK))).map((tick) => {
                  const left = ((tick.ns - range.fromX) / (range.toX - range.fromX)) * 100;
                  // a label at the very right edge would overlap its neighbour
                  if (left > 96) return null;
                  return (
                    <span key={tick.ns} className={styles.tick} style={{ left: `${left}%` }}>
                      {tick.label}
                    </span>
                  );
                })
              : `${graphCaption(layout, trace.spans.length, trace.durationNs)}${range.toX - range.fromX < bounds.toX ? ` (showing ${((100 * (range.toX - range.fromX)) / bounds.toX).toFixed(1)}%)` : ''}`}
          </div>
          <div ref={boxRef} className={styles.box}>
            <FlameCanvas
              label={`Flame graph, ${modeLabel}, of ${trace.spans.length} spans. Arrow keys move between frames, Enter drills in and selects, plus and minus zoom, Shift with arrows pans, Escape resets.`}
              layout={layout}
              viewport={viewport}
              style={style}
              critical={chart?.critical}
              criticalShare={graph?.criticalShare}
              hovered={hoveredItem}
              selected={selectedItem}
              handlers={handlers}
            />
            {hover && <FlameTooltip analyses={analyses} chart={chart} graph={graph} item={hover.item} xPx={hover.xPx} yPx={hover.yPx} boxWidthPx={size.width} boxHeightPx={size.height} />}
            <p className={styles.srOnly} aria-live="polite" data-testid="flame-cursor">
              {cursorItem >= 0 ? labelOf(cursorItem) : ''}
            </p>
          </div>
        </div>
        {details}
      </div>
    </section>
  );
}

/**
 * What the aggregated graph's width stands for, with the whole trace accounted for: the
 * requests' stacks, the async stacks beside them, and the trace's wall-clock duration
 * (stacks can overlap in time, or leave gaps, so their sum is not the trace's length).
 */
export function graphCaption(layout: FlameGraphLayout, spanCount: number, traceNs: number): string {
  const stacks = graphStacks(layout);
  const rootsText = stacks.roots === 1 ? 'the request' : `${stacks.roots} root stacks`;
  const asyncText = stacks.async > 0 ? ` + ${formatDurationNs(stacks.asyncNs)} in ${stacks.async} async ${stacks.async === 1 ? 'stack' : 'stacks'}` : '';
  return `Width is total time: ${formatDurationNs(stacks.rootNs)} in ${rootsText}${asyncText}, across ${spanCount} spans of a ${formatDurationNs(traceNs)} trace`;
}

function lastIndexBelow(values: Int32Array, limit: number): number {
  for (let k = values.length - 1; k >= 0; k--) if ((values[k] as number) < limit) return k;
  return -1;
}
