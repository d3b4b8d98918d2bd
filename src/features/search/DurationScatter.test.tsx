import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from '@testing-library/react';
import type { TraceSummary } from '../../core';
import { useTimeZoneStore } from '../../ui/time-zone';
import { DurationScatter } from './DurationScatter';
import { timeAxisLabels } from './time-axis-labels';

const at = (iso: string) => Date.parse(iso);

function summaryAt(iso: string, durationNs: number): TraceSummary {
  return {
    traceId: `${at(iso).toString(16).padStart(32, '0')}`,
    rootServiceName: 'web',
    rootSpanName: 'GET /',
    startUnixNano: BigInt(at(iso)) * 1_000_000n,
    durationNs,
    spanCount: 3,
    errorSpanCount: 0,
    services: [{ name: 'web', spanCount: 3, errorSpanCount: 0 }],
  };
}

function axisLabels(container: HTMLElement): string[] {
  return [...container.querySelectorAll('.x-axis .tick text')].map((t) => t.textContent ?? '');
}

describe('DurationScatter time axis', () => {
  beforeEach(() => useTimeZoneStore.setState({ timeZone: 'utc' }));
  afterEach(() => useTimeZoneStore.setState({ timeZone: 'local' }));

  it('spans the searched window, not only the traces found, with labels that read alone', () => {
    // traces only in the last minutes of an hour's search
    const summaries = [summaryAt('2026-11-24T13:51:10Z', 2e8), summaryAt('2026-11-24T13:54:40Z', 5e7)];
    const { container } = render(
      <DurationScatter summaries={summaries} startMs={at('2026-11-24T13:00:00Z')} endMs={at('2026-11-24T14:00:00Z')} onOpen={vi.fn()} onBrush={vi.fn()} />,
    );
    const labels = axisLabels(container);
    expect(labels[0]).toBe('13:00');
    expect(labels.at(-1)).toBe('14:00');
    for (const label of labels) expect(label).toMatch(/^\d{2}:\d{2}$/);
  });

  it('a brushed minute reads to the second', () => {
    const summaries = [summaryAt('2026-11-24T14:05:12Z', 2e8)];
    const { container } = render(
      <DurationScatter summaries={summaries} startMs={at('2026-11-24T14:05:00Z')} endMs={at('2026-11-24T14:06:00Z')} onOpen={vi.fn()} onBrush={vi.fn()} />,
    );
    const labels = axisLabels(container);
    expect(labels[0]).toBe('14:05:00');
    expect(labels).toContain('14:05:30');
    for (const label of labels) expect(label).toMatch(/^\d{2}:\d{2}:\d{2}$/);
  });

  it('without a bounded window (Local files) spans the traces found', () => {
    const summaries = [summaryAt('2026-11-24T10:00:00Z', 2e8), summaryAt('2026-11-24T10:30:00Z', 2e8)];
    const { container } = render(<DurationScatter summaries={summaries} startMs={0} endMs={Infinity} onOpen={vi.fn()} onBrush={vi.fn()} />);
    const labels = axisLabels(container);
    expect(labels[0]).toBe('10:00');
    expect(labels.at(-1)).toBe('10:30');
  });
});

describe('timeAxisLabels', () => {
  const dates = (...iso: string[]) => iso.map((i) => new Date(i));

  it.each([
    ['minutes', dates('2026-11-24T14:00:00Z', '2026-11-24T14:05:00Z'), ['14:00', '14:05']],
    ['seconds', dates('2026-11-24T14:05:00Z', '2026-11-24T14:05:30Z'), ['14:05:00', '14:05:30']],
    ['milliseconds', dates('2026-11-24T14:05:30.000Z', '2026-11-24T14:05:30.200Z'), ['14:05:30.000', '14:05:30.200']],
    ['a new day', dates('2026-11-24T22:00:00Z', '2026-11-25T00:00:00Z', '2026-11-25T02:00:00Z'), ['22:00', 'Nov 25 00:00', '02:00']],
    ['days', dates('2026-11-24T00:00:00Z', '2026-11-25T00:00:00Z'), ['Nov 24', 'Nov 25']],
  ])('%s', (_, ticks, expected) => {
    expect(timeAxisLabels(ticks, 'utc')).toEqual(expected);
  });
});
