import dagre from '@dagrejs/dagre';

/**
 * The system graph's layout (services and the peers they call, over a time range):
 * callers left, callees right, laid out by dagre (cycles broken, layers, crossings
 * reduced, edges routed around boxes). Pure: sizes in, positions out, so the view only
 * draws and the layout is tested here. A system has tens of services, rarely hundreds:
 * dagre takes milliseconds at that size.
 */
export interface SystemLayoutNodeInput {
  readonly id: string;
  readonly widthPx: number;
  readonly heightPx: number;
}

export interface SystemLayoutEdgeInput {
  /** node ids */
  readonly from: string;
  readonly to: string;
  /** room kept on the edge for its label (calls/s, error %, p90) */
  readonly labelWidthPx?: number;
  readonly labelHeightPx?: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface SystemLayoutNode {
  readonly id: string;
  /** centre, px */
  readonly x: number;
  readonly y: number;
  readonly widthPx: number;
  readonly heightPx: number;
}

export interface SystemLayoutEdge {
  readonly from: string;
  readonly to: string;
  /** the routed polyline, from the caller's box edge to the callee's */
  readonly points: readonly Point[];
  /** the label's centre */
  readonly labelX: number;
  readonly labelY: number;
}

export interface SystemGraphLayout {
  /** in input order */
  readonly nodes: readonly SystemLayoutNode[];
  /** in input order, without self-loops, duplicates or edges to unknown nodes */
  readonly edges: readonly SystemLayoutEdge[];
  readonly widthPx: number;
  readonly heightPx: number;
}

export interface SystemGraphLayoutOptions {
  /** between layers; default 120 px leaves room for an edge label of three figures */
  readonly layerGapPx?: number;
  /** between nodes of one layer; default 28 px */
  readonly rowGapPx?: number;
}

const MARGIN_PX = 16;

export function systemGraphLayout(nodes: readonly SystemLayoutNodeInput[], edges: readonly SystemLayoutEdgeInput[], options: SystemGraphLayoutOptions = {}): SystemGraphLayout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', ranksep: options.layerGapPx ?? 120, nodesep: options.rowGapPx ?? 28, edgesep: 12, marginx: MARGIN_PX, marginy: MARGIN_PX });
  g.setDefaultEdgeLabel(() => ({}));
  const known = new Set<string>();
  for (const node of nodes) {
    if (known.has(node.id)) continue;
    known.add(node.id);
    g.setNode(node.id, { width: node.widthPx, height: node.heightPx });
  }
  const kept: SystemLayoutEdgeInput[] = [];
  const seen = new Set<string>();
  for (const edge of edges) {
    const key = `${edge.from}\u0000${edge.to}`;
    if (edge.from === edge.to || !known.has(edge.from) || !known.has(edge.to) || seen.has(key)) continue;
    seen.add(key);
    kept.push(edge);
    g.setEdge(edge.from, edge.to, { width: edge.labelWidthPx ?? 0, height: edge.labelHeightPx ?? 0, labelpos: 'c', minlen: 1 });
  }
  if (known.size > 0) dagre.layout(g);

  const placed = [...known].map((id): SystemLayoutNode => {
    const label = g.node(id) as { x?: number; y?: number; width: number; height: number };
    return { id, x: label.x ?? 0, y: label.y ?? 0, widthPx: label.width, heightPx: label.height };
  });
  const routed = kept.map((edge): SystemLayoutEdge => {
    const label = g.edge(edge.from, edge.to) as { points?: Point[]; x?: number; y?: number };
    const points = (label.points ?? []).map((p) => ({ x: p.x, y: p.y }));
    const middle = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    return { from: edge.from, to: edge.to, points, labelX: label.x ?? middle.x, labelY: label.y ?? middle.y };
  });
  const graph = g.graph() as { width?: number; height?: number };
  return { nodes: placed, edges: routed, widthPx: known.size > 0 ? (graph.width ?? 0) : 0, heightPx: known.size > 0 ? (graph.height ?? 0) : 0 };
}
