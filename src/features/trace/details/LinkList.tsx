import { Link } from 'react-router';
import type { Span, SpanLink, Trace } from '../../../core';
import { traceHref } from '../../../state/trace-url';
import { KeyValueRows } from './AttributeValueView';
import { labelText } from './value-format';
import styles from './SpanDetails.module.css';

interface Props {
  readonly span: Span;
  readonly trace: Trace;
  readonly indexById: ReadonlyMap<string, number>;
  /** spans of this trace whose links point at this span */
  readonly backlinks: readonly number[];
  readonly params: URLSearchParams;
  readonly onSelectSpan: (spanIndex: number) => void;
}

/** Links out of the span (same trace: select the span; other trace: open it) and the backlinks into it. */
export function LinkList({ span, trace, indexById, backlinks, params, onSelectSpan }: Props) {
  return (
    <section className={styles.group} aria-label="Links">
      <div className={styles.groupHead}>
        <h3>
          Links <span className={styles.count}>{span.links.length + backlinks.length}</span>
        </h3>
      </div>
      {span.links.length === 0 && backlinks.length === 0 && <p className={styles.muted}>None</p>}
      {span.links.length > 0 && (
        <ul className={styles.linkList}>
          {span.links.map((link, i) => (
            <li key={i}>
              <LinkTarget link={link} trace={trace} indexById={indexById} params={params} onSelectSpan={onSelectSpan} />
              {link.attributes.length > 0 && <KeyValueRows attributes={link.attributes} />}
            </li>
          ))}
        </ul>
      )}
      {backlinks.length > 0 && (
        <>
          <h4 className={styles.subhead}>Linked from</h4>
          <ul className={styles.linkList}>
            {backlinks.map((index) => {
              const from = trace.spans[index];
              if (!from) return null;
              return (
                <li key={index}>
                  <button type="button" className={styles.spanButton} onClick={() => onSelectSpan(index)}>
                    {labelText(from.service)}: {labelText(from.name)}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

function LinkTarget({ link, trace, indexById, params, onSelectSpan }: { link: SpanLink; trace: Trace; indexById: ReadonlyMap<string, number>; params: URLSearchParams; onSelectSpan: (i: number) => void }) {
  if (link.traceId === trace.traceId) {
    const index = indexById.get(link.spanId);
    const target = index === undefined ? undefined : trace.spans[index];
    if (index === undefined || !target) return <span className={styles.muted}>span {link.spanId} (not in this trace)</span>;
    return (
      <button type="button" className={styles.spanButton} onClick={() => onSelectSpan(index)}>
        {labelText(target.service)}: {labelText(target.name)}
      </button>
    );
  }
  return (
    <Link to={traceHref(params, link.traceId, link.spanId)} className={styles.link}>
      trace {link.traceId.slice(0, 12)}… span {link.spanId}
    </Link>
  );
}
