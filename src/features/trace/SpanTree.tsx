import { useEffect, useRef } from 'react';
import { scaleLinear } from 'd3-scale';
import { formatDurationNs, type Trace } from '../../core';
import { serviceColor } from '../../ui/service-color';

/** Indent per depth level; capped so a 1,000-deep chain still leaves room for the name. */
const INDENT_PX = 14;
const MAX_INDENT_PX = 420;

/**
 * The spans as an indented tree in depth-first order, each with its duration
 * and a bar on the trace's time scale. (The full waterfall — virtualised,
 * collapsible, with the critical path — replaces this; see issue "trace page".)
 */
export function SpanTree({ trace, selectedSpanId, onSelect }: { trace: Trace; selectedSpanId?: string; onSelect?: (spanId: string) => void }) {
  const listRef = useRef<HTMLOListElement>(null);
  // A link that names a span (?span=, a pasted traceparent) brings it into view.
  useEffect(() => {
    if (!selectedSpanId) return;
    const row = listRef.current?.querySelector(`[data-span-id="${CSS.escape(selectedSpanId)}"]`);
    row?.scrollIntoView?.({ block: 'center' });
  }, [selectedSpanId]);
  const x = scaleLinear().domain([0, Math.max(trace.durationNs, 1)]).range([0, 100]).clamp(true);
  return (
    <section className="span-tree" aria-label="Spans">
      <div className="span-tree-head" aria-hidden="true">
        <span>Service and operation</span>
        <span>Timeline · {formatDurationNs(trace.durationNs)}</span>
      </div>
      <ol className="span-list" ref={listRef}>
        {trace.spans.map((span) => {
          const left = x(span.startNs);
          const width = Math.max(x(span.endNs) - left, 0.2);
          const isError = span.status.code === 'error';
          const isSelected = span.spanId === selectedSpanId;
          return (
            <li
              key={span.spanId}
              className={`span-row${isError ? ' is-error' : ''}${isSelected ? ' is-selected' : ''}`}
              data-span-id={span.spanId}
              aria-level={span.depth + 1}
              aria-current={isSelected ? 'true' : undefined}
              onClick={onSelect ? () => onSelect(span.spanId) : undefined}
            >
              <span className="span-label" style={{ paddingLeft: Math.min(span.depth * INDENT_PX, MAX_INDENT_PX) }}>
                <span className="service-swatch" style={{ background: serviceColor(span.service) }} aria-hidden="true" />
                <span className="span-service">{span.service}</span>
                <span className="span-name">{span.name}</span>
                {isError && (
                  <span className="error-badge" title={span.status.message || 'error'}>
                    error
                  </span>
                )}
                {span.orphan && (
                  <span className="orphan-badge" title={`parent ${span.parentSpanId ?? ''} is not in this trace`}>
                    orphan
                  </span>
                )}
              </span>
              <span className="span-timeline">
                <span
                  className="span-bar"
                  style={{ left: `${left}%`, width: `${width}%`, background: serviceColor(span.service) }}
                  aria-hidden="true"
                />
                <span className="span-duration">{formatDurationNs(span.endNs - span.startNs)}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
