import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { reportTraceLoadProgress } from '../../state/trace-load-progress';
import { TraceLoadProgressView } from './TraceLoadProgressView';

describe('TraceLoadProgressView', () => {
  it('follows a load: waiting, bytes received against the total, spans decoded, the tree built; nothing once done', () => {
    const key = 'src/0af7651916cd43dd8448eb211c80319c';
    render(<TraceLoadProgressView loadKey={key} />);
    expect(screen.queryByTestId('trace-load-progress')).toBeNull();

    act(() => reportTraceLoadProgress(key, { phase: 'requesting', bytes: 0, spans: 0 }));
    expect(screen.getByTestId('trace-load-progress').textContent).toContain('Waiting for the server to answer');

    act(() => reportTraceLoadProgress(key, { phase: 'receiving', bytes: 5 * 2 ** 20, totalBytes: 20 * 2 ** 20, spans: 0 }));
    expect(screen.getByTestId('trace-load-progress').textContent).toMatch(/^Receiving 5 MB of 20 MB$/);
    expect(screen.getByRole('progressbar', { name: 'Trace received' }).getAttribute('value')).toBe(String(5 * 2 ** 20));

    act(() => reportTraceLoadProgress(key, { phase: 'decoding', bytes: 20_000_000, spans: 40_000 }));
    expect(screen.getByTestId('trace-load-progress').textContent).toContain('Decoding: 40,000 spans');

    act(() => reportTraceLoadProgress(key, { phase: 'building', bytes: 20_000_000, spans: 100_000 }));
    expect(screen.getByTestId('trace-load-progress').textContent).toContain('Building the tree of 100,000 spans');

    act(() => reportTraceLoadProgress(key, undefined));
    expect(screen.queryByTestId('trace-load-progress')).toBeNull();
  });

  it('says how many spans a worker decoding on the way has read', () => {
    const key = 'src/streamed';
    render(<TraceLoadProgressView loadKey={key} />);
    act(() => reportTraceLoadProgress(key, { phase: 'receiving', bytes: 12 * 2 ** 20, totalBytes: 20 * 2 ** 20, spans: 30_000 }));
    expect(screen.getByTestId('trace-load-progress').textContent).toMatch(/^Receiving 12 MB of 20 MB, 30,000 spans decoded so far$/);
  });

  it('shows no bar past 100 % when a compressed answer outgrows its Content-Length', () => {
    const key = 'src/gzip';
    render(<TraceLoadProgressView loadKey={key} />);
    act(() => reportTraceLoadProgress(key, { phase: 'receiving', bytes: 9 * 2 ** 20, totalBytes: 3 * 2 ** 20, spans: 0 }));
    expect(screen.getByTestId('trace-load-progress').textContent).toMatch(/^Receiving 9 MB$/);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
