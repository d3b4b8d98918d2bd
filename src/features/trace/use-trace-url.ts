import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { readTraceUrl, writeTraceUrl, type TraceUrlState } from '../../state/trace-url';

export interface SetUrlOptions {
  /**
   * A new history entry, for the steps a person goes Back to: a view switched, a span
   * picked by click. Everything else (arrowing through spans, zoom, typing in find or a
   * filter) replaces the entry: 50 arrow presses must not take 50 presses of Back.
   */
  readonly push?: boolean;
}

export type SetTraceUrl = (patch: Partial<TraceUrlState>, options?: SetUrlOptions) => void;

/**
 * The history state of the entries the trace page writes itself (useTraceUrl, useFlameUrl).
 * Any other entry (a pasted traceparent, a link to the same trace) is news to the page,
 * even when it names the span the URL already holds: it is revealed like a link's.
 */
export const PAGE_WRITE_STATE = { tracePageWrite: true } as const;

/** The history entry shown: its key, and whether the page wrote it. */
export interface UrlEntry {
  readonly key: string;
  readonly pageWrite: boolean;
}

/** The trace page's URL state and one setter. */
export function useTraceUrl(): { url: TraceUrlState; dropped: readonly string[]; setUrl: SetTraceUrl; params: URLSearchParams; entry: UrlEntry } {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const state: unknown = location.state;
  const entry = useMemo(
    () => ({ key: location.key, pageWrite: typeof state === 'object' && state !== null && (state as Partial<typeof PAGE_WRITE_STATE>).tracePageWrite === true }),
    [location.key, state],
  );
  const { state: parsed, dropped } = useMemo(() => readTraceUrl(params), [params]);
  // the latest params without making setUrl change identity on every URL change (memoised rows hold it)
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);
  const setUrl = useCallback<SetTraceUrl>(
    (patch, options) => {
      const current = latest.current;
      const next = writeTraceUrl(current, patch);
      // a no-op write would still add a history entry: Back must always change something
      if (next.toString() === current.toString()) return;
      latest.current = next;
      setParams(next, { replace: !options?.push, state: PAGE_WRITE_STATE });
    },
    [setParams],
  );
  return { url: parsed, dropped, setUrl, params, entry };
}
