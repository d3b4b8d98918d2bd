import dagre from '@dagrejs/dagre';

/**
 * The layout of a small directed graph such as one trace's service map: callers
 * left, callees right, every node a box that holds its own labels.
 *
 * dagre does the layered (Sugiyama) work: cycles broken (services call back),
 * ranks by network simplex, crossings reduced, and — what a hand-rolled layering
 * did not do — edges routed through dummy nodes around the boxes of the layers they
 * span, with room kept for each edge's label. The view measures every text it will
 * draw with a function it passes in, so boxes and labels are as big as the text is
 * and the core stays free of the DOM.
 *
 * A trace has tens of services, rarely hundreds: dagre's cost is nothing at that size.
 */

export interface LayoutEdgeInput {
  readonly from: number;
  readonly to: number;
  /** drawn beside the edge (`12×`); the layout keeps a box of its measured size free */
  readonly label?: string;
  /** calls (or messages) on the edge: what the stroke width shows */
  readonly calls?: number;
}

export interface ServiceMapNodeInput {
  /** first line, bold: the service name */
  readonly title: string;
  /** second line: self time, or "not instrumented" */
  readonly detail: string;
  /** diameter of the disc drawn left of the text, px */
  readonly discPx: number;
}

/** The text styles the view draws; measure returns the box a line of text takes in one of them. */
export type ServiceMapTextStyle = 'title' | 'detail' | 'edge';
export type MeasureText = (text: string, style: ServiceMapTextStyle) => { readonly width: number; readonly height: number };

