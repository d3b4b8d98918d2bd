import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseTraces } from '../../core';
import { traceFixtures } from '../../core/formats/__fixtures__';
import { expectSameTraces } from '../../core/formats/__fixtures__/expect-same-traces';
import { DownloadButtons } from './DownloadButtons';

/** Catches the Blob the button hands to the browser, and the file name it gives it. */
function catchDownloads(): { name: () => string; text: () => Promise<string> } {
  let blob: Blob | undefined;
  let name = '';
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (b: Blob) => ((blob = b), 'blob:test'), revokeObjectURL: () => undefined }));
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    name = this.download;
  });
  return { name: () => name, text: () => (blob ? blob.text() : Promise.reject(new Error('nothing downloaded'))) };
}

afterEach(() => vi.restoreAllMocks());

describe('DownloadButtons', () => {
  const [trace] = parseTraces(traceFixtures['otel-proto/trace.json']).traces;
  if (!trace) throw new Error('fixture has no trace');

  it('"Download" writes OTLP/JSON that opens as the same trace', async () => {
    const download = catchDownloads();
    render(<DownloadButtons trace={trace} />);
    fireEvent.click(screen.getByRole('button', { name: 'Download' }));
    expect(download.name()).toBe(`trace-${trace.traceId}.otlp.json`);
    expectSameTraces(parseTraces(await download.text()).traces, [trace]);
  });

  it('"Download as Jaeger JSON" writes the {"data": [...]} model Jaeger UI reads', async () => {
    const download = catchDownloads();
    render(<DownloadButtons trace={trace} />);
    fireEvent.click(screen.getByRole('button', { name: 'Download as Jaeger JSON' }));
    expect(download.name()).toBe(`trace-${trace.traceId}.jaeger.json`);
    const json = JSON.parse(await download.text()) as { data: { traceID: string; spans: unknown[] }[] };
    expect(json.data[0]?.traceID).toBe(trace.traceId);
    expect(json.data[0]?.spans).toHaveLength(trace.spans.length);
  });
});
