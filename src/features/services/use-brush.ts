import { useRef, useState, type PointerEvent } from 'react';

/**
 * A horizontal brush over an SVG chart with pointer events: drag to choose a window,
 * release to report it in the chart's own coordinates (px from the SVG's left). A
 * drag narrower than 3 px is a click, reported by `onClick` instead.
 */
export function useBrush(onBrush: (fromPx: number, toPx: number) => void, onClick?: (atPx: number, atYPx: number) => void) {
  const start = useRef<number | undefined>(undefined);
  const [selection, setSelection] = useState<readonly [number, number]>();
  const boxOf = (event: PointerEvent<SVGElement>) => (event.currentTarget.ownerSVGElement ?? (event.currentTarget as SVGSVGElement)).getBoundingClientRect();
  const xOf = (event: PointerEvent<SVGElement>) => event.clientX - boxOf(event).left;
  return {
    selection,
    handlers: {
      onPointerDown: (event: PointerEvent<SVGElement>) => {
        if (event.button !== 0) return;
        event.currentTarget.setPointerCapture?.(event.pointerId);
        start.current = xOf(event);
        setSelection([start.current, start.current]);
      },
      onPointerMove: (event: PointerEvent<SVGElement>) => {
        if (start.current === undefined) return;
        const x = xOf(event);
        setSelection([Math.min(start.current, x), Math.max(start.current, x)]);
      },
      onPointerUp: (event: PointerEvent<SVGElement>) => {
        const from = start.current;
        start.current = undefined;
        setSelection(undefined);
        if (from === undefined) return;
        const to = xOf(event);
        if (Math.abs(to - from) < 3) onClick?.(to, event.clientY - boxOf(event).top);
        else onBrush(Math.min(from, to), Math.max(from, to));
      },
      onPointerCancel: () => {
        start.current = undefined;
        setSelection(undefined);
      },
    },
  };
}
