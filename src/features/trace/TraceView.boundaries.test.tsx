import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { withFakeLayout } from './test-layout';
import { testTrace } from './test-trace';
import { renderTraceView } from './test-render';

// A bug in the flame graph: it throws while rendering.
vi.mock('./flame/FlameView', () => ({
  FlameView: () => {
    throw new Error('flame layout: lane -1 out of range');
  },
}));

withFakeLayout();
const trace = testTrace();

describe('a view that throws', () => {
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  afterEach(() => consoleError.mockClear());

  it('shows "This view failed" with the error, while the header, the tabs and the waterfall keep working', () => {
    const { search } = renderTraceView(trace, '?source=demo&view=flame');
    const alert = screen.getByRole('alert', { name: 'the flame graph failed' });
    expect(within(alert).getByRole('heading', { name: 'This view failed' })).toBeTruthy();
    expect(alert.textContent).toContain('Error: flame layout: lane -1 out of range');
    expect(within(alert).getByRole('button', { name: 'Copy report' })).toBeTruthy();
    // the header outside the boundary is still there
    expect(screen.getByRole('article', { name: `Trace ${trace.traceId}` })).toBeTruthy();

    // Try again renders the view again (and this bug throws again)
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(screen.getByRole('alert', { name: 'the flame graph failed' })).toBeTruthy();

    fireEvent.click(screen.getByRole('tab', { name: 'Waterfall' }));
    // the default view leaves the URL
    expect(search().get('view')).toBeNull();
    expect(screen.getByRole('tab', { name: 'Waterfall' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.queryByRole('alert', { name: 'the flame graph failed' })).toBeNull();
    const grid = screen.getByRole('treegrid');
    fireEvent.click(within(grid).getByText('GET cart'));
    expect(screen.getByRole('complementary', { name: 'Span details' })).toBeTruthy();
  });
});
