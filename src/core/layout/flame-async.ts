/**
 * Which spans start asynchronous work: spans whose parent did not wait for them, so
 * their time is not part of their parent's. The aggregated flame graph gives each such
 * span a stack of its own instead of squeezing its subtree into the parent's width
 * (a 3 s Kafka consumer under a 1 ms producer would otherwise be a 2 px sliver).
 *
 *   request  [0 ......... 270]
 *     send orders (PRODUCER) [100 . 101]
 *       process orders (CONSUMER)        [330 .................. 3300]   consumer of a producer
 *   job      [0 .. 10]
 *     flush  (FOLLOWS_FROM)   [5 .............. 900]                       follows from its parent
 *     retry                [8 ............ 400]                            outlives its parent
 *   replay (root, links into the trace)  [50 ... 80]                      link-started root
 *
 * A child "outlives" its parent when it is longer than its parent and ends after it:
 * Jaeger's clock-skew adjuster reads such a child as async (or a parent that timed out),
 * never as clock skew, which can only move a child, not make it longer. A child that is
 * no longer than its parent but pokes out of it is skew, and stays where it is.
 *
 * FOLLOWS_FROM: the model has no reference type for the parent; OpenTracing data keeps
 * it as a link to the parent tagged opentracing.ref_type = follows_from (Jaeger's OTLP
 * translator's convention), which is what is read here.
 *
 * Works on columns (what the protobuf worker has) as well as on a Trace, so the worker
 * and the page lay the aggregated graph out from the same answer.
 */
import type { SpanKind, SpanLink } from '../model/span';
import type { Trace } from '../model/trace';
import { decodeSpanDetails, hexOfId64 } from '../formats/otlp-proto-values';
import type { TraceColumns } from '../formats/otlp-proto-columns';
import { SPAN_KINDS } from '../formats/wire-values';
import { hasLinks } from '../trace/columns-trace';
import { spanTimes } from '../trace/span-times';
import { treeIndex, type TreeIndex } from '../trace/tree-index';

export type AsyncReason =
  /** a CONSUMER under the PRODUCER of its message */
  | 'consumer'
  /** links to its parent as follows_from */
  | 'follows-from'
  /** longer than its parent and ends after it */
  | 'outlives-parent'
  /** a root other than the trace's first, tied to the trace by span links */
  | 'linked-root';

/** What the predicate reads per span, indexed like the spans in depth-first order. */
export interface AsyncSpanInput {
  readonly spanCount: number;
  /** -1 for roots */
  readonly parent: Int32Array;
  readonly startNs: Float64Array;
  readonly endNs: Float64Array;
  readonly kindOf: (spanIndex: number) => SpanKind;
  /** whether the span has any links (read for roots only); none when absent */
  readonly hasLinks?: (spanIndex: number) => boolean;
  /** whether the span links to its parent as follows_from; none when absent */
  readonly followsFromParent?: (spanIndex: number) => boolean;
}

/** Why span i did not hold its parent up, or undefined when it did (or may have). */
export function asyncReasonOf(input: AsyncSpanInput, i: number): AsyncReason | undefined {
  const p = input.parent[i] as number;
  if (p < 0) return i > 0 && input.hasLinks?.(i) === true ? 'linked-root' : undefined;
  if (input.kindOf(i) === 'consumer' && input.kindOf(p) === 'producer') return 'consumer';
  if (input.followsFromParent?.(i) === true) return 'follows-from';
  const childNs = (input.endNs[i] as number) - (input.startNs[i] as number);
  const parentNs = (input.endNs[p] as number) - (input.startNs[p] as number);
  if (childNs > parentNs && (input.endNs[i] as number) > (input.endNs[p] as number)) return 'outlives-parent';
  return undefined;
}

/** Per span: 1 where it starts async work (asyncReasonOf says why). */
export function asyncStartsOf(input: AsyncSpanInput): Uint8Array {
  const starts = new Uint8Array(input.spanCount);
  for (let i = 0; i < input.spanCount; i++) if (asyncReasonOf(input, i) !== undefined) starts[i] = 1;
  return starts;
}

/** A link that names `parentSpanId` as what this span follows from. */
export function isFollowsFromLink(link: SpanLink, parentSpanId: string): boolean {
  if (link.spanId !== parentSpanId) return false;
  const refType = link.attributes.find((a) => a.key === 'opentracing.ref_type');
  return refType?.value.type === 'string' && refType.value.value.toLowerCase() === 'follows_from';
}

/** The predicate's input for a built trace (links are read only for spans that have some). */
export function asyncSpanInputOf(trace: Trace, tree: TreeIndex = treeIndex(trace)): AsyncSpanInput {
  const spans = trace.spans;
  const { startNs, endNs } = spanTimes(trace);
  return {
    spanCount: spans.length,
    parent: tree.parent,
    startNs,
    endNs,
    kindOf: (i) => spans[i]?.kind ?? 'unspecified',
    hasLinks: (i) => {
      const span = spans[i];
      return span !== undefined && hasLinks(span);
    },
    followsFromParent: (i) => {
      const span = spans[i];
      const parentSpanId = span?.parentSpanId;
      return span !== undefined && parentSpanId !== undefined && hasLinks(span) && span.links.some((link) => isFollowsFromLink(link, parentSpanId));
    },
  };
}

/**
 * Per span of protobuf columns: 1 where it links to its parent as follows_from. Reads
 * the links of the spans that have a parent and links, only (most have none); undefined
 * when no span has both, so a trace without links costs one pass over two columns.
 */
export function followsFromParentOfColumns(columns: TraceColumns): Uint8Array | undefined {
  const { parent, linkCount } = columns;
  let found: Uint8Array | undefined;
  const origin = { hi: Number(columns.startUnixNano >> 32n), lo: Number(columns.startUnixNano & 0xffffffffn) };
  for (let i = 0; i < parent.length; i++) {
    const p = parent[i] as number;
    if (p < 0 || (linkCount[i] as number) === 0) continue;
    const parentSpanId = hexOfId64(columns.spanIdHi[p] as number, columns.spanIdLo[p] as number);
    const { links } = decodeSpanDetails(columns.bytes, columns.spanOffset[i] as number, columns.spanLength[i] as number, origin, columns.startNs[i] as number, 0);
    if (links.some((link) => isFollowsFromLink(link, parentSpanId))) (found ??= new Uint8Array(parent.length))[i] = 1;
  }
  return found;
}

/** A span kind from the protobuf columns' OTLP enum number. */
export function spanKindOfNumber(kind: number): SpanKind {
  return SPAN_KINDS[kind] ?? 'unspecified';
}
