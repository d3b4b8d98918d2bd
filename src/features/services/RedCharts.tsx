import { useEffect, useMemo, useRef } from 'react';
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, scaleTime } from 'd3-scale';
import { select } from 'd3-selection';
import type { Exemplar, MetricPoint, MetricsRange, RedRow } from '../../core';
import { useElementWidth } from '../../ui/use-element-width';
import { useTimeZone } from '../../ui/time-zone';
import { formatMs, formatRate, seriesPath, seriesSummary, isolatedPoints } from './red-format';
import { useBrush } from './use-brush';
import styles from './services.module.css';

export interface TimeWindow {
  readonly startMs: number;
  readonly endMs: number;
}

interface Props {
  readonly row: RedRow;
  readonly range: MetricsRange;
  /** what the charts are of ("checkout", "checkout: GET /cart") */
  readonly title: string;
  /** a clicked interval or a brushed window: the traces behind it; `errors` for the errors' part */
  readonly onWindow: (window: TimeWindow, errors: boolean) => void;
  readonly onExemplar: (exemplar: Exemplar) => void;
}

const HEIGHT_PX = 180;
const MARGIN = { top: 10, right: 16, bottom: 24, left: 64 };
const utcTick = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** A service's (or an operation's) RED over time: requests with errors stacked, and p50/p90/p99 lines. */
export function RedCharts({ row, range, title, onWindow, onExemplar }: Props) {
  return (
    <div className={styles.charts}>
      <RateChart row={row} range={range} title={title} onWindow={onWindow} onExemplar={onExemplar} />
      <DurationChart row={row} range={range} title={title} onWindow={onWindow} onExemplar={onExemplar} />
    </div>
  );
}

function useChartFrame(range: MetricsRange, maxValue: number) {
  const containerRef = useRef<HTMLDivElement>(null);
  const measured = useElementWidth(containerRef);
  const widthPx = Math.max(320, measured || 720);
  const x = useMemo(() => scaleTime().domain([range.startMs, range.endMs]).range([MARGIN.left, widthPx - MARGIN.right]), [range, widthPx]);
  const y = useMemo(
    () =>
      scaleLinear()
        .domain([0, maxValue > 0 ? maxValue * 1.1 : 1])
        .range([HEIGHT_PX - MARGIN.bottom, MARGIN.top])
        .nice(),
    [maxValue],
  );
  return { containerRef, widthPx, x, y };
}

function Axes({ x, y, widthPx, format }: { x: ReturnType<typeof scaleTime<number, number>>; y: ReturnType<typeof scaleLinear<number, number>>; widthPx: number; format: (value: number) => string }) {
  const xRef = useRef<SVGGElement>(null);
  const yRef = useRef<SVGGElement>(null);
  const timeZone = useTimeZone();
  useEffect(() => {
    if (xRef.current) {
      const axis = axisBottom(x).ticks(Math.max(2, Math.floor(widthPx / 110)));
      if (timeZone === 'utc') axis.tickFormat((d) => utcTick.format(d as Date));
      select(xRef.current).call(axis);
    }
    if (yRef.current) {
      select(yRef.current).call(
        axisLeft(y)
          .ticks(4)
          .tickFormat((d) => format(Number(d))),
      );
    }
  }, [x, y, widthPx, timeZone, format]);
  return (
    <>
      <g ref={xRef} transform={`translate(0,${HEIGHT_PX - MARGIN.bottom})`} className="axis" aria-hidden="true" />
      <g ref={yRef} transform={`translate(${MARGIN.left},0)`} className="axis" aria-hidden="true" />
    </>
  );
}

/** The brushed or clicked window in time: a click is the interval under the pointer `(t − step, t]`. */
function useTimeBrush(
  x: ReturnType<typeof scaleTime<number, number>>,
  range: MetricsRange,
  onWindow: (window: TimeWindow, errors: boolean) => void,
  /** whether a click at this height, in the interval ending at `endMs`, is on the errors' part */
  onErrors?: (endMs: number, atYPx: number) => boolean,
) {
  return useBrush(
    (fromPx, toPx) => onWindow({ startMs: Math.floor(x.invert(fromPx).getTime()), endMs: Math.ceil(x.invert(toPx).getTime()) }, false),
    (atPx, atYPx) => {
      const atMs = x.invert(atPx).getTime();
      // the interval whose end is the next step boundary after the pointer
      const endMs = range.startMs + Math.ceil((atMs - range.startMs) / range.stepMs) * range.stepMs;
      onWindow({ startMs: endMs - range.stepMs, endMs }, onErrors?.(endMs, atYPx) ?? false);
    },
  );
}

