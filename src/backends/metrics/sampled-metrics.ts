import { alignedRange, type MetricsRange, type RedOrigin, type RedRow, type SpanScope, type SystemGraph, type Trace } from '../../core';
import type { TraceBackend } from '../trace-backend';
import { inParallel, type MetricsBackend, type RedRequest, type SystemGraphRequest } from './metrics-backend';

/** The RED computation over traces (core's redFromTraces and systemGraphFromTraces), in a Web Worker in the app. */
export interface RedCompute {
  red(traces: readonly Trace[], options: { readonly range: MetricsRange; readonly scope: SpanScope; readonly groupBy: 'service' | 'operation'; readonly service?: string }, signal?: AbortSignal): Promise<readonly RedRow[]>;
  graph(traces: readonly Trace[], range: MetricsRange, signal?: AbortSignal): Promise<SystemGraph>;
}

export interface SampledMetricsConfig {
  readonly traces: Pick<TraceBackend, 'searchTraces' | 'getTrace'>;
  readonly compute: RedCompute;
  /** Local files: every kept trace, over the time they cover (the range asked is ignored) */
  readonly allTraces?: boolean;
  /** traces fetched at most; default DEFAULT_SAMPLE_TRACES, never above MAX_SAMPLE_TRACES */
  readonly sampleSize?: number;
  /** spans fetched at most: a sample of huge traces stops early; default DEFAULT_SPAN_BUDGET */
  readonly spanBudget?: number;
  /** trace fetches in flight; default 6, a browser's connections per host */
  readonly concurrency?: number;
}

/**
 * 300 traces: one search and 300 trace fetches (about 4 s through the in-page demo
 * backend on two cores, a few seconds against a real Tempo), and enough that p90 per
 * service rests on hundreds of spans; 2,000 is the most the browser-side computation
 * is held to (≤ 300 ms off the page's thread).
 */
export const DEFAULT_SAMPLE_TRACES = 300;
export const MAX_SAMPLE_TRACES = 2_000;
/** 200,000 spans keep the sample's memory around 100 MB whatever the traces' sizes. */
export const DEFAULT_SPAN_BUDGET = 200_000;
/** Local files are all read, up to this many (IndexedDB reads, no network). */
const MAX_LOCAL_TRACES = 10_000;

interface Sample {
  readonly traces: readonly Trace[];
  readonly spans: number;
  /** more traces matched than were fetched */
  readonly limited: boolean;
}

/** One sample cache, answering as several backends that differ only in the reason they give for sampling. */
export interface SampledMetrics {
  /** `reason`: why the figures are computed here (the source's metrics API is missing, or cannot answer this); '' for Local files */
  withReason(reason: string): MetricsBackend;
}

interface SharedSample {
  readonly promise: Promise<Sample>;
  readonly controller: AbortController;
  waiting: number;
}

/** The shared sample for one asker: its abort rejects only its own wait, and the fetch once nobody waits. */
function waitFor(shared: SharedSample, signal: AbortSignal | undefined): Promise<Sample> {
  if (!signal) return shared.promise;
  signal.throwIfAborted();
  shared.waiting++;
  return new Promise<Sample>((resolve, reject) => {
    const onAbort = () => {
      if (--shared.waiting === 0) shared.controller.abort(signal.reason);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    shared.promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        shared.waiting--;
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        shared.waiting--;
        reject(error as Error);
      },
    );
  });
}

/**
 * The figures computed in the browser from traces fetched through the source's own
 * search and trace-by-id: the newest `sampleSize` traces of the window (a search
 * answers newest first), each fetched whole. The last sample is kept, so the overview
 * and the graph of one window fetch it once.
 */
