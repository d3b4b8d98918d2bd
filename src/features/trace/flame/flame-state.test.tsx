import { describe, expect, it } from 'vitest';
import { readTraceUrl, writeTraceUrl } from '../../../state/trace-url';
import { analysesOf } from '../trace-model';
import { testTrace } from '../test-trace';
import { chartStyle, firstChild, flameChartModel, flameGraphModel, graphStyle, heatColor, itemOfSpan, parentOf, rowNeighbour, spanOfItem } from './flame-model';
import { readFlameUrl, writeFlameUrl } from '../../../state/flame-url';
import { clampRange, panBy, zoomAround } from './flame-viewport';

describe('flame URL state', () => {
  it('round-trips every field, alongside the shared trace parameters', () => {
    const start = new URLSearchParams('source=demo&view=flame&span=00000000000000b2&window=0.1-0.6');
    const written = writeFlameUrl(start, { mode: 'aggregate', focus: '00000000000000B2', color: 'self', order: 'width', dimOffPath: true });
    expect(written.toString()).toBe(
      'source=demo&view=flame&span=00000000000000b2&window=0.1-0.6&flameMode=aggregate&flameFocus=00000000000000b2&flameColor=self&flameOrder=width&flameDim=1',
    );
    const { state, dropped } = readFlameUrl(written);
    expect(dropped).toEqual([]);
    expect(state).toEqual({ mode: 'aggregate', focus: '00000000000000b2', color: 'self', order: 'width', dimOffPath: true });
    // the shared parameters are untouched and still read by the trace page's module
    const trace = readTraceUrl(written).state;
    expect(trace.view).toBe('flame');
    expect(trace.window).toEqual({ from: 0.1, to: 0.6 });
    expect(trace.span).toBe('00000000000000b2');
  });

  it('writes defaults as absent parameters', () => {
    const written = writeFlameUrl(new URLSearchParams('flameMode=aggregate&flameFocus=00000000000000b2&flameColor=errors&flameOrder=width&flameDim=1&x=1'), {
      mode: 'time',
      focus: undefined,
      color: 'service',
      order: 'name',
      dimOffPath: false,
    });
    expect(written.toString()).toBe('x=1');
    expect(readFlameUrl(written).state).toEqual({ mode: 'time', color: 'service', order: 'name', dimOffPath: false });
  });

  it('drops an invalid parameter and keeps the valid ones', () => {
    const { state, dropped } = readFlameUrl(new URLSearchParams('flameMode=3d&flameFocus=nope&flameColor=errors&flameDim=yes'));
    expect(state).toEqual({ mode: 'time', color: 'errors', order: 'name', dimOffPath: false });
    expect(dropped).toHaveLength(3);
    expect(dropped).toEqual(expect.arrayContaining(['flameMode "3d"', 'flameDim "yes"', 'flameFocus "nope"']));
  });

  it('a drill-in writes focus, window and span in one query string', () => {
    const next = writeFlameUrl(writeTraceUrl(new URLSearchParams('view=flame'), { span: '00000000000000e5', window: { from: 0.2, to: 0.4 } }), { focus: '00000000000000e5' });
    expect(Object.fromEntries(next)).toEqual({ view: 'flame', span: '00000000000000e5', window: '0.2-0.4', flameFocus: '00000000000000e5' });
  });
});

describe('flame viewport gestures', () => {
  const bounds = { fromX: 0, toX: 1000 };
  it('zooms around the anchor, keeping the x under it still', () => {
    const next = zoomAround(bounds, bounds, 0.25, 0.5);
    expect(next).toEqual({ fromX: 125, toX: 625 });
    expect(next.fromX + 0.25 * (next.toX - next.fromX)).toBe(250);
  });
  it('never zooms out past the whole, nor in past the narrowest range', () => {
    expect(zoomAround({ fromX: 100, toX: 200 }, bounds, 0.5, 100)).toEqual(bounds);
    const tiny = zoomAround(bounds, bounds, 0.5, 1e-12);
    expect(tiny.toX - tiny.fromX).toBeCloseTo(1000 * 1e-6);
  });
  it('pans by a fraction of the visible width, stopping at the edges', () => {
    expect(panBy({ fromX: 100, toX: 200 }, bounds, 0.5)).toEqual({ fromX: 150, toX: 250 });
    expect(panBy({ fromX: 100, toX: 200 }, bounds, -5)).toEqual({ fromX: 0, toX: 100 });
    expect(clampRange({ fromX: 950, toX: 1100 }, bounds)).toEqual({ fromX: 850, toX: 1000 });
  });
});

