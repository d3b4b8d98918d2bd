import { buildTrace, DecodeError, decodeLogs, decodeTraceSpans, detectTraceFormat, matchDecodedSpans, normaliseTraceId, TRACE_FORMAT_NAMES } from '../../src/core';
import type { Attribute, DecodedSpan, LogRecord, MetricsQuery, Resource, Trace, TraceQLQuery } from '../../src/core';
import type { MetricsAccumulator, MetricsWindow } from '../../src/core/query/traceql-metrics';
import { columnMetrics } from './column-metrics';
import { SpanColumns } from './span-columns';
import { StoredTrace, type AnswerBody, type TraceFacts } from './stored-trace';
import { indexedText, TagIndex, type TagValue } from './tag-index';
import { traceQLCandidates, type PostingScope } from './traceql-candidates';
import { surveyOtlpLogRecords, surveyOtlpSpans, type WireSurvey } from './wire-counts';

/** What an ingest tells the OTLP receiver: counts for partialSuccess, and why some were rejected. */
export interface IngestResult {
  readonly accepted: number;
  readonly rejected: number;
  /** empty when nothing was rejected */
  readonly message: string;
  readonly warnings: readonly string[];
}

export interface StoreSearchQuery {
  /** every key=value must hold in the trace, each on some span (span or resource attribute, or intrinsic name/status) */
  readonly tags?: Readonly<Record<string, string>> | readonly (readonly [string, string])[];
  /** on the trace's duration, inclusive */
  readonly minDurationNs?: number;
  readonly maxDurationNs?: number;
  /** the trace must overlap [start, end] (unix seconds) */
  readonly startUnixSec?: number;
  readonly endUnixSec?: number;
  /** default 20, as Tempo */
  readonly limit?: number;
  /** matched spans kept per trace (Tempo's spss), default 3 */
  readonly spansPerSpanSet?: number;
}

export interface TraceMatch extends TraceFacts {
  readonly traceId: string;
  readonly startUnixNano: bigint;
  readonly durationNs: number;
  /** the first spansPerSpanSet matching spans, by start time */
  readonly matchedSpans: readonly DecodedSpan[];
  readonly matchedCount: number;
}

export interface StoreSearchResult {
  /** newest first */
  readonly traces: TraceMatch[];
  readonly inspectedTraces: number;
  readonly inspectedSpans: number;
}

export interface TagNames {
  readonly resource: string[];
  readonly span: string[];
  readonly intrinsic: string[];
}

/** Tempo's intrinsic tag names, as /api/v2/search/tags lists them. */
export const INTRINSIC_TAGS = ['duration', 'kind', 'name', 'rootName', 'rootServiceName', 'status', 'statusMessage', 'traceDuration'];

/** Built traces kept at once; a 5,000-span trace is a few MB, and a person looks at a few traces at a time. */
const BUILT_TRACES_KEPT = 32;
const DEFAULT_LIMIT = 20;
const DEFAULT_SPANS_PER_SPAN_SET = 3;

/**
 * The demo backend's data: traces and logs fed by OTLP/JSON, the same path a real
 * exporter takes. Spans of one trace may come in several batches; the trace is
 * (re)built on demand with core's buildTrace and cached. Indexes by attribute
 * (span and resource scope), intrinsic (name, status, kind, root) and start time
 * answer searches without scanning spans.
 */
export class TraceStore {
  private readonly traces = new Map<string, StoredTrace>();
  private readonly spanTags = new TagIndex();
  private readonly resourceTags = new TagIndex();
  private readonly intrinsicTags = new TagIndex();
  /** keys TraceQL candidate narrowing must not trust the tag indexes for (see traceql-candidates.ts) */
  private readonly unindexedKeys = new Set<string>();
  private readonly operationsByService = new Map<string, Set<string>>();
  private readonly logsByTrace = new Map<string, LogRecord[]>();
  private readonly uncorrelatedLogs: LogRecord[] = [];
  private readonly builtLru = new Map<string, StoredTrace>();
  /** traces by start time, ascending; rebuilt lazily after an ingest */
  private byStart: StoredTrace[] = [];
  private byStartDirty = false;
  /** every span as columns, for the overview's metrics (TraceQL, SPM, dependencies); dropped on ingest, made again when asked */
  private columns: SpanColumns | undefined;
  private longestTraceNs = 0;
  private spanCount = 0;
  private logCount = 0;

