import { useMemo, useState, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { formatDurationNs, sortSummaries, type SearchQuery, type SortDirection, type SummarySortKey, type TraceSummary } from '../../core';
import type { SearchResult } from '../../state/queries';
import { isBackendError } from '../../state/queries';
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
  const [params] = useSearchParams();
  const sourceParam = params.get('source');
  const timeZone = useTimeZone();
  // null: the backend's order (newest first for Tempo)
  const [sort, setSort] = useState<{ key: SummarySortKey; direction: SortDirection } | null>(null);
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
    const title = isBackendError(error) && error.kind === 'timeout' ? 'The search timed out' : 'The search failed';
    failure = (
      <ErrorState title={title} message={error.message} onRetry={() => void result.refetch()}>
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
      <p className="results-summary" role="status">
        {summaries.length} {summaries.length === 1 ? 'trace' : 'traces'}
        {note ? ` · ${note}` : ''}
        {result.isFetching ? ' · refreshing…' : ''}
      </p>
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
        <tbody onKeyDown={onKeyDown}>
          {rows.map((s: TraceSummary) => (
            <tr key={s.traceId} className={s.errorSpanCount ? 'result-row has-error' : 'result-row'}>
              <td>
                <Link className="result-link" to={{ pathname: `/trace/${s.traceId}`, search: sourceParam ? `?source=${encodeURIComponent(sourceParam)}` : '' }}>
                  <span className="result-root">
                    {labelText(s.rootServiceName)}: {labelText(s.rootSpanName) || '(no name)'}
                  </span>
                  <span className="trace-id">{s.traceId.slice(0, 7)}</span>
                </Link>
              </td>
              <td title={formatUnixNano(s.startUnixNano, timeZone)}>{formatAgo(s.startUnixNano, nowMs)}</td>
              <td className="num duration-cell">
                <span className="duration-bar" style={{ width: `${(s.durationNs / longestNs) * 100}%` }} aria-hidden="true" />
                <span className="duration-text">{formatDurationNs(s.durationNs)}</span>
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
    </section>
  );
}

function describeQuery(query: SearchQuery): string {
  const parts = [query.service ? `service ${query.service}` : 'any service'];
  for (const [k, v] of query.tags) parts.push(`${k}=${v}`);
  if (query.minDurationNs !== undefined) parts.push(`at least ${formatDurationNs(query.minDurationNs)}`);
  if (query.maxDurationNs !== undefined) parts.push(`at most ${formatDurationNs(query.maxDurationNs)}`);
  return parts.join(', ');
}
