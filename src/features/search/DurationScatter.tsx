import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { axisBottom, axisLeft } from 'd3-axis';
import { brushX, type D3BrushEvent } from 'd3-brush';
import { scaleLinear, scaleLog, scaleSqrt, scaleTime, scaleUtc } from 'd3-scale';
import { select } from 'd3-selection';
import { formatDurationNs, type TraceSummary } from '../../core';
import { formatUnixNano } from '../../ui/format-time';
import { useTimeZone } from '../../ui/time-zone';
import { labelText } from '../../ui/label-text';
import { timeAxisLabels } from './time-axis-labels';

interface Props {
  readonly summaries: readonly TraceSummary[];
  /** the searched window: the plot never reaches outside it */
  readonly startMs: number;
  readonly endMs: number;
  readonly onOpen: (traceId: string) => void;
  /** a time window brushed on the plot: narrows the search */
  readonly onBrush: (range: { startMs: number; endMs: number }) => void;
}

const HEIGHT_PX = 190;
const MARGIN = { top: 10, right: 16, bottom: 26, left: 58 };

/**
 * The x domain: the searched window, so the plot shows where in it the traces
 * fell (all in its last minutes, or none in the first hour) and a brush reads
 * against the range the person chose. Without a bounded window (Local files are
 * searched whatever their time) it is the results' own span, padded so edge
 * points are not cut.
 */
function timeDomain(summaries: readonly TraceSummary[], startMs: number, endMs: number): [number, number] {
  if (Number.isFinite(startMs) && Number.isFinite(endMs) && startMs > 0 && endMs > startMs) return [startMs, endMs];
  const times = summaries.map((s) => Number(s.startUnixNano / 1_000_000n));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const pad = Math.max((last - first) * 0.04, 1000);
  return [first - pad, last + pad];
}

/**
 * Duration over time, one point per trace (Jaeger UI's scatter plot): errors are
 * red diamonds, size follows span count; click opens a trace, dragging across
 * the plot narrows the search to that time window. The table below is the
 * keyboard path to the same traces.
 */
export function DurationScatter({ summaries, startMs, endMs, onOpen, onBrush }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const [widthPx, setWidthPx] = useState(800);
  const [logScale, setLogScale] = useState(false);
  const [hovered, setHovered] = useState<TraceSummary>();
  const timeZone = useTimeZone();

  useLayoutEffect(() => {
    const element = containerRef.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidthPx(Math.max(240, Math.floor(entry.contentRect.width)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const { x, y, r } = useMemo(() => {
    const durationsMs = summaries.map((s) => s.durationNs / 1e6);
    const maxMs = Math.max(...durationsMs, 1);
    const minMs = Math.max(Math.min(...durationsMs.filter((d) => d > 0), maxMs), 0.001);
    return {
      // ticks fall on whole hours and minutes of the zone the axis is labelled in;
      // clamped: a trace that began just before the window sits on its edge
      x: (timeZone === 'utc' ? scaleUtc() : scaleTime())
        .domain(timeDomain(summaries, startMs, endMs))
        .range([MARGIN.left, widthPx - MARGIN.right])
        .clamp(true),
      y: (logScale ? scaleLog().domain([minMs / 1.5, maxMs * 1.5]) : scaleLinear().domain([0, maxMs * 1.08]))
        .range([HEIGHT_PX - MARGIN.bottom, MARGIN.top])
        .clamp(true),
      r: scaleSqrt()
        .domain([1, Math.max(...summaries.map((s) => s.spanCount ?? 1), 2)])
        .range([3, 9])
        .clamp(true),
    };
  }, [summaries, startMs, endMs, widthPx, logScale, timeZone]);

  // Axes are drawn by d3-axis into their <g>; React owns everything else.
  useEffect(() => {
    if (xAxisRef.current) {
      const ticks = x.ticks(Math.max(2, Math.floor(widthPx / 110)));
      const labels = timeAxisLabels(ticks, timeZone);
      select(xAxisRef.current).call(
        axisBottom(x)
          .tickValues(ticks)
          .tickFormat((_, i) => labels[i] ?? ''),
      );
    }
    if (yAxisRef.current) {
      select(yAxisRef.current).call(
        axisLeft(y)
          .ticks(5)
          .tickFormat((d) => formatDurationNs(Number(d) * 1e6)),
      );
    }
  }, [x, y, widthPx, timeZone]);

  useEffect(() => {
    const g = brushRef.current;
    if (!g) return;
    const brush = brushX<unknown>()
      .extent([
        [MARGIN.left, MARGIN.top],
        [widthPx - MARGIN.right, HEIGHT_PX - MARGIN.bottom],
      ])
      .on('end', (event: D3BrushEvent<unknown>) => {
        const selection = event.selection as [number, number] | null;
        if (!selection || !event.sourceEvent) return;
        const [from, to] = selection.map((px) => x.invert(px).getTime());
        select(g).call(brush.move, null);
        if (from !== undefined && to !== undefined && to - from >= 1000) onBrush({ startMs: Math.floor(from), endMs: Math.ceil(to) });
      });
    select(g).call(brush);
    return () => {
      select(g).on('.brush', null);
    };
  }, [x, widthPx, onBrush]);

  const errorCount = summaries.filter((s) => (s.errorSpanCount ?? 0) > 0).length;
  const label = `Duration over time: ${summaries.length} traces, ${errorCount} with errors. Drag across the plot to narrow the time range.`;

  return (
    <div className="scatter" ref={containerRef}>
      <div className="scatter-tools">
        <label>
          <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} /> Log scale
        </label>
      </div>
      <svg width={widthPx} height={HEIGHT_PX} role="img" aria-label={label} className="scatter-plot">
        <g ref={xAxisRef} transform={`translate(0,${HEIGHT_PX - MARGIN.bottom})`} className="axis x-axis" />
        <g ref={yAxisRef} transform={`translate(${MARGIN.left},0)`} className="axis" />
        <g ref={brushRef} className="brush" />
        <g className="points">
          {summaries.map((s) => {
            const cx = x(Number(s.startUnixNano / 1_000_000n));
            const cy = y(Math.max(s.durationNs / 1e6, 0.001));
            const size = r(s.spanCount ?? 1);
            const isError = (s.errorSpanCount ?? 0) > 0;
            const common = {
              className: isError ? 'point point-error' : 'point',
              onMouseEnter: () => setHovered(s),
              onMouseLeave: () => setHovered(undefined),
              onClick: () => onOpen(s.traceId),
              'data-trace-id': s.traceId,
            };
            return isError ? (
              <rect key={s.traceId} x={cx - size} y={cy - size} width={size * 2} height={size * 2} transform={`rotate(45 ${cx} ${cy})`} {...common} />
            ) : (
              <circle key={s.traceId} cx={cx} cy={cy} r={size} {...common} />
            );
          })}
        </g>
      </svg>
      {hovered && (
        <div
          className="scatter-tooltip"
          role="tooltip"
          style={{
            left: Math.min(x(Number(hovered.startUnixNano / 1_000_000n)) + 12, widthPx - 260),
            top: y(Math.max(hovered.durationNs / 1e6, 0.001)) - 8,
          }}
        >
          <strong>
            {labelText(hovered.rootServiceName)}: {labelText(hovered.rootSpanName)}
          </strong>
          <span>
            {formatDurationNs(hovered.durationNs)} · {hovered.spanCount ?? '?'} spans
            {hovered.errorSpanCount ? ` · ${hovered.errorSpanCount} errors` : ''}
          </span>
          <span>{formatUnixNano(hovered.startUnixNano, timeZone)}</span>
        </div>
      )}
    </div>
  );
}
