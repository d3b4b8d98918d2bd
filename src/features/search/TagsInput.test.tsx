import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { DataSource } from '../../state/data-sources';
import { queries } from '../../state/queries';
import { TagsInput } from './TagsInput';

const source: DataSource = { id: 'tags-test', name: 'Test', kind: 'tempo', url: '/nowhere', demo: false };

/** The tag APIs' answers, already in the cache, so nothing is fetched. */
function renderTags(initial = '') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(queries.tagNames(source).queryKey, ['auth.hash.algorithm', 'db.system.name', 'http.route']);
  client.setQueryData(queries.tagValues(source, 'auth.hash.algorithm').queryKey, ['bcrypt', 'argon2id']);
  function Harness() {
    const [value, setValue] = useState(initial);
    return <TagsInput id="tags" source={source} value={value} onChange={setValue} invalid={false} />;
  }
  render(
    <QueryClientProvider client={client}>
      <Harness />
    </QueryClientProvider>,
  );
  return screen.getByRole('combobox') as HTMLInputElement;
}

function type(input: HTMLInputElement, text: string) {
  fireEvent.change(input, { target: { value: text, selectionStart: text.length, selectionEnd: text.length } });
}

describe('TagsInput', () => {
  it('Tab moves on without taking a suggestion', () => {
    const input = renderTags();
    fireEvent.focus(input);
    expect(screen.getByRole('listbox', { name: 'Attribute names' })).toBeTruthy();
    // not prevented: the browser moves the focus
    expect(fireEvent.keyDown(input, { key: 'Tab' })).toBe(true);
    expect(input.value).toBe('');

    type(input, 'auth');
    expect(fireEvent.keyDown(input, { key: 'Tab' })).toBe(true);
    expect(input.value).toBe('auth');
  });

  it('Enter takes the highlighted suggestion once something is typed', () => {
    const input = renderTags();
    fireEvent.focus(input);
    type(input, 'auth');
    expect(input.getAttribute('aria-activedescendant')).not.toBeNull();
    expect(fireEvent.keyDown(input, { key: 'Enter' })).toBe(false);
    expect(input.value).toBe('auth.hash.algorithm=');
  });

  it('Enter with nothing typed for the token submits the form, taking nothing', () => {
    const input = renderTags();
    fireEvent.focus(input);
    expect(input.getAttribute('aria-activedescendant')).toBeNull();
    expect(fireEvent.keyDown(input, { key: 'Enter' })).toBe(true);
    expect(input.value).toBe('');
    // ↓ highlights the first, and Enter then takes it
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(fireEvent.keyDown(input, { key: 'Enter' })).toBe(false);
    expect(input.value).toBe('auth.hash.algorithm=');
  });

  it('→ at the end of the text takes the suggestion; elsewhere it moves the caret', () => {
    const input = renderTags();
    fireEvent.focus(input);
    type(input, 'http');
    input.setSelectionRange(2, 2);
    expect(fireEvent.keyDown(input, { key: 'ArrowRight' })).toBe(true);
    expect(input.value).toBe('http');
    input.setSelectionRange(4, 4);
    expect(fireEvent.keyDown(input, { key: 'ArrowRight' })).toBe(false);
    expect(input.value).toBe('http.route=');
  });
});
