/** The visible time window, ns relative to the trace start. */
export interface WindowNs {
  readonly startNs: number;
  readonly endNs: number;
}

/** Row height 26 px: two lines of 12 px text never fit, one line with a 12 px bar does, and 100k rows stay a 2.6M px scroll height (under Chromium's ~33M px limit). */
export const ROW_PX = 26;
/** Indent per tree level, capped so a 100,000-deep chain still leaves room for the name. */
export const INDENT_PX = 14;
/** Levels drawn as indent; deeper rows stop moving right and show their level as a number instead. */
export const MAX_INDENT_LEVELS = 20;
export const MAX_INDENT_PX = INDENT_PX * MAX_INDENT_LEVELS;

/** The tree cell's indent for a span at `depth` (0 for roots): 14 px a level, never more than MAX_INDENT_PX. */
export function indentPx(depth: number): number {
  return Math.min(depth, MAX_INDENT_LEVELS) * INDENT_PX;
}

/** Percent of the window's width at time ns (may fall outside 0–100; cells clip). */
export function percentAt(window: WindowNs, ns: number): number {
  const width = window.endNs - window.startNs;
  return width > 0 ? ((ns - window.startNs) / width) * 100 : 0;
}

/**
 * Where the duration label goes: after the bar while there is room, before it near
 * the right edge, inside it when the bar fills the row (Jaeger UI's rule, sharpened).
 */
export function labelPlacement(startPct: number, endPct: number): { side: 'after'; leftPct: number } | { side: 'before'; rightPct: number } | { side: 'inside'; leftPct: number } {
  if (endPct <= 82) return { side: 'after', leftPct: Math.max(0, endPct) };
  if (startPct >= 18) return { side: 'before', rightPct: 100 - Math.min(100, startPct) };
  return { side: 'inside', leftPct: Math.max(0, startPct) };
}

/** Position of span `spanIndex` among the visible rows (rows are in tree order, so ascending): binary search, -1 if hidden. */
export function rowPosition(rows: Int32Array, spanIndex: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const value = rows[mid] as number;
    if (value === spanIndex) return mid;
    if (value < spanIndex) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
