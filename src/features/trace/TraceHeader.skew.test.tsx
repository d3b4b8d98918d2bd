import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { parseTraces, type Trace } from '../../core';
import { withFakeLayout } from './test-layout';
import { renderTraceView } from './test-render';
import { testTrace } from './test-trace';

withFakeLayout();

/**
 * Two hosts, the second one's clock 45 ms behind:
 *
 *   gateway (host h1)  GET /        [0 ........................ 100 ms]
 *   backend (host h2)  handle  [−20 ....... 30]     starts before its caller: moved +45 ms → [25, 75]
 *
 * Raw, the trace runs from −20 to 100 ms (120 ms); adjusted, 0 to 100 ms.
 */
function skewedTrace(): Trace {
  const T0 = 1_700_000_000_000_000_000n;
  const ms = (n: number) => String(T0 + BigInt(n) * 1_000_000n);
  const resource = (service: string, host: string) => ({
    attributes: [
      { key: 'service.name', value: { stringValue: service } },
      { key: 'host.name', value: { stringValue: host } },
    ],
  });
  const traceId = '5b8efff798038103d269b633813fc60c';
  const span = (spanId: string, parentSpanId: string, name: string, kind: number, start: number, end: number) => ({ traceId, spanId, parentSpanId, name, kind, startTimeUnixNano: ms(start), endTimeUnixNano: ms(end) });
  const otlp = {
    resourceSpans: [
      { resource: resource('gateway', 'h1'), scopeSpans: [{ spans: [span('00000000000000a1', '', 'GET /', 2, 0, 100)] }] },
      { resource: resource('backend', 'h2'), scopeSpans: [{ spans: [span('00000000000000b2', '00000000000000a1', 'handle', 2, -20, 30)] }] },
    ],
  };
  const trace = parseTraces(JSON.stringify(otlp)).traces[0];
  if (!trace) throw new Error('the skewed trace did not decode');
  return trace;
}

describe('TraceHeader', () => {
  it('shows the reported duration, as the search list does, and the adjusted one with the difference', () => {
    renderTraceView(skewedTrace(), '?source=demo');
    expect(screen.getByTestId('trace-duration').textContent).toBe('120ms');
    expect(screen.getByTestId('trace-duration-adjusted').textContent).toBe(' · adjusted for clock skew: 100ms (\u221220ms)');

    // the Raw toggle changes the picture, not the trace's facts
    fireEvent.click(screen.getByRole('button', { name: 'Raw' }));
    expect(screen.getByTestId('trace-duration').textContent).toBe('120ms');
    expect(screen.getByTestId('trace-duration-adjusted').textContent).toContain('100ms');
  });

  it('says nothing more when the adjustment leaves the duration alone', () => {
    renderTraceView(testTrace(), '?source=demo');
    expect(screen.getByTestId('trace-duration').textContent).toBe('120ms');
    expect(screen.queryByTestId('trace-duration-adjusted')).toBeNull();
  });

  it('lists the clock-skew warning once per moved clock, naming the clock', () => {
    renderTraceView(skewedTrace(), '?source=demo');
    fireEvent.click(screen.getByRole('button', { name: '⚠ 1 warning' }));
    const warnings = screen.getByRole('region', { name: 'Trace warnings' });
    expect(within(warnings).getByRole('heading', { name: 'Clock skew adjusted (1 clock)' })).toBeTruthy();
    expect(within(warnings).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'backend span started 20 ms before its gateway parent; the one span on the clock of host h2 shifted later by 45 ms to centre it in the parent',
    ]);
  });

  it('marks the moved span in the waterfall while times are adjusted, and not in Raw', () => {
    renderTraceView(skewedTrace(), '?source=demo');
    const grid = screen.getByRole('treegrid');
    expect(within(grid).getAllByRole('img', { name: 'clock skew adjusted' })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Raw' }));
    expect(within(screen.getByRole('treegrid')).queryAllByRole('img', { name: 'clock skew adjusted' })).toHaveLength(0);
  });
});
