/**
 * Size a canvas's backing store to its CSS size × devicePixelRatio so lines stay
 * sharp on HiDPI screens, and return a context that draws in CSS pixels.
 * undefined where there is no 2D context (jsdom in unit tests).
 */
export function prepareCanvas(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number): CanvasRenderingContext2D | undefined {
  const ratio = typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
  const width = Math.max(1, Math.round(cssWidth * ratio));
  const height = Math.max(1, Math.round(cssHeight * ratio));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  let context: CanvasRenderingContext2D | null;
  try {
    context = canvas.getContext('2d');
  } catch {
    return undefined; // jsdom throws "not implemented"
  }
  if (!context) return undefined;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, cssWidth, cssHeight);
  return context;
}

/** Coalesce redraw requests into one animation frame (STYLE.md rule 5). */
export function frameScheduler(draw: () => void): { request(): void; cancel(): void } {
  let handle = 0;
  return {
    request() {
      if (handle !== 0) return;
      handle = requestAnimationFrame(() => {
        handle = 0;
        draw();
      });
    },
    cancel() {
      if (handle !== 0) cancelAnimationFrame(handle);
      handle = 0;
    },
  };
}