describe('flame model', () => {
  const analyses = analysesOf(testTrace());
  const spanIndex = (id: string) => analyses.indexById.get(id) as number;

  it('lays out once per trace and order', () => {
    expect(flameChartModel(analyses)).toBe(flameChartModel(analyses));
    expect(flameGraphModel(analyses, 'name')).toBe(flameGraphModel(analyses, 'name'));
    expect(flameGraphModel(analyses, 'width')).not.toBe(flameGraphModel(analyses, 'name'));
  });

  it('colours by error status and dims find non-matches and off-path frames', () => {
    const chart = flameChartModel(analyses);
    const insert = itemOfSpan(chart.layout, spanIndex('00000000000000b2'));
    const cart = itemOfSpan(chart.layout, spanIndex('00000000000000c3'));
    const errors = chartStyle(analyses, chart, { color: 'errors', matchMask: undefined, dimOffPath: false });
    expect(errors.fillOf(insert)).toBe('#e15759');
    expect(errors.fillOf(cart)).not.toBe('#e15759');
    expect(errors.errorOf(insert)).toBe(true);
    expect(errors.labelOf(insert)).toBe('INSERT orders');
    const mask = new Uint8Array(analyses.trace.spans.length);
    mask[spanIndex('00000000000000c3')] = 1;
    const found = chartStyle(analyses, chart, { color: 'service', matchMask: mask, dimOffPath: false });
    expect(found.dimmedOf(cart)).toBe(false);
    expect(found.dimmedOf(insert)).toBe(true);
    // every span of this small trace holds the path for a while: dimming off-path frames dims none,
    // and a find non-match stays dimmed whatever the path
    const dim = chartStyle(analyses, chart, { color: 'service', matchMask: undefined, dimOffPath: true });
    expect(dim.dimmedOf(cart)).toBe(false);
    const onPath = new Uint8Array(chart.onPath);
    expect(onPath.every((v) => v === 1)).toBe(true);
    expect(chartStyle(analyses, chart, { color: 'service', matchMask: mask, dimOffPath: true }).dimmedOf(insert)).toBe(true);
  });

  it('heat goes from pale to hot', () => {
    expect(heatColor(0)).toBe('#fff1b8');
    expect(heatColor(1)).toBe('#b3161f');
  });

  it('aggregated style: the virtual root is neither dimmed nor an error; nodes carry their spans’ errors', () => {
    const graph = flameGraphModel(analyses, 'name');
    const style = graphStyle(graph, { color: 'service', matchMask: new Uint8Array(analyses.trace.spans.length), dimOffPath: true });
    expect(style.dimmedOf(0)).toBe(false);
    expect(style.labelOf(0)).toBe('all spans');
    const insertNode = itemOfSpan(graph.layout, spanIndex('00000000000000b2'));
    expect(style.errorOf(insertNode)).toBe(true);
    expect(spanOfItem(graph.layout, insertNode)).toBe(spanIndex('00000000000000b2'));
  });

  it('keyboard walk: parent, first child and row neighbours', () => {
    const { layout } = flameChartModel(analyses);
    const root = itemOfSpan(layout, spanIndex('00000000000000a1'));
    const child = firstChild(layout, root);
    expect(parentOf(layout, child)).toBe(root);
    const right = rowNeighbour(layout, child, 1);
    expect(right).toBeGreaterThanOrEqual(0);
    expect(rowNeighbour(layout, right, -1)).toBe(child);
    expect(parentOf(layout, root)).toBe(-1);
  });
});
