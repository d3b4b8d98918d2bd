import { normaliseTraceId, type DecodedSpan, type LogRecord, type MetricsQuery, type Trace, type TraceQLQuery } from '../../src/core';
import type { MetricsAccumulator, MetricsWindow } from '../../src/core/query/traceql-metrics';
import type { SpanColumns } from '../store/span-columns';
import { TraceStore, type IngestResult, type StoreSearchQuery, type StoreSearchResult, type TagNames, type TagValue, type TraceMatch, type AnswerBody } from '../store';
import { LOGS_SHAPE, otlpItems, partitionOtlp, rawTraceId, TRACES_SHAPE, type OtlpShape } from './otlp-partition';

export interface StoreLimits {
  readonly maxTraces: number;
  readonly maxSpans: number;
  readonly maxLogs: number;
}

export interface Counts {
  traces: number;
  spans: number;
  logs: number;
}

export interface RetentionStats extends Counts {
  readonly evicted: Counts;
  /** spans and log records refused by the decoder (what partialSuccess reported) */
  readonly rejected: { spans: number; logs: number };
  readonly limits: StoreLimits;
}

/**
 * Eviction is by whole segment, so the store holds between 7/8 of a limit and
 * the limit: 8 keeps the unused headroom small while a search still asks only
 * 8 small stores (each search and tag listing is answered per segment and merged).
 */
const SEGMENTS = 8;
/** TraceStore's default search limit (Tempo's) */
const DEFAULT_LIMIT = 20;

interface Segment {
  readonly store: TraceStore;
  /** trace ids this segment owns (their spans and their logs), in arrival order */
  readonly traceIds: string[];
}

/**
 * The local server's store: a TraceStore with limits, for data that keeps
 * coming. It is a ring of TraceStore segments, oldest first; ingest goes to
 * the newest, and once the totals pass a limit the oldest segment is dropped
 * whole — oldest-first eviction without touching TraceStore's indexes, which
 * have no removal. A trace never straddles segments: late spans and the logs
 * of a trace go to the segment that already holds it, so eviction removes a
 * trace with everything about it. Every public query of TraceStore is
 * overridden to ask each segment and merge (bounded-store.test.ts checks that
 * none is forgotten when TraceStore grows a method).
 */
export class BoundedTraceStore extends TraceStore {
  private readonly segments: Segment[] = [];
  private readonly owners = new Map<string, Segment>();
  private readonly evicted: Counts = { traces: 0, spans: 0, logs: 0 };
  private readonly rejected = { spans: 0, logs: 0 };
  private readonly segmentLimits: StoreLimits;

  constructor(readonly limits: StoreLimits) {
    super();
    const share = (limit: number) => Math.max(1, Math.ceil(limit / SEGMENTS));
    this.segmentLimits = { maxTraces: share(limits.maxTraces), maxSpans: share(limits.maxSpans), maxLogs: share(limits.maxLogs) };
    this.segments.push(newSegment());
  }

  override ingestTraces(value: unknown): IngestResult {
    const result = this.ingest(value, TRACES_SHAPE, (store, part) => store.ingestTraces(part));
    this.rejected.spans += result.rejected;
    return result;
  }

  override ingestLogs(value: unknown): IngestResult {
    const result = this.ingest(value, LOGS_SHAPE, (store, part) => store.ingestLogs(part));
    this.rejected.logs += result.rejected;
    return result;
  }

  override getTrace(rawTraceId: string): Trace | undefined {
    return this.ownerOf(rawTraceId)?.store.getTrace(rawTraceId);
  }

  override traceAnswer(rawTraceId: string, kind: string, write: (trace: Trace) => AnswerBody): Uint8Array<ArrayBuffer> | undefined {
    return this.ownerOf(rawTraceId)?.store.traceAnswer(rawTraceId, kind, write);
  }

  override logsForTrace(rawTraceId: string): LogRecord[] {
    return this.ownerOf(rawTraceId)?.store.logsForTrace(rawTraceId) ?? [];
  }

  override search(query: StoreSearchQuery = {}): StoreSearchResult {
    return mergeResults(this.segments.map(({ store }) => store.search(query)), query);
  }

  override searchTraceQL(traceQL: TraceQLQuery, query: StoreSearchQuery = {}): StoreSearchResult {
    return mergeResults(this.segments.map(({ store }) => store.searchTraceQL(traceQL, query)), query);
  }

  override searchBySpan(query: StoreSearchQuery, spanMatches: (span: DecodedSpan) => boolean): StoreSearchResult {
    return mergeResults(this.segments.map(({ store }) => store.searchBySpan(query, spanMatches)), query);
  }

  override tagValuesWhere(name: string, traceQL: TraceQLQuery): TagValue[] {
    return mergeTagValues(this.segments.map(({ store }) => store.tagValuesWhere(name, traceQL)));
  }

  override tagValues(name: string): TagValue[] {
    return mergeTagValues(this.segments.map(({ store }) => store.tagValues(name)));
  }

  override tagNames(): TagNames {
    const all = this.segments.map(({ store }) => store.tagNames());
    const union = (pick: (names: TagNames) => string[]) => [...new Set(all.flatMap(pick))].sort();
    return { resource: union((n) => n.resource), span: union((n) => n.span), intrinsic: union((n) => n.intrinsic) };
  }

