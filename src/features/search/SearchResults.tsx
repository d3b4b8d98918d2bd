import { useId, useMemo, type MouseEvent, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { formatDurationNs, shortTraceId, sortSummaries, type SearchQuery, type SortDirection, type SummarySortKey, type TraceSummary } from '../../core';
import type { SearchResult } from '../../state/queries';
import { isBackendError } from '../../state/queries';
import { readSort, withSort } from '../../state/search-url';
import { TraceQLErrorPosition } from './TraceQLErrorPosition';
import { useStartTimeStyle } from './start-time-store';
import styles from './Search.module.css';
import { formatAgo, formatUnixNano } from '../../ui/format-time';
import { useTimeZone } from '../../ui/time-zone';
import { ServiceChip } from '../../ui/ServiceChip';
import { EmptyState, ErrorState, LoadingState } from '../../ui/StatusMessage';
import { labelText } from '../../ui/label-text';
import { moveAmongResultLinks } from '../../ui/link-list-keys';

/** Results already on screen before this search: shown beside its error rather than lost. */
export interface EarlierResults {
  readonly query: SearchQuery;
  readonly data: SearchResult;
  /** the same search, answered earlier (e.g. before Back returned to it) */
  readonly sameSearch?: boolean;
}

interface Props {
  readonly result: UseQueryResult<SearchResult>;
  readonly query: SearchQuery;
  readonly sourceName: string;
  readonly earlier?: EarlierResults;
}

export function SearchResults({ result, query, sourceName, earlier }: Props) {
  const [params, setParams] = useSearchParams();
  const sourceParam = params.get('source');
  const timeZone = useTimeZone();
  const startStyle = useStartTimeStyle((s) => s.style);
  const setStartStyle = useStartTimeStyle((s) => s.setStyle);
  const startStyleName = useId();
  // null: the backend's order (newest first for Tempo); in the URL, so a link shows the table as it was
  const { sort } = readSort(params);
  // replace: re-sorting is not a place to go Back to
  const setSort = (next: { key: SummarySortKey; direction: SortDirection }) => setParams((current) => withSort(current, next), { replace: true });
  // a failed refresh keeps its own last answer; a failed new search shows the earlier one beside the error
  const ownData = result.data;
  const data = ownData ?? (result.isError ? earlier?.data : undefined);
  const rows = useMemo(() => (data && sort ? sortSummaries(data.summaries, sort.key, sort.direction) : (data?.summaries ?? [])), [data, sort]);

  if (result.isPending) {
    return (
      <section aria-label="Search results" aria-busy="true" className="results">
        <LoadingState>Searching {sourceName}…</LoadingState>
        <div className="skeleton-rows" aria-hidden="true">
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i} className="skeleton-row" />
          ))}
        </div>
      </section>
    );
  }
  let failure: ReactNode = null;
  if (result.isError) {
    const error = result.error;
    // A 400 is the query itself (a TraceQL error, a bad tag): the same request would be refused again.
    const refused = isBackendError(error) && error.kind === 'http' && (error.status === 400 || error.status === 422);
    const title = isBackendError(error) && error.kind === 'timeout' ? 'The search timed out' : refused ? 'The server refused the query' : 'The search failed';
    failure = (
      <ErrorState title={title} message={error.message} onRetry={refused ? undefined : () => void result.refetch()}>
        {query.traceql !== undefined && <TraceQLErrorPosition query={query.traceql} message={error.message} />}
        {refused && <p className="state-note">Change the search above and press Search.</p>}
        {isBackendError(error) && error.url !== '' && <p className="state-note">Request: {error.url}</p>}
        {ownData ? (
          <p className="state-note">The results below are from before the failed refresh.</p>
        ) : (
          data &&
          (earlier?.sameSearch ? (
            <p className="state-note">The results below are from when this search last answered.</p>
          ) : (
            <p className="state-note">The results below are from your previous search ({describeQuery(earlier?.query ?? query)}), not this one.</p>
          ))
        )}
      </ErrorState>
    );
    if (!data) return failure;
  }
  if (!data) return null;
  const { summaries, warnings, note } = data;
  if (summaries.length === 0) {
    if (failure) return failure;
    return (
      <EmptyState title="No traces match">
        <p>
          Nothing in {sourceName} matched {describeQuery(query)}. Try a longer time range or fewer filters.
        </p>
      </EmptyState>
    );
  }
  const nowMs = (ownData ? query : (earlier?.query ?? query)).endMs;
  const longestNs = Math.max(...summaries.map((s) => s.durationNs), 1);
  const header = (key: SummarySortKey, label: string, numeric = false) => {
    const active = sort?.key === key;
    const next: SortDirection = active && sort.direction === 'descending' ? 'ascending' : 'descending';
    return (
      <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? sort.direction : undefined}>
        <button type="button" className="sort-button" onClick={() => setSort({ key, direction: next })}>
          {label}
          <span aria-hidden="true">{active ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  // ↑/↓ move between result links; Enter (native) opens one.
  const onKeyDown = moveAmongResultLinks;

  return (
    <section aria-label="Search results" className="results">
      {failure}
      <div className={styles.resultsBar}>
        <p className="results-summary" role="status">
          {summaries.length} {summaries.length === 1 ? 'trace' : 'traces'}
          {note ? ` · ${note}` : ''}
          {result.isFetching ? ' · refreshing…' : ''}
        </p>
        <fieldset className={styles.startStyle}>
          <legend>Start times:</legend>
          {(['relative', 'absolute'] as const).map((style) => (
            <label key={style}>
              <input type="radio" name={startStyleName} value={style} checked={startStyle === style} onChange={() => setStartStyle(style)} />
              {style}
            </label>
          ))}
        </fieldset>
      </div>
      {warnings.length > 0 && (
        <details className="banner banner-warning">
          <summary>{warnings.length} result rows could not be read</summary>
          <ul>
            {warnings.slice(0, 20).map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      <div className="table-scroll">
        <table className="results-table">
          <thead>
            <tr>
              {header('root', 'Trace')}
              {header('start', 'Start')}
              {header('duration', 'Duration', true)}
              {header('spans', 'Spans', true)}
              {header('errors', 'Errors', true)}
              <th scope="col">Services</th>
            </tr>
          </thead>
          <tbody onKeyDown={onKeyDown} onClick={openClickedRow}>
            {rows.map((s: TraceSummary) => (
              <tr key={s.traceId} className={`${s.errorSpanCount ? 'result-row has-error' : 'result-row'} ${styles.row}`}>
                <td>
                  <Link className="result-link" to={{ pathname: `/trace/${s.traceId}`, search: sourceParam ? `?source=${encodeURIComponent(sourceParam)}` : '' }}>
                    <span className="result-root">
                      {labelText(s.rootServiceName)}: {labelText(s.rootSpanName) || '(no name)'}
                    </span>
                    <span className="trace-id">{shortTraceId(s.traceId)}</span>
                  </Link>
                </td>
                <td>
                  <StartTime unixNano={s.startUnixNano} nowMs={nowMs} style={startStyle} absolute={formatUnixNano(s.startUnixNano, timeZone)} />
                </td>
                <td className="num duration-cell">
                  <div className={styles.duration}>
                    <span className="duration-text">{formatDurationNs(s.durationNs)}</span>
                    <span className={styles.durationTrack} aria-hidden="true">
                      <span className="duration-bar" style={{ width: `${(s.durationNs / longestNs) * 100}%` }} />
                    </span>
                  </div>
                </td>
                <td className="num">{s.spanCount ?? '–'}</td>
                <td className={s.errorSpanCount ? 'num error-count' : 'num'}>{s.errorSpanCount ?? '–'}</td>
                <td className="services-cell">
                  {s.services.slice(0, 6).map((svc) => (
                    <ServiceChip key={svc.name} name={svc.name} count={svc.spanCount} />
                  ))}
                  {s.services.length > 6 && (
                    <span className="more" title={s.services.slice(6).map((svc) => `${svc.name} (${svc.spanCount})`).join(', ')}>
                      +{s.services.length - 6}
                      <span className="visually-hidden"> more: {s.services.slice(6).map((svc) => svc.name).join(', ')}</span>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The start as "5 minutes ago" or as the wall clock; the other reading on hover. */
function StartTime({ unixNano, nowMs, style, absolute }: { unixNano: bigint; nowMs: number; style: 'relative' | 'absolute'; absolute: string }) {
  const relative = formatAgo(unixNano, nowMs);
  return (
    <time dateTime={new Date(Number(unixNano / 1_000_000n)).toISOString()} title={style === 'relative' ? absolute : relative}>
      {style === 'relative' ? relative : absolute}
    </time>
  );
}

/**
 * A click anywhere on a result row opens its trace, as in Jaeger UI; the row's link
 * takes the focus first, so Enter and ↑/↓ carry on from the row a person clicked.
 * A drag that selected text (a trace id to copy) only moves the focus, and a click
 * on the link itself is the link's.
 */
function openClickedRow(event: MouseEvent<HTMLElement>): void {
  const target = event.target as Element;
  if (target.closest('a, button, input, select, textarea, summary, label')) return;
  const link = target.closest('tr')?.querySelector<HTMLAnchorElement>('a.result-link');
  if (!link) return;
  const selection = window.getSelection();
  const selecting = selection !== null && !selection.isCollapsed;
  link.focus({ preventScroll: true });
  if (selecting || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  link.click();
}

function describeQuery(query: SearchQuery): string {
  const parts = [query.service ? `service ${query.service}` : 'any service'];
  for (const [k, v] of query.tags) parts.push(`${k}=${v}`);
  if (query.minDurationNs !== undefined) parts.push(`at least ${formatDurationNs(query.minDurationNs)}`);
  if (query.maxDurationNs !== undefined) parts.push(`at most ${formatDurationNs(query.maxDurationNs)}`);
  return parts.join(', ');
}
