import type { Span } from '../model/span';
import { ColumnSpan } from './columns-trace';

/**
 * A copy of a span moved in time by `deltaNs` (its events too), with no children yet.
 * Works for both kinds of span: a plain object (buildTrace) is spread; a ColumnSpan
 * (traceFromColumns) keeps its lazily decoded fields, which a spread would drop
 * (they are getters on its prototype).
 */
export function shiftedSpan(span: Span, deltaNs: number): Span {
  if (span instanceof ColumnSpan) return span.shiftedBy(deltaNs);
  return {
    ...span,
    startNs: span.startNs + deltaNs,
    endNs: span.endNs + deltaNs,
    events: deltaNs === 0 ? span.events : span.events.map((e) => ({ ...e, timeNs: e.timeNs + deltaNs })),
    children: [],
  };
}
