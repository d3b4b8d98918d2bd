import {
  adjustClockSkew,
  appendToList,
  criticalPath,
  hasLinks,
  selfTimeNs,
  treeIndex,
  type CriticalPath,
  type CriticalPathSegment,
  type SkewAdjusted,
  type SkewAdjustment,
  type Span,
  type Trace,
} from '../../core';

/**
 * Everything the trace page derives from one trace, computed once per trace object
 * (STYLE.md rule 7: memoised by identity, never stored). A WeakMap rather than
 * useMemo so flipping "adjusted / raw" back and forth costs nothing the second time.
 */
export interface TraceAnalyses {
  readonly trace: Trace;
  readonly parent: Int32Array;
  readonly subtreeEnd: Int32Array;
  readonly indexById: ReadonlyMap<string, number>;
  readonly critical: CriticalPath;
  /** critical segments of span i: segmentsOf(i) */
  readonly segmentsOf: (spanIndex: number) => readonly CriticalPathSegment[];
  /** computed on first read: the first paint of a trace needs none (tooltips, details, heat colours do) */
  readonly selfTimeNs: Float64Array;
  /** spans of this trace whose links point at span id (backlinks) */
  readonly linkedFrom: ReadonlyMap<string, readonly number[]>;
  readonly maxDepth: number;
  readonly errorCount: number;
}

const analysesCache = new WeakMap<Trace, TraceAnalyses>();
const skewCache = new WeakMap<Trace, SkewAdjusted>();

export function analysesOf(trace: Trace): TraceAnalyses {
  let found = analysesCache.get(trace);
  if (!found) {
    found = analyse(trace);
    analysesCache.set(trace, found);
  }
  return found;
}

export function skewOf(trace: Trace): SkewAdjusted {
  let found = skewCache.get(trace);
  if (!found) {
    found = adjustClockSkew(trace);
    skewCache.set(trace, found);
  }
  return found;
}

/** The skew adjustments by span id, plus each moved span's shift (its clock's: every span of a moved clock has one). */
export interface SkewInfo {
  readonly own: ReadonlyMap<string, SkewAdjustment>;
  readonly totalOffsetNs: ReadonlyMap<string, number>;
}

const skewInfoCache = new WeakMap<SkewAdjusted, SkewInfo>();
export function skewInfoOf(skew: SkewAdjusted): SkewInfo {
  let found = skewInfoCache.get(skew);
  if (!found) {
    const totalOffsetNs = new Map<string, number>();
    skew.trace.spans.forEach((span, i) => {
      const offset = skew.offsetNs[i] ?? 0;
      if (offset !== 0) totalOffsetNs.set(span.spanId, offset);
    });
    found = { own: new Map(skew.adjustments.map((a) => [a.spanId, a])), totalOffsetNs };
    skewInfoCache.set(skew, found);
  }
  return found;
}

function analyse(trace: Trace): TraceAnalyses {
  const spans = trace.spans;
  const n = spans.length;
  const { parent, subtreeEnd } = treeIndex(trace);
  // the trace's own map (built with its spans): one id map per trace, not two
  const indexById = trace.indexById;
  const linkedFrom = new Map<string, number[]>();
  let maxDepth = 0;
  let errorCount = 0;
  for (let i = 0; i < n; i++) {
    const span = spans[i] as Span;
    if (span.depth > maxDepth) maxDepth = span.depth;
    if (span.status.code === 'error') errorCount++;
    // a lazy (protobuf) span says whether it has links without decoding its details
    if (!hasLinks(span)) continue;
    for (const link of span.links) {
      if (link.traceId !== trace.traceId) continue;
      appendToList(linkedFrom, link.spanId, i);
    }
  }
  const critical = criticalPath(trace);
  // segments grouped by span (compressed rows: segmentFrom[i] … segmentFrom[i+1])
  const segmentFrom = new Int32Array(n + 1);
  for (const s of critical.segments) segmentFrom[s.spanIndex + 1] = (segmentFrom[s.spanIndex + 1] as number) + 1;
  for (let i = 0; i < n; i++) segmentFrom[i + 1] = (segmentFrom[i + 1] as number) + (segmentFrom[i] as number);
  const bySpan: CriticalPathSegment[] = new Array<CriticalPathSegment>(critical.segments.length);
  const fill = segmentFrom.slice(0, n);
  for (const s of critical.segments) bySpan[fill[s.spanIndex]!++] = s;
  // sliced on first use and kept, so a row's props stay identical between renders
  const sliced = new Map<number, readonly CriticalPathSegment[]>();
  const segmentsOf = (i: number): readonly CriticalPathSegment[] => {
    const from = segmentFrom[i] ?? 0;
    const to = segmentFrom[i + 1] ?? 0;
    if (from === to) return NO_SEGMENTS;
    let found = sliced.get(i);
    if (!found) {
      found = bySpan.slice(from, to);
      sliced.set(i, found);
    }
    return found;
  };
  let self: Float64Array | undefined;
  return {
    trace,
    parent,
    subtreeEnd,
    indexById,
    critical,
    segmentsOf,
    get selfTimeNs() {
      return (self ??= selfTimeNs(trace));
    },
    linkedFrom,
    maxDepth,
    errorCount,
  };
}

const NO_SEGMENTS: readonly CriticalPathSegment[] = [];
