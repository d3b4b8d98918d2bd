import { describe, expect, it } from 'vitest';
import { systemGraphLayout, type SystemGraphLayout } from './system-graph-layout';

const box = (id: string) => ({ id, widthPx: 100, heightPx: 40 });
const nodeOf = (layout: SystemGraphLayout, id: string) => {
  const node = layout.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
};

describe('systemGraphLayout', () => {
  it('puts callers left of their callees, layer by layer', () => {
    //   web → api → order → postgres
    //          ↘ auth
    const layout = systemGraphLayout(
      ['postgres', 'order', 'auth', 'api', 'web'].map(box),
      [
        { from: 'web', to: 'api' },
        { from: 'api', to: 'order' },
        { from: 'api', to: 'auth' },
        { from: 'order', to: 'postgres' },
      ],
    );
    const x = (id: string) => nodeOf(layout, id).x;
    expect(x('web')).toBeLessThan(x('api'));
    expect(x('api')).toBeLessThan(x('order'));
    expect(x('order')).toBeLessThan(x('postgres'));
    // siblings share a layer
    expect(x('auth')).toBe(x('order'));
    expect(nodeOf(layout, 'auth').y).not.toBe(nodeOf(layout, 'order').y);
  });

  it('keeps every node inside the drawing and routes each edge from box to box', () => {
    const layout = systemGraphLayout(['a', 'b', 'c'].map(box), [
      { from: 'a', to: 'b', labelWidthPx: 80, labelHeightPx: 30 },
      { from: 'b', to: 'c' },
    ]);
    for (const node of layout.nodes) {
      expect(node.x - node.widthPx / 2).toBeGreaterThanOrEqual(0);
      expect(node.y - node.heightPx / 2).toBeGreaterThanOrEqual(0);
      expect(node.x + node.widthPx / 2).toBeLessThanOrEqual(layout.widthPx);
      expect(node.y + node.heightPx / 2).toBeLessThanOrEqual(layout.heightPx);
    }
    const ab = layout.edges[0];
    expect(ab?.points.length).toBeGreaterThanOrEqual(2);
    const first = ab?.points[0];
    const last = ab?.points[ab.points.length - 1];
    // starts at a's right side, ends at b's left side
    expect(first?.x).toBeCloseTo(nodeOf(layout, 'a').x + 50, 0);
    expect(last?.x).toBeCloseTo(nodeOf(layout, 'b').x - 50, 0);
    // the label sits between the two boxes
    expect(ab?.labelX).toBeGreaterThan(nodeOf(layout, 'a').x);
    expect(ab?.labelX).toBeLessThan(nodeOf(layout, 'b').x);
  });

  it('lays out cycles, and drops self-loops, duplicate edges and edges to unknown nodes', () => {
    // a ⇄ b (services call back), b → b, a → ghost, a → b twice
    const layout = systemGraphLayout(['a', 'b'].map(box), [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'a' },
      { from: 'b', to: 'b' },
      { from: 'a', to: 'ghost' },
      { from: 'a', to: 'b' },
    ]);
    expect(layout.edges.map((e) => `${e.from}→${e.to}`)).toEqual(['a→b', 'b→a']);
    expect(layout.nodes).toHaveLength(2);
    expect(layout.edges.every((e) => e.points.length >= 2)).toBe(true);
  });

  it('an empty graph is an empty drawing', () => {
    expect(systemGraphLayout([], [])).toEqual({ nodes: [], edges: [], widthPx: 0, heightPx: 0 });
  });
});
