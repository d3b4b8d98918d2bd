import type { OtlpLogsData, OtlpTracesData } from '../../src/core';
import { OtlpBatchWriter, type FinishedTrace, type TraceLogs, type TraceSpans } from './export-otlp';
import { deployEffect } from './deploy-story';
import { Prng } from './prng';
import { runNightlyBatch, SCENARIOS, type Scenario } from './scenarios';
import { SERVICES } from './services';
import { TraceBuilder } from './trace-builder';

export interface DemoDataOptions {
  readonly seed: number;
  /** unix ms; traces lie in the window before it (the app passes Date.now(), tests a fixed time) */
  readonly now: number;
  /** request traces, besides the nightly batch trace; default 2,000 */
  readonly traceCount?: number;
  /** default 2 hours */
  readonly windowMs?: number;
  /** include the ~5,000-span batch-job trace; default true */
  readonly nightlyBatch?: boolean;
  /** traces per exported batch; default 8 */
  readonly tracesPerBatch?: number;
  /**
   * unix ms; a trace that has not ended by then is left out (it "has not happened yet").
   * The random draws are the same with or without it, so every trace that is in is
   * the same trace, with the same times, whatever this is.
   */
  readonly visibleUntil?: number;
}

export interface DemoData {
  readonly traces: OtlpTracesData[];
  readonly logs: OtlpLogsData[];
}

export const DEFAULT_TRACE_COUNT = 2_000;
export const DEFAULT_WINDOW_MS = 2 * 3_600_000;
/** Share of request traces planned to fail somewhere, and of slow outliers. */
export const FAILURE_RATE = 0.055;
export const SLOW_RATE = 0.01;

/**
 * Simulated traffic of the shop as the OTLP/JSON its exporters would send.
 * Same seed and `now` → identical output. Batches hold a few traces each;
 * async spans (Kafka consumers) and their logs go out with the next batch, so
 * one trace's spans arrive in two exports, as they do from real services.
 */
export function generateDemoData(options: DemoDataOptions): DemoData {
  const traces: OtlpTracesData[] = [];
  const logs: OtlpLogsData[] = [];
  for (const batch of demoBatches(options)) {
    if (batch.traces) traces.push(batch.traces);
    if (batch.logs) logs.push(batch.logs);
  }
  return { traces, logs };
}

/** One export: the spans and the logs of a few traces (either may be absent). */
export interface DemoBatch {
  readonly traces?: OtlpTracesData;
  readonly logs?: OtlpLogsData;
}

/**
 * The same data as generateDemoData, one export at a time: a consumer that
 * ingests each batch as it comes lets the wire objects die young, which
 * halves the garbage collector's share of loading the demo.
 */
export function* demoBatches(options: DemoDataOptions): Generator<DemoBatch> {
  const rng = new Prng(options.seed);
  const traceCount = options.traceCount ?? DEFAULT_TRACE_COUNT;
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const tracesPerBatch = options.tracesPerBatch ?? 8;
  const nowMs = Math.round(options.now);

  // the start of every trace, as ns before now; oldest first, the order exporters send them in
  const offsetsNs: number[] = [];
  for (let i = 0; i < traceCount; i++) offsetsNs.push(Math.round(rng.between(60_000, windowMs) * 1e6));
  offsetsNs.sort((a, b) => b - a);
  const batchAt = options.nightlyBatch === false ? -1 : Math.floor(traceCount * 0.2);
  const weights = SCENARIOS.map((scenario) => [scenario, scenario.weight] as const);

  const writer = new OtlpBatchWriter();
  let late: Late = { spans: [], logs: [] };
  let group: FinishedTrace[] = [];
  const flush = (): DemoBatch => {
    const batch = exportBatch(writer, group, late);
    late = batch.late;
    group = [];
    return batch.batch;
  };
  const visibleUntilMs = options.visibleUntil;
  const add = (trace: FinishedTrace) => {
    if (visibleUntilMs === undefined || endUnixMs(trace) <= visibleUntilMs) group.push(trace);
  };
  for (let i = 0; i < traceCount; i++) {
    if (i === batchAt) add(simulate(rng, nowMs, offsetsNs[i] ?? 0, undefined));
    add(simulate(rng, nowMs, offsetsNs[i] ?? 0, rng.weighted<Scenario>(weights)));
    if (group.length >= tracesPerBatch) yield flush();
  }
  if (batchAt >= traceCount) add(simulate(rng, nowMs, Math.round(windowMs * 0.8e6), undefined));
  if (group.length > 0) yield flush();
  if (late.spans.length > 0 || late.logs.length > 0) {
    yield {
      ...(late.spans.length > 0 ? { traces: writer.tracesBatch(late.spans) } : {}),
      ...(late.logs.length > 0 ? { logs: writer.logsBatch(late.logs) } : {}),
    };
  }
}

