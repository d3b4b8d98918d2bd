import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, within } from '@testing-library/react';
import { decodeTraces, visibleRows } from '../../../core';
import { analysesOf } from '../trace-model';
import { withFakeLayout } from '../test-layout';
import { Waterfall } from './Waterfall';
import { indentPx, MAX_INDENT_LEVELS, MAX_INDENT_PX } from './geometry';

withFakeLayout();

const TRACE_ID = '4057113e00000000000000000000000b';
const LEVELS = 5_000;
const spanId = (n: number) => n.toString(16).padStart(16, '0');

/** A chain LEVELS deep: each span the only child of the one before. */
function chain() {
  const spans = Array.from({ length: LEVELS }, (_, i) => ({
    traceId: TRACE_ID,
    spanId: spanId(i + 1),
    ...(i > 0 ? { parentSpanId: spanId(i) } : {}),
    name: `level ${i}`,
    startTimeUnixNano: String(1_000_000_000 + i),
    endTimeUnixNano: String(1_000_000_000 + 2 * LEVELS - i),
  }));
  return decodeTraces({ resourceSpans: [{ resource: {}, scopeSpans: [{ spans }] }] }).traces[0]!;
}

describe('a trace deeper than the waterfall can indent', () => {
  it('indents 14 px a level up to the cap, then stays put', () => {
    expect(indentPx(0)).toBe(0);
    expect(indentPx(3)).toBe(42);
    expect(indentPx(MAX_INDENT_LEVELS)).toBe(MAX_INDENT_PX);
    expect(indentPx(99_999)).toBe(MAX_INDENT_PX);
  });

  it('draws the deepest rows at the capped indent with their level as a number, and the keyboard walks the chain', () => {
    const trace = chain();
    const analyses = analysesOf(trace);
    const rows = visibleRows(trace, new Set(), analyses.subtreeEnd);
    const last = LEVELS - 1;
    const onSelect = vi.fn();
    const { container } = render(
      <Waterfall
        analyses={analyses}
        rows={rows}
        collapsed={new Set()}
        selectedIndex={last}
        matchMask={undefined}
        window={{ startNs: 0, endNs: trace.durationNs }}
        skew={undefined}
        scrollRequest={{ spanIndex: last, align: 'center' }}
        nameColumnPx={360}
        onNameColumnResize={vi.fn()}
        onSelect={onSelect}
        onRowClick={vi.fn()}
        onToggle={vi.fn()}
        onOpenDetails={vi.fn()}
        onZoom={vi.fn()}
      />,
    );
    const grid = within(container).getByRole('treegrid');
    // virtualised: a screenful of rows, not 5,000
    const drawn = within(grid).getAllByRole('row');
    expect(drawn.length).toBeLessThan(100);
    // (jsdom cannot scroll, so read a deep row among the first screenful)
    const deep = drawn.find((r) => r.getAttribute('aria-level') === '30') as HTMLElement;
    expect(deep.style.getPropertyValue('--indent')).toBe(`${MAX_INDENT_PX}px`);
    expect(within(deep).getByTestId('row-depth').textContent).toBe('30');
    const capped = drawn.find((r) => r.getAttribute('aria-level') === String(MAX_INDENT_LEVELS + 1)) as HTMLElement;
    expect(capped.style.getPropertyValue('--indent')).toBe(`${MAX_INDENT_PX}px`);
    expect(within(capped).queryByTestId('row-depth')).toBeNull();

    fireEvent.keyDown(grid, { key: 'ArrowLeft' }); // a leaf: to its parent
    expect(onSelect).toHaveBeenLastCalledWith(last - 1);
    fireEvent.keyDown(grid, { key: 'Home' });
    expect(onSelect).toHaveBeenLastCalledWith(0);
  });

  it('shallow rows show no level number', () => {
    const trace = chain();
    const analyses = analysesOf(trace);
    const { container } = render(
      <Waterfall
        analyses={analyses}
        rows={visibleRows(trace, new Set(), analyses.subtreeEnd)}
        collapsed={new Set()}
        selectedIndex={-1}
        matchMask={undefined}
        window={{ startNs: 0, endNs: trace.durationNs }}
        skew={undefined}
        scrollRequest={undefined}
        nameColumnPx={360}
        onNameColumnResize={vi.fn()}
        onSelect={vi.fn()}
        onRowClick={vi.fn()}
        onToggle={vi.fn()}
        onOpenDetails={vi.fn()}
        onZoom={vi.fn()}
      />,
    );
    const rows = within(container).getAllByRole('row');
    const withNumber = rows.filter((r) => within(r).queryByTestId('row-depth') !== null).map((r) => Number(r.getAttribute('aria-level')));
    expect(withNumber.every((level) => level > MAX_INDENT_LEVELS + 1)).toBe(true);
    expect(within(rows[0] as HTMLElement).queryByTestId('row-depth')).toBeNull();
  });
});
