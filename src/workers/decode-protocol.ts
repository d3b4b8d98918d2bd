import { DecodeError, encodeOtlpJson, parseTraces, type Trace } from '../core';

/**
 * Opening trace files, as messages between the page and a Web Worker. This module is
 * the whole behaviour (pure, runs in Node tests); decode-worker.ts only connects it to
 * `self`. The page → worker: `start` (files or pasted text), `cancel`. The worker →
 * page: `progress` while reading, one `result` per input (traces, or an error), `done`.
 */

/** Default size limit for one file: bigger ones are refused before a byte is read. */
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;

/** A file (any Blob with a name) or text pasted by the user, which is read the same way. */
export type DecodeInput = { readonly kind: 'file'; readonly file: File } | { readonly kind: 'text'; readonly name: string; readonly text: string };

export type DecodeRequest =
  | { readonly type: 'start'; readonly jobId: number; readonly inputs: readonly DecodeInput[]; readonly maxFileBytes: number }
  | { readonly type: 'cancel'; readonly jobId: number };

export interface DecodeProgress {
  readonly type: 'progress';
  readonly jobId: number;
  /** the input being read or decoded */
  readonly name: string;
  readonly phase: 'reading' | 'decoding';
  /** bytes of the inputs read so far (compressed bytes for gzip), of totalBytes */
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly spansDecoded: number;
}

export interface FileError {
  /** for a person, without the file name (the page puts it in front) */
  readonly message: string;
  /** 1-based, for invalid JSON */
  readonly line?: number;
  readonly column?: number;
}

export type FileOutcome =
  | {
      readonly name: string;
      readonly traces: readonly Trace[];
      /** each trace as OTLP/JSON (core's encodeOtlpJson), in the order of traces: what Local files keeps */
      readonly otlpJson: readonly string[];
      /** problems met in the file: bad JSON Lines, broken spans; each trace also carries its own */
      readonly warnings: readonly string[];
    }
  | { readonly name: string; readonly error: FileError };

export type DecodeEvent =
  | DecodeProgress
  | ({ readonly type: 'result'; readonly jobId: number } & FileOutcome)
  | { readonly type: 'done'; readonly jobId: number; readonly cancelled: boolean };

export interface DecodeJobOptions {
  readonly jobId: number;
  readonly maxFileBytes: number;
  readonly emit: (event: DecodeEvent) => void;
  /** aborted by a `cancel` message: no event follows but `done` with cancelled: true */
  readonly signal?: AbortSignal;
  /** bytes read at a time, each followed by a progress event; small in tests */
  readonly chunkBytes?: number;
}

/** Read 1 MiB at a time: 100 progress events for a 100 MB file, a smooth bar at no cost. */
const CHUNK_BYTES = 1024 * 1024;

class Cancelled extends Error {}

/** Reads and decodes every input in turn; every input gets one `result` unless the job is cancelled. */
export async function runDecodeJob(inputs: readonly DecodeInput[], options: DecodeJobOptions): Promise<void> {
  const { jobId, maxFileBytes, emit, signal } = options;
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const blobs = inputs.map((input) => (input.kind === 'file' ? { name: input.file.name, blob: input.file as Blob } : { name: input.name, blob: new Blob([input.text]) }));
  // refused files are answered before anything is read, and do not count in the bar
  const accepted = blobs.filter(({ name, blob }) => {
    if (blob.size <= maxFileBytes) return true;
    emit({ type: 'result', jobId, name, error: { message: `the file is ${formatBytes(blob.size)}, more than the ${formatBytes(maxFileBytes)} limit for one file, so it was not read` } });
    return false;
  });
  const totalBytes = accepted.reduce((sum, { blob }) => sum + blob.size, 0);
  let bytesBefore = 0;
  let spansDecoded = 0;
  const progress = (name: string, phase: DecodeProgress['phase'], bytesRead: number) => emit({ type: 'progress', jobId, name, phase, bytesRead, totalBytes, spansDecoded });

  try {
    for (const { name, blob } of accepted) {
      if (signal?.aborted) throw new Cancelled();
      progress(name, 'reading', bytesBefore);
      let text: string;
      try {
        text = await readText(blob, name, maxFileBytes, signal, chunkBytes, (read) => progress(name, 'reading', bytesBefore + read));
      } catch (error) {
        if (error instanceof Cancelled) throw error;
        bytesBefore += blob.size;
        emit({ type: 'result', jobId, name, error: { message: error instanceof ReadError ? error.message : `the file could not be read: ${(error as Error).message}` } });
        progress(name, 'reading', bytesBefore);
        continue;
      }
      bytesBefore += blob.size;
      progress(name, 'decoding', bytesBefore);
      if (signal?.aborted) throw new Cancelled();
      const outcome = decodeText(name, text);
      if ('traces' in outcome) for (const trace of outcome.traces) spansDecoded += trace.spans.length;
      if (signal?.aborted) throw new Cancelled();
      emit({ type: 'result', jobId, ...outcome });
      progress(name, 'decoding', bytesBefore);
    }
  } catch (error) {
    if (!(error instanceof Cancelled)) throw error;
    emit({ type: 'done', jobId, cancelled: true });
    return;
  }
  emit({ type: 'done', jobId, cancelled: false });
}