  /**
   * OTLP/JSON TracesData (or Tempo's batches, the same message under another
   * name) → stored spans. Every span not stored is counted in `rejected` and said
   * in `message`. Throws core's DecodeError — nothing stored — for any other
   * format (a Zipkin array, Jaeger's {"data":[…]}: the bounded store finds a
   * trace by id through the OTLP shape, so it could not serve them back). Lists
   * that are not lists are named in `message` even when nothing countable was
   * rejected (the OTLP receiver answers 400 when nothing at all was stored).
   */
  ingestTraces(value: unknown): IngestResult {
    const format = detectTraceFormat(value);
    if (format.format !== 'otlp-json' && format.format !== 'tempo-v1') {
      throw new DecodeError(
        `this is ${TRACE_FORMAT_NAMES[format.format]}; the OTLP endpoint takes an ExportTraceServiceRequest ({"resourceSpans":[…]}) — open it as a file instead`,
      );
    }
    const survey = surveyOtlpSpans(value);
    const { spans, warnings } = decodeTraceSpans(value);
    const resourcesSeen = new Map<Resource, Set<string>>();
    let accepted = 0;
    let conflicts = 0;
    const conflictReasons: string[] = [];
    for (const span of spans) {
      let stored = this.traces.get(span.traceId);
      if (!stored) {
        stored = new StoredTrace(span.traceId);
        this.traces.set(span.traceId, stored);
      }
      const addition = stored.add(span);
      if (addition === 'different') {
        // the message names the first few; a batch can re-send thousands
        if (conflicts++ < 3) conflictReasons.push(`span ${span.spanId} of trace ${span.traceId} is already stored with other content; the first copy is kept`);
        continue;
      }
      accepted++; // a retry (same content) is accepted, as OTLP asks, and stored once
      if (addition === 'same') continue;
      this.spanCount++;
      this.index(span, resourcesSeen);
      this.longestTraceNs = Math.max(this.longestTraceNs, stored.durationNs);
      this.builtLru.delete(span.traceId);
    }
    if (accepted > 0) {
      this.byStartDirty = true;
      this.columns = undefined;
    }
    // the decoder's warnings name the unreadable lists too (survey.unreadable only says there were some)
    const rejected = Math.max(0, survey.sent - spans.length) + conflicts;
    return { accepted, rejected, message: rejectionMessage(rejected, 'spans', [...conflictReasons, ...warnings], survey), warnings };
  }

  /** OTLP/JSON LogsData → stored log records, by trace id when they carry one. */
  ingestLogs(value: unknown): IngestResult {
    const survey = surveyOtlpLogRecords(value);
    const { logs, warnings } = decodeLogs(value);
    for (const log of logs) {
      if (log.traceId === undefined) {
        this.uncorrelatedLogs.push(log);
      } else {
        let list = this.logsByTrace.get(log.traceId);
        if (!list) {
          list = [];
          this.logsByTrace.set(log.traceId, list);
        }
        list.push(log);
      }
    }
    this.logCount += logs.length;
    const rejected = Math.max(0, survey.sent - logs.length);
    return { accepted: logs.length, rejected, message: rejectionMessage(rejected, 'log records', [...survey.unreadable, ...warnings], survey), warnings };
  }

  /** hex (any case, up to 32 chars) or base64 → the trace, built; undefined when not stored */
  getTrace(rawTraceId: string): Trace | undefined {
    const stored = this.storedTrace(rawTraceId);
    return stored?.trace((spans) => buildTrace(spans));
  }

  /**
   * The trace written as an API answer, text in UTF-8 or bytes (`kind` names the writer,
   * e.g. "tempo-v2"), cached with the built trace; undefined when not stored.
   */
  traceAnswer(rawTraceId: string, kind: string, write: (trace: Trace) => AnswerBody): Uint8Array<ArrayBuffer> | undefined {
    return this.storedTrace(rawTraceId)?.answer(kind, (spans) => buildTrace(spans), write);
  }

  /** The stored trace, marked as recently used: only the last few keep their built form. */
  private storedTrace(rawTraceId: string): StoredTrace | undefined {
    const traceId = normaliseTraceId(rawTraceId);
    const stored = traceId === undefined ? undefined : this.traces.get(traceId);
    if (!stored) return undefined;
    this.builtLru.delete(stored.traceId);
    this.builtLru.set(stored.traceId, stored);
    if (this.builtLru.size > BUILT_TRACES_KEPT) {
      const [oldest] = this.builtLru.values();
      if (oldest) {
        oldest.forgetBuilt();
        this.builtLru.delete(oldest.traceId);
      }
    }
    return stored;
  }

