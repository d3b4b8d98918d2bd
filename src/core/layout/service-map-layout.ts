/**
 * A layered (Sugiyama-style) layout for a small directed graph such as one trace's
 * service map: callers left, callees right.
 *
 * 1. Cycles (a → b → a happens: services call back) are broken by ignoring the
 *    edges a depth-first walk finds pointing back at a node on its stack.
 * 2. Layer = longest path from a source (a node without incoming edges), so every
 *    remaining edge points to a later layer.
 * 3. Order within a layer: barycentric sweeps (a node sits at the mean position of
 *    its neighbours in the previous layer, then the next), 8 down-and-up passes,
 *    keeping the order with the fewest crossings. Ties keep input order, so the
 *    layout is deterministic.
 *
 * A trace has tens of services, rarely hundreds: O(passes × edges log nodes) is nothing.
 * Iterative throughout (no recursion), so a long chain cannot overflow the stack.
 */

export interface LayoutEdgeInput {
  readonly from: number;
  readonly to: number;
}

export interface ServiceMapLayoutOptions {
  /** horizontal distance between layers */
  readonly layerGapPx?: number;
  /** vertical distance between nodes of one layer */
  readonly rowGapPx?: number;
  /** barycentric passes; each is a sweep down and a sweep up */
  readonly passes?: number;
}

export interface ServiceMapLayout {
  /** per node: its layer (0 = sources) */
  readonly layer: Int32Array;
  /** per node: its position within the layer (0 = top) */
  readonly order: Int32Array;
  /** per node: centre, px */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly layerCount: number;
  readonly width: number;
  readonly height: number;
  /** edge indexes that were reversed to break cycles (drawn as they are, noted here) */
  readonly backEdges: readonly number[];
  readonly crossings: number;
}

export function serviceMapLayout(nodeCount: number, edges: readonly LayoutEdgeInput[], options: ServiceMapLayoutOptions = {}): ServiceMapLayout {
  const layerGapPx = options.layerGapPx ?? 220;
  const rowGapPx = options.rowGapPx ?? 90;
  const passes = options.passes ?? 8;

  const valid = edges.map((e) => e.from >= 0 && e.from < nodeCount && e.to >= 0 && e.to < nodeCount && e.from !== e.to);
  const backEdges = findBackEdges(nodeCount, edges, valid);
  const back = new Set(backEdges);
  const forward: LayoutEdgeInput[] = [];
  edges.forEach((e, i) => {
    if (valid[i] && !back.has(i)) forward.push(e);
  });

  const layer = longestPathLayers(nodeCount, forward);
  let layerCount = 0;
  for (let i = 0; i < nodeCount; i++) layerCount = Math.max(layerCount, (layer[i] as number) + 1);

  // layers as lists of nodes, input order first
  let layers: number[][] = Array.from({ length: layerCount }, () => []);
  for (let i = 0; i < nodeCount; i++) layers[layer[i] as number]?.push(i);
  // neighbours in the layers before and after (edges spanning several layers count for ordering too)
  const preds: number[][] = Array.from({ length: nodeCount }, () => []);
  const succs: number[][] = Array.from({ length: nodeCount }, () => []);
  for (const e of forward) {
    preds[e.to]?.push(e.from);
    succs[e.from]?.push(e.to);
  }

  const order = new Int32Array(nodeCount);
  const writeOrder = (ls: number[][]) => ls.forEach((l) => l.forEach((node, k) => (order[node] = k)));
  writeOrder(layers);
  let best = layers.map((l) => [...l]);
  let bestCrossings = countCrossings(forward, layer, order);
  for (let pass = 0; pass < passes && bestCrossings > 0; pass++) {
    for (let l = 1; l < layerCount; l++) sortByBarycentre(layers, l, preds, order);
    for (let l = layerCount - 2; l >= 0; l--) sortByBarycentre(layers, l, succs, order);
    const crossings = countCrossings(forward, layer, order);
    if (crossings < bestCrossings) {
      bestCrossings = crossings;
      best = layers.map((ls) => [...ls]);
    }
  }
  layers = best;
  writeOrder(layers);

  // coordinates: layers left to right, each layer centred vertically on the tallest
  const tallest = layers.reduce((m, l) => Math.max(m, l.length), 0);
  const height = Math.max(1, tallest) * rowGapPx;
  const width = Math.max(1, layerCount) * layerGapPx;
  const x = new Float64Array(nodeCount);
  const y = new Float64Array(nodeCount);
  layers.forEach((nodes, l) => {
    const offset = (height - nodes.length * rowGapPx) / 2;
    nodes.forEach((node, k) => {
      x[node] = l * layerGapPx + layerGapPx / 2;
      y[node] = offset + k * rowGapPx + rowGapPx / 2;
    });
  });
  return { layer, order, x, y, layerCount, width, height, backEdges, crossings: bestCrossings };
}

