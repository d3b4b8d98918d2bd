import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip, inflate, type InputType, type ZlibOptions } from 'node:zlib';

/** Why a body could not be read: the status to answer with, and whether the rest of the upload must be cut off. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 429,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/**
 * The request body, up to `limitBytes` (OTLP: 413 beyond it). `reserve` is
 * asked for each chunk's bytes first, so the ingest gate can refuse (429) an
 * upload that would push the bytes held by all pending requests past its budget.
 */
export function readBody(req: IncomingMessage, limitBytes: number, reserve: (bytes: number) => boolean = () => true): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: Error) => {
      req.off('data', onData);
      req.off('end', onEnd);
      // stop reading: the server answers and closes the connection (Connection: close)
      req.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) return fail(new BodyError(413, `request body larger than ${limitBytes} bytes`));
      if (!reserve(chunk.length)) return fail(new BodyError(429, 'too much data waiting to be ingested'));
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', fail);
    req.on('aborted', () => fail(new Error('client aborted the request')));
  });
}

type Inflate = (buffer: InputType, options: ZlibOptions) => Promise<Buffer>;
const DECODERS: Readonly<Record<string, Inflate | undefined>> = {
  gzip: promisify(gunzip) as Inflate,
  'x-gzip': promisify(gunzip) as Inflate,
  deflate: promisify(inflate) as Inflate,
};

export const SUPPORTED_ENCODINGS = ['gzip', 'deflate', 'identity'];

/**
 * Undoes Content-Encoding (OTLP servers must take gzip). The limit applies to
 * the inflated size too: a 64 KiB gzip bomb must not become gigabytes in memory.
 */
export async function decodeContentEncoding(body: Buffer, encoding: string, limitBytes: number): Promise<Buffer> {
  if (encoding === '' || encoding === 'identity' || encoding === 'none') return body;
  const decode = DECODERS[encoding];
  if (!decode) throw new BodyError(400, `unsupported Content-Encoding "${encoding}", supported: [${SUPPORTED_ENCODINGS.join(', ')}]`);
  try {
    return await decode(body, { maxOutputLength: limitBytes });
  } catch (error) {
    if (error instanceof RangeError) throw new BodyError(413, `request body larger than ${limitBytes} bytes once decompressed`);
    throw new BodyError(400, `${encoding}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