/** async records held back for the next export */
interface Late {
  readonly spans: TraceSpans[];
  readonly logs: TraceLogs[];
}

/** One trace: a request scenario, or (without one) the nightly batch job. */
function simulate(rng: Prng, nowMs: number, offsetNs: number, scenario: Scenario | undefined): FinishedTrace {
  let traceId = rng.hex(32);
  if (/^0+$/.test(traceId)) traceId = `${traceId.slice(0, 31)}1`;
  const pods = new Map<string, number>();
  for (const info of Object.values(SERVICES)) pods.set(info.name, rng.int(0, info.pods.length - 1));
  const canFail = scenario !== undefined && scenario.failSites.length > 0;
  const deploy = deployEffect(nowMs, offsetNs, traceId);
  const failSite = (canFail && rng.chance(FAILURE_RATE) ? rng.pick(scenario.failSites) : undefined) ?? (canFail ? deploy?.extraFailure(scenario.failSites) : undefined);
  const latencyScale = scenario && rng.chance(SLOW_RATE) ? rng.between(10, 50) : 1;
  const b = new TraceBuilder(rng, traceId, pods, latencyScale, failSite);
  if (scenario) scenario.run(b, 0);
  else runNightlyBatch(b, 0);
  deploy?.slowDown(b);
  // now - offset, split into whole seconds and ns within the second
  const baseNsTotal = (nowMs % 1000) * 1e6 - offsetNs;
  const borrow = Math.floor(baseNsTotal / 1e9);
  return { traceId, baseUnixSec: Math.floor(nowMs / 1000) + borrow, baseNs: baseNsTotal - borrow * 1e9, spans: b.spans, logs: b.logs };
}

/** When the trace's last span ends, unix ms. */
function endUnixMs(trace: FinishedTrace): number {
  let endNs = 0;
  for (const span of trace.spans) endNs = Math.max(endNs, span.endNs);
  return trace.baseUnixSec * 1000 + (trace.baseNs + endNs) / 1e6;
}

/** One export of `group`, with the async records held back from the previous one; returns the ones it holds back. */
function exportBatch(writer: OtlpBatchWriter, group: readonly FinishedTrace[], previous: Late): { batch: DemoBatch; late: Late } {
  const spans = previous.spans;
  const records = previous.logs;
  const late: Late = { spans: [], logs: [] };
  for (const trace of group) {
    const lateSpans = trace.spans.filter((span) => span.late);
    if (lateSpans.length === 0) {
      spans.push({ trace, spans: trace.spans });
      records.push({ trace, logs: trace.logs });
      continue;
    }
    spans.push({ trace, spans: trace.spans.filter((span) => !span.late) });
    late.spans.push({ trace, spans: lateSpans });
    records.push({ trace, logs: trace.logs.filter((log) => !log.span.late) });
    late.logs.push({ trace, logs: trace.logs.filter((log) => log.span.late) });
  }
  const batch: DemoBatch = {
    ...(spans.length > 0 ? { traces: writer.tracesBatch(spans) } : {}),
    ...(records.length > 0 ? { logs: writer.logsBatch(records) } : {}),
  };
  return { batch, late };
}