export function createSampledMetrics(config: SampledMetricsConfig): SampledMetrics {
  const sampleSize = Math.min(config.sampleSize ?? DEFAULT_SAMPLE_TRACES, MAX_SAMPLE_TRACES);
  const spanBudget = config.spanBudget ?? DEFAULT_SPAN_BUDGET;
  const concurrency = config.concurrency ?? 6;
  const samples = new Map<string, SharedSample>();

  async function fetchSample(range: MetricsRange, service: string | undefined, signal?: AbortSignal): Promise<Sample> {
    const limit = config.allTraces ? MAX_LOCAL_TRACES : sampleSize;
    const { summaries } = await config.traces.searchTraces(
      { tags: [], startMs: range.startMs, endMs: range.endMs, limit, ...(service !== undefined ? { service } : {}) },
      signal,
    );
    // the span budget, judged by what the search says of each trace before fetching it
    const chosen: string[] = [];
    let expected = 0;
    for (const summary of summaries) {
      if (chosen.length > 0 && expected + (summary.spanCount ?? 0) > spanBudget) break;
      expected += summary.spanCount ?? 0;
      chosen.push(summary.traceId);
    }
    const traces = await inParallel(
      chosen.map((traceId) => () => config.traces.getTrace(traceId, signal)),
      concurrency,
    );
    const spans = traces.reduce((sum, trace) => sum + trace.spans.length, 0);
    return { traces, spans, limited: summaries.length >= limit || chosen.length < summaries.length };
  }

  /**
   * The sample for this window, shared by every query that asks for it. Its fetch is
   * aborted only when every asker has gone: the overview leaving must not fail the
   * graph that is waiting on the same traces.
   */
  function sample(range: MetricsRange, service: string | undefined, signal?: AbortSignal): Promise<Sample> {
    const key = config.allTraces ? 'all' : `${range.startMs}:${range.endMs}:${service ?? ''}`;
    let shared = samples.get(key);
    if (!shared) {
      const controller = new AbortController();
      const promise = fetchSample(range, service, controller.signal);
      shared = { promise, controller, waiting: 0 };
      // an aborted or failed fetch is not kept: the next page asks again
      promise.catch(() => samples.delete(key));
      // two windows (the overview's and a service's) are enough to keep
      if (samples.size >= 2) samples.delete(samples.keys().next().value as string);
      samples.set(key, shared);
    }
    return waitFor(shared, signal);
  }

  const originOf = (taken: Sample, reason: string): RedOrigin => ({ kind: 'sample', traces: taken.traces.length, spans: taken.spans, limited: taken.limited, reason });
  /** Local files cover their own time, not the window asked (a file may be a year old). */
  const rangeOf = (taken: Sample, asked: MetricsRange): MetricsRange => (config.allTraces ? (extentOf(taken.traces) ?? asked) : asked);

  const withReason = (reason: string): MetricsBackend => ({
    async redOverview(request: RedRequest, signal?: AbortSignal) {
      // a service's page samples that service's traces: the newest traces of the whole system may hold none of it
      const taken = await sample(request.range, request.service, signal);
      const range = rangeOf(taken, request.range);
      const rows = await config.compute.red(taken.traces, { range, scope: request.scope, groupBy: request.groupBy, ...(request.service !== undefined ? { service: request.service } : {}) }, signal);
      return { range, scope: request.scope, rows, origin: originOf(taken, reason) };
    },

    async systemGraph(request: SystemGraphRequest, signal?: AbortSignal) {
      // a service's callers and callees are all in traces holding that service
      const taken = await sample(request.range, request.service, signal);
      const range = rangeOf(taken, request.range);
      const graph = await config.compute.graph(taken.traces, range, signal);
      return { ...graph, range, origin: originOf(taken, reason) };
    },
  });
  return { withReason };
}

/** The aligned range from the earliest span to the latest end; undefined without traces. */
function extentOf(traces: readonly Trace[]): MetricsRange | undefined {
  if (traces.length === 0) return undefined;
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const trace of traces) {
    const traceStartMs = Number(trace.startUnixNano / 1_000_000n);
    startMs = Math.min(startMs, traceStartMs);
    endMs = Math.max(endMs, traceStartMs + trace.durationNs / 1e6);
  }
  // one more millisecond, so the latest span's end falls inside the last interval
  return alignedRange(startMs, Math.max(endMs, startMs) + 1);
}
