import { useRef } from 'react';
import { timeTicks } from '../../../core';
import { useElementWidth } from '../../../ui/use-element-width';
import { percentAt, type WindowNs } from './geometry';
import { useDragSelect } from '../use-drag-select';
import styles from './Waterfall.module.css';

/** One labelled tick per ~100 px: the widest label ("10.250ms") needs ~60 px plus air. */
const PX_PER_TICK = 100;

/**
 * Time labels over the timeline column. Dragging across it zooms to the dragged
 * range (as in Jaeger UI's timeline header); `onZoom` gets fractions of this window.
 */
export function TimeRuler({ window, onZoom }: { window: WindowNs; onZoom: (from: number, to: number) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref);
  const ticks = timeTicks(window.startNs, window.endNs, Math.max(2, Math.floor(width / PX_PER_TICK)));
  const { draft, handlers } = useDragSelect(ref, onZoom);
  return (
    <div ref={ref} className={styles.ruler} {...handlers} title="Drag to zoom into a time range">
      {ticks.map((tick) => {
        const left = percentAt(window, tick.ns);
        return (
          <span key={tick.ns} className={styles.tick} style={{ left: `${left}%` }} data-align={left > 96 ? 'end' : undefined}>
            {tick.label}
          </span>
        );
      })}
      {draft && <span className={styles.dragDraft} style={{ left: `${draft.from * 100}%`, width: `${(draft.to - draft.from) * 100}%` }} />}
    </div>
  );
}

/** Vertical lines at the ruler's ticks, drawn behind the bars. */
export function GridLines({ window, width }: { window: WindowNs; width: number }) {
  const ticks = timeTicks(window.startNs, window.endNs, Math.max(2, Math.floor(width / PX_PER_TICK)));
  return (
    <>
      {ticks.map((tick) => (
        <span key={tick.ns} className={styles.gridLine} style={{ left: `${percentAt(window, tick.ns)}%` }} />
      ))}
    </>
  );
}
