import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { readTraceUrl, writeTraceUrl, type TraceUrlState } from '../../state/trace-url';

/**
 * The trace page's URL state and one setter. Changes replace the history entry:
 * arrowing through 50 spans must not take 50 presses of Back to leave the page.
 */
export function useTraceUrl(): { url: TraceUrlState; dropped: readonly string[]; setUrl: (patch: Partial<TraceUrlState>) => void; params: URLSearchParams } {
  const [params, setParams] = useSearchParams();
  const { state, dropped } = useMemo(() => readTraceUrl(params), [params]);
  const setUrl = useCallback((patch: Partial<TraceUrlState>) => setParams((current) => writeTraceUrl(current, patch), { replace: true }), [setParams]);
  return { url: state, dropped, setUrl, params };
}
