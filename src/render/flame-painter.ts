/**
 * The flame view's drawing, in two steps so the interesting part is testable without a
 * canvas: `planFlame` turns a layout and a viewport into a draw list (rectangles in CSS
 * px, their fill, outline and label), `paintFlame` replays the list on a 2D context.
 *
 * Cost is bounded by pixels, not spans (STYLE.md rule 4): rows are culled to the
 * viewport's height, and each row goes through `levelOfDetail`, which merges frames
 * narrower than a pixel into one run, so a 1,000 px row yields at most ~2,000 runs
 * whether it holds 10 frames or 1,000,000.
 *
 * Three coordinate spaces, named in variables: layout x (`…X`: ns since the trace start
 * in time mode, aggregate units in aggregated mode), CSS pixels (`…Px`), and rows.
 */
import { levelOfDetail, type FlameCriticalIntervals, type FlameLayout } from '../core';

/** 20 px rows: 12 px text with 4 px above and below, as speedscope and Perfetto. */
export const FLAME_ROW_PX = 20;
/** Room inside a frame before and after its label. */
const LABEL_PAD_PX = 4;
/** Below this a label is not worth drawing (one character and an ellipsis need about this). */
const MIN_LABEL_PX = 14;
const ELLIPSIS = '…';

/** What part of the layout the canvas shows. */
export interface FlameViewport {
  readonly fromX: number;
  readonly toX: number;
  readonly widthPx: number;
  readonly heightPx: number;
  /** vertical scroll: rows above this many px are off screen */
  readonly scrollTopPx: number;
}

/** Per-item look, computed by the view (colour modes, find, dimming). */
export interface FlameStyle {
  readonly fillOf: (item: number) => string;
  /** drawn faded (find non-match, off the critical path when dimming) */
  readonly dimmedOf: (item: number) => boolean;
  readonly errorOf: (item: number) => boolean;
  readonly labelOf: (item: number) => string;
}

export interface FlamePlanInput {
  readonly layout: FlameLayout;
  readonly viewport: FlameViewport;
  readonly style: FlameStyle;
  /** text width in px; cache it (TextWidths) — a draw measures each label once at most */
  readonly measure: (text: string) => number;
  /** time mode: the critical path's intervals per frame, drawn as a band */
  readonly critical?: FlameCriticalIntervals;
  /** aggregated mode: fraction (0…1) of each node's time on the critical path */
  readonly criticalShare?: Float64Array;
  readonly hovered?: number;
  readonly selected?: number;
}

export interface FlameRect {
  /** the run's first item; a merged run (count > 1) stands for `count` narrow ones */
  readonly item: number;
  readonly count: number;
  readonly xPx: number;
  readonly yPx: number;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly fill: string;
  readonly dimmed: boolean;
  readonly error: boolean;
  /** the label as drawn (ellipsised), '' when none fits */
  readonly label: string;
}

export interface FlameBand {
  readonly xPx: number;
  readonly yPx: number;
  readonly widthPx: number;
  readonly heightPx: number;
}

export interface FlamePlan {
  readonly rects: readonly FlameRect[];
  /** critical-path bands over frames */
  readonly critical: readonly FlameBand[];
  readonly hovered?: FlameRect;
  readonly selected?: FlameRect;
}

/** Row of a y in CSS px (the same formula the painter uses to place rows). */
export function rowAtPx(viewport: FlameViewport, yPx: number): number {
  return Math.floor((yPx + viewport.scrollTopPx) / FLAME_ROW_PX);
}

/** Layout x of a canvas x in CSS px. */
export function xAtPx(viewport: FlameViewport, xPx: number): number {
  return viewport.fromX + (xPx / viewport.widthPx) * (viewport.toX - viewport.fromX);
}

export function pxPerX(viewport: FlameViewport): number {
  return viewport.widthPx / Math.max(viewport.toX - viewport.fromX, Number.MIN_VALUE);
}

