/**
 * Aggregated mode (flame graph): spans with the same call path (service + operation
 * of every span from the root down) are merged into one node; a node's width is the
 * total time of its spans, and nodes are laid out by partition, children side by side
 * inside their parent.
 *
 *   spans (time)                              nodes (merged)
 *   batch:job [0 ..................... 60]    batch:job                   60  ×1
 *     api:db [0 .. 10]                          api:db        10 + 10 = 20  ×2
 *            api:db [20 .. 30]                    cache:get              5  ×1
 *              cache:get [22 . 27]
 *
 * Node 0 is always a virtual root over every root span (orphans included): its width
 * is the sum of the top-level nodes' widths, and it has no span, name or service.
 *
 * Async work (flame-async.ts: a consumer under its producer, a follows-from child, a
 * child that outlives its parent, a root started by a link) did not make its parent
 * wait, so its time is not part of the parent's: such a span heads a stack of its own
 * under the virtual root (`asyncStart`), merged with the other async stacks of the same
 * service and operation, never with a request's root of that name. Squeezed into its
 * parent instead, a 3 s consumer under a 1 ms producer would be scaled to a sliver, and
 * the whole graph would stand for the requests' time only.
 *
 *   spans (time)                                nodes
 *   checkout [0 ...... 270]                     checkout                        270
 *     send (PRODUCER) [100 . 101]                 send                            1
 *       process (CONSUMER)  [330 ......... 3300]  async: process             2970
 *
 * Widths: in a trace, children can run in parallel, so their summed durations can
 * exceed their parent's (five parallel 10 ms calls under a 10 ms request: 50 ms). A
 * flame graph must nest, so when a node's children add up to more than the node, they
 * are scaled down together to fit it, and everything below them with them. Units are
 * therefore "ns at the root's scale": equal to totalNs wherever nothing ran in parallel
 * (exactly, integers stay integers), less below parallel fan-out. totalNs keeps the
 * unscaled sum for labels and tooltips.
 *
 * Arrays are in depth-first order of the laid-out tree (children in drawing order), so
 * a node's subtree is nodes i … subtreeEnd[i] - 1, as for trace.spans. O(n log n),
 * no recursion.
 */
import type { Span } from '../model/span';
import type { Trace } from '../model/trace';
import { asyncSpanInputOf, asyncStartsOf, type AsyncSpanInput } from './flame-async';
import { spanTimes } from '../trace/span-times';
import { selfTimeNs } from '../trace/self-time';
import { treeIndex, type TreeIndex } from '../trace/tree-index';
import { PairIds } from './flame-pair-ids';
import { groupByRow, type FlameRows } from './flame-rows';

export type FlameGraphOrder =
  /** by service, then operation, in code-unit order (locale-independent, stable across machines) */
  | 'name'
  /** widest first, ties by name ("left heavy") */
  | 'width';

export interface FlameGraphOptions {
  readonly order?: FlameGraphOrder;
  /** self time per span, if already computed (selfTimeNs(trace)) */
  readonly selfNs?: Float64Array;
  readonly tree?: TreeIndex;
}

export interface FlameGraphLayout {
  readonly kind: 'graph';
  readonly nodeCount: number;
  readonly rowCount: number;
  /** the virtual root's width: every node lies within [0, totalUnits] */
  readonly totalUnits: number;
  readonly startUnits: Float64Array;
  readonly widthUnits: Float64Array;
  /** startUnits + widthUnits, kept so that siblings meet exactly */
  readonly endUnits: Float64Array;
  /** depth below the virtual root (0) */
  readonly row: Int32Array;
  /** -1 for the virtual root */
  readonly parent: Int32Array;
  readonly subtreeEnd: Int32Array;
  /** 1 where the node heads an async stack (its parent is the virtual root) */
  readonly asyncStart: Uint8Array;
  /** spans merged into the node (0 for the virtual root) */
  readonly count: Int32Array;
  /** sum of the merged spans' durations */
  readonly totalNs: Float64Array;
  /** sum of the merged spans' self times */
  readonly selfNs: Float64Array;
  /** totalNs / count (0 for the virtual root) */
  readonly meanNs: Float64Array;
  /** the first merged span in depth-first order (-1 for the virtual root) */
  readonly firstSpanIndex: Int32Array;
  /** per span index, the node it was merged into */
  readonly nodeOfSpan: Int32Array;
  /** indexes into texts (-1 for the virtual root) */
  readonly nameText: Int32Array;
  readonly serviceText: Int32Array;
  /** interned service and operation names */
  readonly texts: readonly string[];
  /** nodes by row, each row sorted by start */
  readonly rowNodes: Int32Array;
  readonly rowOffsets: Int32Array;
  /** the same arrays seen as rows of x extents, for hit-testing, culling and level of detail */
  readonly rows: FlameRows;
}

