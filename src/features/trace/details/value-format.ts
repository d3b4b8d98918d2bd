/**
 * Decisions about how an attribute string shows, kept apart from the markup so
 * they are easy to test and to reason about: trace data is untrusted input.
 */

/**
 * Only http: and https: become links. `javascript:`, `data:`, `file:` and the like
 * stay text: a span attribute is written by whoever sent the span.
 */
export function httpUrl(text: string): string | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Larger strings are shown as they are: parsing megabytes on every selection would stall the page. */
const MAX_JSON_CHARS = 100_000;

/** The value pretty-printed when the string is a JSON object or array; undefined otherwise. */
export function prettyJson(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length > MAX_JSON_CHARS || !/^[[{]/.test(trimmed)) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null ? JSON.stringify(value, null, 2) : undefined;
  } catch {
    return undefined;
  }
}

/** Strings longer than this (or with more lines) start clamped behind "Show more". */
export const CLAMP_CHARS = 240;
export const CLAMP_LINES = 4;

export function isLong(text: string): boolean {
  if (text.length > CLAMP_CHARS) return true;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (++lines > CLAMP_LINES) return true;
  return false;
}

/**
 * Attribute strings longer than this show only their start until "Show all": a
 * 1 MiB value laid out in the panel costs seconds of layout and buries the rest.
 */
export { cutText, labelText, MAX_LABEL_CHARS } from '../../../ui/label-text';

export const MAX_SHOWN_CHARS = 64 * 1024;
export { utf8Length } from '../../../core';

/** "1,024 KB": KiB, rounded up, so a value just over the limit never reads as "64 KB". */
export function formatKB(bytes: number): string {
  return `${Math.ceil(bytes / 1024).toLocaleString('en')} KB`;
}