export interface ServiceMapLayoutOptions {
  /** horizontal distance between layers */
  readonly layerGapPx?: number;
  /** vertical distance between nodes of one layer */
  readonly rowGapPx?: number;
  /** stroke width of the edge with the fewest and with the most calls */
  readonly strokePx?: readonly [number, number];
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface EdgeLayout {
  /** from the caller's box edge to the callee's box edge, through the bends dagre routed */
  readonly points: readonly Point[];
  /** centre of the label's box */
  readonly labelX: number;
  readonly labelY: number;
  readonly labelWidth: number;
  readonly labelHeight: number;
  readonly strokePx: number;
}

export interface ServiceMapLayout {
  /** per node: its layer (0 = leftmost) */
  readonly layer: Int32Array;
  /** per node: its position within the layer (0 = top) */
  readonly order: Int32Array;
  /** per node: centre of its box, px */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** per node: size of its box, px */
  readonly nodeWidth: Float64Array;
  readonly nodeHeight: Float64Array;
  /** inside a node's box, relative to its centre: the disc's centre and where the text starts */
  readonly discX: Float64Array;
  readonly textX: Float64Array;
  /** relative to a node's centre: the middle of the title line and of the detail line */
  readonly titleY: Float64Array;
  readonly detailY: Float64Array;
  /** per input edge; undefined for a self loop or an edge to a node that does not exist */
  readonly edges: readonly (EdgeLayout | undefined)[];
  readonly layerCount: number;
  readonly width: number;
  readonly height: number;
  readonly crossings: number;
}

/** inside a node: padding around the content and the gap between disc and text */
const PADDING_PX = 8;
const DISC_GAP_PX = 8;
const LINE_GAP_PX = 2;
const DEFAULT_STROKE_PX: readonly [number, number] = [1.25, 4.5];

export function serviceMapLayout(
  nodes: readonly ServiceMapNodeInput[],
  edges: readonly LayoutEdgeInput[],
  measure: MeasureText,
  options: ServiceMapLayoutOptions = {},
): ServiceMapLayout {
  const nodeCount = nodes.length;
  const layerGapPx = options.layerGapPx ?? 70;
  const rowGapPx = options.rowGapPx ?? 28;

  const nodeWidth = new Float64Array(nodeCount);
  const nodeHeight = new Float64Array(nodeCount);
  const discX = new Float64Array(nodeCount);
  const textX = new Float64Array(nodeCount);
  const titleY = new Float64Array(nodeCount);
  const detailY = new Float64Array(nodeCount);
  nodes.forEach((node, i) => {
    const title = measure(node.title, 'title');
    const detail = measure(node.detail, 'detail');
    const textWidth = Math.max(title.width, detail.width);
    const textHeight = title.height + LINE_GAP_PX + detail.height;
    const width = PADDING_PX + node.discPx + DISC_GAP_PX + textWidth + PADDING_PX;
    const height = 2 * PADDING_PX + Math.max(node.discPx, textHeight);
    nodeWidth[i] = width;
    nodeHeight[i] = height;
    discX[i] = -width / 2 + PADDING_PX + node.discPx / 2;
    textX[i] = -width / 2 + PADDING_PX + node.discPx + DISC_GAP_PX;
    titleY[i] = -textHeight / 2 + title.height / 2;
    detailY[i] = textHeight / 2 - detail.height / 2;
  });

  const valid = edges.map((e) => Number.isInteger(e.from) && Number.isInteger(e.to) && e.from >= 0 && e.from < nodeCount && e.to >= 0 && e.to < nodeCount && e.from !== e.to);
  const strokeOf = edgeStrokeScale(
    edges.filter((_, i) => valid[i]).map((e) => e.calls ?? 1),
    options.strokePx ?? DEFAULT_STROKE_PX,
  );

  const g = new dagre.graphlib.Graph({ multigraph: true });
  // marginx/y keep the routed edges that bow around the outermost boxes inside the drawing
  g.setGraph({ rankdir: 'LR', ranksep: layerGapPx, nodesep: rowGapPx, edgesep: 12, marginx: 12, marginy: 12 });
  nodes.forEach((_, i) => g.setNode(String(i), { width: nodeWidth[i] as number, height: nodeHeight[i] as number }));
  const labelSizes = edges.map((e) => (e.label ? measure(e.label, 'edge') : { width: 0, height: 0 }));
  edges.forEach((e, i) => {
    if (!valid[i]) return;
    const size = labelSizes[i] as { width: number; height: number };
    // a small pad: a label that touches its neighbour's reads as one word
    g.setEdge(String(e.from), String(e.to), { width: size.width > 0 ? size.width + 4 : 0, height: size.height > 0 ? size.height + 2 : 0, labelpos: 'c', minlen: 1 }, `e${i}`);
  });
  dagre.layout(g);

  const x = new Float64Array(nodeCount);
  const y = new Float64Array(nodeCount);
  const rank = new Float64Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) {
    const label = g.node(String(i)) as { x?: number; y?: number; rank?: number };
    x[i] = label.x ?? 0;
    y[i] = label.y ?? 0;
    rank[i] = label.rank ?? 0;
  }
  // dagre's ranks are doubled to make room for edge labels: number the distinct ones
  const ranks = [...new Set(rank)].sort((a, b) => a - b);
  const layer = new Int32Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) layer[i] = ranks.indexOf(rank[i] as number);
  const order = new Int32Array(nodeCount);
  const byLayer: number[][] = ranks.map(() => []);
  for (let i = 0; i < nodeCount; i++) byLayer[layer[i] as number]?.push(i);
  for (const members of byLayer) {
    members.sort((a, b) => (y[a] as number) - (y[b] as number) || a - b);
    members.forEach((node, k) => (order[node] = k));
  }

  // per dagre rank that holds nodes: its centre and half the width of its widest box
  const columns = new Map<number, { cx: number; half: number }>();
  for (let i = 0; i < nodeCount; i++) {
    const column = columns.get(rank[i] as number);
    const half = (nodeWidth[i] as number) / 2;
    if (!column) columns.set(rank[i] as number, { cx: x[i] as number, half });
    else column.half = Math.max(column.half, half);
  }
  const box = (i: number) => ({ x: x[i] as number, y: y[i] as number, w: nodeWidth[i] as number, h: nodeHeight[i] as number, column: columns.get(rank[i] as number) as { cx: number; half: number } });

  const outEdges: (EdgeLayout | undefined)[] = edges.map((e, i) => {
    if (!valid[i]) return undefined;
    const label = g.edge({ v: String(e.from), w: String(e.to), name: `e${i}` }) as { points?: Point[]; x?: number; y?: number };
    const points = routeAroundBoxes(box(e.from), box(e.to), (label.points ?? []).slice(1, -1), [...columns.values()]);
    const size = labelSizes[i] as { width: number; height: number };
    const middle = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    return { points, labelX: label.x ?? middle.x, labelY: label.y ?? middle.y, labelWidth: size.width, labelHeight: size.height, strokePx: strokeOf(e.calls ?? 1) };
  });

  const graph = g.graph() as { width?: number; height?: number };
  const forward = edges.filter((e, i) => valid[i] && layer[e.from] !== layer[e.to]).map((e) => (layer[e.from] as number) < (layer[e.to] as number) ? e : { from: e.to, to: e.from });
  return {
    layer,
    order,
    x,
    y,
    nodeWidth,
    nodeHeight,
    discX,
    textX,
    titleY,
    detailY,
    edges: outEdges,
    layerCount: ranks.length,
    width: nodeCount === 0 ? 0 : (graph.width ?? 0),
    height: nodeCount === 0 ? 0 : (graph.height ?? 0),
    crossings: countCrossings(forward, layer, order),
  };
}

