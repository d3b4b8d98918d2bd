import { useId, useMemo, useState, type ReactNode } from 'react';
import { attributeValueText, type Attribute } from '../../../core';
import { AttributeValueView } from './AttributeValueView';
import styles from './SpanDetails.module.css';

type Sort = 'original' | 'asc' | 'desc';
const NEXT_SORT: Record<Sort, Sort> = { original: 'asc', asc: 'desc', desc: 'original' };
const SORT_LABEL: Record<Sort, string> = { original: 'as sent', asc: 'A→Z', desc: 'Z→A' };

/** One attribute group (span, resource or scope): filter by key or value, sort by key. */
export function AttributeTable({ title, attributes, extra }: { title: string; attributes: readonly Attribute[]; extra?: ReactNode }) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<Sort>('asc');
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
        <table className={styles.kvTable}>
          <tbody>
            {shown.map((a, i) => (
              <tr key={`${a.key}\u0000${i}`}>
                <th scope="row">{a.key}</th>
                <td data-type={a.value.type}>
                  <AttributeValueView value={a.value} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