export function planFlame(input: FlamePlanInput): FlamePlan {
  const { layout, viewport, style, measure } = input;
  const rects: FlameRect[] = [];
  const critical: FlameBand[] = [];
  if (viewport.widthPx <= 0 || viewport.heightPx <= 0 || !(viewport.toX > viewport.fromX)) return { rects, critical };
  const scale = pxPerX(viewport);
  const firstRow = Math.max(0, Math.floor(viewport.scrollTopPx / FLAME_ROW_PX));
  const rowEnd = Math.ceil((viewport.scrollTopPx + viewport.heightPx) / FLAME_ROW_PX);
  const runs =
    layout.kind === 'chart'
      ? levelOfDetail(layout, { fromNs: viewport.fromX, toNs: viewport.toX, pxPerNs: scale, firstRow, rowEnd })
      : levelOfDetail(layout, { fromUnits: viewport.fromX, toUnits: viewport.toX, pxPerUnit: scale, firstRow, rowEnd });
  const xPxOf = (x: number): number => (x - viewport.fromX) * scale;
  // clamp to just outside the canvas: a 10,000× zoom must not hand the context 1e9 px rects
  const clampPx = (px: number): number => Math.max(-2, Math.min(viewport.widthPx + 2, px));
  let hovered: FlameRect | undefined;
  let selected: FlameRect | undefined;
  const rowCount = runs.rowOffsets.length - 1;
  for (let k = 0; k < rowCount; k++) {
    const row = runs.firstRow + k;
    const yPx = row * FLAME_ROW_PX - viewport.scrollTopPx;
    for (let r = runs.rowOffsets[k] as number; r < (runs.rowOffsets[k + 1] as number); r++) {
      const item = runs.item[r] as number;
      const count = runs.itemCount[r] as number;
      const leftPx = clampPx(xPxOf(runs.startX[r] as number));
      const rightPx = clampPx(xPxOf(runs.endX[r] as number));
      // a zero-length or merged run still shows: 1 px at least
      const widthPx = Math.max(1, rightPx - leftPx);
      const label = count === 1 ? fitLabel(style.labelOf(item), widthPx - 2 * LABEL_PAD_PX, measure) : '';
      const rect: FlameRect = {
        item,
        count,
        xPx: leftPx,
        yPx,
        widthPx,
        heightPx: FLAME_ROW_PX - 1,
        fill: style.fillOf(item),
        dimmed: style.dimmedOf(item),
        error: count === 1 && style.errorOf(item),
        label,
      };
      rects.push(rect);
      if (count === 1 && item === input.hovered) hovered = rect;
      if (count === 1 && item === input.selected) selected = rect;
      if (count !== 1) continue;
      // critical path: a band along the bottom of the frame where it holds the path
      const bandPx = 4;
      const bandY = yPx + FLAME_ROW_PX - 1 - bandPx;
      if (input.critical) {
        const { frameOffsets, startNs, endNs } = input.critical;
        for (let c = frameOffsets[item] as number; c < (frameOffsets[item + 1] as number); c++) {
          const fromPx = clampPx(xPxOf(startNs[c] as number));
          const toPx = clampPx(xPxOf(endNs[c] as number));
          if (toPx < 0 || fromPx > viewport.widthPx) continue;
          critical.push({ xPx: fromPx, yPx: bandY, widthPx: Math.max(1, toPx - fromPx), heightPx: bandPx });
        }
      } else if (input.criticalShare) {
        const share = input.criticalShare[item] ?? 0;
        if (share > 0) critical.push({ xPx: leftPx, yPx: bandY, widthPx: Math.max(1, widthPx * Math.min(1, share)), heightPx: bandPx });
      }
    }
  }
  return { rects, critical, ...(hovered ? { hovered } : {}), ...(selected ? { selected } : {}) };
}

/**
 * The longest prefix of `text` (plus an ellipsis) that fits in maxPx, or '' when not even
 * one character does. Binary search on the prefix length: O(log length) measurements.
 */
export function fitLabel(text: string, maxPx: number, measure: (text: string) => number): string {
  if (text === '' || maxPx < MIN_LABEL_PX - 2 * LABEL_PAD_PX) return '';
  // No visible character is narrower than a pixel, so a label never shows more than
  // maxPx of them: cut before measuring (a 1 MiB span name measured whole, then
  // halved twenty times, froze the tab; zero-width runs just end in an ellipsis sooner).
  const longest = Math.ceil(maxPx) + 1;
  const cut = text.length > longest;
  const candidate = cut ? text.slice(0, longest) : text;
  if (!cut && measure(text) <= maxPx) return text;
  let lo = 0; // fits
  let hi = candidate.length + (cut ? 1 : 0); // does not
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (measure(candidate.slice(0, mid) + ELLIPSIS) <= maxPx) lo = mid;
    else hi = mid;
  }
  return lo === 0 ? '' : candidate.slice(0, lo) + ELLIPSIS;
}

