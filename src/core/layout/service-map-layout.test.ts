import { describe, expect, it } from 'vitest';
import { edgeStrokeScale, serviceMapLayout, type LayoutEdgeInput, type MeasureText, type ServiceMapLayout, type ServiceMapNodeInput } from './service-map-layout';

/** A monospace stand-in for the browser's text metrics: 7 px a character, 14 px a line. */
const measure: MeasureText = (text, style) => ({ width: text.length * (style === 'title' ? 7.5 : 6.5), height: style === 'edge' ? 13 : 15 });

const node = (title: string, detail = '1.2ms', discPx = 20): ServiceMapNodeInput => ({ title, detail, discPx });
const edges = (...pairs: [number, number, number?][]): LayoutEdgeInput[] => pairs.map(([from, to, calls = 1]) => ({ from, to, calls, label: `${calls}×` }));

interface Point {
  readonly x: number;
  readonly y: number;
}
interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}
const nodeBox = (layout: ServiceMapLayout, i: number): Box => {
  const w = (layout.nodeWidth[i] as number) / 2;
  const h = (layout.nodeHeight[i] as number) / 2;
  return { left: (layout.x[i] as number) - w, right: (layout.x[i] as number) + w, top: (layout.y[i] as number) - h, bottom: (layout.y[i] as number) + h };
};
const shrink = (b: Box, by: number): Box => ({ left: b.left + by, right: b.right - by, top: b.top + by, bottom: b.bottom - by });
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Liang–Barsky: does the segment p→q pass through the open box? */
function segmentEntersBox(p: Point, q: Point, box: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const clips: [number, number][] = [
    [-dx, p.x - box.left],
    [dx, box.right - p.x],
    [-dy, p.y - box.top],
    [dy, box.bottom - p.y],
  ];
  for (const [pq, r] of clips) {
    if (pq === 0) {
      if (r <= 0) return false;
    } else {
      const t = r / pq;
      if (pq < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  return t0 < t1;
}
const onBoundary = (p: Point, b: Box) => {
  const eps = 0.5;
  const inside = p.x >= b.left - eps && p.x <= b.right + eps && p.y >= b.top - eps && p.y <= b.bottom + eps;
  const onEdge = Math.abs(p.x - b.left) < eps || Math.abs(p.x - b.right) < eps || Math.abs(p.y - b.top) < eps || Math.abs(p.y - b.bottom) < eps;
  return inside && onEdge;
};

/** The properties every picture must have: boxes apart, edges around boxes and ending on their nodes, labels apart. */
function expectReadable(nodes: readonly ServiceMapNodeInput[], input: readonly LayoutEdgeInput[]): ServiceMapLayout {
  const layout = serviceMapLayout(nodes, input, measure);
  const boxes = nodes.map((_, i) => nodeBox(layout, i));
  const labels: Box[] = [];
  const problems: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    const box = boxes[i] as Box;
    if (box.left < 0 || box.top < 0 || box.right > layout.width || box.bottom > layout.height) problems.push(`node ${i} outside the drawing`);
    for (let j = i + 1; j < boxes.length; j++) if (overlaps(box, boxes[j] as Box)) problems.push(`nodes ${i} and ${j} overlap`);
  }
  input.forEach((e, k) => {
    const edge = layout.edges[k];
    if (!edge || edge.points.length < 2) {
      problems.push(`edge ${k} has no route`);
      return;
    }
    const points = edge.points;
    if (!onBoundary(points[0] as Point, boxes[e.from] as Box)) problems.push(`edge ${k} does not start on node ${e.from}`);
    if (!onBoundary(points[points.length - 1] as Point, boxes[e.to] as Box)) problems.push(`edge ${k} does not end on node ${e.to}`);
    for (let s = 1; s < points.length; s++) {
      boxes.forEach((box, b) => {
        if (segmentEntersBox(points[s - 1] as Point, points[s] as Point, shrink(box, 0.5))) problems.push(`edge ${k} (${e.from}→${e.to}) passes through node ${b}`);
      });
    }
    const label = { left: edge.labelX - edge.labelWidth / 2, right: edge.labelX + edge.labelWidth / 2, top: edge.labelY - edge.labelHeight / 2, bottom: edge.labelY + edge.labelHeight / 2 };
    boxes.forEach((box, b) => {
      if (overlaps(label, box)) problems.push(`label of edge ${k} over node ${b}`);
    });
    labels.forEach((other, o) => {
      if (overlaps(label, other)) problems.push(`labels of edges ${o} and ${k} overlap`);
    });
    labels.push(label);
  });
  expect(problems).toEqual([]);
  return layout;
}

describe('serviceMapLayout', () => {
  it('puts callers before callees and routes a skipping edge around the node between', () => {
    //   0 → 1 → 2
    //   0 ──────→ 2   (straight, it would run through 1)
    const layout = expectReadable([node('frontend'), node('checkout'), node('payment')], edges([0, 1], [1, 2], [0, 2]));
    expect(Array.from(layout.layer)).toEqual([0, 1, 2]);
    expect(layout.layerCount).toBe(3);
    expect(layout.x[0]).toBeLessThan(layout.x[1] as number);
    expect(layout.x[1]).toBeLessThan(layout.x[2] as number);
    expect((layout.edges[2]?.points.length ?? 0) > 2).toBe(true);
  });

  it('sizes a box to its measured text: a long service name makes a wide box', () => {
    const layout = serviceMapLayout([node('db'), node('a-really-long-service-name-from-kubernetes')], edges([0, 1]), measure);
    expect(layout.nodeWidth[1] as number).toBeGreaterThan((layout.nodeWidth[0] as number) + 200);
    // the text starts right of the disc, inside the box
    expect(layout.textX[1] as number).toBeGreaterThan(layout.discX[1] as number);
    expect((layout.textX[1] as number) + 'a-really-long-service-name-from-kubernetes'.length * 7.5).toBeLessThanOrEqual((layout.nodeWidth[1] as number) / 2);
  });

  it('lays out a callback cycle with every edge from its caller to its callee', () => {
    // 0 → 1 → 2 → 1 (a callback)
    expectReadable([node('api'), node('orders'), node('webhooks')], edges([0, 1], [1, 2], [2, 1]));
  });

  it('orders a layer so edges do not cross', () => {
    //  0 → 3
    //  1 → 2   (input order crosses; the layout must not)
    const layout = expectReadable([node('a'), node('b'), node('c'), node('d')], edges([0, 3], [1, 2]));
    expect(layout.crossings).toBe(0);
  });

  it('fans out a star and a shop-sized graph without overlaps, edges through boxes or labels on each other', () => {
    expectReadable([node('gateway'), node('auth'), node('cart'), node('catalog'), node('search')], edges([0, 1, 40], [0, 2, 3], [0, 3, 12], [0, 4, 1]));
    // the demo shop's shape: a gateway, services in two layers, shared peers several layers apart, a message queue
    const shop = ['web', 'api-gateway', 'checkout', 'auth', 'inventory', 'payment', 'postgresql', 'redis', 'kafka', 'notification', 'payments-api'].map((s, i) => node(s, i > 5 ? 'not instrumented' : '3.4ms'));
    expectReadable(
      shop,
      edges([0, 1, 1], [1, 2, 1], [1, 3, 2], [2, 4, 3], [2, 5, 1], [3, 6, 2], [4, 6, 6], [4, 7, 120], [2, 8, 1], [8, 9, 1], [9, 6, 4], [5, 10, 1], [1, 7, 8], [9, 2, 1]),
    );
  });

  it('keeps edges off the boxes of columns whose names differ in length, for many random graphs', () => {
    // a small linear congruential generator: the same graphs on every run
    let seed = 12_345;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let round = 0; round < 40; round++) {
      const count = 4 + Math.floor(random() * 10);
      const nodes = Array.from({ length: count }, (_, i) => node(`s${i}${'-x'.repeat(Math.floor(random() * 14))}`, random() < 0.3 ? 'not instrumented' : '12.5ms', 10 + random() * 18));
      const pairs: [number, number, number][] = [];
      for (let to = 1; to < count; to++) pairs.push([Math.floor(random() * to), to, 1 + Math.floor(random() * 200)]);
      for (let extra = Math.floor(random() * count); extra > 0; extra--) {
        const a = Math.floor(random() * count);
        const b = Math.floor(random() * count);
        if (a !== b && !pairs.some(([f, t]) => f === a && t === b)) pairs.push([a, b, 1]);
      }
      expectReadable(nodes, edges(...pairs));
    }
  });

  it('skips self loops and edges to unknown nodes, and lays out isolated nodes', () => {
    const layout = serviceMapLayout([node('a'), node('b'), node('c')], edges([0, 0], [0, 9], [1, 2]), measure);
    expect(layout.edges[0]).toBeUndefined();
    expect(layout.edges[1]).toBeUndefined();
    expect(layout.edges[2]).toBeDefined();
    expect(Array.from(layout.layer)).toEqual([0, 0, 1]);
  });

  it('is deterministic', () => {
    const a = serviceMapLayout([node('a'), node('b'), node('c'), node('d')], edges([0, 3], [1, 2]), measure);
    const b = serviceMapLayout([node('a'), node('b'), node('c'), node('d')], edges([0, 3], [1, 2]), measure);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
  });

  it('lays out nothing for an empty graph', () => {
    const layout = serviceMapLayout([], [], measure);
    expect(layout.layerCount).toBe(0);
    expect(layout.x).toHaveLength(0);
    expect(layout.width).toBe(0);
  });
});

describe('edgeStrokeScale', () => {
  it('grows with the log of the calls inside a narrow range', () => {
    const scale = edgeStrokeScale([1, 10, 1000], [1, 4]);
    expect(scale(1)).toBe(1);
    expect(scale(1000)).toBe(4);
    // 10 calls of 1,000: a third of the way, not 1 % of it (linear) — small edges stay told apart
    expect(scale(10)).toBeCloseTo(2, 5);
    expect(scale(5000)).toBe(4);
  });

  it('draws every edge thin when no edge has more than one call', () => {
    const scale = edgeStrokeScale([1, 1, 1], [1.25, 4.5]);
    expect(scale(1)).toBe(1.25);
  });
});
