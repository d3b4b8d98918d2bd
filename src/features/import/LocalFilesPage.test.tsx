import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { localFilesQueries, type StoredTraceSummary } from '../../state/local-files';
import { TraceImportContext, type TraceImport } from './import-context';
import { LocalFilesPage } from './LocalFilesPage';

afterEach(cleanup);

const row = (traceId: string, rootSpanName: string): StoredTraceSummary => ({
  traceId,
  rootServiceName: 'frontend',
  rootSpanName,
  startUnixNano: 1_700_000_000_000_000_000n,
  durationNs: 12_000_000,
  spanCount: 3,
  errorSpanCount: 0,
  services: [],
  fileName: 'jaeger.json',
  storedBytes: 2048,
  importedAtMs: 1_700_000_100_000,
  operations: [],
});

const importer: TraceImport = { status: { phase: 'idle' }, lastImported: new Set(), openFiles: () => undefined, openText: () => undefined, cancel: () => undefined, dismiss: () => undefined };

function renderPage(rows: StoredTraceSummary[]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(localFilesQueries.list().queryKey, rows);
  render(
    <QueryClientProvider client={client}>
      <TraceImportContext.Provider value={importer}>
        <MemoryRouter>
          <LocalFilesPage />
        </MemoryRouter>
      </TraceImportContext.Provider>
    </QueryClientProvider>,
  );
  return screen.getByRole('region', { name: 'Kept traces' });
}

describe('LocalFilesPage', () => {
  it('shortens 64-bit Jaeger and Zipkin ids from their significant digits, not the padding', () => {
    const table = renderPage([row('00000000000000006b221d5bc9e6496c', 'GET /a'), row('0000000000000000a7d3b1c2e4f50617', 'GET /b'), row('4bf92f3577b34da6a3ce929d0e0e4736', 'GET /c')]);
    const shortIds = Array.from(table.querySelectorAll('.trace-id')).map((e) => e.textContent);
    expect(shortIds).toEqual(['6b221d5', 'a7d3b1c', '4bf92f3']);
    // the link still opens the full id
    expect(within(table).getByRole('link', { name: /GET \/a/ }).getAttribute('href')).toBe('/trace/00000000000000006b221d5bc9e6496c?source=local');
  });
});
