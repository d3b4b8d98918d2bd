import { Link } from 'react-router';
import type { MetricsRange, RedRow } from '../../core';
import type { ServicesSortKey } from '../../state/services-url';
import { formatCount, formatMs, formatPercent, formatRate, rowName, sortRows } from './red-format';
import { Sparkline } from './Sparkline';
import styles from './services.module.css';

interface Props {
  readonly rows: readonly RedRow[];
  readonly range: MetricsRange;
  readonly groupBy: 'service' | 'operation';
  readonly sort: ServicesSortKey;
  readonly order: 'asc' | 'desc';
  readonly onSort: (sort: ServicesSortKey, order: 'asc' | 'desc') => void;
  /** where a row's name leads (its service page, or the operation on it) */
  readonly linkOf: (row: RedRow) => { pathname: string; search: string };
  /** the table's caption: what its rows are */
  readonly caption: string;
  readonly onBrush?: (window: { startMs: number; endMs: number }) => void;
  /** operations of several services: the service is said beside each operation */
  readonly showService?: boolean;
}

const COLUMNS: readonly { key: ServicesSortKey; label: string; title: string }[] = [
  { key: 'rate', label: 'Rate', title: 'requests per second' },
  { key: 'errorPct', label: 'Errors', title: 'share of requests that failed, and how many' },
  { key: 'p50', label: 'p50', title: 'median duration' },
  { key: 'p90', label: 'p90', title: '90th percentile duration' },
  { key: 'p99', label: 'p99', title: '99th percentile duration' },
];

/**
 * One row per service (or operation): rate, errors, p50/p90/p99 over the range, each
 * with its sparkline. Sortable by every column: a header is a button, its state in
 * aria-sort; a figure column sorts largest first on its first press, as a person
 * hunting the slowest or the most failing expects.
 */
export function RedTable({ rows, range, groupBy, sort, order, onSort, linkOf, caption, onBrush, showService }: Props) {
  const sorted = sortRows(rows, sort, order, groupBy);
  const header = (key: ServicesSortKey, label: string, title: string) => {
    const active = sort === key;
    const nextOrder = active ? (order === 'asc' ? 'desc' : 'asc') : key === 'name' ? 'asc' : 'desc';
    return (
      <th key={key} scope="col" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} className={key === 'name' ? undefined : styles.numeric}>
        <button type="button" className={styles.sortButton} title={`Sort by ${title}`} onClick={() => onSort(key, nextOrder)}>
          {label}
          <span aria-hidden="true" className={styles.sortMark}>
            {active ? (order === 'asc' ? '▲' : '▼') : ''}
          </span>
        </button>
      </th>
    );
  };
  return (
    <div className="table-scroll">
      <table className={styles.redTable}>
        <caption className="visually-hidden">{caption}. Column headers sort the table.</caption>
        <thead>
          <tr>
            {header('name', groupBy === 'operation' ? 'Operation' : 'Service', 'name')}
            {COLUMNS.map((c) => header(c.key, c.label, c.title))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const name = rowName(row, groupBy);
            const t = row.total;
            return (
              <tr key={`${row.service}\u0000${row.operation ?? ''}`} data-row={name}>
                <th scope="row" className={styles.rowName}>
                  <Link to={linkOf(row)}>{name}</Link>
                  {showService && <span className={styles.rowService}>{row.service}</span>}
                </th>
                <td className={styles.numeric}>
                  <span className={styles.figure}>{formatRate(t.ratePerSecond)}</span>
                  <Sparkline points={row.rate} range={range} label={`Rate of ${name}`} format={formatRate} {...(onBrush ? { onBrush } : {})} />
                </td>
                <td className={styles.numeric}>
                  <span className={styles.figure}>
                    {formatPercent(t.errorFraction)}
                    {t.errorCount !== undefined && <span className={styles.subFigure}> ({formatCount(t.errorCount)})</span>}
                  </span>
                  <Sparkline points={row.errorRate} range={range} label={`Errors per second of ${name}`} format={formatRate} tone="error" {...(onBrush ? { onBrush } : {})} />
                </td>
                {(['p50Ms', 'p90Ms', 'p99Ms'] as const).map((q) => (
                  <td key={q} className={styles.numeric}>
                    <span className={styles.figure}>{formatMs(t[q])}</span>
                    <Sparkline points={row[q]} range={range} label={`${q.slice(0, 3)} duration of ${name}`} format={formatMs} {...(onBrush ? { onBrush } : {})} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
