import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
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

/** The trace page's URL state and one setter. */
export function useTraceUrl(): { url: TraceUrlState; dropped: readonly string[]; setUrl: SetTraceUrl; params: URLSearchParams } {
  const [params, setParams] = useSearchParams();
  const { state, dropped } = useMemo(() => readTraceUrl(params), [params]);
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
      setParams(next, { replace: !options?.push });
    },
    [setParams],
  );
  return { url: state, dropped, setUrl, params };
}