function RateChart({ row, range, title, onWindow }: Props) {
  const errorsAt = useMemo(() => new Map(row.errorRate.map((p) => [p.timeMs, p.value])), [row.errorRate]);
  const max = Math.max(0, ...row.rate.map((p) => p.value).filter(Number.isFinite));
  const { containerRef, widthPx, x, y } = useChartFrame(range, max);
  // a click on an interval's errors' part (the bottom of its bar) asks for the failed traces
  const brush = useTimeBrush(x, range, onWindow, (endMs, atYPx) => {
    const errors = errorsAt.get(endMs) ?? 0;
    return errors > 0 && atYPx >= y(errors) - 2;
  });
  const barPx = Math.max(1, x(range.startMs + range.stepMs) - x(range.startMs) - 1);
  const expected = Math.round((range.endMs - range.startMs) / range.stepMs);
  const summary = `Requests per second of ${title}, errors stacked at the bottom. ${seriesSummary('Rate', row.rate, formatRate, expected)}. ${seriesSummary('Errors', row.errorRate, formatRate, expected)}. Click an interval or drag across a window to see its traces.`;
  return (
    <figure className={styles.chart} ref={containerRef}>
      <figcaption className={styles.chartTitle}>
        Requests <span className={styles.keyOk}>ok</span> <span className={styles.keyError}>errors</span>
      </figcaption>
      <svg width={widthPx} height={HEIGHT_PX} role="img" aria-label={summary} data-testid="rate-chart">
        <Axes x={x} y={y} widthPx={widthPx} format={formatRate} />
        <g {...brush.handlers} className={styles.chartHit}>
          <rect x={MARGIN.left} y={MARGIN.top} width={widthPx - MARGIN.left - MARGIN.right} height={HEIGHT_PX - MARGIN.top - MARGIN.bottom} className={styles.chartBackground} />
          {row.rate.map((point: MetricPoint) => {
            const errors = Math.min(errorsAt.get(point.timeMs) ?? 0, point.value);
            const left = x(point.timeMs - range.stepMs) + 0.5;
            return (
              <g key={point.timeMs}>
                <rect x={left} width={barPx} y={y(point.value)} height={Math.max(0, y(errors) - y(point.value))} className={styles.barOk} />
                {errors > 0 && (
                  <rect x={left} width={barPx} y={y(errors)} height={Math.max(1, y(0) - y(errors))} className={styles.barError} />
                )}
              </g>
            );
          })}
          {brush.selection && <rect x={brush.selection[0]} width={brush.selection[1] - brush.selection[0]} y={MARGIN.top} height={HEIGHT_PX - MARGIN.top - MARGIN.bottom} className={styles.brushRect} />}
        </g>
      </svg>
    </figure>
  );
}

const QUANTILES = [
  { key: 'p50Ms', label: 'p50', className: styles.lineP50 },
  { key: 'p90Ms', label: 'p90', className: styles.lineP90 },
  { key: 'p99Ms', label: 'p99', className: styles.lineP99 },
] as const;

function DurationChart({ row, range, title, onWindow, onExemplar }: Props) {
  const exemplars = row.exemplars.filter((e) => Number.isFinite(e.value) && e.timeMs >= range.startMs && e.timeMs <= range.endMs);
  const max = Math.max(0, ...QUANTILES.flatMap((q) => row[q.key].map((p) => p.value)).filter(Number.isFinite));
  const { containerRef, widthPx, x, y } = useChartFrame(range, max);
  const brush = useTimeBrush(x, range, onWindow);
  const expected = Math.round((range.endMs - range.startMs) / range.stepMs);
  const summary = `Duration of ${title}. ${QUANTILES.map((q) => seriesSummary(q.label, row[q.key], formatMs, expected)).join('. ')}. Drag across a window to see its traces.`;
  return (
    <figure className={styles.chart} ref={containerRef}>
      <figcaption className={styles.chartTitle}>
        Duration{' '}
        {QUANTILES.map((q) => (
          <span key={q.key} className={`${styles.key} ${q.className}`}>
            {q.label}
          </span>
        ))}
        {exemplars.length > 0 && <span className={styles.keyExemplar}>◆ example traces</span>}
      </figcaption>
      <svg width={widthPx} height={HEIGHT_PX} role="img" aria-label={summary} data-testid="duration-chart">
        <Axes x={x} y={y} widthPx={widthPx} format={formatMs} />
        <g {...brush.handlers} className={styles.chartHit}>
          <rect x={MARGIN.left} y={MARGIN.top} width={widthPx - MARGIN.left - MARGIN.right} height={HEIGHT_PX - MARGIN.top - MARGIN.bottom} className={styles.chartBackground} />
          {QUANTILES.map((q) => (
            <g key={q.key} className={q.className}>
              <path d={seriesPath(row[q.key], range.stepMs, (t) => x(t), (v) => y(v))} className={styles.line} />
              {isolatedPoints(row[q.key], range.stepMs).map((p) => (
                <circle key={p.timeMs} cx={x(p.timeMs)} cy={y(p.value)} r={2} className={styles.lineDot} />
              ))}
            </g>
          ))}
          {brush.selection && <rect x={brush.selection[0]} width={brush.selection[1] - brush.selection[0]} y={MARGIN.top} height={HEIGHT_PX - MARGIN.top - MARGIN.bottom} className={styles.brushRect} />}
        </g>
        {exemplars.map((exemplar) => (
          <rect
            key={`${exemplar.traceId}:${exemplar.spanId ?? ''}:${exemplar.timeMs}`}
            x={x(exemplar.timeMs) - 4}
            y={y(exemplar.value) - 4}
            width={8}
            height={8}
            transform={`rotate(45 ${x(exemplar.timeMs)} ${y(exemplar.value)})`}
            className={styles.exemplar}
            onClick={() => onExemplar(exemplar)}
          >
            <title>{`Example trace ${exemplar.traceId}: ${formatMs(exemplar.value)}`}</title>
          </rect>
        ))}
      </svg>
    </figure>
  );
}
