import { decodeTraces, DecodeError, normaliseTraceId, type Trace, type TraceLoadProgress } from '../core';
import { BackendError } from './backend-error';
import { fetchAnswer, parseJsonAnswer, type BytesAnswer, type FetchOptions, type TextAnswer } from './http-client';
import type { ProtoTraceDecoder } from './trace-backend';

/** Asking a Tempo for protobuf: it is ~3× smaller than its JSON and decodes without JSON.parse's garbage. */
export const PROTOBUF_FIRST = 'application/protobuf, application/json;q=0.9';

/** Tempo answers `application/protobuf`; some proxies say `application/x-protobuf`. */
export function isProtobuf(contentType: string): boolean {
  return /protobuf/i.test(contentType);
}
const JSON_ONLY = 'application/json';

export interface TraceFetch extends FetchOptions {
  /** set when the backend can answer in protobuf (Tempo): how to decode it, and which shape a URL answers in */
  readonly protobuf?: { readonly decoder: ProtoTraceDecoder; readonly shapeOf: (url: string) => 'v1' | 'v2' };
  readonly onProgress?: (progress: TraceLoadProgress) => void;
}

/**
 * Trace by id, the same way for every backend: check the id, GET each URL in
 * turn while the previous one's route is missing (Go's "404 page not found" —
 * an older server), decode whatever trace comes back (JSON, or protobuf when the
 * server honours the Accept header), and say "not found" or "cannot read" in
 * words that name the trace and the data source.
 */
export async function fetchTraceById(traceId: string, urlsFor: (id: string) => readonly string[], options: TraceFetch): Promise<Trace> {
  const id = normaliseTraceId(traceId);
  if (!id) throw new BackendError('not-found', `"${traceId}" is not a trace id (16 or 32 hex characters).`, urlsFor('')[0] ?? '');
  const urls = urlsFor(id);
  const { protobuf, onProgress } = options;
  protobuf?.decoder.warm?.();
  // for the benchmark's breakdown of a load (performance exists in browsers and Node alike)
  performance.mark('tracery:trace-request');
  for (const [index, url] of urls.entries()) {
    onProgress?.({ phase: 'requesting', bytes: 0, spans: 0 });
    let answer: TextAnswer | BytesAnswer | { readonly trace: Trace };
    try {
      const fetchAndDecode = protobuf?.decoder.fetchAndDecode?.bind(protobuf.decoder);
      answer =
        protobuf && fetchAndDecode
          ? await readable(id, url, options.sourceName, () =>
              fetchAndDecode(url, { ...options, accept: PROTOBUF_FIRST, traceId: id, shape: protobuf.shapeOf(url), onProgress }),
            )
          : await fetchAnswer(url, options, {
              accept: protobuf ? PROTOBUF_FIRST : JSON_ONLY,
              isBinary: (contentType) => protobuf !== undefined && isProtobuf(contentType),
              onBytes: onProgress && ((bytes, totalBytes) => onProgress({ phase: 'receiving', bytes, totalBytes, spans: 0 })),
            });
    } catch (error) {
      if (!(error instanceof BackendError) || error.kind !== 'not-found') throw error;
      if (error.message === '404 page not found' && index < urls.length - 1) continue;
      throw new BackendError('not-found', `Trace ${id} was not found in ${options.sourceName}.`, url, 404);
    }
    if ('trace' in answer) return answer.trace;
    if ('bytes' in answer && protobuf) {
      const { bytes } = answer;
      return readable(id, url, options.sourceName, () => protobuf.decoder.decode(bytes, { traceId: id, shape: protobuf.shapeOf(url), signal: options.signal, onProgress }));
    }
    if (!('text' in answer)) throw new BackendError('bad-response', `${options.sourceName} sent trace ${id} as ${answer.contentType}, which Tracery did not ask for.`, url);
    const body = parseJsonAnswer(answer, url, options.sourceName);
    return readable(id, url, options.sourceName, () => Promise.resolve(decodeOne(body, id)));
  }
  throw new BackendError('not-found', `Trace ${id} was not found in ${options.sourceName}.`, urls[0] ?? '', 404);
}

function decodeOne(body: unknown, id: string): Trace {
  const { traces, warnings } = decodeTraces(body);
  const trace = traces.find((t) => t.traceId === id) ?? traces[0];
  if (!trace) throw new DecodeError('no spans in the response');
  if (warnings.length > 0) trace.warnings.push(...warnings.filter((w) => !trace.warnings.includes(w)));
  return trace;
}

/** A decoder's DecodeError, as the 'bad-response' that names the source and the trace. */
async function readable<T>(id: string, url: string, sourceName: string, decode: () => Promise<T>): Promise<T> {
  try {
    return await decode();
  } catch (error) {
    if (error instanceof DecodeError) {
      throw new BackendError('bad-response', `${sourceName} sent trace ${id} in a form Tracery cannot read: ${error.message}`, url);
    }
    throw error;
  }
}
