import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { readBody } from './request-body';

/** hop-by-hop headers: they describe the Node connection, not the request a handler sees */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length']);
/** query APIs take their input in the URL; a form body (Loki's POST query_range) is small */
const QUERY_BODY_LIMIT = 1024 * 1024;

/** A node:http request as a Fetch Request, what msw's getResponse takes. */
export async function toFetchRequest(req: IncomingMessage, url: URL): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = hasBody ? await readBody(req, QUERY_BODY_LIMIT) : undefined;
  // copied into a plain ArrayBuffer, which BodyInit takes (a Buffer may sit in a shared pool)
  return new Request(url, { method, headers, body: body ? new Uint8Array(body) : undefined });
}

/** Writes a Fetch Response (an msw handler's, or the receiver's own) to the node:http response. */
export async function writeResponse(res: ServerResponse, response: Response, method = 'GET'): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (method === 'HEAD' || response.body === null) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  // Streamed chunk by chunk: collecting a 60 MB trace into one buffer first cost
  // seconds of copying (and its garbage) before the first byte left.
  res.writeHead(response.status, headers);
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
}
