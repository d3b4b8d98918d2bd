import { describe, expect, it } from 'vitest';
import { serviceMapLayout } from './service-map-layout';

const edges = (...pairs: [number, number][]) => pairs.map(([from, to]) => ({ from, to }));
const layersOf = (layout: { layer: Int32Array }) => Array.from(layout.layer);

describe('serviceMapLayout', () => {
  it('puts callers before callees by the longest path', () => {
    //   0 → 1 → 2
    //   0 ──────→ 2   (2 must sit after 1, not beside it)
    const layout = serviceMapLayout(3, edges([0, 1], [1, 2], [0, 2]));
    expect(layersOf(layout)).toEqual([0, 1, 2]);
    expect(layout.layerCount).toBe(3);
    expect(layout.x[0]).toBeLessThan(layout.x[1] as number);
    expect(layout.x[1]).toBeLessThan(layout.x[2] as number);
  });

  it('breaks a cycle and still lays every node out', () => {
    // 0 → 1 → 2 → 1 (a callback)
    const layout = serviceMapLayout(3, edges([0, 1], [1, 2], [2, 1]));
    expect(layout.backEdges).toEqual([2]);
    expect(layersOf(layout)).toEqual([0, 1, 2]);
  });

  it('orders a layer to remove crossings', () => {
    //  0 → 3      1 → 2
    //  1 → 2  →   0 → 3   (input order crosses; the barycentre fixes it)
    //  with layer 0 = [0, 1] and layer 1 = [2, 3] as given
    const layout = serviceMapLayout(4, edges([0, 3], [1, 2]));
    expect(layout.crossings).toBe(0);
    expect(Math.sign((layout.order[0] as number) - (layout.order[1] as number))).toBe(Math.sign((layout.order[3] as number) - (layout.order[2] as number)));
  });

  it('fans out a star without overlapping nodes', () => {
    const layout = serviceMapLayout(5, edges([0, 1], [0, 2], [0, 3], [0, 4]));
    expect(layersOf(layout)).toEqual([0, 1, 1, 1, 1]);
    const ys = [1, 2, 3, 4].map((i) => layout.y[i] as number);
    expect(new Set(ys).size).toBe(4);
    expect(layout.height).toBeGreaterThanOrEqual(4 * 90);
  });

  it('ignores self loops and edges to unknown nodes, and handles isolated nodes', () => {
    const layout = serviceMapLayout(3, edges([0, 0], [0, 9], [1, 2]));
    expect(layersOf(layout)).toEqual([0, 0, 1]);
    expect(layout.backEdges).toEqual([]);
  });

  it('is deterministic and survives a long chain without recursion', () => {
    const n = 3_000;
    const chain = Array.from({ length: n - 1 }, (_, i) => ({ from: i, to: i + 1 }));
    const layout = serviceMapLayout(n, chain, { passes: 1 });
    expect(layout.layer[n - 1]).toBe(n - 1);
    expect(serviceMapLayout(4, edges([0, 3], [1, 2])).order).toEqual(serviceMapLayout(4, edges([0, 3], [1, 2])).order);
  });

  it('lays out nothing for an empty graph', () => {
    const layout = serviceMapLayout(0, []);
    expect(layout.layerCount).toBe(0);
    expect(layout.x).toHaveLength(0);
  });
});
