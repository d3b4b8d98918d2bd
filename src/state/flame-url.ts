/**
 * The flame view's own URL parameters, beside the trace page's (state/trace-url.ts,
 * which owns `span`, `window` and `find` — shared with the waterfall). Same rules:
 * an invalid parameter is dropped without losing the others, and what a link must
 * reproduce lives here, nothing else.
 *
 *   &flameMode=aggregate      time (default) | aggregate
 *   &flameFocus=<16 hex>      the frame drilled into (a span id; in aggregated mode its call-path node)
 *   &flameColor=errors        service (default) | errors | self
 *   &flameOrder=width         aggregated mode's sibling order: name (default) | width
 *   &flameDim=1               dim frames off the critical path
 */
export const FLAME_MODES = ['time', 'aggregate'] as const;
export type FlameMode = (typeof FLAME_MODES)[number];
export const FLAME_COLORS = ['service', 'errors', 'self'] as const;
export type FlameColorMode = (typeof FLAME_COLORS)[number];
export const FLAME_ORDERS = ['name', 'width'] as const;
export type FlameOrder = (typeof FLAME_ORDERS)[number];

export interface FlameUrlState {
  readonly mode: FlameMode;
  readonly focus?: string;
  readonly color: FlameColorMode;
  readonly order: FlameOrder;
  readonly dimOffPath: boolean;
}

const SPAN_ID_RE = /^[0-9a-f]{16}$/i;

export function readFlameUrl(params: URLSearchParams): { state: FlameUrlState; dropped: string[] } {
  const dropped: string[] = [];
  const oneOf = <T extends string>(key: string, values: readonly T[], fallback: T): T => {
    const value = params.get(key);
    if (value === null) return fallback;
    if ((values as readonly string[]).includes(value)) return value as T;
    dropped.push(`${key} "${value.slice(0, 40)}"`);
    return fallback;
  };
  const focusText = params.get('flameFocus');
  let focus: string | undefined;
  if (focusText !== null) {
    if (SPAN_ID_RE.test(focusText)) focus = focusText.toLowerCase();
    else dropped.push(`flameFocus "${focusText.slice(0, 40)}"`);
  }
  const dimText = params.get('flameDim');
  if (dimText !== null && dimText !== '1') dropped.push(`flameDim "${dimText.slice(0, 40)}"`);
  return {
    state: {
      mode: oneOf('flameMode', FLAME_MODES, 'time'),
      ...(focus !== undefined ? { focus } : {}),
      color: oneOf('flameColor', FLAME_COLORS, 'service'),
      order: oneOf('flameOrder', FLAME_ORDERS, 'name'),
      dimOffPath: dimText === '1',
    },
    dropped,
  };
}

/** `current` with the given fields changed (defaults remove the parameter); other parameters stay. */
export function writeFlameUrl(current: URLSearchParams, patch: Partial<FlameUrlState>): URLSearchParams {
  const next = new URLSearchParams(current);
  const set = (key: string, value: string | undefined): void => {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  };
  if ('mode' in patch) set('flameMode', patch.mode === 'time' ? undefined : patch.mode);
  if ('focus' in patch) set('flameFocus', patch.focus !== undefined && SPAN_ID_RE.test(patch.focus) ? patch.focus.toLowerCase() : undefined);
  if ('color' in patch) set('flameColor', patch.color === 'service' ? undefined : patch.color);
  if ('order' in patch) set('flameOrder', patch.order === 'name' ? undefined : patch.order);
  if ('dimOffPath' in patch) set('flameDim', patch.dimOffPath ? '1' : undefined);
  return next;
}