/** One file's text → its traces (with the file's own problems added to each) or the reason there are none. */
export function decodeText(name: string, text: string): FileOutcome {
  if (text.trim() === '') return { name, error: { message: 'the file is empty' } };
  let parsed;
  try {
    parsed = parseTraces(text);
  } catch (error) {
    return { name, error: fileError(error) };
  }
  // File-level problems (a bad JSON line) name no trace: each trace of the file gets
  // them too, so its warnings badge tells what may be missing from it.
  const own = new Set(parsed.traces.flatMap((t) => t.warnings));
  const fileOnly = parsed.warnings.filter((w) => !own.has(w) && !w.startsWith('… and '));
  const traces = fileOnly.length === 0 ? parsed.traces : parsed.traces.map((t) => ({ ...t, warnings: [...fileOnly, ...t.warnings] }));
  return { name, traces, otlpJson: traces.map((t) => encodeOtlpJson([t])), warnings: parsed.warnings };
}

function fileError(error: unknown): FileError {
  if (error instanceof DecodeError) {
    if (error.line !== undefined && error.column !== undefined) {
      // core says "the input is not valid JSON at line 3, column 17: <what>"; say it once, our way
      const what = error.message.replace(/^.*? at line \d+, column \d+: /, '');
      return { message: `invalid JSON at line ${error.line}, column ${error.column}: ${what}`, line: error.line, column: error.column };
    }
    return { message: error.message };
  }
  // e.g. RangeError from a string past the engine's limit, or a stack overflow deep in a document
  return { message: `the file could not be decoded: ${(error as Error).message}` };
}

class ReadError extends Error {}

/**
 * The text of a Blob, read as a stream so progress can be told; gzip (a `.gz` name or
 * the 1f 8b magic) is decompressed on the way. A file that decompresses past the
 * size limit is stopped there: a small .gz can hold gigabytes.
 */
async function readText(blob: Blob, name: string, maxBytes: number, signal: AbortSignal | undefined, chunkBytes: number, onRead: (bytes: number) => void): Promise<string> {
  const gzip = /\.gz$/i.test(name) || (await isGzip(blob));
  const raw = sliceStream(blob, chunkBytes, onRead);
  const bytes: ReadableStream<Uint8Array> = gzip ? raw.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : raw;
  const reader = bytes.getReader();
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let size = 0;
  try {
    for (;;) {
      if (signal?.aborted) throw new Cancelled();
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (gzip) throw new ReadError(`the file is not valid gzip: ${(error as Error).message}`);
        throw error;
      }
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > maxBytes) throw new ReadError(`the file decompresses to more than the ${formatBytes(maxBytes)} limit for one file, so it was not read`);
      parts.push(decoder.decode(chunk.value, { stream: true }));
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    throw error;
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/**
 * A Blob as a stream of slices of a fixed size, telling the bytes read after each:
 * Blob.stream()'s chunk size is the engine's choice (Node hands over the whole blob).
 */
function sliceStream(blob: Blob, chunkBytes: number, onRead: (bytes: number) => void): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (offset >= blob.size) {
        controller.close();
        return;
      }
      const end = Math.min(offset + chunkBytes, blob.size);
      const chunk = new Uint8Array(await blob.slice(offset, end).arrayBuffer());
      offset = end;
      onRead(offset);
      controller.enqueue(chunk);
    },
  }, { highWaterMark: 0 });
}

async function isGzip(blob: Blob): Promise<boolean> {
  const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  return head[0] === 0x1f && head[1] === 0x8b;
}

/** "512 MB", "1.5 GB", "300 KB": binary units, written as people read them. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 || Number.isInteger(value) ? String(Math.round(value)) : value.toFixed(1);
  return `${text} ${units[unit]}`;
}
