import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { alignedRange, type MetricsRange } from '../../core';
import { readServicesView, viewWindow, writeServicesView, type ServicesView } from '../../state/services-url';

export interface ServicesViewState {
  readonly view: ServicesView;
  /** parameters of the link that were not understood, for a note */
  readonly dropped: readonly string[];
  /** the window asked, aligned to its step as Tempo aligns it */
  readonly range: MetricsRange;
  readonly sourceId: string | null;
  /** a new URL entry (sorting, a new range), or the current one replaced */
  readonly update: (next: Partial<ServicesView>, options?: { replace?: boolean }) => void;
}

/** The services pages' state, all of it in the URL (services-url.ts). */
export function useServicesView(): ServicesViewState {
  const [params, setParams] = useSearchParams();
  const urlKey = params.toString();
  const sourceId = params.get('source');
  const { view, dropped } = useMemo(() => readServicesView(new URLSearchParams(urlKey)), [urlKey]);
  // A lookback becomes an absolute window when the URL changes: a reload asks about the last hour from now.
  const nowMs = useMemo(() => {
    void urlKey;
    return Date.now();
  }, [urlKey]);
  const range = useMemo(() => {
    const window = viewWindow(view, nowMs);
    return alignedRange(window.startMs, window.endMs);
  }, [view, nowMs]);
  const update = useCallback(
    (next: Partial<ServicesView>, options?: { replace?: boolean }) => setParams(writeServicesView({ ...view, ...next }, sourceId), { replace: options?.replace === true }),
    [setParams, view, sourceId],
  );
  return { view, dropped, range, sourceId, update };
}
