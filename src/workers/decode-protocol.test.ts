import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseTraces } from '../core';
import { traceFixtures } from '../core/formats/__fixtures__';
import { DEFAULT_MAX_FILE_BYTES, formatBytes, runDecodeJob, type DecodeEvent, type DecodeInput } from './decode-protocol';

const otlp = traceFixtures['otel-proto/trace.json'];
const zipkin = traceFixtures['zipkin/smartthings-mobile-web-install.json'];
const twoTraces = traceFixtures['jaeger/otel_traces_01.json'];

const file = (name: string, content: string | Uint8Array) => ({ kind: 'file', file: new File([content as BlobPart], name) }) as const;

async function run(inputs: DecodeInput[], options: { maxFileBytes?: number; chunkBytes?: number; signal?: AbortSignal; onEvent?: (e: DecodeEvent) => void } = {}): Promise<DecodeEvent[]> {
  const events: DecodeEvent[] = [];
  await runDecodeJob(inputs, {
    jobId: 7,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    chunkBytes: options.chunkBytes,
    signal: options.signal,
    emit: (e) => {
      events.push(e);
      options.onEvent?.(e);
    },
  });
  return events;
}

const results = (events: DecodeEvent[]) => events.filter((e) => e.type === 'result');
const errorOf = (events: DecodeEvent[], name: string) => {
  const r = results(events).find((e) => e.name === name);
  return r && 'error' in r ? r.error : undefined;
};

