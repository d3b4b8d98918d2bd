import { useId, useMemo, useState, type ReactNode } from 'react';
import { attributeValueText, type Attribute } from '../../../core';
import { KeyedValue } from './AttributeValueView';
import { labelText } from './value-format';
import { BreakableText } from '../../../ui/BreakableText';
import styles from './SpanDetails.module.css';

type Sort = 'original' | 'asc' | 'desc';
const NEXT_SORT: Record<Sort, Sort> = { original: 'asc', asc: 'desc', desc: 'original' };
const SORT_LABEL: Record<Sort, string> = { original: 'as sent', asc: 'A→Z', desc: 'Z→A' };
/** Rows drawn before "Show all": 10,000 attributes on one span would be ~50,000 DOM nodes on every selection. */
export const MAX_ROWS_SHOWN = 500;

/** One attribute group (span, resource or scope): filter by key or value, sort by key. */
export function AttributeTable({ title, attributes, extra }: { title: string; attributes: readonly Attribute[]; extra?: ReactNode }) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<Sort>('asc');
  // "Show all" belongs to this list of attributes: another span's list starts short again
  const [allShownFor, setAllShownFor] = useState<readonly Attribute[] | undefined>(undefined);
  const filterId = useId();
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const kept = needle === '' ? [...attributes] : attributes.filter((a) => a.key.toLowerCase().includes(needle) || attributeValueText(a.value).toLowerCase().includes(needle));
    if (sort !== 'original') kept.sort((a, b) => (sort === 'asc' ? 1 : -1) * a.key.localeCompare(b.key));
    return kept;
  }, [attributes, filter, sort]);
  return (
    <section className={styles.group} aria-label={title}>
      <div className={styles.groupHead}>
        <h3>
          {title} <span className={styles.count}>{attributes.length}</span>
        </h3>
        {attributes.length > 1 && (
          <>
            <label htmlFor={filterId} className="visually-hidden">
              Filter {title.toLowerCase()}
            </label>
            <input id={filterId} type="search" className={styles.filter} placeholder="Filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
            <button type="button" className={styles.smallButton} onClick={() => setSort(NEXT_SORT[sort])} aria-label={`Sort ${title.toLowerCase()}: ${SORT_LABEL[sort]}`}>
              {SORT_LABEL[sort]}
            </button>
          </>
        )}
      </div>
      {extra}
      {attributes.length === 0 ? (
        <p className={styles.muted}>No attributes</p>
      ) : shown.length === 0 ? (
        <p className={styles.muted}>No attribute matches “{filter}”.</p>
      ) : (
        <>
          <table className={styles.kvTable}>
            <tbody>
              {(allShownFor === attributes ? shown : shown.slice(0, MAX_ROWS_SHOWN)).map((a, i) => (
                <tr key={`${a.key}\u0000${i}`}>
                  <th scope="row">
                    <BreakableText text={labelText(a.key)} />
                  </th>
                  <td data-type={a.value.type}>
                    <KeyedValue attributeKey={a.key} value={a.value} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length > MAX_ROWS_SHOWN && allShownFor !== attributes && (
            <button type="button" className={`${styles.smallButton} ${styles.showAllRows}`} onClick={() => setAllShownFor(attributes)}>
              Show all {shown.length.toLocaleString('en')} rows
            </button>
          )}
        </>
      )}
    </section>
  );
}
