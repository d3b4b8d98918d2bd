import { http, HttpResponse, type HttpHandler } from 'msw';
import { parseTraceQLMetrics } from '../../src/core/query/traceql-parse';
import { MetricsAccumulator, type MetricLabel, type MetricsResult, type MetricsResultSeries } from '../../src/core/query/traceql-metrics';
import type { TraceStore } from '../store';
import { route, TEXT_PLAIN } from './routes';
import { MAX_EXEMPLARS, parseMetricsParams, type MetricsRequest } from './tempo-metrics-params';

export interface TempoMetricsOptions {
  /** unix ms; the query end cutoff and the default end are read from it (tests pin it) */
  readonly now?: () => number;
}

/**
 * Tempo's TraceQL metrics API over the store (reference metrics-apis.md §2):
 * `/api/metrics/query_range` and `/api/metrics/query` (instant), with Tempo's
 * parameter rules and plain-text 400s, and answers written as gogo jsonpb writes
 * QueryRangeResponse / QueryInstantResponse (int64 as strings, zeros omitted).
 */
export function tempoMetricsHandlers(store: TraceStore, base: string, options: TempoMetricsOptions = {}): HttpHandler[] {
  const now = options.now ?? Date.now;
  const badRequest = (message: string) => HttpResponse.text(message, { status: 400, headers: TEXT_PLAIN });

  const evaluate = (request: Request, instant: boolean) => {
    const params = parseMetricsParams(new URL(request.url).searchParams, now(), instant);
    if (!params.ok) return params;
    const parsed = parseTraceQLMetrics(params.value.q);
    if (!parsed.ok) return { ok: false as const, error: parsed.kind === 'invalid' ? `compiling query: ${parsed.error}` : parsed.error };
    const window = { startNs: params.value.startNs, stepNs: params.value.stepNs, intervals: params.value.intervals };
    // the query's hint overrides the parameter, under the same cap
    const exemplars = parsed.query.exemplars === undefined ? params.value.exemplars : Math.min(parsed.query.exemplars, MAX_EXEMPLARS);
    const accumulator = new MetricsAccumulator(parsed.query, window);
    store.feedMetrics(parsed.query, window, accumulator);
    return { ok: true as const, request: params.value, result: accumulator.result(instant ? 0 : exemplars) };
  };

  return [
    http.get(route(base, '/api/metrics/query_range'), ({ request }) => {
      const answer = evaluate(request, false);
      if (!answer.ok) return badRequest(answer.error);
      return HttpResponse.json(queryRangeResponse(answer.request, answer.result));
    }),
    http.get(route(base, '/api/metrics/query'), ({ request }) => {
      const answer = evaluate(request, true);
      if (!answer.ok) return badRequest(answer.error);
      return HttpResponse.json(queryInstantResponse(answer.result));
    }),
  ];
}

type Json = Record<string, unknown>;

/** QueryRangeResponse: samples stamped at the end of their interval, NaN ones left out, zero values without `value`. */
export function queryRangeResponse(request: MetricsRequest, result: MetricsResult): Json {
  const startMs = request.startNs / 1_000_000n;
  const stepMs = request.stepNs / 1_000_000n;
  const stepRemainderNs = request.stepNs % 1_000_000n;
  return {
    series: result.series.map((series): Json => {
      const samples: Json[] = [];
      series.values.forEach((value, i) => {
        if (Number.isNaN(value)) return;
        // sub-ms steps (50 ms multiples in practice) stay whole ms; the remainder is kept exact anyway
        const timestampMs = startMs + stepMs * BigInt(i + 1) + (stepRemainderNs * BigInt(i + 1)) / 1_000_000n;
        samples.push({ timestampMs: String(timestampMs), ...doubleField('value', value) });
      });
      return { labels: series.labels.map(keyValue), samples, ...exemplarsField(series) };
    }),
    metrics: searchMetrics(result),
  };
}

/** QueryInstantResponse: each series' one value; no `series` key when none has one. */
export function queryInstantResponse(result: MetricsResult): Json {
  const series: Json[] = [];
  for (const s of result.series) {
    const value = s.values[0] as number;
    if (Number.isNaN(value)) continue;
    series.push({ labels: s.labels.map(keyValue), ...doubleField('value', value) });
  }
  return { ...(series.length > 0 ? { series } : {}), metrics: searchMetrics(result) };
}

function exemplarsField(series: MetricsResultSeries): Json {
  if (series.exemplars.length === 0) return {};
  return {
    exemplars: series.exemplars.map((exemplar) => ({
      labels: [
        { key: 'trace:id', value: { stringValue: exemplar.traceId } },
        { key: 'span:id', value: { stringValue: exemplar.spanId } },
      ],
      ...doubleField('value', exemplar.value),
      timestampMs: String(exemplar.timeUnixNano / 1_000_000n),
    })),
  };
}

/** A double field as jsonpb writes it: 0 omitted, NaN and ±Inf spelled as strings. */
function doubleField(name: string, value: number): Json {
  if (value === 0) return {};
  if (Number.isNaN(value)) return { [name]: 'NaN' };
  if (!Number.isFinite(value)) return { [name]: value > 0 ? 'Infinity' : '-Infinity' };
  return { [name]: value };
}

/** A label's AnyValue: the oneof member is written even when it is zero. */
function keyValue(label: MetricLabel): Json {
  const value = label.value;
  switch (value.type) {
    case 'string':
      return { key: label.key, value: { stringValue: value.value } };
    case 'int':
      return { key: label.key, value: { intValue: value.value } };
    case 'double':
      return { key: label.key, value: { doubleValue: value.value } };
    case 'bool':
      return { key: label.key, value: { boolValue: value.value } };
  }
}

/** SearchMetrics with its zeros omitted; the demo is one job over one in-memory block. */
function searchMetrics(result: MetricsResult): Json {
  return {
    ...(result.inspectedTraces > 0 ? { inspectedTraces: result.inspectedTraces } : {}),
    ...(result.inspectedSpans > 0 ? { inspectedSpans: String(result.inspectedSpans) } : {}),
    completedJobs: 1,
    totalJobs: 1,
  };
}
