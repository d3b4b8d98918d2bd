import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { withFakeLayout } from './test-layout';
import { testTrace } from './test-trace';
import { renderTraceView } from './test-render';

withFakeLayout();
const trace = testTrace();

function renderAt(search: string) {
  const { search: readSearch, navigate } = renderTraceView(trace, search);
  const grid = () => screen.queryByRole('treegrid') ?? document.body;
  const selected = () => grid().querySelector('[aria-selected="true"]')?.getAttribute('data-span-id');
  return { grid: grid(), selected, search: readSearch, navigate };
}

/** The toolbar's one command menu for expanding and collapsing. */
function collapseChoice(label: string) {
  const menu = screen.getByRole('combobox', { name: 'Expand or collapse' });
  const option = within(menu).getByRole('option', { name: label }) as HTMLOptionElement;
  fireEvent.change(menu, { target: { value: option.value } });
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

  it('find goes to its first match: expands what hides it, selects it and counts "1 of N"', async () => {
    const { grid, selected } = renderAt('');
    collapseChoice('Collapse all');
    expect(within(grid).queryByText('charge')).toBeNull();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find spans' }), { target: { value: 'charge' } });
    await act(async () => {}); // the deferred find value settles
    expect(selected()).toBe('00000000000000e5');
    expect(within(grid).getByText('charge')).toBeTruthy();
    expect(screen.getByTestId('find-count').textContent).toBe('1 of 1');
    // the details stay as they were: find moves the selection, it does not open panels
    expect(screen.queryByRole('complementary', { name: 'Span details' })).toBeNull();
  });

  it('a link naming a span inside a collapsed subtree opens with its ancestors expanded and its details open', () => {
    const { grid, selected } = renderAt('?span=00000000000000e5&collapse=depth:0');
    expect(selected()).toBe('00000000000000e5');
    expect(within(grid).getByText('charge')).toBeTruthy();
    expect(within(screen.getByRole('complementary', { name: 'Span details' })).getByRole('heading', { level: 2 }).textContent).toBe('charge');
  });

  it('a span put in the URL from outside (a pasted traceparent, Back) is revealed and its details open', async () => {
    const { grid, selected, navigate } = renderAt('?collapse=depth:0');
    expect(within(grid).queryByText('charge')).toBeNull();
    await act(async () => navigate('?span=00000000000000e5&collapse=depth:0'));
    expect(selected()).toBe('00000000000000e5');
    expect(within(grid).getByText('charge')).toBeTruthy();
    expect(screen.getByRole('complementary', { name: 'Span details' })).toBeTruthy();
  });

  it('a span pasted again after it was collapsed away and its details closed is revealed again', async () => {
    const { grid, selected, navigate } = renderAt('?span=00000000000000e5&collapse=depth:0');
    expect(within(grid).getByText('charge')).toBeTruthy();
    fireEvent.keyDown(window, { key: 'Escape' });
    collapseChoice('Collapse all');
    expect(screen.queryByRole('complementary', { name: 'Span details' })).toBeNull();
    expect(within(screen.getByRole('treegrid')).queryByText('charge')).toBeNull();
    // the URL still names e5: the traceparent names the same span
    await act(async () => navigate('?span=00000000000000e5'));
    expect(selected()).toBe('00000000000000e5');
    expect(within(screen.getByRole('treegrid')).getByText('charge')).toBeTruthy();
    expect(screen.getByRole('complementary', { name: 'Span details' })).toBeTruthy();
  });

  it('titles the page with the root operation and the short trace id, and moves focus to the trace heading', () => {
    renderAt('');
    expect(document.title).toBe('POST /orders · 0af7651 — Tracery');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
  });

  it('"Skip to waterfall" moves focus to the span tree, from any view', async () => {
    renderAt('?view=stats');
    fireEvent.click(screen.getByRole('link', { name: 'Skip to waterfall' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('treegrid')));
  });

  it.each(['', '?view=flame', '?view=logs', '?view=stats', '?view=map'])('"Skip to waterfall" names an element that is on the page (%s)', (search) => {
    renderAt(search);
    const link = screen.getByRole('link', { name: 'Skip to waterfall' });
    const target = document.getElementById((link.getAttribute('href') ?? '').replace(/^#/, ''));
    // what a reader that follows the href (or an audit) reaches: the span tree, else the tab that shows it
    expect(target).toBe(search === '' ? screen.getByRole('treegrid') : screen.getByRole('tab', { name: 'Waterfall' }));
  });

  it('find shows "n of m", steps with Enter, and writes the URL', async () => {
    const { search } = renderAt('');
    const box = screen.getByRole('searchbox', { name: 'Find spans' });
    fireEvent.change(box, { target: { value: 'postgres' } });
    await act(async () => {}); // the deferred find value settles
    expect(search().get('find')).toBe('postgres');
    const count = screen.getByTestId('find-count');
    expect(count.textContent).toBe('1 of 3');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(count.textContent).toBe('2 of 3');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(count.textContent).toBe('3 of 3');
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(count.textContent).toBe('2 of 3');
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

  it('a service map node filters the waterfall through find, revealing its first span', async () => {
    const { search, selected } = renderAt('?view=map&collapse=depth:0');
    // (the map's node names are the map's business: pick the node by its service)
    const node = document.querySelector('[data-testid="map-node"][data-service="payment"]');
    if (!node) throw new Error('no map node for payment');
    fireEvent.click(node);
    expect(search().get('find')).toBe('service.name=payment');
    expect(search().get('view')).toBeNull();
    await act(async () => {});
    expect(screen.getByTestId('find-count').textContent).toBe('1 of 1');
    expect(selected()).toBe('00000000000000e5');
    expect(within(screen.getByRole('treegrid')).getByText('charge')).toBeTruthy();
  });

  it('collapse goes to the URL as a bounded encoding and comes back from it', () => {
    const { grid, search } = renderAt('');
    collapseChoice('Collapse all');
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
