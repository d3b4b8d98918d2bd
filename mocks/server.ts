import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, http, HttpResponse, type HttpHandler } from 'msw';
import { DEMO_SEED } from './demo-store';
import { demoBatches } from './generator';
import { createDemoHandlers, type DemoHandlerOptions } from './handlers';
import { route } from './handlers/routes';
import { BoundedTraceStore, type RetentionStats, type StoreLimits } from './server/bounded-store';
import { IngestGate, type GateStats } from './server/ingest-gate';
import { toFetchRequest, writeResponse } from './server/node-fetch-bridge';
import { otlpSignalOf, receiveOtlp } from './server/otlp-receiver';
import { staticFiles } from './server/static-files';

/** Where the local store's APIs live on the server (and in public/tracery.config.json's "local-server" source). */
export const LOCAL_BASES = {
  tempoBase: '/local/tempo',
  jaegerBase: '/local/jaeger',
  otlpBase: '/local/otlp',
  // taken by createDemoHandlers once it serves the Loki subset; ignored before
  lokiBase: '/local/loki',
} as const;
export const STATS_PATH = '/local/api/stats';
/** the standard OTLP/HTTP port */
export const OTLP_HTTP_PORT = 4318;

/**
 * ~2.6 KB of RSS per stored span (npm run bench:ingest: 100,000 spans took the
 * server from 110 to 375 MB), so the span limit, not the trace limit, is what
 * keeps memory near 1.4 GB at most; lower --max-spans on a small machine.
 */
export const DEFAULT_LIMITS: StoreLimits = { maxTraces: 20_000, maxSpans: 500_000, maxLogs: 200_000 };
/** the OTLP spec's recommended request limit */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** an SDK exports one batch at a time and a collector ~10 in parallel: 64 is room for several of each */
export const DEFAULT_MAX_PENDING = 64;
export const DEFAULT_MAX_PENDING_BYTES = 256 * 1024 * 1024;

export interface LocalServerOptions {
  /** default 127.0.0.1: the store takes data from anyone who can reach it */
  readonly host?: string;
  /** the app and every API; 0 picks a free port */
  readonly port?: number;
  /** OTLP/HTTP only, default 4318; 0 picks a free port; false: none (OTLP still on `port`) */
  readonly otlpPort?: number | false;
  /** the built app to serve; without it only the APIs answer */
  readonly distDir?: string;
  /** seed the store with the generated demo shop, its traces ending at this unix ms time */
  readonly demoNow?: number;
  readonly limits?: Partial<StoreLimits>;
  readonly maxBodyBytes?: number;
  readonly maxPending?: number;
  readonly maxPendingBytes?: number;
  /** answers its own paths before the store and the app do (the same-origin proxy, the config, health) and says whether it did */
  readonly front?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** false: no OTLP receiver and no /local APIs, only the app (and `front`): a deployment in front of real backends */
  readonly localStore?: boolean;
  /** sent with every file of the built app (its security headers) */
  readonly appHeaders?: Readonly<Record<string, string>>;
}

export interface LocalStats extends RetentionStats {
  readonly ingest: GateStats;
  /** the whole process's, from process.memoryUsage() */
  readonly memory: { readonly rssBytes: number; readonly heapUsedBytes: number };
}

export interface LocalServer {
  /** http://host:port of the app and the APIs */
  readonly url: string;
  /** http://host:port of the OTLP-only listener, when there is one */
  readonly otlpUrl: string | undefined;
  readonly store: BoundedTraceStore;
  stats(): LocalStats;
  close(): Promise<void>;
}

/**
 * Tracery's local backend (`npm run serve`): the demo's msw handlers — Tempo's
 * and Jaeger's query APIs and the OTLP receiver, one implementation each —
 * answered over node:http from a bounded in-memory store, beside the built app
 * on the same origin, plus the OTLP/HTTP receiver alone on the standard port.
 */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const host = options.host ?? '127.0.0.1';
  const store = new BoundedTraceStore({ ...DEFAULT_LIMITS, ...options.limits });
  if (options.demoNow !== undefined) {
    for (const batch of demoBatches({ now: options.demoNow, seed: DEMO_SEED })) {
      if (batch.traces) store.ingestTraces(batch.traces);
      if (batch.logs) store.ingestLogs(batch.logs);
    }
  }
  const gate = new IngestGate(options.maxPending ?? DEFAULT_MAX_PENDING, options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES);
  const stats = (): LocalStats => {
    const { rss, heapUsed } = process.memoryUsage();
    return { ...store.retention(), ingest: gate.stats(), memory: { rssBytes: rss, heapUsedBytes: heapUsed } };
  };

  // a variable, not a literal: createDemoHandlers takes the bases it knows (lokiBase once it has Loki)
  const bases: DemoHandlerOptions = LOCAL_BASES;
  const handlers: HttpHandler[] = [...createDemoHandlers(store, bases), http.get(route('', STATS_PATH), () => HttpResponse.json(stats()))];
  const dispatch = async (request: Request) => (await getResponse(handlers, request)) ?? notFound();
  const receiver = { maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, gate, dispatch, otlpBase: LOCAL_BASES.otlpBase };
  const serveApp = options.distDir === undefined ? undefined : staticFiles(options.distDir, options.appHeaders);

  const listener = (appPort: boolean) => async (req: IncomingMessage, res: ServerResponse) => {
    try {
      // a fixed origin: handlers match paths only, and msw's cookie jar rejects odd Host names ("local")
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const signal = options.localStore === false ? undefined : otlpSignalOf(url.pathname, LOCAL_BASES.otlpBase);
      let response: Response;
      if (signal) response = await receiveOtlp(req, signal, receiver);
      else if (!appPort) response = notFound();
      else if (options.front?.(req, res)) return;
      else if (url.pathname.startsWith('/local/')) response = options.localStore === false ? notFound() : await dispatch(await toFetchRequest(req, url));
      else if (serveApp) return await serveApp(req, res, url.pathname);
      else response = notFound();
      await writeResponse(res, response, req.method);
    } catch (error) {
      // one bad request must never take the server down
      console.error('tracery serve:', error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      res.end('500 internal error');
    }
  };

  const appServer = await listen(createServer(listener(true)), host, options.port ?? 0);
  const otlpPort = options.localStore === false ? false : (options.otlpPort ?? OTLP_HTTP_PORT);
  let otlpServer: Server | undefined;
  try {
    otlpServer = otlpPort === false ? undefined : await listen(createServer(listener(false)), host, otlpPort);
  } catch (error) {
    await closeServer(appServer);
    throw error;
  }
  return {
    url: urlOf(appServer, host),
    otlpUrl: otlpServer ? urlOf(otlpServer, host) : undefined,
    store,
    stats,
    close: async () => {
      await Promise.all([closeServer(appServer), otlpServer ? closeServer(otlpServer) : undefined]);
    },
  };
}

function notFound(): Response {
  return new Response('404 not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

function listen(server: Server, host: string, port: number): Promise<Server> {
  // keep-alive connections outlive a batch by seconds; SDKs export every 5 s, so reuse them
  server.keepAliveTimeout = 10_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function urlOf(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
