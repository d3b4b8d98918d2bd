import { useEffect, useId, useRef } from 'react';
import type { CriticalPathSegment, Trace } from '../../core';
import { frameScheduler, prepareCanvas } from '../../render/canvas';
import { layoutMinimap, paintMinimap } from '../../render/minimap-painter';
import type { TimeWindow } from '../../state/trace-url';
import { serviceColor } from '../../ui/service-color';
import { useResolvedTheme } from '../../ui/theme/theme-store';
import { useElementWidth } from '../../ui/use-element-width';
import { whenIdle } from '../../ui/when-idle';
import { useDragSelect } from './use-drag-select';
import { useTraceLayout } from './trace-layout-store';
import styles from './Minimap.module.css';

/** Tall enough to read a 60-span trace's shape, short enough to leave the rows room. */
const HEIGHT_PX = 64;
/** At most this long after a trace shows does its overview wait for an idle moment. */
const FIRST_DRAW_WAIT_MS = 300;

interface Props {
  readonly trace: Trace;
  readonly critical: readonly CriticalPathSegment[];
  readonly window: TimeWindow | undefined;
  readonly onWindow: (from: number, to: number) => void;
  readonly onReset: () => void;
}

/**
 * The whole trace at a glance (canvas): drag to zoom the waterfall to a time range,
 * double-click or "Reset zoom" to see everything again. The shaded sides show what
 * the waterfall leaves out. It folds to its one line of buttons, for the rows' sake on
 * a short screen; the choice holds for every trace in the tab.
 */
export function Minimap(props: Props) {
  const folded = useTraceLayout((s) => s.overviewFolded);
  const setFolded = useTraceLayout((s) => s.setOverviewFolded);
  const boxId = useId();
  const fold = (
    <button type="button" className={styles.reset} aria-expanded={!folded} aria-controls={boxId} onClick={() => setFolded(!folded)}>
      {folded ? 'Show overview' : 'Hide overview'}
    </button>
  );
  return (
    <section className={styles.minimap} aria-label="Trace overview">
      {!folded && <OverviewCanvas {...props} boxId={boxId} />}
      <div className={styles.legend}>
        {folded ? (
          <span>Overview hidden</span>
        ) : (
          <span>
            <span className={styles.criticalKey} aria-hidden="true" /> critical path
          </span>
        )}
        <span className={styles.legendButtons}>
          {fold}
          <button type="button" className={styles.reset} onClick={props.onReset} disabled={!props.window}>
            Reset zoom
          </button>
        </span>
      </div>
    </section>
  );
}

function OverviewCanvas({ trace, critical, window, onWindow, onReset, boxId }: Props & { boxId: string }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(boxRef);
  const theme = useResolvedTheme();
  // laid out in the drawing frame, not while rendering: the waterfall's first rows need not wait for it
  const laidOut = useRef<{ trace: Trace; critical: readonly CriticalPathSegment[]; layout: ReturnType<typeof layoutMinimap> } | undefined>(undefined);
  const { draft, handlers } = useDragSelect(boxRef, onWindow);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width <= 0) return;
    const isLaidOut = () => laidOut.current?.trace === trace && laidOut.current.critical === critical;
    const frame = frameScheduler(() => {
      const context = prepareCanvas(canvas, width, HEIGHT_PX);
      if (!context) return;
      let cached = laidOut.current;
      if (!cached || !isLaidOut()) {
        cached = { trace, critical, layout: layoutMinimap(trace.spans, trace.durationNs, (s) => serviceColor(s.service), critical) };
        laidOut.current = cached;
      }
      const { layout } = cached;
      // colours from the CSS variables, so the canvas follows the theme like the DOM does
      const css = getComputedStyle(canvas);
      paintMinimap(context, width, HEIGHT_PX, layout, {
        critical: css.getPropertyValue('--fg').trim() || '#000',
        error: css.getPropertyValue('--error').trim() || '#c62828',
      });
    });
    // A new trace's overview waits for the page's first idle moment: laying out 100,000
    // spans takes 40-80 ms, which in the same animation frame as the waterfall's or the
    // flame graph's first paint would hold that paint back. A redraw (resize, theme) is cheap.
    if (isLaidOut()) {
      frame.request();
      return () => frame.cancel();
    }
    const cancelWait = whenIdle(() => frame.request(), FIRST_DRAW_WAIT_MS);
    return () => {
      cancelWait();
      frame.cancel();
    };
  }, [trace, critical, width, theme]);

  const from = window?.from ?? 0;
  const to = window?.to ?? 1;
  return (
    <div ref={boxRef} id={boxId} className={styles.box} style={{ height: HEIGHT_PX }} {...handlers} onDoubleClick={onReset} title="Drag to zoom; double-click to reset">
      <canvas ref={canvasRef} className={styles.canvas} style={{ height: HEIGHT_PX }} aria-hidden="true" />
      {window && (
        <>
          <span className={styles.shade} style={{ left: 0, width: `${from * 100}%` }} />
          <span className={styles.shade} style={{ left: `${to * 100}%`, right: 0 }} />
          <span className={styles.window} style={{ left: `${from * 100}%`, width: `${(to - from) * 100}%` }} data-testid="minimap-window" />
        </>
      )}
      {draft && <span className={styles.draft} style={{ left: `${draft.from * 100}%`, width: `${(draft.to - draft.from) * 100}%` }} />}
    </div>
  );
}
