import { useEffect } from 'react';

const APP_NAME = 'Tracery';

/**
 * The tab's title while a page is shown: `<title> — Tracery` (`Search — Tracery`),
 * or the app's name alone for an empty title. With several tabs open, and for a
 * screen reader announcing the page, "Tracery" alone says nothing.
 */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} — ${APP_NAME}` : APP_NAME;
  }, [title]);
}
