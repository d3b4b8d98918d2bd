import { useId, useMemo, useState } from 'react';
import { formatDurationNs, traceStats, type Trace, type TraceStatsRow } from '../../../core';
import type { StatsColumn, StatsGrouping, StatsSort } from '../../../state/trace-url';
import { ServiceChip } from '../../../ui/ServiceChip';
import { nextSort, sortStatsRows } from './sort-stats-rows';
import styles from './Stats.module.css';
import { labelText } from '../../../ui/label-text';
import { useSensitiveKey } from '../details/use-sensitive-keys';

interface Props {
  readonly trace: Trace;
  readonly group: StatsGrouping;
  readonly sort: StatsSort | undefined;
  readonly onGroup: (group: StatsGrouping) => void;
  readonly onSort: (sort: StatsSort) => void;
  /** a row chosen: highlight its spans in the waterfall */
  readonly onRow: (row: TraceStatsRow) => void;
}

const COLUMNS: readonly { readonly id: StatsColumn; readonly label: string; readonly title?: string }[] = [
  { id: 'label', label: 'Group' },
  { id: 'count', label: 'Count' },
  { id: 'total', label: 'Total', title: 'Sum of the spans’ durations' },
  { id: 'self', label: 'Self total', title: 'Sum of the spans’ self times (duration minus children)' },
  { id: 'avg', label: 'Avg' },
  { id: 'min', label: 'Min' },
  { id: 'max', label: 'Max' },
  { id: 'percent', label: '% of trace', title: 'Self total as a share of the trace’s duration; parallel work adds up past 100' },
  { id: 'critical', label: 'Critical path', title: 'Time these spans spend on the critical path' },
  { id: 'errors', label: 'Errors' },
];

/** Attribute keys offered for grouping: the first this many distinct keys is plenty for a picker. */
const MAX_KEYS = 300;

/** The Statistics tab: Jaeger's trace statistics, plus critical-path time and errors; sortable, rows highlight their spans. */
export function StatsView({ trace, group, sort, onGroup, onSort, onRow }: Props) {
  const ids = useId();
  const rows = useMemo(() => traceStats(trace, group), [trace, group]);
  const sorted = useMemo(() => sortStatsRows(rows, sort), [rows, sort]);
  const keys = useMemo(() => attributeKeys(trace), [trace]);
  const mode = typeof group === 'string' ? group : 'attribute';
  const [keyDraft, setKeyDraft] = useState(typeof group === 'string' ? '' : group.attribute);
  // grouping by a secret-carrying key lists the secrets: masked until asked, like in the details
  const isSensitive = useSensitiveKey();
  const masked = typeof group !== 'string' && isSensitive(group.attribute);
  const [revealedKey, setRevealedKey] = useState<string | undefined>(undefined);
  const hideValues = masked && revealedKey !== group.attribute;
  return (
    <section className={styles.view} aria-label="Statistics">
      <div className={styles.controls}>
        <label htmlFor={`${ids}-group`}>Group by</label>
        <select
          id={`${ids}-group`}
          value={mode}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'service' || v === 'operation' || v === 'service+operation') onGroup(v);
            else onGroup({ attribute: keyDraft || keys[0] || 'http.route' });
          }}
        >
          <option value="service">service</option>
          <option value="operation">operation</option>
          <option value="service+operation">service + operation</option>
          <option value="attribute">attribute…</option>
        </select>
        {mode === 'attribute' && (
          <form
            className={styles.keyForm}
            onSubmit={(e) => {
              e.preventDefault();
              if (keyDraft.trim() !== '') onGroup({ attribute: keyDraft.trim() });
            }}
          >
            <input aria-label="Attribute key" list={`${ids}-keys`} value={keyDraft} onChange={(e) => setKeyDraft(e.target.value)} onBlur={() => keyDraft.trim() !== '' && onGroup({ attribute: keyDraft.trim() })} />
            <datalist id={`${ids}-keys`}>
              {keys.map((k) => (
                <option key={k} value={k} />
              ))}
            </datalist>
          </form>
        )}
        {masked && (
          <button type="button" onClick={() => setRevealedKey(hideValues ? group.attribute : undefined)}>
            {hideValues ? 'Reveal values' : 'Hide values'}
          </button>
        )}
        <span className={styles.hint}>Click a row to highlight its spans in the waterfall.</span>
      </div>
      <div className={styles.scroller}>
        <table className={styles.table} aria-label="Trace statistics">
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const active = sort?.column === c.id;
                return (
                  <th key={c.id} scope="col" aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'} className={c.id === 'label' ? styles.labelCol : undefined}>
                    <button type="button" className={styles.sortButton} title={c.title} onClick={() => onSort(nextSort(sort, c.id))}>
                      {c.label}
                      <span aria-hidden="true" className={styles.arrow}>
                        {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={row.key} onClick={() => onRow(row)} data-testid="stats-row">
                <th scope="row" className={styles.labelCol}>
                  <button type="button" className={styles.rowButton} onClick={(e) => (e.stopPropagation(), onRow(row))} title={`Highlight the ${row.count} spans in the waterfall`}>
                    {row.service !== undefined && row.operation === undefined ? (
                      <ServiceChip name={row.service} />
                    ) : hideValues && !row.missing ? (
                      <span aria-label="masked value">••••••••</span>
                    ) : (
                      labelText(row.label)
                    )}
                  </button>
                </th>
                <td>{row.count}</td>
                <td>{formatDurationNs(row.totalNs)}</td>
                <td data-testid="stats-self">{formatDurationNs(row.selfNs)}</td>
                <td>{formatDurationNs(row.avgNs)}</td>
                <td>{formatDurationNs(row.minNs)}</td>
                <td>{formatDurationNs(row.maxNs)}</td>
                <td>{row.percentOfTrace.toFixed(1)}%</td>
                <td>{row.criticalPathNs > 0 ? formatDurationNs(row.criticalPathNs) : '–'}</td>
                <td className={row.errorCount > 0 ? styles.errors : undefined}>{row.errorCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function attributeKeys(trace: Trace): string[] {
  const keys = new Set<string>();
  for (const span of trace.spans) {
    for (const a of span.attributes) if (keys.size < MAX_KEYS) keys.add(a.key);
    for (const a of span.resource.attributes) if (keys.size < MAX_KEYS) keys.add(a.key);
    if (keys.size >= MAX_KEYS) break;
  }
  return [...keys].sort();
}
