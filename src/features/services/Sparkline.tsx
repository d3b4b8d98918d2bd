import { useMemo } from 'react';
import { scaleLinear } from 'd3-scale';
import type { MetricPoint, MetricsRange } from '../../core';
import { isolatedPoints, seriesPath, seriesSummary } from './red-format';
import { useBrush } from './use-brush';
import styles from './services.module.css';

interface Props {
  readonly points: readonly MetricPoint[];
  readonly range: MetricsRange;
  /** what the line is, for its accessible summary ("Rate of checkout") */
  readonly label: string;
  readonly format: (value: number) => string;
  readonly tone?: 'normal' | 'error';
  /** a window dragged across the line: narrows the page's time range */
  readonly onBrush?: (window: { startMs: number; endMs: number }) => void;
}

const WIDTH_PX = 112;
const HEIGHT_PX = 26;

/** One figure over the range, small enough for a table cell; a missing interval is a gap. */
export function Sparkline({ points, range, label, format, tone = 'normal', onBrush }: Props) {
  const { x, y } = useMemo(() => {
    const max = Math.max(0, ...points.map((p) => p.value).filter(Number.isFinite));
    return {
      x: scaleLinear().domain([range.startMs, range.endMs]).range([1, WIDTH_PX - 1]),
      y: scaleLinear()
        .domain([0, max > 0 ? max : 1])
        .range([HEIGHT_PX - 2, 2]),
    };
  }, [points, range]);
  const brush = useBrush((fromPx, toPx) => onBrush?.({ startMs: Math.floor(x.invert(fromPx)), endMs: Math.ceil(x.invert(toPx)) }));
  const expected = Math.round((range.endMs - range.startMs) / range.stepMs);
  return (
    <svg
      className={`${styles.sparkline} ${tone === 'error' ? styles.sparklineError : ''}`}
      width={WIDTH_PX}
      height={HEIGHT_PX}
      role="img"
      aria-label={seriesSummary(label, points, format, expected)}
      {...(onBrush ? brush.handlers : {})}
    >
      <path d={seriesPath(points, range.stepMs, x, y)} className={styles.sparkLine} />
      {isolatedPoints(points, range.stepMs).map((p) => (
        <circle key={p.timeMs} cx={x(p.timeMs)} cy={y(p.value)} r={1.5} className={styles.sparkDot} />
      ))}
      {brush.selection && <rect x={brush.selection[0]} width={brush.selection[1] - brush.selection[0]} y={0} height={HEIGHT_PX} className={styles.brushRect} />}
    </svg>
  );
}
