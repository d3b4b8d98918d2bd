import { useMemo } from 'react';
import { criticalSpanMask, findSpans, indexMask, rowsKeeping, visibleRows } from '../../core';
import type { TraceAnalyses } from './trace-model';

interface Options {
  readonly collapsed: ReadonlySet<string>;
  readonly find: string;
  readonly matchesOnly: boolean;
  readonly criticalOnly: boolean;
}

/**
 * The waterfall's rows and the find's matches, from core functions only; each
 * memoised on exactly what it reads, so a keystroke in Find does not recompute the
 * critical mask and a collapse does not rerun Find.
 */
export function useWaterfallRows(analyses: TraceAnalyses, { collapsed, find, matchesOnly, criticalOnly }: Options) {
  const { trace, parent, subtreeEnd, critical } = analyses;
  const findActive = find.trim() !== '';
  const matches = useMemo(() => findSpans(trace, find), [trace, find]);
  const matchMask = useMemo(() => (findActive ? indexMask(trace.spans.length, matches) : undefined), [trace, matches, findActive]);
  const criticalMask = useMemo(() => (criticalOnly ? criticalSpanMask(trace, critical.segments) : undefined), [trace, critical, criticalOnly]);
  const rows = useMemo(() => {
    let keep = criticalMask;
    if (matchesOnly && matchMask) keep = keep ? both(keep, matchMask) : matchMask;
    return keep ? rowsKeeping(trace, keep, collapsed, parent, subtreeEnd) : visibleRows(trace, collapsed, subtreeEnd);
  }, [trace, parent, subtreeEnd, collapsed, criticalMask, matchMask, matchesOnly]);
  return { rows, matches, matchMask };
}

function both(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) & (b[i] as number);
  return out;
}