  search(query: StoreSearchQuery = {}): StoreSearchResult {
    const pairs = tagPairs(query.tags);
    const spss = query.spansPerSpanSet ?? DEFAULT_SPANS_PER_SPAN_SET;
    const candidates = pairs.length > 0 ? this.tracesWithAll(pairs) : undefined;
    return this.scan(query, candidates, (stored) => tagMatch(stored, pairs, spss));
  }

  /**
   * A TraceQL search (Tempo's `q`): the query's equalities narrow the traces by
   * index, then each candidate's decoded spans are matched (no tree is built);
   * `query.tags` is not read. Newest first, stopping at the limit.
   */
  searchTraceQL(traceQL: TraceQLQuery, query: StoreSearchQuery = {}): StoreSearchResult {
    const spss = query.spansPerSpanSet ?? DEFAULT_SPANS_PER_SPAN_SET;
    const candidates = traceQLCandidates(traceQL, { lookup: this.postings, unindexedKeys: this.unindexedKeys });
    return this.scan(query, candidates, (stored) => {
      const result = matchDecodedSpans(traceQL, stored.spans);
      return result.matched ? traceMatch(stored, result.spans, spss) : undefined;
    });
  }

  /**
   * Feeds a TraceQL metrics query the spans starting in the window: from the span
   * columns when they hold every field the query reads; otherwise the filter's
   * equalities narrow the traces by index, only traces overlapping the window are
   * read, and each is matched on its decoded spans.
   */
  feedMetrics(query: MetricsQuery, window: MetricsWindow, accumulator: MetricsAccumulator): void {
    // the overview's queries (service, name, kind, status, duration, root spans) read the span columns
    const [columns] = this.spanColumnSets();
    if (columns && columnMetrics(columns, query, window, accumulator)) return;
    const candidates = traceQLCandidates(query.filter, { lookup: this.postings, unindexedKeys: this.unindexedKeys });
    const startNs = window.startNs;
    const endNs = window.startNs + window.stepNs * BigInt(window.intervals);
    const visit = (stored: StoredTrace) => {
      if (stored.endUnixNano > startNs && stored.startUnixNano <= endNs) accumulator.addTrace(stored.spans);
    };
    const sorted = this.tracesByStart();
    if (candidates && candidates.size * 4 < sorted.length) {
      for (const traceId of candidates) {
        const stored = this.traces.get(traceId);
        if (stored) visit(stored);
      }
      return;
    }
    const last = lastStartingAtOrBefore(sorted, endNs);
    const first = lastStartingAtOrBefore(sorted, startNs - BigInt(this.longestTraceNs)) + 1;
    for (let i = Math.max(0, first); i <= last; i++) {
      const stored = sorted[i] as StoredTrace;
      if (candidates && !candidates.has(stored.traceId)) continue;
      visit(stored);
    }
  }

  /** Every span as flat columns by start time (built on the first ask after an ingest); one set here, one per segment in a store made of several. */
  spanColumnSets(): SpanColumns[] {
    this.columns ??= new SpanColumns([...this.traces.values()].map((stored) => stored.spans));
    return [this.columns];
  }

  /**
   * Traces with at least one span that `spanMatches` accepts — Jaeger's search,
   * where one span must meet every condition — newest first, stopping at the
   * limit. `query.tags` (each holding somewhere in the trace, as every condition
   * on the one span implies) narrow the candidates by index first.
   */
  searchBySpan(query: StoreSearchQuery, spanMatches: (span: DecodedSpan) => boolean): StoreSearchResult {
    const pairs = tagPairs(query.tags);
    const spss = query.spansPerSpanSet ?? DEFAULT_SPANS_PER_SPAN_SET;
    const candidates = pairs.length > 0 ? this.tracesWithAll(pairs) : undefined;
    return this.scan(query, candidates, (stored) => {
      const matching = stored.spans.filter(spanMatches);
      return matching.length > 0 ? traceMatch(stored, matching, spss) : undefined;
    });
  }

