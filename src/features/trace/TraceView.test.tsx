import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { withFakeLayout } from './test-layout';
import { testTrace } from './test-trace';
import { TraceView } from './TraceView';

withFakeLayout();
const trace = testTrace();

function Location() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

function renderAt(search: string) {
  render(
    <MemoryRouter initialEntries={[`/trace/${trace.traceId}${search}`]}>
      <TraceView trace={trace} />
      <Location />
    </MemoryRouter>,
  );
  const grid = screen.getByRole('treegrid');
  const selected = () => grid.querySelector('[aria-selected="true"]')?.getAttribute('data-span-id');
  const search_ = () => new URLSearchParams(screen.getByTestId('location').textContent ?? '');
  return { grid, selected, search: search_ };
}

describe('TraceView', () => {
  it('a link naming a span selects it and opens its details', () => {
    const { selected } = renderAt('?source=demo&span=00000000000000B2');
    expect(selected()).toBe('00000000000000b2');
    expect(within(screen.getByRole('complementary', { name: 'Span details' })).getByRole('heading', { level: 2 }).textContent).toBe('INSERT orders');
  });

  it('clicking a row puts it in the URL, keeping other parameters, and opens details', () => {
    const { grid, selected, search } = renderAt('?source=demo');
    expect(screen.queryByRole('complementary', { name: 'Span details' })).toBeNull();
    fireEvent.click(within(grid).getByText('GET cart'));
    expect(search().get('span')).toBe('00000000000000c3');
    expect(search().get('source')).toBe('demo');
    expect(selected()).toBe('00000000000000c3');
    expect(screen.getByRole('complementary', { name: 'Span details' })).toBeTruthy();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('complementary', { name: 'Span details' })).toBeNull();
  });

  it('selecting a span inside a collapsed subtree expands its ancestors', () => {
    const { grid, selected } = renderAt('');
    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(within(grid).queryByText('charge')).toBeNull();
    // find → next selects the first match, revealing it
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find spans' }), { target: { value: 'charge' } });
    fireEvent.click(screen.getByRole('button', { name: 'Next match' }));
    expect(selected()).toBe('00000000000000e5');
    expect(within(grid).getByText('charge')).toBeTruthy();
  });

  it('find shows "n of m", steps with Enter, and writes the URL', async () => {
    const { search } = renderAt('');
    const box = screen.getByRole('searchbox', { name: 'Find spans' });
    fireEvent.change(box, { target: { value: 'postgres' } });
    await act(async () => {}); // the deferred find value settles
    expect(search().get('find')).toBe('postgres');
    const count = screen.getByTestId('find-count');
    expect(count.textContent).toBe('– of 3');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(count.textContent).toBe('1 of 3');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(count.textContent).toBe('2 of 3');
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(count.textContent).toBe('1 of 3');
  });

  it('says which link parameters it ignored', () => {
    renderAt('?window=9-3&span=nope');
    expect(screen.getByText(/Ignored from the link: span "nope", window "9-3"/)).toBeTruthy();
  });
});
