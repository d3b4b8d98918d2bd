/**
 * The visible x range of a flame layout and the gestures that move it, as pure
 * functions of layout x (ns in time mode, aggregate units in aggregated mode).
 */
export interface XRange {
  readonly fromX: number;
  readonly toX: number;
}

/** Narrowest range, as a fraction of the whole: 1e-6 is 1 ns of a 1 ms trace (the URL's own limit). */
export const MIN_RANGE_FRACTION = 1e-6;

export function clampRange(range: XRange, bounds: XRange): XRange {
  const full = bounds.toX - bounds.fromX;
  if (!(full > 0)) return bounds;
  const width = Math.min(full, Math.max(full * MIN_RANGE_FRACTION, range.toX - range.fromX));
  const fromX = Math.min(bounds.toX - width, Math.max(bounds.fromX, range.fromX));
  return { fromX, toX: fromX + width };
}

/** Zoom by `factor` (< 1 zooms in) keeping the x under `anchor` (0…1 across the canvas) still. */
export function zoomAround(range: XRange, bounds: XRange, anchor: number, factor: number): XRange {
  const width = range.toX - range.fromX;
  const anchorX = range.fromX + anchor * width;
  const nextWidth = width * factor;
  return clampRange({ fromX: anchorX - anchor * nextWidth, toX: anchorX - anchor * nextWidth + nextWidth }, bounds);
}

/** Move by a fraction of the visible width (positive: later / right). */
export function panBy(range: XRange, bounds: XRange, fraction: number): XRange {
  const dx = (range.toX - range.fromX) * fraction;
  return clampRange({ fromX: range.fromX + dx, toX: range.toX + dx }, bounds);
}

export function sameRange(a: XRange, b: XRange): boolean {
  return a.fromX === b.fromX && a.toX === b.toX;
}

/**
 * The range to show an item in: `range` itself when at least `minPx` of the item (or all
 * of it, if narrower at the closest zoom) is on screen, else a range centred on it where
 * the item takes a third of the width: wide enough to read its label, with its
 * neighbours for context. A link to a 1 ms span of a 3 s trace lands on a readable frame.
 */
export function rangeShowing(item: XRange, range: XRange, bounds: XRange, widthPx: number, minPx: number): XRange {
  const itemX = Math.max(0, item.toX - item.fromX);
  const rangeX = range.toX - range.fromX;
  if (!(rangeX > 0) || !(widthPx > 0)) return range;
  const closestX = (bounds.toX - bounds.fromX) * MIN_RANGE_FRACTION;
  const minX = (minPx / widthPx) * rangeX;
  const onScreenX = Math.min(item.toX, range.toX) - Math.max(item.fromX, range.fromX);
  // readable, or all of it on screen at the closest zoom there is
  if (onScreenX >= minX || (onScreenX >= 0 && onScreenX >= itemX && rangeX <= closestX * (1 + 1e-9))) return range;
  const nextX = Math.min(rangeX, Math.max(itemX * 3, closestX));
  const centreX = (item.fromX + item.toX) / 2;
  return clampRange({ fromX: centreX - nextX / 2, toX: centreX + nextX / 2 }, bounds);
}
