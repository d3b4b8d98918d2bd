import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { useDocumentTitle } from './use-document-title';

function Page({ title }: { title: string }) {
  useDocumentTitle(title);
  return null;
}

describe('useDocumentTitle', () => {
  it('titles the page "<title> — Tracery" and follows a new title', () => {
    const { rerender } = render(<Page title="Search" />);
    expect(document.title).toBe('Search — Tracery');
    rerender(<Page title="POST /checkout · 6f3cf73" />);
    expect(document.title).toBe('POST /checkout · 6f3cf73 — Tracery');
  });

  it('an empty title leaves the app name alone', () => {
    render(<Page title="" />);
    expect(document.title).toBe('Tracery');
  });
});