  /** Traces in the window and duration bounds, among the candidates (all when undefined), newest first, that `matchOf` accepts. */
  private scan(query: StoreSearchQuery, candidates: ReadonlySet<string> | undefined, matchOf: (stored: StoredTrace) => TraceMatch | undefined): StoreSearchResult {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const windowStart = query.startUnixSec !== undefined && query.startUnixSec > 0 ? BigInt(query.startUnixSec) * 1_000_000_000n : undefined;
    const windowEnd = query.endUnixSec !== undefined && query.endUnixSec > 0 ? BigInt(query.endUnixSec) * 1_000_000_000n : undefined;
    const inBounds = (stored: StoredTrace): boolean => {
      if (windowStart !== undefined && stored.endUnixNano < windowStart) return false;
      if (windowEnd !== undefined && stored.startUnixNano > windowEnd) return false;
      const duration = stored.durationNs;
      if (query.minDurationNs !== undefined && query.minDurationNs > 0 && duration < query.minDurationNs) return false;
      if (query.maxDurationNs !== undefined && query.maxDurationNs > 0 && duration > query.maxDurationNs) return false;
      return true;
    };

    const found: TraceMatch[] = [];
    let inspectedTraces = 0;
    let inspectedSpans = 0;
    const consider = (stored: StoredTrace): void => {
      inspectedTraces++;
      inspectedSpans += stored.spans.length;
      if (!inBounds(stored)) return;
      const match = matchOf(stored);
      if (match) found.push(match);
    };
    const sorted = this.tracesByStart();
    if (candidates && candidates.size * 4 < sorted.length) {
      // few candidates: check them, not the time line (bounds first, they are cheap; matching newest first up to the limit)
      const inOrder: StoredTrace[] = [];
      for (const traceId of candidates) {
        const stored = this.traces.get(traceId);
        if (stored) inOrder.push(stored);
      }
      inOrder.sort((a, b) => compareBigint(b.startUnixNano, a.startUnixNano) || (a.traceId < b.traceId ? -1 : 1));
      for (const stored of inOrder) {
        if (found.length >= limit) break;
        consider(stored);
      }
    } else {
      // newest first from the window's end; stop once no earlier trace can still overlap the window
      const last = windowEnd === undefined ? sorted.length - 1 : lastStartingAtOrBefore(sorted, windowEnd);
      const earliestStart = windowStart === undefined ? undefined : windowStart - BigInt(this.longestTraceNs);
      for (let i = last; i >= 0 && found.length < limit; i--) {
        const stored = sorted[i];
        if (!stored) continue;
        if (earliestStart !== undefined && stored.startUnixNano < earliestStart) break;
        if (candidates && !candidates.has(stored.traceId)) continue;
        consider(stored);
      }
    }
    return { traces: found, inspectedTraces, inspectedSpans };
  }

  /**
   * Values of a tag on the spans a TraceQL filter selects: Tempo's
   * `/api/v2/search/tag/{tag}/values?q=…` (e.g. the span names of one service).
   */
  tagValuesWhere(name: string, traceQL: TraceQLQuery): TagValue[] {
    const { traces } = this.searchTraceQL(traceQL, { limit: Number.MAX_SAFE_INTEGER, spansPerSpanSet: Number.MAX_SAFE_INTEGER });
    const seen = new Map<string, TagValue>();
    for (const match of traces) {
      for (const span of match.matchedSpans) {
        const value = spanTagValue(span, name);
        if (value) seen.set(`${value.type}\u0000${value.value}`, value);
      }
    }
    return [...seen.values()].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }

  /** Tag names by scope, as Tempo's /api/v2/search/tags groups them. */
  tagNames(): TagNames {
    return { resource: this.resourceTags.keys(), span: this.spanTags.keys(), intrinsic: [...INTRINSIC_TAGS] };
  }

  /**
   * Values of a tag, sorted. `name` is a TraceQL identifier (`resource.service.name`,
   * `span.http.route`, `.service.name`, or an intrinsic such as `name`, `status`) or
   * a bare attribute name as Tempo's v1 endpoint takes it (`service.name`: any scope).
   */
  tagValues(name: string): TagValue[] {
    let values: TagValue[];
    if (name.startsWith('resource.')) values = this.resourceTags.values(name.slice('resource.'.length));
    else if (name.startsWith('span.')) values = this.spanTags.values(name.slice('span.'.length));
    else if (name.startsWith('.')) values = mergeValues(this.resourceTags.values(name.slice(1)), this.spanTags.values(name.slice(1)));
    else if (INTRINSIC_TAGS.includes(name)) values = this.intrinsicTags.values(name);
    else values = mergeValues(this.resourceTags.values(name), this.spanTags.values(name));
    return values.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }

