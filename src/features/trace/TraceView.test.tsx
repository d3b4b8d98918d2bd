import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { withFakeLayout } from './test-layout';
import { testTrace } from './test-trace';
import { renderTraceView } from './test-render';

withFakeLayout();
const trace = testTrace();

function renderAt(search: string) {
  const { search: readSearch } = renderTraceView(trace, search);
  const grid = screen.queryByRole('treegrid') ?? document.body;
  const selected = () => grid.querySelector('[aria-selected="true"]')?.getAttribute('data-span-id');
  return { grid, selected, search: readSearch };
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

  it('switches views through tabs in the URL, keeping the selected span', () => {
    const { search } = renderAt('?source=demo&span=00000000000000b2');
    const tabs = screen.getByRole('tablist', { name: 'Trace views' });
    fireEvent.click(within(tabs).getByRole('tab', { name: 'Statistics' }));
    expect(search().get('view')).toBe('stats');
    expect(search().get('span')).toBe('00000000000000b2');
    expect(screen.getByRole('table', { name: 'Trace statistics' })).toBeTruthy();
    fireEvent.click(within(tabs).getByRole('tab', { name: 'Logs' }));
    expect(screen.getByText('No log source configured')).toBeTruthy();
    expect(screen.getByTestId('logs-config-snippet').textContent).toContain('"kind": "loki"');
    fireEvent.click(within(tabs).getByRole('tab', { name: 'Waterfall' }));
    expect(search().get('view')).toBeNull();
    expect(screen.getByRole('treegrid')).toBeTruthy();
  });

  it('an unknown view shows the waterfall and says the link asked for something else', () => {
    renderAt('?view=gantt&span=00000000000000b2');
    expect(screen.getByRole('treegrid')).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Waterfall' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText(/Ignored from the link: view "gantt"/)).toBeTruthy();
  });

  it('a statistics row highlights its spans in the waterfall', () => {
    renderAt('?view=stats');
    const table = screen.getByRole('table', { name: 'Trace statistics' });
    fireEvent.click(within(table).getByRole('button', { name: /postgres/ }));
    const grid = screen.getByRole('treegrid');
    expect(screen.getByTestId('highlight-banner').textContent).toContain('3 spans');
    const matched = [...grid.querySelectorAll('[data-match="match"]')].map((r) => r.getAttribute('data-span-id'));
    expect(matched.sort()).toEqual(['00000000000000b2', '00000000000000c3', '00000000000000d4']);
  });

  it('a service map node filters the waterfall through find', async () => {
    const { search } = renderAt('?view=map');
    fireEvent.click(screen.getByRole('button', { name: /^payment:/ }));
    expect(search().get('find')).toBe('service.name=payment');
    expect(search().get('view')).toBeNull();
    await act(async () => {});
    expect(screen.getByTestId('find-count').textContent).toBe('– of 1');
  });

  it('collapse goes to the URL as a bounded encoding and comes back from it', () => {
    const { grid, search } = renderAt('');
    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(search().get('collapse')).toBe('depth:0');
    fireEvent.click(within(grid).getByRole('button', { name: /Expand POST \/orders/ }));
    expect(search().get('collapse')).toBe('depth:0,-00000000000000a1');
  });

  it('opens collapsed as the link says', () => {
    const { grid } = renderAt('?collapse=depth:0,-00000000000000a1');
    expect(within(grid).getByText('INSERT orders')).toBeTruthy();
    expect(within(grid).queryByText('charge')).toBeNull();
  });

  it('Copy link and "c" copy the whole view as a link, with a toast', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    renderAt('?source=demo&span=00000000000000b2&find=postgres&view=stats&group=operation&lsev=WARN&utm_source=chat');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    });
    expect(screen.getByTestId('toast').textContent).toBe('Link copied');
    const copied = new URL(writeText.mock.calls.at(-1)?.at(0) ?? '');
    expect(Object.fromEntries(copied.searchParams)).toEqual({ source: 'demo', span: '00000000000000b2', find: 'postgres', view: 'stats', group: 'operation', lsev: 'WARN' });
    await act(async () => {
      fireEvent.keyDown(window, { key: 'c' });
    });
    expect(writeText).toHaveBeenCalledTimes(2);
  });
});