  override feedMetrics(query: MetricsQuery, window: MetricsWindow, accumulator: MetricsAccumulator): void {
    for (const { store } of this.segments) store.feedMetrics(query, window, accumulator);
  }

  override spanColumnSets(): SpanColumns[] {
    return this.segments.flatMap(({ store }) => store.spanColumnSets());
  }

  override services(): string[] {
    return [...new Set(this.segments.flatMap(({ store }) => store.services()))].sort();
  }

  override operations(service: string): string[] {
    return [...new Set(this.segments.flatMap(({ store }) => store.operations(service)))].sort();
  }

  override stats(): { traces: number; spans: number; logs: number } {
    const total: Counts = { traces: 0, spans: 0, logs: 0 };
    for (const { store } of this.segments) addCounts(total, store.stats());
    return total;
  }

  retention(): RetentionStats {
    return { ...this.stats(), evicted: { ...this.evicted }, rejected: { ...this.rejected }, limits: this.limits };
  }

  private get active(): Segment {
    const last = this.segments[this.segments.length - 1];
    if (!last) throw new Error('BoundedTraceStore has no segment'); // the constructor made one and eviction keeps the newest
    return last;
  }

  private ownerOf(rawTraceId: string): Segment | undefined {
    const traceId = normaliseTraceId(rawTraceId);
    return traceId === undefined ? undefined : this.owners.get(traceId);
  }

  /**
   * Hands each item to the segment owning its trace (new traces: the active
   * one), then rolls and evicts. The common case — a batch of new traces — goes
   * to the active segment as it came, without copying.
   */
  private ingest(value: unknown, shape: OtlpShape, ingestInto: (store: TraceStore, part: unknown) => IngestResult): IngestResult {
    const active = this.active;
    const items = otlpItems(value, shape) ?? [];
    const newIds = new Set<string>();
    let routed = false;
    for (const item of items) {
      const raw = rawTraceId(item);
      const traceId = raw === undefined ? undefined : normaliseTraceId(raw);
      if (traceId === undefined) continue;
      const owner = this.owners.get(traceId);
      if (owner === undefined) newIds.add(traceId);
      else if (owner !== active) routed = true;
    }

    let result: IngestResult;
    if (!routed) {
      result = ingestInto(active.store, value); // may throw core's DecodeError: nothing was stored, the receiver answers 400
    } else {
      const parts = partitionOtlp(value, shape, (item) => {
        const raw = rawTraceId(item);
        const traceId = raw === undefined ? undefined : normaliseTraceId(raw);
        return (traceId === undefined ? undefined : this.owners.get(traceId)) ?? active;
      });
      const results = [...parts].map(([segment, part]) => ingestInto(segment.store, part));
      result = sumResults(results);
    }
    for (const traceId of newIds) {
      this.owners.set(traceId, active);
      active.traceIds.push(traceId);
    }
    this.rollAndEvict();
    return result;
  }

  private rollAndEvict(): void {
    const activeCounts = this.active.store.stats();
    const limits = this.segmentLimits;
    if (activeCounts.traces >= limits.maxTraces || activeCounts.spans >= limits.maxSpans || activeCounts.logs >= limits.maxLogs) {
      this.segments.push(newSegment());
    }
    let totals = this.stats();
    while (this.segments.length > 1 && (totals.traces > this.limits.maxTraces || totals.spans > this.limits.maxSpans || totals.logs > this.limits.maxLogs)) {
      const oldest = this.segments.shift();
      if (!oldest) break;
      for (const traceId of oldest.traceIds) if (this.owners.get(traceId) === oldest) this.owners.delete(traceId);
      addCounts(this.evicted, oldest.store.stats());
      totals = this.stats();
    }
  }
}

function newSegment(): Segment {
  return { store: new TraceStore(), traceIds: [] };
}

function addCounts(total: Counts, add: Readonly<Counts>): void {
  total.traces += add.traces;
  total.spans += add.spans;
  total.logs += add.logs;
}

function sumResults(results: readonly IngestResult[]): IngestResult {
  return {
    accepted: results.reduce((sum, r) => sum + r.accepted, 0),
    rejected: results.reduce((sum, r) => sum + r.rejected, 0),
    message: results.map((r) => r.message).filter((m) => m !== '').join('; '),
    warnings: results.flatMap((r) => r.warnings),
  };
}

/** Newest first, as one TraceStore orders them (start time, then trace id), cut to the limit. */
function mergeResults(results: readonly StoreSearchResult[], query: StoreSearchQuery): StoreSearchResult {
  const traces: TraceMatch[] = results.flatMap((r) => r.traces);
  traces.sort((a, b) => (a.startUnixNano > b.startUnixNano ? -1 : a.startUnixNano < b.startUnixNano ? 1 : a.traceId < b.traceId ? -1 : 1));
  return {
    traces: traces.slice(0, query.limit ?? DEFAULT_LIMIT),
    inspectedTraces: results.reduce((sum, r) => sum + r.inspectedTraces, 0),
    inspectedSpans: results.reduce((sum, r) => sum + r.inspectedSpans, 0),
  };
}

/** Distinct by type and text, sorted by text, as TraceStore answers. */
function mergeTagValues(lists: readonly TagValue[][]): TagValue[] {
  const seen = new Map<string, TagValue>();
  for (const list of lists) for (const value of list) seen.set(`${value.type}\u0000${value.value}`, value);
  return [...seen.values()].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