  /** the trace's log records by time (hex or base64 id) */
  logsForTrace(rawTraceId: string): LogRecord[] {
    const traceId = normaliseTraceId(rawTraceId);
    const logs = traceId === undefined ? undefined : this.logsByTrace.get(traceId);
    if (!logs) return [];
    return [...logs].sort((a, b) => compareBigint(a.timeUnixNano, b.timeUnixNano));
  }

  /** service names, sorted (for Jaeger's /api/v3/services later) */
  services(): string[] {
    return [...this.operationsByService.keys()].sort();
  }

  /** span names of a service, sorted */
  operations(service: string): string[] {
    return [...(this.operationsByService.get(service) ?? [])].sort();
  }

  stats(): { traces: number; spans: number; logs: number } {
    return { traces: this.traces.size, spans: this.spanCount, logs: this.logCount };
  }

  private index(span: DecodedSpan, resourcesSeen: Map<Resource, Set<string>>): void {
    const traceId = span.traceId;
    this.spanTags.addAttributes(span.attributes, traceId);
    this.noteUnindexed(span.attributes, false);
    for (const event of span.events) this.noteUnindexed(event.attributes, true);
    for (const link of span.links) this.noteUnindexed(link.attributes, true);
    this.noteUnindexed(span.scope.attributes, true);
    // a resource block is shared by many spans: index it once per trace
    let tracesOfResource = resourcesSeen.get(span.resource);
    if (!tracesOfResource) {
      tracesOfResource = new Set();
      resourcesSeen.set(span.resource, tracesOfResource);
    }
    if (!tracesOfResource.has(traceId)) {
      tracesOfResource.add(traceId);
      this.resourceTags.addAttributes(span.resource.attributes, traceId);
      this.noteUnindexed(span.resource.attributes, false);
    }
    this.intrinsicTags.add('name', span.name, 'string', traceId);
    this.intrinsicTags.add('status', span.status.code, 'keyword', traceId);
    this.intrinsicTags.add('kind', span.kind, 'keyword', traceId);
    if (span.status.message !== '') this.intrinsicTags.add('statusMessage', span.status.message, 'string', traceId);
    if (span.parentSpanId === undefined) {
      this.intrinsicTags.add('rootServiceName', span.service, 'string', traceId);
      this.intrinsicTags.add('rootName', span.name, 'string', traceId);
    }
    let operations = this.operationsByService.get(span.service);
    if (!operations) {
      operations = new Set();
      this.operationsByService.set(span.service, operations);
    }
    operations.add(span.name);
  }

  /** keys of values the tag indexes leave out (doubles, arrays…), or of every value when they sit where nothing is indexed */
  private noteUnindexed(attributes: readonly Attribute[], all: boolean): void {
    for (const { key, value } of attributes) {
      if (all || (value.type !== 'string' && value.type !== 'int' && value.type !== 'bool')) this.unindexedKeys.add(key);
    }
  }

  /** the posting list of one value, for TraceQL candidate narrowing */
  private readonly postings = (scope: PostingScope, key: string, text: string): ReadonlySet<string> | undefined => {
    const index = scope === 'span' ? this.spanTags : scope === 'resource' ? this.resourceTags : this.intrinsicTags;
    return index.traces(key, text);
  };

  /** traces where every pair holds on some span; smallest posting list first */
  private tracesWithAll(pairs: readonly (readonly [string, string])[]): Set<string> {
    const lists = pairs.map(([key, value]) => this.tracesWith(key, value)).sort((a, b) => a.size - b.size);
    const [smallest, ...rest] = lists;
    const result = new Set<string>();
    if (!smallest) return result;
    for (const traceId of smallest) if (rest.every((list) => list.has(traceId))) result.add(traceId);
    return result;
  }

  private tracesWith(key: string, value: string): ReadonlySet<string> {
    const sets = [this.spanTags.traces(key, value), this.resourceTags.traces(key, value)];
    if (key === 'name' || key === 'status') sets.push(this.intrinsicTags.traces(key, value));
    const present = sets.filter((set): set is ReadonlySet<string> => set !== undefined && set.size > 0);
    if (present.length === 1 && present[0]) return present[0];
    const union = new Set<string>();
    for (const set of present) for (const traceId of set) union.add(traceId);
    return union;
  }

