import { decodeTraces, DecodeError, normaliseTraceId, type Trace } from '../core';
import { BackendError } from './backend-error';
import { fetchJson, type FetchOptions } from './http-client';

/**
 * Trace by id, the same way for every backend: check the id, GET each URL in
 * turn while the previous one's route is missing (Go's "404 page not found" —
 * an older server), decode whatever trace JSON comes back, and say "not found"
 * or "cannot read" in words that name the trace and the data source.
 */
export async function fetchTraceById(traceId: string, urlsFor: (id: string) => readonly string[], options: FetchOptions): Promise<Trace> {
  const id = normaliseTraceId(traceId);
  if (!id) throw new BackendError('not-found', `"${traceId}" is not a trace id (16 or 32 hex characters).`, urlsFor('')[0] ?? '');
  const urls = urlsFor(id);
  for (const [index, url] of urls.entries()) {
    let body: unknown;
    try {
      body = await fetchJson(url, options);
    } catch (error) {
      if (!(error instanceof BackendError) || error.kind !== 'not-found') throw error;
      if (error.message === '404 page not found' && index < urls.length - 1) continue;
      throw new BackendError('not-found', `Trace ${id} was not found in ${options.sourceName}.`, url, 404);
    }
    return decodeOne(body, id, url, options.sourceName);
  }
  throw new BackendError('not-found', `Trace ${id} was not found in ${options.sourceName}.`, urls[0] ?? '', 404);
}

function decodeOne(body: unknown, id: string, url: string, sourceName: string): Trace {
  try {
    const { traces, warnings } = decodeTraces(body);
    const trace = traces.find((t) => t.traceId === id) ?? traces[0];
    if (!trace) throw new DecodeError('no spans in the response');
    if (warnings.length > 0) trace.warnings.push(...warnings.filter((w) => !trace.warnings.includes(w)));
    return trace;
  } catch (error) {
    if (error instanceof DecodeError) {
      throw new BackendError('bad-response', `${sourceName} sent trace ${id} in a form Tracery cannot read: ${error.message}`, url);
    }
    throw error;
  }
}
