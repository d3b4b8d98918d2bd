import { useEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { FlameCriticalIntervals, FlameLayout } from '../../../core';
import { frameScheduler, prepareCanvas } from '../../../render/canvas';
import { paintFlame, planFlame, TextWidths, type FlameStyle, type FlameTheme, type FlameViewport } from '../../../render/flame-painter';
import { useResolvedTheme } from '../../../ui/theme/theme-store';
import type { XRange } from './flame-viewport';
import styles from './Flame.module.css';

export interface FlamePoint {
  readonly xPx: number;
  readonly yPx: number;
}

export interface FlameDragStart {
  readonly range: XRange;
  readonly scrollTopPx: number;
}

export interface FlameWheel extends FlamePoint {
  readonly deltaX: number;
  readonly deltaY: number;
  readonly deltaMode: number;
  readonly shiftKey: boolean;
}

export interface FlameCanvasHandlers {
  onHover(point: FlamePoint | undefined): void;
  onClick(point: FlamePoint): void;
  onDoubleClick(point: FlamePoint): void;
  onDrag(start: FlameDragStart, dxPx: number, dyPx: number): void;
  onDragEnd(): void;
  onWheel(event: FlameWheel): void;
  /** true when the key was handled */
  onKey(event: { readonly key: string; readonly shiftKey: boolean }): boolean;
}

interface Props {
  readonly label: string;
  readonly layout: FlameLayout;
  readonly viewport: FlameViewport;
  readonly style: FlameStyle;
  readonly critical: FlameCriticalIntervals | undefined;
  readonly criticalShare: Float64Array | undefined;
  readonly hovered: number;
  readonly selected: number;
  readonly handlers: FlameCanvasHandlers;
}

/** A press that moves less than this is a click, not a drag. */
const CLICK_SLOP_PX = 3;

/**
 * The flame canvas: one requestAnimationFrame loop that redraws only when what it draws
 * changed (layout, viewport, style, overlays, hover, selection or theme: the effect's
 * dependencies), never on a timer. Each draw bumps `data-draw-count`, so tests assert on
 * drawing instead of sleeping, and leaves its cost in `data-draw-ms` for the benchmark
 * (the frame gaps it also records cannot show a draw that fits in one refresh).
 */
export function FlameCanvas({ label, layout, viewport, style, critical, criticalShare, hovered, selected, handlers }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const theme = useResolvedTheme();
  const widths = useMemo(() => new TextWidths(), []);
  const inputs = useRef({ layout, viewport, style, critical, criticalShare, hovered, selected });
  const scheduler = useRef<ReturnType<typeof frameScheduler> | undefined>(undefined);
  const latestHandlers = useRef(handlers);
  useEffect(() => {
    latestHandlers.current = handlers;
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let drawCount = 0;
    const frame = frameScheduler(() => {
      const current = inputs.current;
      const { widthPx, heightPx } = current.viewport;
      if (widthPx <= 0 || heightPx <= 0) return;
      const started = performance.now();
      drawCount++;
      canvas.dataset.drawCount = String(drawCount);
      const context = prepareCanvas(canvas, widthPx, heightPx);
      if (!context) return;
      // colours from the CSS variables, so the canvas follows the theme like the DOM does
      const css = getComputedStyle(canvas);
      const flameTheme: FlameTheme = {
        background: css.getPropertyValue('--bg').trim() || '#fff',
        text: '#10161f',
        textOnDark: '#ffffff',
        textOnDim: css.getPropertyValue('--fg-muted').trim() || '#5b6675',
        error: css.getPropertyValue('--error').trim() || '#c62828',
        critical: 'rgb(10 14 20 / 70%)',
        outline: css.getPropertyValue('--fg').trim() || '#000',
        font: `12px ${css.fontFamily || 'system-ui, sans-serif'}`,
      };
      const measure = widths.measurer(context, flameTheme.font);
      paintFlame(context, planFlame({ ...current, measure }), flameTheme);
      canvas.dataset.drawMs = (performance.now() - started).toFixed(2);
    });
    scheduler.current = frame;
    return () => {
      frame.cancel();
      scheduler.current = undefined;
    };
  }, [widths]);

  useEffect(() => {
    inputs.current = { layout, viewport, style, critical, criticalShare, hovered, selected };
    scheduler.current?.request();
  }, [layout, viewport, style, critical, criticalShare, hovered, selected, theme]);

  // wheel: a native listener, because React's is passive and the page must not scroll while zooming
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = canvas.getBoundingClientRect();
      latestHandlers.current.onWheel({
        xPx: event.clientX - box.left,
        yPx: event.clientY - box.top,
        deltaX: event.deltaX,
        deltaY: event.deltaY,
        deltaMode: event.deltaMode,
        shiftKey: event.shiftKey,
      });
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, []);

  const drag = useRef<{ pointerId: number; x: number; y: number; start: FlameDragStart; moved: boolean } | undefined>(undefined);
  const pointOf = (event: { clientX: number; clientY: number }): FlamePoint => {
    const box = (canvasRef.current as HTMLCanvasElement).getBoundingClientRect();
    return { xPx: event.clientX - box.left, yPx: event.clientY - box.top };
  };
  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drag.current = {
      pointerId: event.pointerId,
      x: event.clientX,
      y: event.clientY,
      start: { range: { fromX: viewport.fromX, toX: viewport.toX }, scrollTopPx: viewport.scrollTopPx },
      moved: false,
    };
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const current = drag.current;
    if (current && current.pointerId === event.pointerId) {
      const dx = event.clientX - current.x;
      const dy = event.clientY - current.y;
      if (!current.moved && Math.abs(dx) + Math.abs(dy) < CLICK_SLOP_PX) return;
      current.moved = true;
      handlers.onDrag(current.start, dx, dy);
      return;
    }
    handlers.onHover(pointOf(event));
  };
  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    drag.current = undefined;
    if (current.moved) handlers.onDragEnd();
    else handlers.onClick(pointOf(event));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (handlers.onKey({ key: event.key, shiftKey: event.shiftKey })) {
      event.preventDefault();
      // Esc here resets the zoom; the page's Esc (close details) must not fire as well
      event.stopPropagation();
    }
  };

  return (
    <canvas
      ref={canvasRef}
      className={styles.canvas}
      style={{ width: viewport.widthPx, height: viewport.heightPx }}
      role="application"
      aria-roledescription="flame graph"
      aria-label={label}
      tabIndex={0}
      data-testid="flame-canvas"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => (drag.current = undefined)}
      onPointerLeave={() => {
        if (!drag.current) handlers.onHover(undefined);
      }}
      onDoubleClick={(event) => handlers.onDoubleClick(pointOf(event))}
      onKeyDown={onKeyDown}
    />
  );
}
