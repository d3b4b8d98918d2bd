import type { ReactNode } from 'react';
import { formatDurationNs, type SkewAdjustment, type Span } from '../../../core';
import { CopyButton } from '../../../ui/CopyButton';
import { ServiceChip } from '../../../ui/ServiceChip';
import type { TraceAnalyses } from '../trace-model';
import { AttributeTable } from './AttributeTable';
import { EventList } from './EventList';
import { LinkList } from './LinkList';
import { SpanWarnings } from './SpanWarnings';
import { labelText, MAX_SHOWN_CHARS } from './value-format';
import styles from './SpanDetails.module.css';
import { BreakableText } from '../../../ui/BreakableText';

interface Props {
  readonly analyses: TraceAnalyses;
  readonly spanIndex: number;
  /** this span's own skew shift, when times are adjusted */
  readonly skew: SkewAdjustment | undefined;
  /** total shift of this span (its ancestors' shifts included), when times are adjusted */
  readonly totalOffsetNs: number | undefined;
  readonly params: URLSearchParams;
  /** the span's log records (the Logs section), rendered by the page that holds the logs */
  readonly logs?: ReactNode;
  /** copies a link to this span (the page builds it: it knows the whole view) */
  readonly onCopyLink?: () => void;
  readonly onSelectSpan: (spanIndex: number) => void;
  readonly onClose: () => void;
}

/** Everything about one span, in the side panel. */
export function SpanDetails({ analyses, spanIndex, skew, totalOffsetNs, params, logs, onCopyLink, onSelectSpan, onClose }: Props) {
  const { trace } = analyses;
  const span = trace.spans[spanIndex] as Span;
  const parentIndex = analyses.parent[spanIndex] ?? -1;
  const parent = parentIndex >= 0 ? trace.spans[parentIndex] : undefined;
  const onPath = analyses.segmentsOf(spanIndex);
  const criticalNs = onPath.reduce((sum, s) => sum + s.endNs - s.startNs, 0);
  return (
    <aside className={styles.panel} aria-label="Span details">
      <header className={styles.head}>
        <h2 className={styles.title}>{labelText(span.name)}</h2>
        {onCopyLink && (
          <button type="button" className={styles.smallButton} onClick={onCopyLink}>
            Copy link to span
          </button>
        )}
        <button type="button" className={styles.close} onClick={onClose} aria-label="Close span details" title="Close (Esc)">
          ×
        </button>
      </header>
      <div className={styles.scroll}>
        <div className={styles.service}>
          <ServiceChip name={labelText(span.service)} />
        </div>
        <dl className={styles.facts}>
          <Fact term="Kind">{span.kind}</Fact>
          <Fact term="Status">
            <span className={span.status.code === 'error' ? styles.statusError : undefined} data-testid="span-status">
              {span.status.code}
              {span.status.message && `: ${labelText(span.status.message, MAX_SHOWN_CHARS)}`}
            </span>
          </Fact>
          <Fact term="Start">+{formatDurationNs(span.startNs)}</Fact>
          <Fact term="Duration">{formatDurationNs(span.endNs - span.startNs)}</Fact>
          <Fact term="Self time">{formatDurationNs(analyses.selfTimeNs[spanIndex] ?? 0)}</Fact>
          <Fact term="Critical path">{criticalNs > 0 ? formatDurationNs(criticalNs) : 'not on it'}</Fact>
          {totalOffsetNs !== undefined && (
            <Fact term="Clock skew">
              <span title={skew?.reason}>
                shifted {totalOffsetNs > 0 ? '+' : '−'}
                {formatDurationNs(Math.abs(totalOffsetNs))}
                {skew ? '' : ' (with an ancestor)'}
              </span>
            </Fact>
          )}
          <Fact term="Span ID">
            <span className="mono">{span.spanId}</span> <CopyButton text={span.spanId} label="Copy span ID" className={styles.smallButton} />
          </Fact>
          <Fact term="Parent" wide>
            {parent ? (
              <button type="button" className={styles.spanButton} onClick={() => onSelectSpan(parentIndex)} title={`Select ${parent.spanId}`}>
                {labelText(parent.service)}: <BreakableText text={labelText(parent.name)} />
              </button>
            ) : span.parentSpanId ? (
              <span className={styles.muted}>{span.parentSpanId} (not in this trace)</span>
            ) : (
              <span className={styles.muted}>none (root)</span>
            )}
          </Fact>
        </dl>
        <SpanWarnings span={span} />
        <AttributeTable title="Span attributes" attributes={span.attributes} />
        <AttributeTable title="Resource" attributes={span.resource.attributes} />
        <AttributeTable
          title="Scope"
          attributes={span.scope.attributes}
          extra={
            span.scope.name ? (
              <p className={styles.scopeName}>
                {labelText(span.scope.name)}
                {span.scope.version && ` ${labelText(span.scope.version)}`}
              </p>
            ) : undefined
          }
        />
        {logs}
        <EventList span={span} />
        <LinkList span={span} trace={trace} indexById={analyses.indexById} backlinks={analyses.linkedFrom.get(span.spanId) ?? []} params={params} onSelectSpan={onSelectSpan} />
      </div>
    </aside>
  );
}

/** `wide`: a fact that reads as a sentence (a name) takes the whole row rather than a narrow column. */
function Fact({ term, wide = false, children }: { term: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? styles.wideFact : undefined}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
