import type { KeyboardEvent } from 'react';

/**
 * ↑/↓ inside a list of result links (search results, Local files): focus moves to the
 * previous or next `a.result-link`, stopping at the ends, so a person walks the list
 * from the keyboard and opens one with Enter.
 */
export function moveAmongResultLinks(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a.result-link')];
  const index = links.indexOf(document.activeElement as HTMLAnchorElement);
  const next = links[Math.max(0, Math.min(links.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}
