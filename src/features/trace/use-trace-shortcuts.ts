import { useEffect, useRef } from 'react';

interface Handlers {
  readonly onCopyLink: () => void;
  readonly onFind: () => void;
  readonly onHelp: () => void;
  readonly onEscape: () => void;
}

/** Page-wide keys: "/" find, "?" help, "c" copy link, Esc close. Typing in a field keeps its keys (except Esc). */
export function useTraceShortcuts(handlers: Handlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === 'Escape') {
        latest.current.onEscape();
        return;
      }
      if (typing) return;
      if (event.key === '/') {
        event.preventDefault();
        latest.current.onFind();
      } else if (event.key === 'c') {
        event.preventDefault();
        latest.current.onCopyLink();
      } else if (event.key === '?') {
        event.preventDefault();
        latest.current.onHelp();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
