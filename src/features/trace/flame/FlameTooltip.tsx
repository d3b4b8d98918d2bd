import type { ReactNode } from 'react';
import { asyncReasonOf, asyncSpanInputOf, formatDurationNs, type AsyncReason } from '../../../core';
import type { TraceAnalyses } from '../trace-model';
import { graphStacks, statusSummary, type FlameChartModel, type FlameGraphModel } from './flame-model';
import styles from './Flame.module.css';
import { labelText } from '../../../ui/label-text';

interface Props {
  readonly analyses: TraceAnalyses;
  readonly chart: FlameChartModel | undefined;
  readonly graph: FlameGraphModel | undefined;
  readonly item: number;
  readonly xPx: number;
  readonly yPx: number;
  readonly boxWidthPx: number;
  readonly boxHeightPx: number;
}

/** Room the tooltip needs before it flips to the pointer's other side. */
const TOOLTIP_WIDTH_PX = 300;
const TOOLTIP_HEIGHT_PX = 150;
const OFFSET_PX = 14;

/** Why an async stack is not part of its parent's time, in the reader's words. */
const ASYNC_REASONS: Record<AsyncReason, string> = {
  consumer: 'consumed a message its parent produced',
  'follows-from': 'follows from its parent (FOLLOWS_FROM)',
  'outlives-parent': 'outlived its parent',
  'linked-root': 'a root linked to this trace',
};

/** What is under the pointer: a span (time mode) or a merged call path (aggregated mode). */
export function FlameTooltip({ analyses, chart, graph, item, xPx, yPx, boxWidthPx, boxHeightPx }: Props) {
  const { trace } = analyses;
  const traceNs = Math.max(trace.durationNs, 1);
  const percent = (ns: number) => `${((ns / traceNs) * 100).toFixed(ns / traceNs < 0.1 ? 1 : 0)}%`;
  const left = xPx + OFFSET_PX + TOOLTIP_WIDTH_PX > boxWidthPx ? Math.max(0, xPx - OFFSET_PX - TOOLTIP_WIDTH_PX) : xPx + OFFSET_PX;
  const top = yPx + OFFSET_PX + TOOLTIP_HEIGHT_PX > boxHeightPx ? Math.max(0, yPx - OFFSET_PX - TOOLTIP_HEIGHT_PX) : yPx + OFFSET_PX;
  let body: ReactNode = null;
  if (chart) {
    const spanIndex = chart.layout.spanIndex[item] ?? -1;
    const span = trace.spans[spanIndex];
    if (!span) return null;
    const durationNs = span.endNs - span.startNs;
    const criticalNs = chart.criticalNs[spanIndex] ?? 0;
    body = (
      <>
        <div className={styles.tipTitle}>
          <span className={styles.tipService}>{labelText(span.service)}</span> {labelText(span.name)}
        </div>
        <dl className={styles.tipFacts}>
          <dt>Duration</dt>
          <dd>
            {formatDurationNs(durationNs)} ({percent(durationNs)} of the trace)
          </dd>
          <dt>Self time</dt>
          <dd>{formatDurationNs(analyses.selfTimeNs[spanIndex] ?? 0)}</dd>
          <dt>Critical path</dt>
          <dd>{criticalNs > 0 ? `on it for ${formatDurationNs(criticalNs)}` : 'not on it'}</dd>
          <dt>Status</dt>
          <dd className={span.status.code === 'error' ? styles.tipError : undefined}>
            {span.status.code}
            {span.status.message ? `: ${span.status.message.slice(0, 120)}` : ''}
          </dd>
        </dl>
      </>
    );
  } else if (graph) {
    const { layout } = graph;
    if (item === 0) {
      const stacks = graphStacks(layout);
      body = (
        <>
          <div className={styles.tipTitle}>
            All {trace.spans.length} spans: {formatDurationNs(layout.totalNs[0] ?? 0)} in total
          </div>
          <dl className={styles.tipFacts}>
            <dt>Requests</dt>
            <dd>{formatDurationNs(stacks.rootNs)}</dd>
            {stacks.async > 0 && (
              <>
                <dt>Async</dt>
                <dd>
                  {formatDurationNs(stacks.asyncNs)} in {stacks.async} {stacks.async === 1 ? 'stack' : 'stacks'}
                </dd>
              </>
            )}
            <dt>Trace</dt>
            <dd>{formatDurationNs(trace.durationNs)} wall-clock</dd>
          </dl>
        </>
      );
    } else {
      const service = layout.texts[layout.serviceText[item] as number] ?? '';
      const name = layout.texts[layout.nameText[item] as number] ?? '';
      const totalNs = layout.totalNs[item] ?? 0;
      const criticalNs = graph.criticalNs[item] ?? 0;
      const errors = graph.errorCount[item] ?? 0;
      const isAsync = layout.asyncStart[item] === 1;
      const firstSpan = layout.firstSpanIndex[item] ?? -1;
      const reason = isAsync ? asyncReasonOf(asyncSpanInputOf(trace, analyses), firstSpan) : undefined;
      const starter = trace.spans[analyses.parent[firstSpan] ?? -1];
      body = (
        <>
          <div className={styles.tipTitle}>
            {isAsync && <span className={styles.tipAsync}>async</span>}
            <span className={styles.tipService}>{labelText(service)}</span> {labelText(name)}
          </div>
          <dl className={styles.tipFacts}>
            <dt>Count</dt>
            <dd>{layout.count[item]} spans</dd>
            <dt>Total</dt>
            <dd>
              {formatDurationNs(totalNs)} ({percent(totalNs)} of the trace)
            </dd>
            <dt>Self</dt>
            <dd>{formatDurationNs(layout.selfNs[item] ?? 0)}</dd>
            <dt>Average</dt>
            <dd>{formatDurationNs(layout.meanNs[item] ?? 0)}</dd>
            <dt>Critical path</dt>
            <dd>{criticalNs > 0 ? `on it for ${formatDurationNs(criticalNs)}` : 'not on it'}</dd>
            {isAsync && (
              <>
                <dt>Async</dt>
                <dd>
                  {reason ? ASYNC_REASONS[reason] : 'did not hold its parent up'}
                  {starter ? `: ${labelText(starter.service)} ${labelText(starter.name)}` : ''}
                </dd>
              </>
            )}
            <dt>Status</dt>
            <dd className={errors > 0 ? styles.tipError : undefined}>{statusSummary(layout.count[item] ?? 0, errors, graph.okCount[item] ?? 0)}</dd>
          </dl>
        </>
      );
    }
  }
  return (
    <div className={styles.tooltip} role="tooltip" data-testid="flame-tooltip" style={{ left, top, maxWidth: TOOLTIP_WIDTH_PX }}>
      {body}
    </div>
  );
}
