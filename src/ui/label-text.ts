/**
 * Names, services and keys are labels, written by any service: a 1 MiB span name laid
 * out in a row, a chip or a tooltip costs seconds of layout. Views show at most this
 * many characters of a label (the whole value stays in the data: export, find, copy).
 */
export const MAX_LABEL_CHARS = 1000;

/** The first `max` UTF-16 units of `text`, never ending inside a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** `text`, or its start and an ellipsis when it is longer than `max`. */
export function labelText(text: string, max = MAX_LABEL_CHARS): string {
  return text.length <= max ? text : `${cutText(text, max)}…`;
}

