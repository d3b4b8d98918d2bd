import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { parseTraces } from '../../core';
import { SpanTree } from './SpanTree';

// A small OTLP trace: root → (db call with an error, cache call); plus an orphan whose parent never arrived.
const resource = (service: string) => ({ attributes: [{ key: 'service.name', value: { stringValue: service } }] });
const span = (spanId: string, parentSpanId: string, name: string, start: number, end: number, extra: object = {}) => ({
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId,
  parentSpanId,
  name,
  startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(start) * 1_000_000n),
  endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(end) * 1_000_000n),
  ...extra,
});
const otlp = {
  resourceSpans: [
    { resource: resource('order'), scopeSpans: [{ spans: [span('00000000000000a1', '', 'POST /orders', 0, 100)] }] },
    {
      resource: resource('postgres-client'),
      scopeSpans: [
        {
          spans: [
            span('00000000000000b2', '00000000000000a1', 'INSERT orders', 10, 60, { status: { code: 2, message: 'deadlock detected' } }),
            span('00000000000000c3', '00000000000000a1', 'GET cart', 5, 8),
            span('00000000000000d4', '00000000000000ff', 'late retry', 90, 120),
          ],
        },
      ],
    },
  ],
};

describe('SpanTree', () => {
  const trace = parseTraces(JSON.stringify(otlp)).traces[0];
  if (!trace) throw new Error('fixture did not decode');

  it('lists spans depth-first, children by start time, with their level', () => {
    render(<SpanTree trace={trace} />);
    const rows = within(screen.getByRole('region', { name: 'Spans' })).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.span-name')?.textContent)).toEqual(['POST /orders', 'GET cart', 'INSERT orders', 'late retry']);
    expect(rows.map((r) => r.getAttribute('aria-level'))).toEqual(['1', '2', '2', '1']);
    expect(rows.map((r) => r.querySelector('.span-duration')?.textContent)).toEqual(['100ms', '3ms', '50ms', '30ms']);
  });

  it('marks errors with their message and orphans with the missing parent', () => {
    render(<SpanTree trace={trace} />);
    const error = screen.getByText('error');
    expect(error.getAttribute('title')).toBe('deadlock detected');
    expect(error.closest('li')?.textContent).toContain('INSERT orders');
    const orphan = screen.getByText('orphan');
    expect(orphan.getAttribute('title')).toBe('parent 00000000000000ff is not in this trace');
  });

  it('places bars on the trace timeline', () => {
    render(<SpanTree trace={trace} />);
    const bar = screen.getByText('INSERT orders').closest('li')?.querySelector<HTMLElement>('.span-bar');
    // the trace runs 0–120 ms: INSERT spans 10–60 ms
    expect(bar?.style.left).toBe(`${(10 / 120) * 100}%`);
    expect(bar?.style.width).toBe(`${(50 / 120) * 100}%`);
  });
});