  private tracesByStart(): StoredTrace[] {
    if (this.byStartDirty) {
      this.byStart = [...this.traces.values()].sort((a, b) => compareBigint(a.startUnixNano, b.startUnixNano) || (a.traceId < b.traceId ? -1 : 1));
      this.byStartDirty = false;
    }
    return this.byStart;
  }
}

function tagMatch(stored: StoredTrace, pairs: readonly (readonly [string, string])[], spss: number): TraceMatch {
  const matching = pairs.length === 0 ? stored.spans : stored.spans.filter((span) => pairs.some(([key, value]) => spanHolds(span, key, value)));
  return traceMatch(stored, matching, spss);
}

/** A result row: the trace's facts and its first `spss` matching spans by start time, as Tempo's spanSet. */
function traceMatch(stored: StoredTrace, matching: readonly DecodedSpan[], spss: number): TraceMatch {
  const first = [...matching].sort((a, b) => compareBigint(a.startUnixNano, b.startUnixNano)).slice(0, spss);
  return {
    ...stored.summary,
    traceId: stored.traceId,
    startUnixNano: stored.startUnixNano,
    durationNs: stored.durationNs,
    matchedSpans: first,
    matchedCount: matching.length,
  };
}

/**
 * Tempo's tag search, as this demo reads it: exact, case-sensitive match of the
 * value's text on a span attribute, on the span's resource, or on the intrinsics
 * `name` and `status`. (Guessed: reference §3 notes older Tempo matched tags as a
 * case-insensitive substring; current Tempo turns tags into TraceQL equality.)
 */
/** The value a span holds for a TraceQL identifier (`name`, `status`, `resource.x`, `span.x`, `.x`) or a bare attribute name. */
function spanTagValue(span: DecodedSpan, name: string): TagValue | undefined {
  if (name === 'name' || name === 'span:name') return { type: 'string', value: span.name };
  if (name === 'status' || name === 'span:status') return { type: 'keyword', value: span.status.code };
  const find = (attributes: readonly Attribute[], key: string) => {
    const attribute = attributes.find((a) => a.key === key);
    return attribute ? indexedText(attribute.value) : undefined;
  };
  if (name.startsWith('resource.')) return find(span.resource.attributes, name.slice('resource.'.length));
  if (name.startsWith('span.')) return find(span.attributes, name.slice('span.'.length));
  const key = name.startsWith('.') ? name.slice(1) : name;
  return find(span.attributes, key) ?? find(span.resource.attributes, key);
}

function spanHolds(span: DecodedSpan, key: string, value: string): boolean {
  if (key === 'name' && span.name === value) return true;
  if (key === 'status' && span.status.code === value) return true;
  for (const attributes of [span.attributes, span.resource.attributes]) {
    for (const attribute of attributes) {
      if (attribute.key === key && indexedText(attribute.value)?.value === value) return true;
    }
  }
  return false;
}

function tagPairs(tags: StoreSearchQuery['tags']): (readonly [string, string])[] {
  if (!tags) return [];
  return Array.isArray(tags) ? [...(tags as readonly (readonly [string, string])[])] : Object.entries(tags);
}

function mergeValues(a: readonly TagValue[], b: readonly TagValue[]): TagValue[] {
  const seen = new Map<string, TagValue>();
  for (const value of [...a, ...b]) if (!seen.has(`${value.type}:${value.value}`)) seen.set(`${value.type}:${value.value}`, value);
  return [...seen.values()];
}

function lastStartingAtOrBefore(sorted: readonly StoredTrace[], endNs: bigint): number {
  let low = 0;
  let high = sorted.length; // first index starting after endNs
  while (low < high) {
    const mid = (low + high) >>> 1;
    const stored = sorted[mid];
    if (stored && stored.startUnixNano <= endNs) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * partialSuccess.errorMessage: how many were rejected, and the first reasons. A
 * list that was not a list is said even when nothing countable was rejected
 * (OTLP: a zero count with a message is a warning): its items were not stored.
 */
function rejectionMessage(rejected: number, what: string, reasons: readonly string[], survey: WireSurvey): string {
  if (rejected === 0 && survey.unreadable.length === 0) return '';
  const first = reasons.slice(0, 3).join('; ');
  const count = rejected === 0 ? `${what} not stored` : `${rejected} ${what} rejected`;
  return `${count}${first ? `: ${first}` : ''}`;
}
