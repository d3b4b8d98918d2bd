import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { queries } from '../../state/queries';
import type { DataSource } from '../../state/data-sources';
import type { SearchQuery } from '../../core';
import { useDataSource } from '../../state/data-source-context';
import { hasSearch, readSearchForm, toSearchQuery, writeSearchForm, type SearchForm as Form } from '../../state/search-url';
import { EmptyState } from '../../ui/StatusMessage';
import { SearchForm } from './SearchForm';
import { SearchResults } from './SearchResults';
import { DurationScatter } from './DurationScatter';

export function SearchPage() {
  const source = useDataSource();
  const [params, setParams] = useSearchParams();
  const urlKey = params.toString();
  const { form, dropped } = useMemo(() => readSearchForm(new URLSearchParams(urlKey)), [urlKey]);
  const searching = hasSearch(new URLSearchParams(urlKey));
  // The lookback is turned into an absolute window when the URL changes, so
  // pressing Search again (or reloading) asks about "the last hour" from now.
  const nowMs = useMemo(() => (urlKey ? Date.now() : 0), [urlKey]);
  const { query, errors } = useMemo(() => toSearchQuery(form, nowMs), [form, nowMs]);

  const sourceId = params.get('source');
  const submit = useCallback(
    (next: Form) => {
      const nextParams = writeSearchForm(next);
      if (sourceId) nextParams.set('source', sourceId);
      setParams(nextParams);
    },
    [setParams, sourceId],
  );
  const narrowTo = useCallback((range: { startMs: number; endMs: number }) => submit({ ...form, range }), [submit, form]);

  if (!source) {
    return <EmptyState title="No data source configured">Add one to public/tracery.config.json (see the README).</EmptyState>;
  }

  return (
    <div className="search-page">
      <h1 className="visually-hidden">Search traces</h1>
      <SearchForm key={urlKey} source={source} initial={form} errors={searching ? errors : {}} onSubmit={submit} />
      {dropped.length > 0 && (
        <p className="banner banner-warning" role="status">
          Ignored from the link: {dropped.join(', ')}.
        </p>
      )}
      {searching && query ? (
        <SearchResultsFor source={source} query={query} onBrush={narrowTo} />
      ) : (
        !searching && (
          <EmptyState title="Find traces">
            <p>Pick a service (or leave it empty for all), add tags or durations, and press Search.</p>
          </EmptyState>
        )
      )}
    </div>
  );
}

interface ResultsProps {
  readonly source: DataSource;
  readonly query: SearchQuery;
  readonly onBrush: (range: { startMs: number; endMs: number }) => void;
}

function SearchResultsFor({ source, query, onBrush }: ResultsProps) {
  const result = useQuery(queries.search(source, query));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const sourceId = params.get('source');
  const open = useCallback(
    (traceId: string) => void navigate({ pathname: `/trace/${traceId}`, search: sourceId ? `?source=${encodeURIComponent(sourceId)}` : '' }),
    [navigate, sourceId],
  );
  const summaries = result.data?.summaries;
  return (
    <>
      {summaries && summaries.length > 0 && <DurationScatter summaries={summaries} startMs={query.startMs} endMs={query.endMs} onOpen={open} onBrush={onBrush} />}
      <SearchResults result={result} query={query} sourceName={source.name} />
    </>
  );
}
