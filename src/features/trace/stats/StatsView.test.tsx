import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import type { StatsGrouping, StatsSort } from '../../../state/trace-url';
import { testTrace } from '../test-trace';
import { ConfigContext } from '../../../state/data-source-context';
import { StatsView } from './StatsView';

const trace = testTrace();

function Harness({ onRow = vi.fn() }: { onRow?: () => void }) {
  const [group, setGroup] = useState<StatsGrouping>('service');
  const [sort, setSort] = useState<StatsSort | undefined>(undefined);
  return <StatsView trace={trace} group={group} sort={sort} onGroup={setGroup} onSort={setSort} onRow={onRow} />;
}

const table = () => screen.getByRole('table', { name: 'Trace statistics' });
const labels = () => within(table()).getAllByRole('rowheader').map((h) => h.textContent);
const header = (name: string) => within(table()).getByRole('columnheader', { name: new RegExp(`^${name}`) });

describe('StatsView', () => {
  it('groups by service, most total time first', () => {
    render(<Harness />);
    expect(labels()).toEqual(['order', 'postgres', 'payment']);
  });

  it('sorts by a column, largest first, then flips; aria-sort says so', () => {
    render(<Harness />);
    fireEvent.click(within(header('Count')).getByRole('button'));
    expect(header('Count').getAttribute('aria-sort')).toBe('descending');
    expect(header('Total').getAttribute('aria-sort')).toBe('none');
    expect(labels()[0]).toBe('postgres');
    fireEvent.click(within(header('Count')).getByRole('button'));
    expect(header('Count').getAttribute('aria-sort')).toBe('ascending');
    expect(labels()[2]).toBe('postgres');
    fireEvent.click(within(header('Group')).getByRole('button'));
    expect(labels()).toEqual(['order', 'payment', 'postgres']);
    expect(header('Group').getAttribute('aria-sort')).toBe('ascending');
  });

  it('sorts by self time', () => {
    render(<Harness />);
    fireEvent.click(within(header('Self total')).getByRole('button'));
    const self = within(table()).getAllByTestId('stats-self').map((c) => c.textContent);
    expect(self).toHaveLength(3);
    // postgres 3 + 30 + 30 = 63 ms; order 100 − 53 = 47 ms; payment 20 ms
    expect(labels()).toEqual(['postgres', 'order', 'payment']);
    expect(self).toEqual(['63ms', '47ms', '20ms']);
  });

  it('masks the values of a sensitive key until "Reveal values"', () => {
    render(
      <ConfigContext.Provider value={{ dataSources: [], sensitiveKeys: ['host.name'] }}>
        <Harness />
      </ConfigContext.Provider>,
    );
    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'attribute' } });
    const key = screen.getByRole('combobox', { name: 'Attribute key' });
    fireEvent.change(key, { target: { value: 'host.name' } });
    fireEvent.blur(key);
    expect(labels()).toEqual(['••••••••']);
    expect(table().textContent).not.toContain('node-7');
    fireEvent.click(screen.getByRole('button', { name: 'Reveal values' }));
    expect(labels()).toEqual(['node-7']);
    fireEvent.click(screen.getByRole('button', { name: 'Hide values' }));
    expect(labels()).toEqual(['••••••••']);
  });

  it('groups by operation and by an attribute key', () => {
    render(<Harness />);
    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'operation' } });
    expect(labels()).toContain('INSERT orders');
    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'attribute' } });
    const key = screen.getByRole('combobox', { name: 'Attribute key' });
    fireEvent.change(key, { target: { value: 'host.name' } });
    fireEvent.blur(key);
    expect(labels()).toEqual(['node-7']);
  });

  it('a row reports its spans', () => {
    const onRow = vi.fn();
    render(<Harness onRow={onRow} />);
    fireEvent.click(within(table()).getByRole('button', { name: 'postgres' }));
    expect(onRow).toHaveBeenCalledWith(expect.objectContaining({ label: 'postgres', count: 3 }));
  });
});