describe('the decode worker protocol', () => {
  it('reads several files in turn: progress in order, one result per file, then done', async () => {
    const events = await run([file('trace.json', otlp), file('smartthings.json', zipkin)], { chunkBytes: 64 * 1024 });
    const total = new Blob([otlp]).size + new Blob([zipkin]).size;
    const progress = events.filter((e) => e.type === 'progress');
    // bytes and spans only grow, every event knows the total, and the last says all was read
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]?.bytesRead).toBeGreaterThanOrEqual(progress[i - 1]?.bytesRead ?? 0);
      expect(progress[i]?.spansDecoded).toBeGreaterThanOrEqual(progress[i - 1]?.spansDecoded ?? 0);
    }
    expect(progress.every((p) => p.totalBytes === total && p.jobId === 7)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ bytesRead: total, spansDecoded: 1 + 957, name: 'smartthings.json' });
    // the 600 KB Zipkin file was reported while it was being read, not only at its end
    expect(progress.filter((p) => p.name === 'smartthings.json' && p.phase === 'reading').length).toBeGreaterThan(3);

    expect(events.map((e) => (e.type === 'progress' ? `progress ${e.name} ${e.phase}` : e.type === 'result' ? `result ${e.name}` : e.type)).filter((s, i, all) => s !== all[i - 1])).toEqual([
      'progress trace.json reading',
      'progress trace.json decoding',
      'result trace.json',
      'progress trace.json decoding',
      'progress smartthings.json reading',
      'progress smartthings.json decoding',
      'result smartthings.json',
      'progress smartthings.json decoding',
      'done',
    ]);
    const [first, second] = results(events);
    expect(first && 'traces' in first && first.traces.map((t) => t.spans.length)).toEqual([1]);
    expect(second && 'traces' in second && second.traces[0]?.spans.length).toBe(957);
    // what Local files keeps: OTLP/JSON that decodes to the same trace
    const kept = second && 'traces' in second ? parseTraces(second.otlpJson[0] ?? '').traces[0] : undefined;
    expect(kept?.spans.length).toBe(957);
    expect(kept?.startUnixNano).toBe(second && 'traces' in second ? second.traces[0]?.startUnixNano : -1n);
    expect(events.at(-1)).toEqual({ type: 'done', jobId: 7, cancelled: false });
  });

  it('gives each file its own error, with line and column for invalid JSON, and keeps going', async () => {
    const events = await run([
      file('traces.json', '{\n  "resourceSpans": [\n    {"resource": {}, "scopeSpans": [}\n  ]\n}'),
      file('metrics.json', '{"resourceMetrics": []}'),
      file('empty.json', '  \n'),
      { kind: 'text', name: 'pasted JSON', text: otlp },
    ]);
    expect(errorOf(events, 'traces.json')).toEqual({ message: "invalid JSON at line 3, column 37: expected a value, found '}'", line: 3, column: 37 });
    expect(errorOf(events, 'metrics.json')).toEqual({
      message: 'this is not a trace file: expected resourceSpans, batches, data[] or a Zipkin span array; found an object with key resourceMetrics',
    });
    expect(errorOf(events, 'empty.json')).toEqual({ message: 'the file is empty' });
    const pasted = results(events).find((e) => e.name === 'pasted JSON');
    expect(pasted && 'traces' in pasted && pasted.traces).toHaveLength(1);
  });

  it('loads the good lines of a JSON Lines file, lists the bad ones, and puts them on each trace', async () => {
    const lines = [JSON.stringify(JSON.parse(otlp)), '{"resourceSpans": [oops]}', JSON.stringify(JSON.parse(twoTraces)), 'not json at all'].join('\n');
    const [result] = results(await run([file('export.jsonl', lines)]));
    if (!result || !('traces' in result)) throw new Error('expected traces');
    expect(result.traces).toHaveLength(3);
    expect(result.warnings).toEqual([
      "line 2: not valid JSON at column 20: expected a value, found 'o'; line skipped",
      "line 4: not valid JSON at column 1: expected a value, found 'n'; line skipped",
    ]);
    for (const trace of result.traces) expect(trace.warnings.slice(0, 2)).toEqual(result.warnings);
  });

  it('decompresses gzip, told by the .gz name or by the magic bytes alone', async () => {
    const zipped = gzipSync(Buffer.from(zipkin));
    const events = await run([file('smartthings.json.gz', zipped), file('no-extension', zipped), file('broken.json.gz', Uint8Array.from([1, 2, 3, 4]))]);
    for (const name of ['smartthings.json.gz', 'no-extension']) {
      const r = results(events).find((e) => e.name === name);
      expect(r && 'traces' in r && r.traces[0]?.spans.length).toBe(957);
    }
    expect(errorOf(events, 'broken.json.gz')?.message).toMatch(/^the file is not valid gzip: /);
    // progress counts the compressed bytes read, against the files' sizes
    const last = events.filter((e) => e.type === 'progress').at(-1);
    expect(last?.bytesRead).toBe(2 * zipped.length + 4);
    expect(last?.totalBytes).toBe(2 * zipped.length + 4);
  });

  it('refuses a file over the size limit before reading it, and a gzip that decompresses past it', async () => {
    const big = file('big.json', 'x'.repeat(2048));
    const bomb = file('bomb.json.gz', gzipSync(Buffer.from(' '.repeat(5000))));
    const events = await run([big, bomb, file('trace.json', otlp)], { maxFileBytes: 1500 });
    expect(errorOf(events, 'big.json')).toEqual({ message: 'the file is 2 KB, more than the 1.5 KB limit for one file, so it was not read' });
    expect(errorOf(events, 'bomb.json.gz')).toEqual({ message: 'the file decompresses to more than the 1.5 KB limit for one file, so it was not read' });
    // the refused file is answered first and never counted as read
    expect(events[0]).toMatchObject({ type: 'result', name: 'big.json' });
    expect(events.filter((e) => e.type === 'progress').every((p) => p.name !== 'big.json' && p.totalBytes === bomb.file.size + new Blob([otlp]).size)).toBe(true);
    expect(results(events).map((r) => r.name)).toEqual(['big.json', 'bomb.json.gz', 'trace.json']);
    expect(formatBytes(DEFAULT_MAX_FILE_BYTES)).toBe('512 MB');
  });

  it('cancel stops the work: no result after it, and done says it was cancelled', async () => {
    const controller = new AbortController();
    const events = await run([file('smartthings.json', zipkin), file('trace.json', otlp)], {
      chunkBytes: 16 * 1024,
      signal: controller.signal,
      onEvent: (e) => {
        // cancel in the middle of reading the first file
        if (e.type === 'progress' && e.bytesRead > 100_000) controller.abort();
      },
    });
    expect(results(events)).toEqual([]);
    expect(events.at(-1)).toEqual({ type: 'done', jobId: 7, cancelled: true });
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.at(-1)?.bytesRead).toBeLessThan(new Blob([zipkin]).size);

    // cancelled between files: the first file's result stands, the second is never read
    const between = new AbortController();
    const later = await run([file('trace.json', otlp), file('smartthings.json', zipkin)], {
      signal: between.signal,
      onEvent: (e) => e.type === 'result' && between.abort(),
    });
    expect(results(later).map((r) => r.name)).toEqual(['trace.json']);
    expect(later.some((e) => e.type === 'progress' && e.name === 'smartthings.json')).toBe(false);
    expect(later.at(-1)).toEqual({ type: 'done', jobId: 7, cancelled: true });
  });
});
