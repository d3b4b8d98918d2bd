import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { writeTraceUrl, type TraceUrlState } from '../../../state/trace-url';
import { readFlameUrl, writeFlameUrl, type FlameUrlState } from '../../../state/flame-url';
import { PAGE_WRITE_STATE } from '../use-trace-url';

export type SetFlameUrl = (flame: Partial<FlameUrlState>, trace?: Partial<TraceUrlState>, options?: { push?: boolean }) => void;

/**
 * The flame view's URL state, and one setter that writes the flame's parameters and the
 * trace page's shared ones (span, window, find) in a single navigation: two writes in
 * one event would each start from the same old URL and the second would undo the first.
 */
export function useFlameUrl(): { flame: FlameUrlState; dropped: readonly string[]; setFlame: SetFlameUrl } {
  const [params, setParams] = useSearchParams();
  const { state, dropped } = useMemo(() => readFlameUrl(params), [params]);
  // the latest params, so a delayed write (the wheel's commit) never restores an older URL
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);
  const setFlame = useCallback<SetFlameUrl>(
    (flame, trace, options) => {
      const current = latest.current;
      const next = writeFlameUrl(trace ? writeTraceUrl(current, trace) : current, flame);
      if (next.toString() === current.toString()) return;
      latest.current = next;
      setParams(next, { replace: !options?.push, state: PAGE_WRITE_STATE });
    },
    [setParams],
  );
  return { flame: state, dropped, setFlame };
}
