import { useState, type PointerEvent, type RefObject } from 'react';

/** Less movement than this is a click, not a drag (a hand on a trackpad wobbles 1–2 px). */
const MIN_DRAG_PX = 4;

/**
 * Drag across an element to pick a horizontal range, as fractions 0–1 of its width.
 * The draft shows while dragging; `onSelect` gets the range on release.
 */
export function useDragSelect(ref: RefObject<HTMLElement | null>, onSelect: (from: number, to: number) => void) {
  const [draft, setDraft] = useState<{ from: number; to: number } | undefined>();
  const fractionAt = (clientX: number): number => {
    const rect = ref.current?.getBoundingClientRect();
    if (!rect || rect.width <= 0) return 0;
    return Math.min(1, Math.max(0, (clientX - rect.left) / rect.width));
  };
  const onPointerDown = (event: PointerEvent<HTMLElement>) => {
    if (event.button !== 0) return;
    const element = event.currentTarget;
    element.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const start = fractionAt(startX);
    const move = (e: globalThis.PointerEvent) => {
      if (Math.abs(e.clientX - startX) < MIN_DRAG_PX) return;
      const at = fractionAt(e.clientX);
      setDraft({ from: Math.min(start, at), to: Math.max(start, at) });
    };
    const up = (e: globalThis.PointerEvent) => {
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerup', up);
      element.removeEventListener('pointercancel', up);
      setDraft(undefined);
      if (e.type === 'pointerup' && Math.abs(e.clientX - startX) >= MIN_DRAG_PX) {
        const at = fractionAt(e.clientX);
        onSelect(Math.min(start, at), Math.max(start, at));
      }
    };
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerup', up);
    element.addEventListener('pointercancel', up);
  };
  return { draft, handlers: { onPointerDown } };
}
