import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { queries } from '../../state/queries';
import type { DataSource } from '../../state/data-sources';
import type { SearchQuery } from '../../core';
import { useDataSource } from '../../state/data-source-context';
import { hasSearch, isLive, queryParams, readSearchForm, readSort, toSearchQuery, withLive, writeSearchForm, type SearchForm as Form } from '../../state/search-url';
import { EmptyState } from '../../ui/StatusMessage';
import { SearchForm } from './SearchForm';
import { SearchResults, type EarlierResults } from './SearchResults';
import { useShownResults, type ShownResults } from './shown-results-store';
import { DurationScatter } from './DurationScatter';
import { LocalStoreStatus } from './LocalStoreStatus';
import { UrlCheckbox } from '../../ui/UrlCheckbox';
import { useDocumentTitle } from '../../ui/use-document-title';
import { SkipLink } from '../../ui/SkipLink';
import { IgnoredFromLink } from '../../ui/IgnoredFromLink';

const RESULTS_ID = 'search-results';

export function SearchPage() {
  useDocumentTitle('Search');
  const source = useDataSource();
  const [params, setParams] = useSearchParams();
  const live = isLive(params);
  // the query's own parameters: toggling auto-refresh or re-sorting does not start a new search
  const urlKey = queryParams(params).toString();
  const sortDropped = readSort(params).dropped;
  const { form, dropped: formDropped } = useMemo(() => readSearchForm(new URLSearchParams(urlKey)), [urlKey]);
  const dropped = sortDropped === undefined ? formDropped : [...formDropped, sortDropped];
  const formKey = useFormKey(urlKey);
  const resultsRef = useRef<HTMLDivElement>(null);
  const searching = hasSearch(new URLSearchParams(urlKey));
  // The lookback is turned into an absolute window when the URL changes, so
  // pressing Search again (or reloading) asks about "the last hour" from now.
  const urlNowMs = useMemo(() => (urlKey ? Date.now() : 0), [urlKey]);
  const liveNowMs = useLiveClock(live && !form.range);
  const nowMs = liveNowMs ?? urlNowMs;
  const { query, errors } = useMemo(() => toSearchQuery(form, nowMs), [form, nowMs]);
  const setLive = (on: boolean) => setParams(withLive(params, on), { replace: true });
  // the last results on screen, kept so a failing next search shows its error beside them
  const shown = useShownResults((s) => s.shown);
  const onShown = useShownResults((s) => s.setShown);

  const sourceId = params.get('source');
  const paramsOf = useCallback(
    (next: Form) => {
      const nextParams = writeSearchForm(next);
      if (sourceId) nextParams.set('source', sourceId);
      return nextParams;
    },
    [sourceId],
  );
  const submitForm = useCallback(
    (next: Form) => {
      const nextParams = paramsOf(next);
      formKey.keep(queryParams(nextParams).toString());
      setParams(nextParams);
    },
    [paramsOf, formKey, setParams],
  );
  const narrowTo = useCallback((range: { startMs: number; endMs: number }) => setParams(paramsOf({ ...form, range })), [paramsOf, setParams, form]);
  const skipToResults = () => {
    const results = resultsRef.current;
    const target = results?.querySelector<HTMLElement>('a.result-link') ?? results;
    target?.focus();
    target?.scrollIntoView({ block: 'nearest' });
  };

  if (!source) {
    return <EmptyState title="No data source configured">Add one to public/tracery.config.json (see the README).</EmptyState>;
  }

  return (
    <div className="search-page">
      {searching && (
        <SkipLink targetId={RESULTS_ID} onActivate={skipToResults}>
          Skip to results
        </SkipLink>
      )}
      <h1 className="visually-hidden">Search traces</h1>
      <SearchForm key={`form:${formKey.key}`} source={source} initial={form} errors={searching ? errors : {}} onSubmit={submitForm} />
      {source.stats !== undefined && <LocalStoreStatus source={{ ...source, stats: source.stats }} />}
      <IgnoredFromLink dropped={dropped} />
      {searching && query ? (
        <div id={RESULTS_ID} ref={resultsRef} tabIndex={-1} className="search-results-area">
          <SearchResultsFor
            key={`results:${urlKey}`}
            source={source}
            query={query}
            onBrush={narrowTo}
            live={live}
            onLiveChange={setLive}
            urlKey={urlKey}
            earlier={shown?.sourceId === source.id ? { query: shown.query, data: shown.data, sameSearch: shown.urlKey === urlKey } : undefined}
            onShown={onShown}
          />
        </div>
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

/**
 * The search form's identity: a new form (from the URL) when the URL changes under
 * it (Back, a link, a brushed range), but the same form when the URL changes because
 * the form itself was submitted. Remounting then would drop the keyboard focus to
 * the page body, just after a person pressed Search or Enter in a field.
 */
function useFormKey(urlKey: string): { key: number; keep: (nextUrlKey: string) => void } {
  const [state, setState] = useState({ urlKey, key: 0, kept: '' });
  if (state.urlKey !== urlKey) setState({ urlKey, key: urlKey === state.kept ? state.key : state.key + 1, kept: '' });
  const keep = useCallback((nextUrlKey: string) => setState((s) => ({ ...s, kept: nextUrlKey })), []);
  return useMemo(() => ({ key: state.key, keep }), [state.key, keep]);
}

/** Every 5 s while on: the "now" a lookback window slides with; undefined while off. */
const LIVE_INTERVAL_MS = 5_000;

function useLiveClock(on: boolean): number | undefined {
  const [nowMs, setNowMs] = useState<number>();
  useEffect(() => {
    if (!on) {
      setNowMs(undefined);
      return undefined;
    }
    const timer = setInterval(() => setNowMs(Date.now()), LIVE_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [on]);
  return on ? nowMs : undefined;
}

interface ResultsProps {
  readonly source: DataSource;
  readonly query: SearchQuery;
  readonly onBrush: (range: { startMs: number; endMs: number }) => void;
  readonly live: boolean;
  readonly onLiveChange: (live: boolean) => void;
  readonly earlier: EarlierResults | undefined;
  readonly urlKey: string;
  readonly onShown: (results: ShownResults) => void;
}

function SearchResultsFor({ source, query, onBrush, live, onLiveChange, urlKey, earlier, onShown }: ResultsProps) {
  // while live, the previous results stay on screen as the window slides
  const result = useQuery({ ...queries.search(source, query), placeholderData: live ? keepPreviousData : undefined });
  // the traces of the search as first answered: later answers count what is new
  const seen = useRef<ReadonlySet<string>>(undefined);
  const summaries = result.data?.summaries;
  const answered = result.isSuccess && !result.isPlaceholderData ? result.data : undefined;
  useEffect(() => {
    if (answered) onShown({ query, data: answered, sourceId: source.id, urlKey });
  }, [answered, query, source.id, urlKey, onShown]);
  if (summaries && !result.isPlaceholderData && seen.current === undefined) seen.current = new Set(summaries.map((s) => s.traceId));
  const newCount = summaries && seen.current ? summaries.filter((s) => !seen.current?.has(s.traceId)).length : 0;
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const sourceId = params.get('source');
  const open = useCallback(
    (traceId: string) => void navigate({ pathname: `/trace/${traceId}`, search: sourceId ? `?source=${encodeURIComponent(sourceId)}` : '' }),
    [navigate, sourceId],
  );
  return (
    <>
      <div className="live-bar">
        <label>
          <UrlCheckbox checked={live} onChange={onLiveChange} /> Auto-refresh every 5 s
        </label>
        {live && (
          <span role="status" className="live-status">
            {newCount === 0 ? 'no new traces since you searched' : `${newCount} new ${newCount === 1 ? 'trace' : 'traces'} since you searched`}
          </span>
        )}
      </div>
      {summaries && summaries.length > 0 && (
        // Local files are searched whatever their time: the plot spans the traces found, not the form's window
        <DurationScatter summaries={summaries} startMs={source.kind === 'files' ? 0 : query.startMs} endMs={source.kind === 'files' ? Infinity : query.endMs} onOpen={open} onBrush={onBrush} />
      )}
      <SearchResults result={result} query={query} sourceName={source.name} earlier={earlier} />
    </>
  );
}

