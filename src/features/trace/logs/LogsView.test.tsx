import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { linkLogsToSpans, traceLogRows, type LogRecord } from '../../../core';
import type { LogFilters } from '../../../state/trace-url';
import { analysesOf } from '../trace-model';
import { withFakeLayout } from '../test-layout';
import { testTrace, TRACE_ID } from '../test-trace';
import { LogList, LogsView } from './LogsView';

withFakeLayout();
const trace = testTrace();
const { subtreeEnd, indexById } = analysesOf(trace);
const T0 = trace.startUnixNano;

const log = (ms: number, spanId: string | undefined, severityNumber: number, body: LogRecord['body'], service: string): LogRecord => ({
  timeUnixNano: T0 + BigInt(ms) * 1_000_000n,
  observedTimeUnixNano: 0n,
  severityNumber,
  severityText: '',
  body,
  attributes: [{ key: 'thread', value: { type: 'string', value: `t-${ms}` } }],
  droppedAttributesCount: 0,
  flags: 0,
  traceId: TRACE_ID,
  ...(spanId !== undefined ? { spanId } : {}),
  service,
  resource: { attributes: [], droppedAttributesCount: 0 },
  scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 },
});

const logs: LogRecord[] = [
  log(30, '00000000000000e5', 17, { type: 'string', value: 'card declined' }, 'payment'),
  log(12, '00000000000000b2', 9, { type: 'kvlist', value: [{ key: 'msg', value: { type: 'string', value: 'inserting' } }, { key: 'rows', value: { type: 'int', value: '3' } }] }, 'postgres'),
  log(6, '00000000000000c3', 5, { type: 'string', value: 'cache miss' }, 'postgres'),
  log(1, '00000000000000a1', 13, { type: 'string', value: '<b>not html</b>' }, 'order'),
];
const rows = traceLogRows(logs, trace, linkLogsToSpans(logs, trace));

function Harness({ selectedIndex = -1, initial = { text: '' }, onSelectSpan = vi.fn() }: { selectedIndex?: number; initial?: LogFilters; onSelectSpan?: (i: number) => void }) {
  const [filters, setFilters] = useState<LogFilters>(initial);
  return <LogList logs={logs} rows={rows} warnings={[]} trace={trace} subtreeEnd={subtreeEnd} filters={filters} selectedIndex={selectedIndex} onFilters={setFilters} onSelectSpan={onSelectSpan} />;
}

const records = () => screen.getAllByTestId('log-record');
const severities = () => records().map((r) => r.getAttribute('data-severity'));

describe('LogList', () => {
  it('lists records in time order with severity, service, span and body', () => {
    render(<Harness />);
    expect(severities()).toEqual(['WARN', 'DEBUG', 'INFO', 'ERROR']);
    expect(screen.getByTestId('log-count').textContent).toBe('4 records');
    const first = records()[0] as HTMLElement;
    // untrusted text stays text
    expect(within(first).getByText('<b>not html</b>')).toBeTruthy();
    expect(first.querySelector('b')).toBeNull();
    // structured bodies as key=value
    expect(records()[2]?.textContent).toContain('msg=inserting');
    expect(records()[2]?.textContent).toContain('rows=3');
  });

  it('filters by severity, service and text, and clears', () => {
    render(<Harness />);
    fireEvent.change(screen.getByLabelText('Severity'), { target: { value: 'WARN' } });
    expect(severities()).toEqual(['WARN', 'ERROR']);
    fireEvent.change(screen.getByLabelText('Service'), { target: { value: 'payment' } });
    expect(severities()).toEqual(['ERROR']);
    expect(screen.getByTestId('log-count').textContent).toBe('1 of 4 records');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter logs by text' }), { target: { value: 'T-6' } });
    expect(severities()).toEqual(['DEBUG']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter logs by text' }), { target: { value: 'nothing like it' } });
    expect(screen.getByText('No records match these filters.')).toBeTruthy();
  });

  it('keeps only the selected span, or it and its descendants', () => {
    render(<Harness selectedIndex={indexById.get('00000000000000b2') ?? -1} />);
    const scope = screen.getByLabelText('Spans');
    fireEvent.change(scope, { target: { value: 'span' } });
    expect(severities()).toEqual(['INFO']);
    fireEvent.change(scope, { target: { value: 'tree' } });
    expect(severities()).toEqual(['INFO', 'ERROR']);
  });

  it('the span filter waits for a selection', () => {
    render(<Harness initial={{ text: '', spanScope: 'span' }} />);
    expect((screen.getByLabelText('Spans') as HTMLSelectElement).disabled).toBe(true);
    expect(records()).toHaveLength(4);
  });

  it('clicking a record’s span selects it; expanding shows its attributes', () => {
    const onSelectSpan = vi.fn();
    render(<Harness onSelectSpan={onSelectSpan} />);
    const error = records()[3] as HTMLElement;
    fireEvent.click(within(error).getByRole('button', { name: 'charge' }));
    expect(onSelectSpan).toHaveBeenCalledWith(indexById.get('00000000000000e5'));
    fireEvent.click(within(error).getByRole('button', { name: 'Show the attributes' }));
    expect(within(error).getByRole('region', { name: 'Log attributes' }).textContent).toContain('t-30');
  });
});

describe('LogsView', () => {
  it('shows the server’s message with Retry when the logs failed', () => {
    const retry = vi.fn();
    render(<LogsView state={{ status: 'error', message: 'Loki: 502 bad gateway', retry }} trace={trace} subtreeEnd={subtreeEnd} filters={{ text: '' }} selectedIndex={-1} onFilters={vi.fn()} onSelectSpan={vi.fn()} />);
    expect(screen.getByRole('alert').textContent).toContain('Loki: 502 bad gateway');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retry).toHaveBeenCalled();
  });
});
