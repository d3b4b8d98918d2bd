import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { parseTraces } from '../../../core';
import { traceFixtures } from '../../../core/formats/__fixtures__';
import { analysesOf } from '../trace-model';
import { SpanDetails } from './SpanDetails';

// Jaeger's converter fixture: spans 4 and 5 carry Jaeger's per-span warning, span 3 none.
const trace = parseTraces(traceFixtures['jaeger/converter-ui_01.json']).traces[0];
if (!trace) throw new Error('the fixture holds a trace');
const analyses = analysesOf(trace);

function renderDetails(spanId: string) {
  render(
    <MemoryRouter>
      <SpanDetails
        analyses={analyses}
        spanIndex={analyses.indexById.get(spanId) ?? -1}
        skew={undefined}
        totalOffsetNs={undefined}
        params={new URLSearchParams('source=local')}
        onSelectSpan={() => {}}
        onClose={() => {}}
      />
    </MemoryRouter>,
  );
  return screen.getByRole('complementary', { name: 'Span details' });
}

describe('SpanDetails: span warnings', () => {
  it('lists the span\'s warnings as text in a Warnings section', () => {
    const panel = renderDetails('0000000000000004');
    const section = within(panel).getByRole('region', { name: 'Warnings' });
    expect(within(section).getByRole('heading', { level: 3 }).textContent).toBe('Warnings 1');
    expect(within(section).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['some span warning']);
  });

  it('shows no Warnings section for a span without warnings', () => {
    const panel = renderDetails('0000000000000003');
    expect(within(panel).queryByRole('region', { name: 'Warnings' })).toBeNull();
  });
});
