import type { OtlpKeyValue } from '../../src/core';
import { failureAt, grpcFailure, httpFailure } from './failures';
import { int, kvlist, str, text } from './otlp-values';
import { INFRA, type ServiceInfo } from './services';
import { KIND, type Outcome, type SpanRecord, type TraceBuilder } from './trace-builder';

/**
 * The building blocks of every scenario: a call between two services makes a
 * CLIENT span in the caller and a SERVER span in the callee (a network hop
 * apart), a database query makes a CLIENT span with db.* attributes, and so
 * on. Each returns an Outcome so failures propagate up the call tree.
 */
export type Handler = (server: SpanRecord, at: number) => Outcome;

const HTTP_SCOPE: Readonly<Record<ServiceInfo['language'], [server: string, client: string]>> = {
  nodejs: ['@opentelemetry/instrumentation-http', '@opentelemetry/instrumentation-undici'],
  go: ['go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp', 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp'],
  java: ['io.opentelemetry.spring-webmvc-6.0', 'io.opentelemetry.okhttp-3.0'],
  python: ['opentelemetry.instrumentation.fastapi', 'opentelemetry.instrumentation.httpx'],
  dotnet: ['Microsoft.AspNetCore', 'System.Net.Http'],
};

const GRPC_SCOPE: Readonly<Record<ServiceInfo['language'], string>> = {
  nodejs: '@opentelemetry/instrumentation-grpc',
  go: 'go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc',
  java: 'io.opentelemetry.grpc-1.6',
  python: 'opentelemetry.instrumentation.grpc',
  dotnet: 'OpenTelemetry.Instrumentation.GrpcNetClient',
};

const DB_SCOPE: Readonly<Record<ServiceInfo['language'], string>> = {
  nodejs: '@opentelemetry/instrumentation-pg',
  go: 'github.com/exaring/otelpgx',
  java: 'io.opentelemetry.jdbc',
  python: 'opentelemetry.instrumentation.psycopg',
  dotnet: 'Npgsql',
};

const USER_AGENT: Readonly<Record<ServiceInfo['language'], string>> = {
  nodejs: 'node',
  go: 'Go-http-client/1.1',
  java: 'okhttp/4.12.0',
  python: 'python-httpx/0.27.0',
  dotnet: 'dotnet/8.0',
};

export const manualScope = (service: ServiceInfo): string => `shop.${service.name}`;

export interface HttpRequest {
  readonly from: ServiceInfo;
  readonly to: ServiceInfo;
  readonly method: string;
  readonly route: string;
  readonly path: string;
  readonly port?: number;
  /** what the callee answers when its handler fails: 502 for a gateway, else 500 */
  readonly failStatus?: number;
}

/** An HTTP call between two instrumented services: CLIENT in `from`, SERVER in `to`. */
export function httpCall(b: TraceBuilder, parent: SpanRecord, at: number, req: HttpRequest, handle: Handler): Outcome {
  const port = req.port ?? 8080;
  const serverScope = HTTP_SCOPE[req.to.language][0];
  const client = b.start(parent, req.from, `${req.method} ${req.route}`, KIND.client, at, {
    scope: HTTP_SCOPE[req.from.language][1],
    attributes: [
      str('http.request.method', req.method),
      str('url.full', `http://${req.to.name}:${port}${req.path}`),
      str('url.template', req.route),
      str('server.address', req.to.name),
      int('server.port', port),
      str('network.protocol.version', '1.1'),
    ],
  });
  b.log(client, at, 'DEBUG', text(`${req.method} http://${req.to.name}:${port}${req.path}`));
  const serverStart = at + b.hop();
  const server = b.start(client, req.to, `${req.method} ${req.route}`, KIND.server, serverStart, {
    scope: serverScope,
    attributes: [
      str('http.request.method', req.method),
      str('url.path', req.path.split('?')[0] ?? req.path),
      str('url.scheme', 'http'),
      str('http.route', req.route),
      str('server.address', req.to.name),
      int('server.port', port),
      str('user_agent.original', USER_AGENT[req.from.language]),
      str('network.protocol.version', '1.1'),
    ],
  });
  const inner = handle(server, serverStart + b.ms(0.15));
  const serverEnd = inner.end + b.ms(0.1);
  const status = inner.failure ? (req.failStatus ?? 500) : 200;
  server.attributes.push(int('http.response.status_code', status));
  b.finish(server, serverEnd, inner.failure);
  b.log(server, serverEnd, inner.failure ? 'ERROR' : 'INFO', kvlist([
    str('msg', 'request completed'),
    str('method', req.method),
    str('route', req.route),
    int('status', status),
    int('duration_ms', (serverEnd - serverStart) / 1e6),
  ]));
  client.attributes.push(int('http.response.status_code', status));
  const clientEnd = serverEnd + b.hop();
  if (!inner.failure) return b.finish(client, clientEnd);
  client.attributes.push(str('error.type', String(status)));
  return b.finish(client, clientEnd, httpFailure(req.to.name, status));
}

export interface GrpcRequest {
  readonly from: ServiceInfo;
  readonly to: ServiceInfo;
  readonly service: string;
  readonly method: string;
}

/** A gRPC call: CLIENT and SERVER spans named `package.Service/Method`, as the gRPC instrumentations name them. */
export function grpcCall(b: TraceBuilder, parent: SpanRecord, at: number, req: GrpcRequest, handle: Handler): Outcome {
  const name = `${req.service}/${req.method}`;
  const rpc: OtlpKeyValue[] = [str('rpc.system', 'grpc'), str('rpc.service', req.service), str('rpc.method', req.method)];
  const client = b.start(parent, req.from, name, KIND.client, at, {
    scope: GRPC_SCOPE[req.from.language],
    attributes: [...rpc, str('server.address', req.to.name), int('server.port', 50051)],
  });
  const serverStart = at + b.hop();
  const server = b.start(client, req.to, name, KIND.server, serverStart, { scope: GRPC_SCOPE[req.to.language], attributes: [...rpc] });
  b.log(client, at, 'DEBUG', text(`calling ${name}`));
  b.log(server, serverStart, 'INFO', kvlist([str('msg', 'handling rpc'), str('rpc.method', req.method)]), [str('rpc.method', req.method)]);
  const inner = handle(server, serverStart + b.ms(0.08));
  const serverEnd = inner.end + b.ms(0.05);
  // gRPC status codes: 0 OK, 13 INTERNAL
  const code = inner.failure ? 13 : 0;
  server.attributes.push(int('rpc.grpc.status_code', code));
  client.attributes.push(int('rpc.grpc.status_code', code));
  b.finish(server, serverEnd, inner.failure);
  const clientEnd = serverEnd + b.hop();
  if (!inner.failure) return b.finish(client, clientEnd);
  client.attributes.push(str('error.type', 'INTERNAL'));
  const failure = grpcFailure(name, 'Internal');
  b.log(client, clientEnd, 'WARN', text(`${name} failed: ${inner.failure.message}`));
  return b.finish(client, clientEnd, failure);
}

export interface Query {
  readonly operation: string;
  readonly table: string;
  readonly text: string;
  readonly medianMs: number;
  /** the failure site this query may fail at (see failures.ts) */
  readonly site?: string;
  readonly rows?: number;
}

/** A PostgreSQL query: CLIENT span named `{operation} {table}`, with the statement and the server. */
export function dbQuery(b: TraceBuilder, parent: SpanRecord, at: number, service: ServiceInfo, q: Query): Outcome {
  const span = b.start(parent, service, `${q.operation} ${q.table}`, KIND.client, at, {
    scope: DB_SCOPE[service.language],
    attributes: [
      str('db.system.name', 'postgresql'),
      str('db.namespace', INFRA.postgres.database),
      str('db.operation.name', q.operation),
      str('db.collection.name', q.table),
      str('db.query.text', q.text),
      str('server.address', INFRA.postgres.host),
      int('server.port', INFRA.postgres.port),
    ],
  });
  const failed = q.site !== undefined && b.fails(q.site);
  const duration = failed ? b.ms(q.medianMs * 8 + 20) : b.ms(q.medianMs);
  const end = at + duration;
  if (failed && q.site) {
    const failure = failureAt(q.site);
    span.attributes.push(str('error.type', failure.type), str('db.response.status_code', failure.message.includes('deadlock') ? '40P01' : '57014'));
    b.exception(span, end, failure);
    return b.finish(span, end, failure);
  }
  if (q.rows !== undefined) span.attributes.push(int('db.response.returned_rows', q.rows));
  const durationMs = duration / 1e6;
  if (durationMs > 250) {
    b.log(span, end, 'WARN', kvlist([str('msg', 'slow query'), str('statement', q.text), int('duration_ms', durationMs)]));
  } else {
    b.log(span, end, 'DEBUG', kvlist([str('msg', 'query executed'), str('operation', q.operation), int('rows', q.rows ?? 1)]), [str('db.operation.name', q.operation)]);
  }
  return b.finish(span, end);
}

/** A Redis command; a cache failure is the caller's to absorb (it falls back), so it returns the failure without throwing it upward. */
export function redis(b: TraceBuilder, parent: SpanRecord, at: number, service: ServiceInfo, command: string, key: string, site?: string): Outcome {
  const span = b.start(parent, service, command, KIND.client, at, {
    scope: service.language === 'java' ? 'io.opentelemetry.lettuce-5.1' : service.language === 'go' ? 'github.com/redis/go-redis/extra/redisotel' : 'opentelemetry.instrumentation.redis',
    attributes: [
      str('db.system.name', 'redis'),
      str('db.namespace', '0'),
      str('db.operation.name', command),
      str('db.query.text', `${command} ${key}`),
      str('server.address', INFRA.redis.host),
      int('server.port', INFRA.redis.port),
    ],
  });
  if (site !== undefined && b.fails(site)) {
    const failure = failureAt(site);
    const end = at + b.ms(1000, 0.05);
    span.attributes.push(str('error.type', failure.type));
    b.exception(span, end, failure);
    return b.finish(span, end, failure);
  }
  const end = at + b.ms(0.4, 0.3);
  b.log(span, end, 'DEBUG', text(`redis ${command} ${key}`));
  return b.finish(span, end);
}

/** Work inside one service (template rendering, password hashing, model scoring…). */
export function internal(b: TraceBuilder, parent: SpanRecord, at: number, service: ServiceInfo, name: string, medianMs: number, attributes: OtlpKeyValue[] = [], site?: string): Outcome {
  const span = b.start(parent, service, name, KIND.internal, at, { scope: manualScope(service), attributes });
  const end = at + b.ms(medianMs);
  if (site !== undefined && b.fails(site)) {
    const failure = failureAt(site);
    b.exception(span, end, failure);
    return b.finish(span, end, failure);
  }
  b.log(span, at + (end - at) / 2, 'INFO', text(`${name} done`));
  return b.finish(span, end);
}

export interface ExternalRequest {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly route: string;
  readonly medianMs: number;
  readonly site?: string;
  readonly attributes?: OtlpKeyValue[];
}

/** A call to a third party outside the cluster: only our CLIENT span exists, with the remote host in server.address. */
export function externalCall(b: TraceBuilder, parent: SpanRecord, at: number, service: ServiceInfo, req: ExternalRequest): Outcome {
  const span = b.start(parent, service, `${req.method} ${req.route}`, KIND.client, at, {
    scope: HTTP_SCOPE[service.language][1],
    attributes: [
      str('http.request.method', req.method),
      str('url.full', `https://${req.host}${req.path}`),
      str('url.template', req.route),
      str('server.address', req.host),
      int('server.port', 443),
      ...(req.attributes ?? []),
    ],
  });
  if (req.site !== undefined && b.fails(req.site)) {
    const failure = failureAt(req.site);
    const end = at + b.ms(3000, 0.02);
    span.attributes.push(int('http.response.status_code', 504), str('error.type', failure.type));
    b.exception(span, end, failure);
    return b.finish(span, end, failure);
  }
  const end = at + b.ms(req.medianMs, 0.5);
  span.attributes.push(int('http.response.status_code', 200));
  b.log(span, end, 'INFO', kvlist([str('msg', 'external call'), str('host', req.host), int('status', 200), int('duration_ms', (end - at) / 1e6)]));
  return b.finish(span, end);
}

/** Runs steps one after another; stops at the first failure, as code with exceptions does. */
export function sequence(at: number, steps: readonly ((t: number) => Outcome)[]): Outcome {
  let t = at;
  for (const step of steps) {
    const outcome = step(t);
    if (outcome.failure) return outcome;
    t = outcome.end;
  }
  return { end: t };
}

/** Runs steps side by side (a fan-out), each started a little after the previous; fails if any fails. */
export function parallel(b: TraceBuilder, at: number, steps: readonly ((t: number) => Outcome)[]): Outcome {
  let end = at;
  let failure: Outcome['failure'];
  steps.forEach((step, i) => {
    const outcome = step(at + i * Math.round(b.rng.between(0.02, 0.15) * 1e6));
    end = Math.max(end, outcome.end);
    failure ??= outcome.failure;
  });
  return failure ? { end, failure } : { end };
}
