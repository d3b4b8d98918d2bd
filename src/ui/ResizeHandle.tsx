import type { KeyboardEvent, PointerEvent } from 'react';
import styles from './ResizeHandle.module.css';

interface Props {
  readonly label: string;
  readonly valuePx: number;
  readonly minPx: number;
  readonly maxPx: number;
  /** +1 when dragging right grows the thing (a left column); -1 when it shrinks it (a right panel) */
  readonly direction: 1 | -1;
  readonly onResize: (px: number) => void;
}

/** A vertical splitter: drag with the pointer, or focus it and use ←/→ (role="separator" per WAI-ARIA). */
export function ResizeHandle({ label, valuePx, minPx, maxPx, direction, onResize }: Props) {
  const clamp = (px: number) => Math.round(Math.min(maxPx, Math.max(minPx, px)));
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const startX = event.clientX;
    const startPx = valuePx;
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) => onResize(clamp(startPx + direction * (e.clientX - startX)));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 64 : 16;
    if (event.key === 'ArrowLeft') onResize(clamp(valuePx - direction * step));
    else if (event.key === 'ArrowRight') onResize(clamp(valuePx + direction * step));
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={valuePx}
      aria-valuemin={minPx}
      aria-valuemax={maxPx}
      tabIndex={0}
      className={styles.handle}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
