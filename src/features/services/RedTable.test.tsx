import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { RedRow } from '../../core';
import { MetricsQueryError } from '../../state/services-queries';
import { MetricsProblem } from './MetricsProblem';
import { RedTable } from './RedTable';

const range = { startMs: 0, endMs: 4_000, stepMs: 1_000 };
const row = (service: string, p99Ms: number, rate: RedRow['rate']): RedRow => ({
  service,
  rate,
  errorRate: [],
  p50Ms: [],
  p90Ms: [],
  p99Ms: [],
  exemplars: [],
  total: { ratePerSecond: 2, errorsPerSecond: 0.1, errorFraction: 0.05, requestCount: 8, errorCount: 1, p50Ms: 5, p90Ms: 9, p99Ms },
});
// checkout has no sample in the third interval: a gap
const rows = [
  row('cart', 40, [{ timeMs: 1000, value: 1 }]),
  row('checkout', 900, [
    { timeMs: 1000, value: 1 },
    { timeMs: 2000, value: 3 },
    { timeMs: 4000, value: 2 },
  ]),
];

function renderTable(sort: 'rate' | 'p99', order: 'asc' | 'desc', onSort = vi.fn()) {
  render(
    <MemoryRouter>
      <RedTable rows={rows} range={range} groupBy="service" sort={sort} order={order} onSort={onSort} linkOf={(r) => ({ pathname: `/services/${r.service}`, search: '' })} caption="Services" />
    </MemoryRouter>,
  );
  return onSort;
}

describe('RedTable', () => {
  it('sorts by the column asked, says so in aria-sort, and offers the slowest first on a first press', () => {
    const onSort = renderTable('rate', 'desc');
    const p99 = screen.getByRole('columnheader', { name: /p99/ });
    expect(p99.getAttribute('aria-sort')).toBe('none');
    expect(screen.getByRole('columnheader', { name: /Rate/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(within(p99).getByRole('button'));
    expect(onSort).toHaveBeenCalledWith('p99', 'desc');
  });

  it('shows rows in the order of the sort, with their figures', () => {
    renderTable('p99', 'desc');
    const names = screen.getAllByRole('rowheader').map((cell) => cell.textContent);
    expect(names).toEqual(['checkout', 'cart']);
    const checkout = screen.getAllByRole('row')[1] as HTMLElement;
    expect(within(checkout).getByText('5.0%')).toBeTruthy();
    expect(within(checkout).getByText('(1)')).toBeTruthy();
    expect(within(checkout).getByRole('link', { name: 'checkout' }).getAttribute('href')).toBe('/services/checkout');
  });

  it('draws a missing interval as a gap in the sparkline and says so to screen readers', () => {
    renderTable('p99', 'desc');
    const sparkline = screen.getByRole('img', { name: /^Rate of checkout/ });
    expect(sparkline.getAttribute('aria-label')).toBe('Rate of checkout: from 1.00/s to 3.00/s, latest 2.00/s, 1 interval without data');
    const d = sparkline.querySelector('path')?.getAttribute('d') ?? '';
    // two runs: 1–2 s, then 4 s alone (a dot)
    expect(d.match(/M/g)).toHaveLength(2);
    expect(sparkline.querySelectorAll('circle')).toHaveLength(1);
  });
});

describe('MetricsProblem', () => {
  it('shows the source’s words and the query it refused', () => {
    render(<MetricsProblem error={new MetricsQueryError('Tempo answered 400 Bad Request: parse error at line 1, col 9', '{ kind = server } | rate()', '/x', 400)} onRetry={vi.fn()} what="service figures" />);
    expect(screen.getByRole('alert').textContent).toContain('parse error at line 1, col 9');
    expect(screen.getByText('{ kind = server } | rate()').tagName).toBe('PRE');
  });
});
