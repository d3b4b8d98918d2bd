import { http, HttpResponse, type HttpHandler } from 'msw';
import { DecodeError } from '../../src/core';
import type { IngestResult, TraceStore } from '../store';
import { route, TEXT_PLAIN } from './routes';

/**
 * OTLP/HTTP receiver, JSON encoding only, answering as the collector's
 * otlpreceiver does (reference §1.2): 200 `{"partialSuccess":{}}`, 200 with a
 * rejected count, 400 with a google.rpc.Status body, 415 / 405 as plain text.
 */
export function otlpHandlers(store: TraceStore, base: string): HttpHandler[] {
  return [
    http.post(route(base, '/v1/traces'), ({ request }) => receive(request, 'rejectedSpans', (value) => store.ingestTraces(value))),
    http.post(route(base, '/v1/logs'), ({ request }) => receive(request, 'rejectedLogRecords', (value) => store.ingestLogs(value))),
    ...['/v1/traces', '/v1/logs'].map((path) =>
      http.all(route(base, path), () => HttpResponse.text('405 method not allowed, supported: [POST]', { status: 405, headers: TEXT_PLAIN })),
    ),
  ];
}

/** google.rpc.Code INVALID_ARGUMENT */
const INVALID_ARGUMENT = 3;

async function receive(request: Request, rejectedField: 'rejectedSpans' | 'rejectedLogRecords', ingest: (value: unknown) => IngestResult): Promise<Response> {
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    // the collector also takes application/x-protobuf; the demo has no protobuf decoder
    return HttpResponse.text('415 unsupported media type, supported: [application/json]', { status: 415, headers: TEXT_PLAIN });
  }
  let value: unknown;
  try {
    value = JSON.parse(await bodyText(request));
  } catch (e) {
    return status(`unmarshal request: ${e instanceof Error ? e.message : String(e)}`);
  }
  let result: IngestResult;
  try {
    result = ingest(value);
  } catch (e) {
    if (e instanceof DecodeError) return status(e.message);
    throw e;
  }
  if (result.rejected === 0 && result.message === '') return HttpResponse.json({ partialSuccess: {} });
  // nothing stored and nothing countable: the request's lists were not lists, so the body is not the message
  if (result.accepted === 0 && result.rejected === 0) return status(result.message);
  // a zero count is left out, as proto3 JSON writes it; with a message it is a warning (reference §1.2)
  return HttpResponse.json({ partialSuccess: { ...(result.rejected > 0 ? { [rejectedField]: String(result.rejected) } : {}), errorMessage: result.message } });
}

/** the body, un-gzipped when the exporter compressed it (OTLP servers must accept gzip) */
async function bodyText(request: Request): Promise<string> {
  const encoding = request.headers.get('content-encoding')?.toLowerCase();
  if (encoding === 'gzip' && request.body) {
    return new Response(request.body.pipeThrough(new DecompressionStream('gzip'))).text();
  }
  return request.text();
}

function status(message: string): Response {
  return HttpResponse.json({ code: INVALID_ARGUMENT, message }, { status: 400 });
}
