import type { IncomingMessage } from 'node:http';
import type { IngestGate } from './ingest-gate';
import { decodeOtlpProtobuf, encodeExportResponse, encodeStatus, type OtlpSignal } from './otlp-protobuf';
import { BodyError, decodeContentEncoding, readBody } from './request-body';

const JSON_TYPE = 'application/json';
const PROTOBUF_TYPE = 'application/x-protobuf';
const TEXT_PLAIN = 'text/plain; charset=utf-8';
/** google.rpc.Code: what the collector puts in Status.code (clients must not rely on it) */
const INVALID_ARGUMENT = 3;
const RESOURCE_EXHAUSTED = 8;
/** seconds; one ingest of a 512-span batch takes milliseconds, so a second is plenty to drain the queue */
const RETRY_AFTER_SECONDS = 1;

export interface ReceiverOptions {
  readonly maxBodyBytes: number;
  readonly gate: IngestGate;
  /** the msw handlers: the one OTLP/JSON receiver every encoding ends up in */
  readonly dispatch: (request: Request) => Promise<Response>;
  /** where the msw OTLP receiver is mounted ('/local/otlp') */
  readonly otlpBase: string;
}

/** `/v1/traces` (the standard path) or `<base>/v1/traces` → the signal; undefined for any other path. */
export function otlpSignalOf(pathname: string, otlpBase: string): OtlpSignal | undefined {
  const path = pathname.startsWith(`${otlpBase}/`) ? pathname.slice(otlpBase.length) : pathname;
  return path === '/v1/traces' ? 'traces' : path === '/v1/logs' ? 'logs' : undefined;
}

/**
 * OTLP/HTTP in front of the msw receiver (reference §1.1–1.2): checks method,
 * content type and size; admits the request into the ingest queue (or 429);
 * reads, inflates and — for protobuf — decodes the body into OTLP/JSON; lets
 * the msw handler ingest it; and answers in the request's own encoding.
 */
export async function receiveOtlp(req: IncomingMessage, signal: OtlpSignal, options: ReceiverOptions): Promise<Response> {
  const mswUrl = `http://127.0.0.1${options.otlpBase}/v1/${signal}`;
  // 405 comes from the msw receiver, the one place that knows its routes
  if (req.method !== 'POST') return options.dispatch(new Request(mswUrl, { method: req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET') }));

  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== JSON_TYPE && mediaType !== PROTOBUF_TYPE) {
    return closing(new Response(`415 unsupported media type, supported: [${JSON_TYPE}, ${PROTOBUF_TYPE}]`, { status: 415, headers: { 'Content-Type': TEXT_PLAIN } }));
  }
  const protobuf = mediaType === PROTOBUF_TYPE;
  const fail = (status: number, message: string) => closing(statusResponse(status, message, protobuf));

  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > options.maxBodyBytes) return fail(413, `request body of ${declared} bytes is over the limit of ${options.maxBodyBytes}`);
  const admission = options.gate.admit();
  if (!admission) return throttled(options.gate, protobuf);
  try {
    const body = await readBody(req, options.maxBodyBytes, (bytes) => admission.reserve(bytes));
    return await options.gate.serially(async () => {
      const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
      const plain = await decodeContentEncoding(body, encoding, options.maxBodyBytes);
      let json: string;
      if (protobuf) {
        try {
          json = JSON.stringify(decodeOtlpProtobuf(signal, plain));
        } catch (error) {
          return fail(400, `proto: ${error instanceof Error ? error.message : String(error)}`);
        }
      } else {
        json = plain.toString('utf8');
      }
      const answer = await options.dispatch(new Request(mswUrl, { method: 'POST', headers: { 'Content-Type': JSON_TYPE }, body: json }));
      return protobuf ? await toProtobuf(answer, signal) : answer;
    });
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    if (error.status === 429) return throttled(options.gate, protobuf);
    return fail(error.status, error.message);
  } finally {
    admission.release();
  }
}

function throttled(gate: IngestGate, protobuf: boolean): Response {
  gate.noteThrottled();
  const response = statusResponse(429, 'ingest queue full, retry later', protobuf, RESOURCE_EXHAUSTED);
  response.headers.set('Retry-After', String(RETRY_AFTER_SECONDS));
  return closing(response);
}

/** A google.rpc.Status body in the request's encoding, as OTLP/HTTP failures carry. */
function statusResponse(status: number, message: string, protobuf: boolean, code = INVALID_ARGUMENT): Response {
  if (protobuf) return new Response(encodeStatus(code, message), { status, headers: { 'Content-Type': PROTOBUF_TYPE } });
  return Response.json({ code, message }, { status });
}

/**
 * The client may still be sending a body we will not read (413, 429, 415):
 * closing the connection is cheaper than draining megabytes, and exporters
 * reconnect.
 */
function closing(response: Response): Response {
  response.headers.set('Connection', 'close');
  return response;
}

/** The msw receiver's JSON answer re-encoded for a protobuf client (200 → Export*ServiceResponse, 400 → Status). */
async function toProtobuf(answer: Response, signal: OtlpSignal): Promise<Response> {
  if (!(answer.headers.get('content-type') ?? '').includes(JSON_TYPE)) return answer;
  const json: unknown = await answer.json();
  if (answer.ok) return new Response(encodeExportResponse(signal, json), { status: answer.status, headers: { 'Content-Type': PROTOBUF_TYPE } });
  const body = typeof json === 'object' && json !== null ? (json as { code?: unknown; message?: unknown }) : {};
  const code = typeof body.code === 'number' ? body.code : INVALID_ARGUMENT;
  return statusResponse(answer.status, typeof body.message === 'string' ? body.message : answer.statusText, true, code);
}