/** Edges that close a cycle, found by an iterative depth-first walk in input order. */
function findBackEdges(nodeCount: number, edges: readonly LayoutEdgeInput[], valid: readonly boolean[]): number[] {
  const out: number[][] = Array.from({ length: nodeCount }, () => []);
  edges.forEach((e, i) => {
    if (valid[i]) out[e.from]?.push(i);
  });
  const state = new Uint8Array(nodeCount); // 0 new, 1 on the stack, 2 done
  const back: number[] = [];
  // sources first, so the walk starts where requests come in
  const hasIncoming = new Uint8Array(nodeCount);
  edges.forEach((e, i) => {
    if (valid[i]) hasIncoming[e.to] = 1;
  });
  const starts = [...Array.from({ length: nodeCount }, (_, i) => i).filter((i) => !hasIncoming[i]), ...Array.from({ length: nodeCount }, (_, i) => i)];
  for (const start of starts) {
    if (state[start] !== 0) continue;
    const stack: { node: number; next: number }[] = [{ node: start, next: 0 }];
    state[start] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: number; next: number };
      const edgeIndex = out[top.node]?.[top.next];
      if (edgeIndex === undefined) {
        state[top.node] = 2;
        stack.pop();
        continue;
      }
      top.next++;
      const to = (edges[edgeIndex] as LayoutEdgeInput).to;
      if (state[to] === 1) back.push(edgeIndex);
      else if (state[to] === 0) {
        state[to] = 1;
        stack.push({ node: to, next: 0 });
      }
    }
  }
  return back.sort((a, b) => a - b);
}

/** Longest path from a source, by Kahn's topological order over an acyclic edge list. */
function longestPathLayers(nodeCount: number, edges: readonly LayoutEdgeInput[]): Int32Array {
  const layer = new Int32Array(nodeCount);
  const indegree = new Int32Array(nodeCount);
  const out: number[][] = Array.from({ length: nodeCount }, () => []);
  for (const e of edges) {
    indegree[e.to] = (indegree[e.to] as number) + 1;
    out[e.from]?.push(e.to);
  }
  const queue: number[] = [];
  for (let i = 0; i < nodeCount; i++) if (indegree[i] === 0) queue.push(i);
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    for (const to of out[node] ?? []) {
      layer[to] = Math.max(layer[to] as number, (layer[node] as number) + 1);
      indegree[to] = (indegree[to] as number) - 1;
      if (indegree[to] === 0) queue.push(to);
    }
  }
  return layer;
}

function sortByBarycentre(layers: number[][], l: number, neighbours: readonly (readonly number[])[], order: Int32Array): void {
  const nodes = layers[l];
  if (!nodes) return;
  const keyed = nodes.map((node, k) => {
    const ns = neighbours[node] ?? [];
    // a node without neighbours on that side keeps its place
    const centre = ns.length === 0 ? k : ns.reduce((sum, n) => sum + (order[n] as number), 0) / ns.length;
    return { node, centre, k };
  });
  keyed.sort((a, b) => a.centre - b.centre || a.k - b.k);
  layers[l] = keyed.map((e) => e.node);
  layers[l].forEach((node, k) => (order[node] = k));
}

/** Pairs of edges between the same two layers whose ends are in opposite orders. O(edges²): fine for a trace's services. */
export function countCrossings(edges: readonly LayoutEdgeInput[], layer: Int32Array, order: Int32Array): number {
  let crossings = 0;
  for (let i = 0; i < edges.length; i++) {
    const a = edges[i] as LayoutEdgeInput;
    for (let j = i + 1; j < edges.length; j++) {
      const b = edges[j] as LayoutEdgeInput;
      if (layer[a.from] !== layer[b.from] || layer[a.to] !== layer[b.to]) continue;
      const da = (order[a.from] as number) - (order[b.from] as number);
      const db = (order[a.to] as number) - (order[b.to] as number);
      if (da * db < 0) crossings++;
    }
  }
  return crossings;
}