export function flameGraphLayout(trace: Trace, options: FlameGraphOptions = {}): FlameGraphLayout {
  const spans = trace.spans;
  const { startNs, endNs } = spanTimes(trace);
  const tree = options.tree ?? treeIndex(trace);
  return flameGraphLayoutOf(
    {
      ...asyncSpanInputOf(trace, tree),
      serviceOf: (i) => (spans[i] as Span).service,
      nameOf: (i) => (spans[i] as Span).name,
      startNs,
      endNs,
      parent: tree.parent,
      selfNs: options.selfNs ?? selfTimeNs(trace),
    },
    options.order,
  );
}

/**
 * What the aggregated layout reads, indexed like the spans in depth-first order: what
 * the protobuf worker has as columns (with span kinds and links, for what is async).
 */
export interface FlameGraphInput extends AsyncSpanInput {
  readonly serviceOf: (spanIndex: number) => string;
  readonly nameOf: (spanIndex: number) => string;
  /** self time per span (selfTimeNs) */
  readonly selfNs: Float64Array;
}

export function flameGraphLayoutOf(input: FlameGraphInput, orderBy: FlameGraphOrder = 'name'): FlameGraphLayout {
  const { spanCount: n, serviceOf, nameOf, startNs, endNs, parent, selfNs: spanSelfNs } = input;
  const asyncStarts = asyncStartsOf(input);

  // 1. intern texts and label each span by its (service, operation) pair
  const textIds = new Map<string, number>();
  const texts: string[] = [];
  const intern = (text: string): number => {
    let textId = textIds.get(text);
    if (textId === undefined) {
      textId = texts.length;
      textIds.set(text, textId);
      texts.push(text);
    }
    return textId;
  };
  const labelIds = new PairIds(64); // (service text, operation text) → label
  const labelService: number[] = [];
  const labelName: number[] = [];
  const spanLabel = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const serviceId = intern(serviceOf(i));
    const nameId = intern(nameOf(i));
    const label = labelIds.idOf(serviceId, nameId);
    if (label === labelService.length) {
      labelService.push(serviceId);
      labelName.push(nameId);
    }
    spanLabel[i] = label;
  }

  // 2. merge: a span's node is its parent's node's child with the span's label; an
  //    async span's is the async stack with its label (keyed under node -1, which no
  //    node is, so it never merges with a root of the same name).
  //    Parents come before children in depth-first order, so one forward pass does it.
  // (parent node, label) → node - 1 (node 0 is the virtual root); grows as needed, so a
  // 1,000,000-span trace of few distinct paths does not reserve 25 MB of slots up front
  const childOf = new PairIds(Math.min(n, 1 << 16));
  // at most one node per span, plus the virtual root: size the arrays once
  const nodeParent = new Int32Array(n + 1);
  const nodeLabel = new Int32Array(n + 1);
  const nodeFirstSpan = new Int32Array(n + 1);
  const nodeCount = new Int32Array(n + 1);
  const nodeTotalNs = new Float64Array(n + 1);
  const nodeSelfNs = new Float64Array(n + 1);
  const nodeAsync = new Uint8Array(n + 1);
  nodeParent[0] = -1;
  nodeLabel[0] = -1;
  nodeFirstSpan[0] = -1;
  let m = 1;
  const nodeOfSpan = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = parent[i] as number;
    const isAsync = asyncStarts[i] === 1;
    const parentNode = p < 0 || isAsync ? 0 : (nodeOfSpan[p] as number);
    const label = spanLabel[i] as number;
    const node = childOf.idOf(isAsync ? -1 : parentNode, label) + 1;
    if (node === m) {
      m++;
      nodeParent[node] = parentNode;
      nodeLabel[node] = label;
      nodeFirstSpan[node] = i;
      nodeAsync[node] = isAsync ? 1 : 0;
    }
    nodeOfSpan[i] = node;
    nodeCount[node] = (nodeCount[node] as number) + 1;
    nodeTotalNs[node] = (nodeTotalNs[node] as number) + Math.max(0, (endNs[i] as number) - (startNs[i] as number));
    nodeSelfNs[node] = (nodeSelfNs[node] as number) + Math.max(0, spanSelfNs[i] ?? 0);
  }
  for (let node = 1; node < m; node++) if (nodeParent[node] === 0) nodeTotalNs[0] = (nodeTotalNs[0] as number) + (nodeTotalNs[node] as number);

  // 3. children of each node (CSR), in drawing order
  const childFrom = new Int32Array(m + 1);
  for (let node = 1; node < m; node++) {
    const slot = (nodeParent[node] as number) + 1;
    childFrom[slot] = (childFrom[slot] as number) + 1;
  }
  for (let node = 0; node < m; node++) childFrom[node + 1] = (childFrom[node + 1] as number) + (childFrom[node] as number);
  const children = new Int32Array(Math.max(0, m - 1));
  const fill = childFrom.slice(0, m);
  for (let node = 1; node < m; node++) {
    const p = nodeParent[node] as number;
    children[fill[p] as number] = node;
    fill[p] = (fill[p] as number) + 1;
  }
  const textRank = rankTexts(texts);
  // by name, the requests' stacks come first and the async work they started after them
  const byName = (a: number, b: number): number => {
    const la = nodeLabel[a] as number;
    const lb = nodeLabel[b] as number;
    return (
      (nodeAsync[a] as number) - (nodeAsync[b] as number) ||
      (textRank[labelService[la] as number] as number) - (textRank[labelService[lb] as number] as number) ||
      (textRank[labelName[la] as number] as number) - (textRank[labelName[lb] as number] as number)
    );
  };
  const byWidth = (a: number, b: number): number => (nodeTotalNs[b] as number) - (nodeTotalNs[a] as number) || byName(a, b);
  const order = orderBy === 'width' ? byWidth : byName;
  for (let node = 0; node < m; node++) {
    const from = childFrom[node] as number;
    const to = childFrom[node + 1] as number;
    if (to - from > 1) children.subarray(from, to).sort(order);
  }

  // 4. partition, top-down with an explicit stack, renumbering nodes in depth-first order
  const startUnits = new Float64Array(m);
  const endUnits = new Float64Array(m);
  const scale = new Float64Array(m); // units per ns of the node's own spans
  const newIndex = new Int32Array(m);
  const oldIndex = new Int32Array(m);
  const depth = new Int32Array(m); // by old index
  startUnits[0] = 0;
  endUnits[0] = nodeTotalNs[0] as number;
  scale[0] = 1;
  const stack = new Int32Array(m);
  let top = 0;
  stack[top++] = 0;
  let next = 0;
  while (top > 0) {
    const node = stack[--top] as number;
    newIndex[node] = next;
    oldIndex[next++] = node;
    const from = childFrom[node] as number;
    const to = childFrom[node + 1] as number;
    if (from === to) continue;
    let childrenNs = 0;
    for (let c = from; c < to; c++) childrenNs += nodeTotalNs[children[c] as number] as number;
    const nodeStart = startUnits[node] as number;
    const nodeEnd = endUnits[node] as number;
    const wantUnits = childrenNs * (scale[node] as number);
    const childScale = wantUnits > nodeEnd - nodeStart ? (scale[node] as number) * ((nodeEnd - nodeStart) / wantUnits) : (scale[node] as number);
    let x = nodeStart;
    for (let c = from; c < to; c++) {
      const child = children[c] as number;
      startUnits[child] = x;
      x = Math.min(nodeEnd, x + (nodeTotalNs[child] as number) * childScale); // rounding never pokes out of the parent
      endUnits[child] = x;
      scale[child] = childScale;
      depth[child] = (depth[node] as number) + 1;
    }
    for (let c = to - 1; c >= from; c--) stack[top++] = children[c] as number;
  }

  // 5. flat arrays in the new order
  const out = {
    startUnits: new Float64Array(m),
    widthUnits: new Float64Array(m),
    endUnits: new Float64Array(m),
    row: new Int32Array(m),
    parent: new Int32Array(m),
    subtreeEnd: new Int32Array(m),
    asyncStart: new Uint8Array(m),
    count: new Int32Array(m),
    totalNs: new Float64Array(m),
    selfNs: new Float64Array(m),
    meanNs: new Float64Array(m),
    firstSpanIndex: new Int32Array(m),
    nameText: new Int32Array(m),
    serviceText: new Int32Array(m),
  };
  let rowCount = 0;
  for (let i = 0; i < m; i++) {
    const node = oldIndex[i] as number;
    const label = nodeLabel[node] as number;
    const p = nodeParent[node] as number;
    out.startUnits[i] = startUnits[node] as number;
    out.endUnits[i] = endUnits[node] as number;
    out.widthUnits[i] = (endUnits[node] as number) - (startUnits[node] as number);
    out.row[i] = depth[node] as number;
    out.parent[i] = p < 0 ? -1 : (newIndex[p] as number);
    out.asyncStart[i] = nodeAsync[node] as number;
    out.count[i] = nodeCount[node] as number;
    out.totalNs[i] = nodeTotalNs[node] as number;
    out.selfNs[i] = nodeSelfNs[node] as number;
    out.meanNs[i] = (nodeCount[node] as number) > 0 ? (nodeTotalNs[node] as number) / (nodeCount[node] as number) : 0;
    out.firstSpanIndex[i] = nodeFirstSpan[node] as number;
    out.nameText[i] = label < 0 ? -1 : (labelName[label] as number);
    out.serviceText[i] = label < 0 ? -1 : (labelService[label] as number);
    rowCount = Math.max(rowCount, (depth[node] as number) + 1);
  }
  // subtree ends: a node's subtree closes where the next node is no deeper than it
  for (let i = m - 1; i >= 0; i--) out.subtreeEnd[i] = i + 1;
  for (let i = m - 1; i > 0; i--) {
    const p = out.parent[i] as number;
    if ((out.subtreeEnd[i] as number) > (out.subtreeEnd[p] as number)) out.subtreeEnd[p] = out.subtreeEnd[i] as number;
  }
  for (let i = 0; i < n; i++) nodeOfSpan[i] = newIndex[nodeOfSpan[i] as number] as number;

  const { rowOffsets, rowItems } = groupByRow(out.row, rowCount, out.startUnits, out.endUnits);
  return {
    kind: 'graph',
    nodeCount: m,
    rowCount,
    totalUnits: out.endUnits[0] ?? 0,
    ...out,
    nodeOfSpan,
    texts,
    rowNodes: rowItems,
    rowOffsets,
    rows: { rowCount, rowOffsets, rowItems, startX: out.startUnits, endX: out.endUnits },
  };
}

/** Rank of each text in code-unit order, so sorting nodes compares integers, not strings. */
function rankTexts(texts: readonly string[]): Int32Array {
  const order = Array.from(texts.keys()).sort((a, b) => {
    const ta = texts[a] as string;
    const tb = texts[b] as string;
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
  const rank = new Int32Array(texts.length);
  order.forEach((textId, r) => (rank[textId] = r));
  return rank;
}