/**
 * Text widths measured once per string and font (canvas measureText costs a layout;
 * a redraw while panning asks for the same labels again). Bounded so a long session of
 * zooming through a 100k-span trace cannot grow it without end.
 */
export class TextWidths {
  private readonly widths = new Map<string, number>();
  private font = '';
  constructor(private readonly maxEntries = 20_000) {}

  measurer(context: CanvasRenderingContext2D, font: string): (text: string) => number {
    if (font !== this.font) {
      this.widths.clear();
      this.font = font;
    }
    return (text) => {
      let width = this.widths.get(text);
      if (width === undefined) {
        if (this.widths.size >= this.maxEntries) this.widths.clear();
        context.font = font;
        width = context.measureText(text).width;
        this.widths.set(text, width);
      }
      return width;
    };
  }
}

export interface FlameTheme {
  readonly background: string;
  readonly text: string;
  /** labels on fills too dark for `text` */
  readonly textOnDark: string;
  readonly textOnDim: string;
  readonly error: string;
  readonly critical: string;
  readonly outline: string;
  readonly font: string;
}

/** Replay a plan: frames, then labels, then critical bands and outlines on top. */
export function paintFlame(context: CanvasRenderingContext2D, plan: FlamePlan, theme: FlameTheme): void {
  for (const rect of plan.rects) {
    context.globalAlpha = rect.dimmed ? 0.25 : rect.count > 1 ? 0.6 : 1;
    context.fillStyle = rect.fill;
    context.fillRect(rect.xPx, rect.yPx, rect.widthPx - (rect.widthPx > 3 ? 1 : 0), rect.heightPx);
  }
  context.globalAlpha = 1;
  context.font = theme.font;
  context.textBaseline = 'middle';
  for (const rect of plan.rects) {
    if (rect.label === '') continue;
    context.fillStyle = rect.dimmed ? theme.textOnDim : isDark(rect.fill) ? theme.textOnDark : theme.text;
    context.fillText(rect.label, rect.xPx + LABEL_PAD_PX, rect.yPx + rect.heightPx / 2 + 1);
  }
  context.fillStyle = theme.critical;
  for (const band of plan.critical) context.fillRect(band.xPx, band.yPx, band.widthPx, band.heightPx);
  // errors are always outlined, whatever the colour mode
  context.strokeStyle = theme.error;
  context.lineWidth = 1.5;
  for (const rect of plan.rects) if (rect.error) context.strokeRect(rect.xPx + 0.75, rect.yPx + 0.75, Math.max(0, rect.widthPx - 2.5), rect.heightPx - 1.5);
  context.strokeStyle = theme.outline;
  if (plan.hovered) {
    context.lineWidth = 1;
    context.strokeRect(plan.hovered.xPx + 0.5, plan.hovered.yPx + 0.5, Math.max(0, plan.hovered.widthPx - 2), plan.hovered.heightPx - 1);
  }
  if (plan.selected) {
    context.lineWidth = 2.5;
    context.strokeRect(plan.selected.xPx + 1.25, plan.selected.yPx + 1.25, Math.max(0, plan.selected.widthPx - 3.5), plan.selected.heightPx - 2.5);
  }
}

const darkness = new Map<string, boolean>();
/** Whether dark text would be hard to read on a fill (#rrggbb; WCAG relative luminance below 0.179, where black and white text contrast equally). */
export function isDark(fill: string): boolean {
  let dark = darkness.get(fill);
  if (dark === undefined) {
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill);
    if (!m) dark = false;
    else {
      const [r, g, b] = [m[1], m[2], m[3]].map((hex) => {
        const c = parseInt(hex ?? '0', 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      dark = 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.179;
    }
    darkness.set(fill, dark);
  }
  return dark;
}
