import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { analysesOf } from '../trace-model';
import { OTHER_TRACE_ID, testTrace } from '../test-trace';
import { SpanDetails } from './SpanDetails';

const trace = testTrace();
const analyses = analysesOf(trace);
const indexOf = (id: string) => analyses.indexById.get(id) ?? -1;

function renderDetails(spanId: string, onSelectSpan = vi.fn()) {
  render(
    <MemoryRouter>
      <SpanDetails
        analyses={analyses}
        spanIndex={indexOf(spanId)}
        skew={undefined}
        totalOffsetNs={undefined}
        params={new URLSearchParams('source=demo-tempo&find=x')}
        onSelectSpan={onSelectSpan}
        onClose={() => {}}
      />
    </MemoryRouter>,
  );
  return { panel: screen.getByRole('complementary', { name: 'Span details' }), onSelectSpan };
}

describe('SpanDetails', () => {
  it('shows the facts: status with message, times, self time, ids, parent', () => {
    const { panel, onSelectSpan } = renderDetails('00000000000000b2');
    expect(within(panel).getByRole('heading', { level: 2 }).textContent).toBe('INSERT orders');
    expect(within(panel).getByTestId('span-status').textContent).toBe('error: deadlock detected');
    const fact = (term: string) => within(panel).getByText(term).nextElementSibling?.textContent;
    expect(fact('Start')).toBe('+10ms');
    expect(fact('Duration')).toBe('50ms');
    expect(fact('Self time')).toBe('30ms'); // 50 ms minus the 20 ms charge
    expect(fact('Span ID')).toContain('00000000000000b2');
    fireEvent.click(within(panel).getByRole('button', { name: 'order: POST /orders' }));
    expect(onSelectSpan).toHaveBeenCalledWith(indexOf('00000000000000a1'));
  });

  it('lists events with their time in the span and their attributes', () => {
    const { panel } = renderDetails('00000000000000b2');
    const events = within(panel).getByRole('region', { name: 'Events' });
    expect(events.textContent).toContain('+40ms');
    expect(events.textContent).toContain('exception');
    expect(events.textContent).toContain('exception.message');
  });

  it('links: same trace selects the span, another trace opens it in the same data source; backlinks go back', () => {
    const { panel, onSelectSpan } = renderDetails('00000000000000b2');
    const links = within(panel).getByRole('region', { name: 'Links' });
    fireEvent.click(within(links).getByRole('button', { name: 'postgres: GET cart' }));
    expect(onSelectSpan).toHaveBeenCalledWith(indexOf('00000000000000c3'));
    expect(links.textContent).toContain('retry of');
    const other = within(links).getByRole('link');
    expect(other.getAttribute('href')).toBe(`/trace/${OTHER_TRACE_ID}?source=demo-tempo&span=2222222222222222`);
  });

  it('shows backlinks: spans of this trace that link here', () => {
    const { panel, onSelectSpan } = renderDetails('00000000000000c3');
    const links = within(panel).getByRole('region', { name: 'Links' });
    expect(links.textContent).toContain('Linked from');
    fireEvent.click(within(links).getByRole('button', { name: 'postgres: INSERT orders' }));
    expect(onSelectSpan).toHaveBeenCalledWith(indexOf('00000000000000b2'));
  });

  it('groups attributes as span / resource / scope, each filterable and sortable', () => {
    const { panel } = renderDetails('00000000000000e5');
    const spanAttributes = within(panel).getByRole('region', { name: 'Span attributes' });
    // the group's own keys, not those inside an expandable kvlist value
    const keys = () =>
      within(spanAttributes)
        .getAllByRole('rowheader')
        .filter((th) => th.closest('details') === null)
        .map((th) => th.textContent);
    expect(keys()).toEqual(['cached', 'card', 'evil.url', 'http.url', 'note', 'ratio', 'request.body', 'retries', 'tags']);
    fireEvent.click(within(spanAttributes).getByRole('button', { name: /^Sort span attributes/ }));
    expect(keys()[0]).toBe('tags');
    fireEvent.change(within(spanAttributes).getByLabelText('Filter span attributes'), { target: { value: 'url' } });
    expect(keys()).toEqual(['http.url', 'evil.url']);
    // only the https value is a link
    expect(within(spanAttributes).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual(['https://pay.example/charge?id=1']);

    const resource = within(panel).getByRole('region', { name: 'Resource' });
    expect(within(resource).getAllByRole('rowheader').map((th) => th.textContent)).toEqual(['host.name', 'service.name']);
    expect(within(panel).getByRole('region', { name: 'Scope' })).toBeTruthy();
  });
});
