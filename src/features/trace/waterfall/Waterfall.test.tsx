import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { visibleRows } from '../../../core';
import { analysesOf } from '../trace-model';
import { withFakeLayout } from '../test-layout';
import { testTrace } from '../test-trace';
import { Waterfall, type WaterfallProps } from './Waterfall';

withFakeLayout();

const trace = testTrace();
const analyses = analysesOf(trace);
const indexOf = (id: string) => analyses.indexById.get(id) ?? -1;

function renderWaterfall(overrides: Partial<WaterfallProps> = {}) {
  const collapsed = overrides.collapsed ?? new Set<string>();
  const props: WaterfallProps = {
    analyses,
    rows: visibleRows(trace, collapsed, analyses.subtreeEnd),
    collapsed,
    selectedIndex: -1,
    matchMask: undefined,
    window: { startNs: 0, endNs: trace.durationNs },
    skew: undefined,
    scrollRequest: undefined,
    nameColumnPx: 300,
    onNameColumnResize: vi.fn(),
    onSelect: vi.fn(),
    onRowClick: vi.fn(),
    onToggle: vi.fn(),
    onOpenDetails: vi.fn(),
    onZoom: vi.fn(),
    ...overrides,
  };
  const { container } = render(<Waterfall {...props} />);
  const grid = within(container).getByRole('treegrid');
  return { props, grid, rows: within(grid).queryAllByRole('row') };
}
const names = (rows: HTMLElement[]) => rows.map((r) => within(r).getByTestId('span-name').textContent);

describe('Waterfall treegrid rows', () => {
  it('lists spans depth-first with their level, expanded state and selection', () => {
    const { rows } = renderWaterfall({ selectedIndex: indexOf('00000000000000b2') });
    expect(names(rows)).toEqual(['POST /orders', 'GET cart', 'INSERT orders', 'charge', 'late retry']);
    expect(rows.map((r) => r.getAttribute('aria-level'))).toEqual(['1', '2', '2', '3', '1']);
    // only spans with children say whether they are expanded
    expect(rows.map((r) => r.getAttribute('aria-expanded'))).toEqual(['true', null, 'true', null, null]);
    expect(rows.map((r) => r.getAttribute('aria-selected'))).toEqual(['false', 'false', 'true', 'false', 'false']);
  });

  it('marks errors, orphans, event markers and critical-path segments', () => {
    const { rows } = renderWaterfall();
    const insert = rows[2] as HTMLElement;
    expect(within(insert).getByRole('img', { name: 'error' }).getAttribute('title')).toBe('deadlock detected');
    expect(within(rows[4] as HTMLElement).getByText('orphan').getAttribute('title')).toBe('parent 00000000000000ff is not in this trace');
    expect(within(insert).getByTitle('exception at +40ms')).toBeTruthy();
    // the root waits for INSERT, which waits for charge: all three own critical time; GET cart ends before INSERT starts, so it does too
    expect(rows.map((r) => r.querySelectorAll('[data-critical]').length > 0)).toEqual([true, true, true, true, true]);
  });

  it('places bars on the window, and the window zooms them', () => {
    const { rows } = renderWaterfall({ window: { startNs: 0, endNs: 50e6 } });
    const bar = (rows[2] as HTMLElement).querySelector<HTMLElement>('[role="gridcell"] + [role="gridcell"] > span');
    // INSERT runs 10–60 ms; the window is 0–50 ms
    expect(bar?.style.left).toBe('20%');
    expect(bar?.style.width).toBe('100%');
  });

  it('a collapsed span shows how many spans it hides; the caret toggles it', () => {
    const collapsed = new Set(['00000000000000a1']);
    const { rows, props } = renderWaterfall({ collapsed });
    expect(names(rows)).toEqual(['POST /orders', 'late retry']);
    expect(rows[0]?.getAttribute('aria-expanded')).toBe('false');
    expect(within(rows[0] as HTMLElement).getByTestId('hidden-count').textContent).toBe('+3');
    fireEvent.click(within(rows[0] as HTMLElement).getByRole('button', { name: 'Expand POST /orders (3 hidden)' }));
    expect(props.onToggle).toHaveBeenCalledWith(indexOf('00000000000000a1'));
    expect(props.onRowClick).not.toHaveBeenCalled();
  });

  it('dims non-matches while a find is active', () => {
    const mask = new Uint8Array(trace.spans.length);
    mask[indexOf('00000000000000c3')] = 1;
    const { rows } = renderWaterfall({ matchMask: mask });
    expect(rows.map((r) => r.getAttribute('data-match'))).toEqual(['other', 'match', 'other', 'other', 'other']);
  });

  it('keyboard: arrows move, ←/→ collapse, expand and walk the tree, Enter opens details', () => {
    const b2 = indexOf('00000000000000b2');
    const { grid, props } = renderWaterfall({ selectedIndex: b2 });
    expect(grid.getAttribute('aria-activedescendant')).toBe(within(grid).getAllByRole('row')[2]?.id);
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(props.onSelect).toHaveBeenLastCalledWith(indexOf('00000000000000e5'));
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    expect(props.onSelect).toHaveBeenLastCalledWith(indexOf('00000000000000c3'));
    fireEvent.keyDown(grid, { key: 'ArrowLeft' }); // expanded parent: collapse it
    expect(props.onToggle).toHaveBeenLastCalledWith(b2, false);
    fireEvent.keyDown(grid, { key: 'ArrowRight' }); // expanded: go to the first child
    expect(props.onSelect).toHaveBeenLastCalledWith(indexOf('00000000000000e5'));
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(props.onOpenDetails).toHaveBeenCalled();
    fireEvent.keyDown(grid, { key: 'End' });
    expect(props.onSelect).toHaveBeenLastCalledWith(indexOf('00000000000000d4'));
  });

  it('keyboard: ← on a leaf goes to its parent; ↓ with nothing selected selects the first row', () => {
    const leaf = renderWaterfall({ selectedIndex: indexOf('00000000000000e5') });
    fireEvent.keyDown(leaf.grid, { key: 'ArrowLeft' });
    expect(leaf.props.onSelect).toHaveBeenLastCalledWith(indexOf('00000000000000b2'));
  });

  it('keyboard: ↓ with nothing selected selects the first row; → on a collapsed span expands it', () => {
    const a1 = indexOf('00000000000000a1');
    const { grid, props } = renderWaterfall({ collapsed: new Set(['00000000000000a1']) });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(props.onSelect).toHaveBeenLastCalledWith(a1);
    const second = renderWaterfall({ collapsed: new Set(['00000000000000a1']), selectedIndex: a1 });
    fireEvent.keyDown(second.grid, { key: 'ArrowRight' });
    expect(second.props.onToggle).toHaveBeenLastCalledWith(a1, true);
  });

  it('says when filters leave no rows', () => {
    renderWaterfall({ rows: new Int32Array(0) });
    expect(screen.getByText('No spans match these filters.')).toBeTruthy();
  });
});