interface PlacedBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** the column of boxes it stands in */
  readonly column: { readonly cx: number; readonly half: number };
}

/** how far from a box's corner an edge may leave or enter its side */
const PORT_INSET_PX = 6;

/**
 * dagre's bends (`via`, its dummy nodes) keep an edge clear of the boxes, but its
 * straight runs from a box's centre to the first bend, and through a column of boxes
 * at a bend, can cut the corner of a wider box of the same column (a long service name
 * makes its column wide and leaves its narrow neighbours' edges a long way to go).
 * So an edge leaves its box level from the side facing where it goes, runs level to
 * the edge of the box's column, and crosses every other column level at its bend's
 * height (which dagre keeps between boxes); it slopes only between columns, where
 * there are no boxes, and arrives the same way it left.
 */
function routeAroundBoxes(from: PlacedBox, to: PlacedBox, via: readonly Point[], columns: readonly { readonly cx: number; readonly half: number }[]): Point[] {
  const dir = Math.sign(((via[0] ?? to).x as number) - from.x) || 1;
  const portY = (b: PlacedBox, towards: number) => Math.min(b.y + b.h / 2 - PORT_INSET_PX, Math.max(b.y - b.h / 2 + PORT_INSET_PX, towards));
  const startY = portY(from, (via[0] ?? to).y);
  const endY = portY(to, (via[via.length - 1] ?? from).y);
  const out: Point[] = [{ x: from.x + (dir * from.w) / 2, y: startY }];
  if (from.column.half > from.w / 2 + 0.5) out.push({ x: from.column.cx + dir * from.column.half, y: startY });
  for (const p of via) {
    const column = columns.find((c) => Math.abs(c.cx - p.x) < 0.5);
    if (column) out.push({ x: column.cx - dir * column.half, y: p.y }, { x: column.cx + dir * column.half, y: p.y });
    else out.push({ x: p.x, y: p.y });
  }
  if (to.column.half > to.w / 2 + 0.5) out.push({ x: to.column.cx - dir * to.column.half, y: endY });
  out.push({ x: to.x - (dir * to.w) / 2, y: endY });
  return out;
}

/**
 * Stroke width by call count on a log scale, clamped to a narrow range: a trace's
 * edges run from 1 call to thousands (a loop of cache reads), and a linear scale made
 * every edge but the busiest look alike while a wide range let one edge swamp the map.
 */
export function edgeStrokeScale(callCounts: readonly number[], [minPx, maxPx]: readonly [number, number]): (calls: number) => number {
  const most = callCounts.reduce((m, c) => Math.max(m, c), 1);
  if (most <= 1) return () => minPx;
  const span = Math.log(most);
  return (calls) => minPx + ((maxPx - minPx) * Math.log(Math.min(most, Math.max(1, calls)))) / span;
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
