import { createJaegerBackend } from '../backends/jaeger/jaeger-backend';
import { createTempoBackend } from '../backends/tempo/tempo-backend';
import type { TraceBackend } from '../backends/trace-backend';
import { createLokiBackend, type LogBackend } from '../backends/loki/loki-backend';
import { browserBaseUrl, browserLogsUrl, type DataSource, type TraceryConfig } from './config';
import { fetchLocalStats } from '../backends/local-stats';
import { createFileBackend } from '../backends/file/file-backend';
import { localTraceStore } from './local-trace-store';
import { inThreadProtoDecoder } from '../backends/proto-trace';
import type { ProtoTraceDecoder } from '../backends/trace-backend';
import { workerProtoDecoder } from './proto-trace-decoder';

export { parseConfig, withLocalFiles, LOCAL_FILES_SOURCE, type DataSource, type DataSourceKind, type LogSourceConfig, type TraceryConfig } from './config';
export type { LogBackend, TraceLogs } from '../backends/loki/loki-backend';

const backends = new Map<string, TraceBackend>();

const protoDecoders = new Map<boolean, ProtoTraceDecoder>();
/**
 * The protobuf trace decoder, in a Web Worker where the browser has them. The worker
 * also fetches, except for the demo: it answers from inside the page (msw), where its
 * failure controls and abort tracking watch the page's own requests.
 */
function protobufDecoder(source: DataSource): ProtoTraceDecoder {
  if (typeof Worker !== 'function') return inThreadProtoDecoder;
  const fetchInWorker = source.demo !== true;
  let decoder = protoDecoders.get(fetchInWorker);
  if (!decoder) {
    decoder = workerProtoDecoder({ fetchInWorker });
    protoDecoders.set(fetchInWorker, decoder);
  }
  return decoder;
}

/** The adapter for a data source, made once per source. */
export function backendFor(source: DataSource): TraceBackend {
  let backend = backends.get(source.id);
  if (!backend) {
    const config = { url: browserBaseUrl(source), name: source.name, ...timeoutOf(source) };
    backend =
      source.kind === 'files' ? createFileBackend(localTraceStore(), source.name) : source.kind === 'jaeger'
          ? createJaegerBackend(config)
          : createTempoBackend({ ...config, protobuf: protobufDecoder(source) });
    backends.set(source.id, backend);
  }
  return backend;
}

const logBackends = new Map<string, LogBackend>();

/** The log adapter of a data source, made once per source; undefined when the source has no `logs`. */
export function logBackendFor(source: DataSource): LogBackend | undefined {
  const logs = source.logs;
  if (!logs) return undefined;
  let backend = logBackends.get(source.id);
  if (!backend) {
    backend = createLokiBackend({
      url: browserLogsUrl({ ...source, logs }),
      name: `${source.name} logs`,
      ...timeoutOf(source),
      ...(logs.selector !== undefined ? { selector: logs.selector } : {}),
      ...(logs.traceIdField !== undefined ? { traceIdField: logs.traceIdField } : {}),
      ...(logs.style !== undefined ? { style: logs.style } : {}),
    });
    logBackends.set(source.id, backend);
  }
  return backend;
}

/** The source's `timeoutSeconds` as the adapters take it; absent: their 30 s default. */
function timeoutOf(source: DataSource): { timeoutMs?: number } {
  return source.timeoutSeconds !== undefined ? { timeoutMs: source.timeoutSeconds * 1000 } : {};
}

/** Asks a source's `stats` path whether its server is there; rejects when it is not. */
export type StatsProbe = (source: DataSource & { readonly stats: string }, signal: AbortSignal) => Promise<unknown>;

const probeStats: StatsProbe = (source, signal) => fetchLocalStats(source.stats, source.name, signal);

/**
 * The config without the sources whose server is not running. A source with a
 * `stats` path (the shipped "Local server (npm run serve)") exists only while
 * `npm run serve` does: under `npm start` or `vite preview` that path is the app's
 * own HTML page, and the source's searches failed with a bare "not found". Offered
 * only when the path answers with store statistics; the probes run at once, and one
 * that takes longer than `timeoutMs` counts as no answer, so startup waits for no
 * server that hangs.
 */
export async function withAnsweringSources(config: TraceryConfig, probe: StatsProbe = probeStats, timeoutMs = 2_000): Promise<TraceryConfig> {
  const answers = await Promise.all(
    config.dataSources.map(async (source) => {
      const stats = source.stats;
      if (stats === undefined) return true;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        await Promise.race([
          probe({ ...source, stats }, controller.signal),
          new Promise((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error('no answer')), { once: true })),
        ]);
        return true;
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  if (answers.every(Boolean)) return config;
  return { ...config, dataSources: config.dataSources.filter((_, i) => answers[i]) };
}
