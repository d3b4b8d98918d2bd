import type { MeasureText, ServiceMapTextStyle } from '../../../core/layout/service-map-layout';

/**
 * The font of each text the map draws (ServiceMap.module.css sets the same sizes and
 * weights), and the height a line of it takes: the layout keeps that much room.
 */
const STYLES: Record<ServiceMapTextStyle, { readonly size: number; readonly weight: number; readonly lineHeight: number }> = {
  title: { size: 12, weight: 600, lineHeight: 15 },
  detail: { size: 11, weight: 400, lineHeight: 14 },
  edge: { size: 11, weight: 400, lineHeight: 13 },
};

/**
 * Measures text with a canvas in the page's own font, so a box fits the name it holds.
 * Where there is no canvas (jsdom in component tests) it estimates: 0.62 em a
 * character is wider than most proportional fonts' average, so boxes err roomy.
 */
export function pageTextMeasure(): MeasureText {
  const context = typeof document !== 'undefined' ? canvasContext() : undefined;
  const family = typeof document !== 'undefined' && document.body ? getComputedStyle(document.body).fontFamily || 'sans-serif' : 'sans-serif';
  const cache = new Map<string, number>();
  return (text, style) => {
    const { size, weight, lineHeight } = STYLES[style];
    const key = `${style}\u0000${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      if (context) {
        context.font = `${weight} ${size}px ${family}`;
        width = Math.ceil(context.measureText(text).width);
      } else {
        width = Math.ceil(text.length * size * 0.62);
      }
      cache.set(key, width);
    }
    return { width, height: lineHeight };
  };
}

function canvasContext(): CanvasRenderingContext2D | undefined {
  try {
    // jsdom has canvas elements without a 2D context (it logs "not implemented")
    if (typeof navigator !== 'undefined' && /jsdom/i.test(navigator.userAgent)) return undefined;
    return document.createElement('canvas').getContext('2d') ?? undefined;
  } catch {
    return undefined;
  }
}
