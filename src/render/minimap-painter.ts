/**
 * The trace overview: every span as a thin bar, one row per span in tree order
 * (rows are squeezed to fit the height, so a 100,000-span trace is a dense texture
 * and a 50-span trace reads like a small waterfall), and the critical path drawn
 * over it.
 *
 * Laid out once per trace into flat arrays (STYLE.md rule 4) and painted grouped by
 * colour: one fillStyle change per service, not per span, keeps 100,000 spans to a
 * few milliseconds.
 */
import type { CriticalPathSegment, Span } from '../core';
import { rasterMinimap } from './minimap-raster';

export interface MinimapLayout {
  readonly durationNs: number;
  readonly spanCount: number;
  readonly startNs: Float64Array;
  readonly endNs: Float64Array;
  /** span indexes grouped by colour: colours[c] paints order[colourFrom[c]] … order[colourFrom[c+1]-1] */
  readonly order: Int32Array;
  readonly colourFrom: Int32Array;
  /** per span: index into colours */
  readonly colourIndex: Uint16Array;
  readonly colours: readonly string[];
  readonly critical: readonly CriticalPathSegment[];
  readonly errors: Int32Array;
}

export function layoutMinimap(spans: readonly Span[], durationNs: number, colourOf: (span: Span) => string, critical: readonly CriticalPathSegment[]): MinimapLayout {
  const n = spans.length;
  const startNs = new Float64Array(n);
  const endNs = new Float64Array(n);
  const colourIndex = new Uint16Array(n);
  const colours: string[] = [];
  const indexOfColour = new Map<string, number>();
  const errors: number[] = [];
  for (let i = 0; i < n; i++) {
    const span = spans[i] as Span;
    startNs[i] = span.startNs;
    endNs[i] = span.endNs;
    const colour = colourOf(span);
    let c = indexOfColour.get(colour);
    // (more than 65,535 distinct colours would overflow the index: the palette has far fewer)
    if (c === undefined) {
      c = colours.length;
      colours.push(colour);
      indexOfColour.set(colour, c);
    }
    colourIndex[i] = c;
    if (span.status.code === 'error') errors.push(i);
  }
  // counting sort by colour
  const colourFrom = new Int32Array(colours.length + 1);
  for (let i = 0; i < n; i++) colourFrom[(colourIndex[i] as number) + 1]! += 1;
  for (let c = 0; c < colours.length; c++) colourFrom[c + 1]! += colourFrom[c] as number;
  const fill = colourFrom.slice(0, colours.length);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[colourIndex[i] as number]!++] = i;
  return { durationNs, spanCount: n, startNs, endNs, order, colourFrom, colourIndex, colours, critical, errors: Int32Array.from(errors) };
}

export interface MinimapTheme {
  readonly critical: string;
  readonly error: string;
}

export function paintMinimap(context: CanvasRenderingContext2D, widthPx: number, heightPx: number, layout: MinimapLayout, theme: MinimapTheme): void {
  const { spanCount, durationNs } = layout;
  if (spanCount === 0 || widthPx <= 0 || heightPx <= 0) return;
  const rowPx = heightPx / spanCount;
  // Rows thinner than a pixel still paint 1 px so sparse spans do not vanish.
  const barPx = Math.max(1, rowPx > 3 ? rowPx - 1 : rowPx);
  const xOf = (ns: number) => (durationNs > 0 ? (ns / durationNs) * widthPx : 0);
  if (spanCount > heightPx * DENSE_SPANS_PER_ROW) paintDense(context, widthPx, heightPx, layout);
  else paintSparse(context, rowPx, barPx, xOf, layout);
  // Errors: a red tick at the left edge of their row, visible at any density.
  context.fillStyle = theme.error;
  for (let k = 0; k < layout.errors.length; k++) {
    const i = layout.errors[k] as number;
    context.fillRect(0, i * rowPx, 3, barPx);
  }
  // The critical path: a dark band through the middle of each segment's bar.
  context.fillStyle = theme.critical;
  const bandPx = Math.max(1, Math.min(barPx, Math.ceil(barPx / 2)));
  for (const segment of layout.critical) {
    const x = xOf(segment.startNs);
    context.fillRect(x, segment.spanIndex * rowPx + (barPx - bandPx) / 2, Math.max(1, xOf(segment.endNs) - x), bandPx);
  }
}

/** Above this many spans per pixel row, one fillRect per span is wasted work: rasterise instead. */
const DENSE_SPANS_PER_ROW = 4;

function paintSparse(context: CanvasRenderingContext2D, rowPx: number, barPx: number, xOf: (ns: number) => number, layout: MinimapLayout): void {
  const { startNs, endNs } = layout;
  for (let c = 0; c < layout.colours.length; c++) {
    context.fillStyle = layout.colours[c] as string;
    for (let k = layout.colourFrom[c] as number; k < (layout.colourFrom[c + 1] as number); k++) {
      const i = layout.order[k] as number;
      const x = xOf(startNs[i] as number);
      context.fillRect(x, i * rowPx, Math.max(1, xOf(endNs[i] as number) - x), barPx);
    }
  }
}

/** The dense picture: a pixel grid at CSS resolution, drawn scaled onto the (HiDPI) context. */
function paintDense(context: CanvasRenderingContext2D, widthPx: number, heightPx: number, layout: MinimapLayout): void {
  const grid = rasterMinimap({ ...layout, colourCount: layout.colours.length }, widthPx, heightPx);
  const rgba = layout.colours.map((colour) => rgbaOf(context, colour));
  const image = new ImageData(grid.widthPx, grid.heightPx);
  const data = image.data;
  for (let p = 0; p < grid.pixels.length; p++) {
    const c = grid.pixels[p] as number;
    if (c === 0) continue;
    const [r, g, b, a] = rgba[c - 1] as readonly [number, number, number, number];
    data[p * 4] = r;
    data[p * 4 + 1] = g;
    data[p * 4 + 2] = b;
    data[p * 4 + 3] = a;
  }
  const scratch = document.createElement('canvas');
  scratch.width = grid.widthPx;
  scratch.height = grid.heightPx;
  scratch.getContext('2d')?.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = false;
  context.drawImage(scratch, 0, 0, widthPx, heightPx);
}

/** A CSS colour as RGBA bytes: the context normalises what fillStyle is given to "#rrggbb" or "rgba(r, g, b, a)". */
function rgbaOf(context: CanvasRenderingContext2D, colour: string): readonly [number, number, number, number] {
  context.fillStyle = colour;
  const normal = String(context.fillStyle);
  if (normal.startsWith('#') && normal.length === 7) {
    return [parseInt(normal.slice(1, 3), 16), parseInt(normal.slice(3, 5), 16), parseInt(normal.slice(5, 7), 16), 255];
  }
  const parts = /rgba?\(([^)]*)\)/.exec(normal)?.[1]?.split(',').map((part) => Number(part.trim())) ?? [];
  const [r = 0, g = 0, b = 0, a = 1] = parts;
  return [r, g, b, Math.round(a * 255)];
}
