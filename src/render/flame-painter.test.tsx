import { describe, expect, it } from 'vitest';
import { criticalIntervalsByFrame, criticalPath, flameChartLayout, flameGraphLayout, type FlameLayout } from '../core';
import { traceOf, wideTrace } from '../core/trace/__fixtures__/make-trace';
import { fitLabel, FLAME_ROW_PX, isDark, paintFlame, planFlame, rowAtPx, TextWidths, xAtPx, type FlameStyle, type FlameViewport } from './flame-painter';

// The painter's pure half: what a layout and a viewport turn into (rects, labels,
// colours, overlays), read without a canvas. 7 px per character stands in for a font.
const measure = (text: string) => text.length * 7;

//  r [0 ........................................ 1000]      row 0
//    a [0 ........ 400]        b [500 ....... 900]        row 1
//      a1 [100 . 200]                                     row 2
const trace = traceOf([
  { id: 'r', start: 0, end: 1000, service: 'edge' },
  { id: 'a', parent: 'r', start: 0, end: 400, service: 'api' },
  { id: 'a1', parent: 'a', start: 100, end: 200, service: 'db' },
  { id: 'b', parent: 'r', start: 500, end: 900, service: 'api' },
]);
const chart = flameChartLayout(trace);
const frameOf = (name: string) => chart.frameOfSpan[trace.spans.findIndex((s) => s.name === `op-${name}`)] as number;

function styleOf(layout: FlameLayout, overrides: Partial<FlameStyle> = {}): FlameStyle {
  return {
    fillOf: (item) => (layout.kind === 'chart' ? `fill-${trace.spans[layout.spanIndex[item] as number]?.service}` : `node-${item}`),
    dimmedOf: () => false,
    errorOf: () => false,
    labelOf: (item) => (layout.kind === 'chart' ? (trace.spans[layout.spanIndex[item] as number]?.name ?? '') : `node-${item}`),
    ...overrides,
  };
}

const whole: FlameViewport = { fromX: 0, toX: 1000, widthPx: 1000, heightPx: 200, scrollTopPx: 0 };

describe('planFlame', () => {
  it('places every frame by row and time, with its colour and a label that fits', () => {
    const plan = planFlame({ layout: chart, viewport: whole, style: styleOf(chart), measure });
    const byLabel = Object.fromEntries(plan.rects.map((r) => [r.label, r]));
    expect(plan.rects).toHaveLength(4);
    expect(byLabel['op-r']).toMatchObject({ xPx: 0, yPx: 0, widthPx: 1000, fill: 'fill-edge', count: 1 });
    expect(byLabel['op-a']).toMatchObject({ xPx: 0, yPx: FLAME_ROW_PX, widthPx: 400, fill: 'fill-api' });
    expect(byLabel['op-a1']).toMatchObject({ xPx: 100, yPx: 2 * FLAME_ROW_PX, widthPx: 100, fill: 'fill-db' });
    expect(byLabel['op-b']).toMatchObject({ xPx: 500, yPx: FLAME_ROW_PX, widthPx: 400 });
  });

  it('zooms: the viewport maps its window onto the canvas and culls what lies outside', () => {
    const plan = planFlame({ layout: chart, viewport: { ...whole, fromX: 0, toX: 400 }, style: styleOf(chart), measure });
    const labels = plan.rects.map((r) => r.label).sort();
    expect(labels).toEqual(['op-a', 'op-a1', 'op-r']); // b starts at 500: culled
    expect(plan.rects.find((r) => r.label === 'op-a1')).toMatchObject({ xPx: 250, widthPx: 250 });
    // the root spans past the right edge: clamped just outside, not 2500 px wide
    expect(plan.rects.find((r) => r.label === 'op-r')?.widthPx).toBeLessThanOrEqual(1004);
  });

  it('culls rows above and below the viewport (vertical scroll)', () => {
    const plan = planFlame({ layout: chart, viewport: { ...whole, heightPx: FLAME_ROW_PX, scrollTopPx: FLAME_ROW_PX }, style: styleOf(chart), measure });
    expect(plan.rects.map((r) => r.label).sort()).toEqual(['op-a', 'op-b']);
    expect(plan.rects.every((r) => r.yPx === 0)).toBe(true);
  });

  it('ellipsises labels that do not fit and drops those with no room for a character', () => {
    // at 80 px for 1000 ns: a is 32 px (24 px inside its padding) and gets "op…"; a1 is 8 px: no label
    const plan = planFlame({ layout: chart, viewport: { ...whole, widthPx: 80 }, style: styleOf(chart), measure });
    const label = (name: string) => plan.rects.find((r) => r.item === frameOf(name))?.label;
    expect(label('r')).toBe('op-r');
    expect(label('a')).toBe('op…');
    expect(label('a1')).toBe('');
  });

  it('costs pixels, not spans: 20,000 one-ns frames in a 500 px row make at most a few hundred runs', () => {
    const wide = flameChartLayout(wideTrace(20_000));
    const plan = planFlame({ layout: wide, viewport: { fromX: 0, toX: 40_001, widthPx: 500, heightPx: 100, scrollTopPx: 0 }, style: styleOf(wide, { labelOf: () => 'x' }), measure });
    const row1 = plan.rects.filter((r) => r.yPx === FLAME_ROW_PX);
    expect(row1.length).toBeLessThanOrEqual(500);
    expect(row1.reduce((sum, r) => sum + r.count, 0)).toBe(20_000);
    // merged runs carry no label and no error outline
    expect(row1.every((r) => r.count === 1 || (r.label === '' && !r.error))).toBe(true);
  });

  it('marks dimmed and error frames from the style, and finds the hovered and selected rects', () => {
    const a = frameOf('a');
    const b = frameOf('b');
    const plan = planFlame({
      layout: chart,
      viewport: whole,
      style: styleOf(chart, { dimmedOf: (item) => item !== a, errorOf: (item) => item === b }),
      measure,
      hovered: a,
      selected: b,
    });
    expect(plan.rects.filter((r) => !r.dimmed).map((r) => r.item)).toEqual([a]);
    expect(plan.rects.filter((r) => r.error).map((r) => r.item)).toEqual([b]);
    expect(plan.hovered?.item).toBe(a);
    expect(plan.selected?.item).toBe(b);
  });

  it('draws the critical path as bands over the parts of frames that hold it', () => {
    const critical = criticalIntervalsByFrame(chart, criticalPath(trace).segments);
    const plan = planFlame({ layout: chart, viewport: whole, style: styleOf(chart), measure, critical });
    // r owns [0,100)? no: a runs there. The path: b [500,900] and the parent's gaps; all bands lie inside the canvas
    expect(plan.critical.length).toBeGreaterThan(0);
    const total = plan.critical.reduce((sum, band) => sum + band.widthPx, 0);
    expect(total).toBeCloseTo(1000, 0); // the marks along one root add up to its duration
    expect(plan.critical.every((band) => band.xPx >= 0 && band.xPx + band.widthPx <= 1000)).toBe(true);
    const none = planFlame({ layout: chart, viewport: whole, style: styleOf(chart), measure });
    expect(none.critical).toHaveLength(0);
  });

  it('plans the aggregated graph in units, the virtual root on top, with critical shares as partial bands', () => {
    const graph = flameGraphLayout(trace);
    const share = new Float64Array(graph.nodeCount).fill(0.5);
    const plan = planFlame({ layout: graph, viewport: { ...whole, toX: graph.totalUnits }, style: styleOf(graph), measure, criticalShare: share });
    expect(plan.rects[0]).toMatchObject({ item: 0, yPx: 0, widthPx: 1000 });
    // a and b have different names: separate nodes; root r's node fills row 1
    expect(plan.rects.filter((r) => r.yPx === FLAME_ROW_PX)).toHaveLength(1);
    expect(plan.critical.find((band) => band.yPx < FLAME_ROW_PX)?.widthPx).toBe(500);
  });

  it('is empty for an empty or degenerate viewport', () => {
    expect(planFlame({ layout: chart, viewport: { ...whole, widthPx: 0 }, style: styleOf(chart), measure }).rects).toHaveLength(0);
    expect(planFlame({ layout: chart, viewport: { ...whole, toX: 0 }, style: styleOf(chart), measure }).rects).toHaveLength(0);
  });
});

describe('hit-testing coordinates', () => {
  it('maps pixels to the row and layout x the painter used', () => {
    const viewport = { ...whole, fromX: 200, toX: 400, scrollTopPx: 10 };
    expect(rowAtPx(viewport, 0)).toBe(0);
    expect(rowAtPx(viewport, FLAME_ROW_PX - 10)).toBe(1);
    expect(xAtPx(viewport, 500)).toBe(300);
  });
});

describe('isDark', () => {
  it('picks light labels for dark fills only', () => {
    expect(isDark('#1c2430')).toBe(true);
    expect(isDark('#79706e')).toBe(true);
    expect(isDark('#f28e2b')).toBe(false);
    expect(isDark('#fff1b8')).toBe(false);
    expect(isDark('red')).toBe(false);
  });
});

describe('fitLabel', () => {
  it('keeps what fits, ellipsises the longest fitting prefix, gives up below one character', () => {
    expect(fitLabel('checkout', 56, measure)).toBe('checkout');
    expect(fitLabel('checkout', 55, measure)).toBe('checko…');
    expect(fitLabel('checkout', 14, measure)).toBe('c…');
    expect(fitLabel('checkout', 13, measure)).toBe('');
    expect(fitLabel('', 100, measure)).toBe('');
  });

  it('never measures more characters than the frame has pixels: a 1 MiB name costs what a short one does', () => {
    const measured: number[] = [];
    const counting = (text: string) => {
      measured.push(text.length);
      return measure(text);
    };
    const label = fitLabel('x'.repeat(1 << 20), 200, counting);
    expect(label).toBe(`${'x'.repeat(27)}…`);
    expect(Math.max(...measured)).toBeLessThanOrEqual(202);
    expect(measured.length).toBeLessThan(12);
  });
});

describe('TextWidths', () => {
  it('measures each text once per font', () => {
    let calls = 0;
    const context = {
      font: '',
      measureText: (text: string) => {
        calls++;
        return { width: text.length * 6 } as TextMetrics;
      },
    } as unknown as CanvasRenderingContext2D;
    const widths = new TextWidths();
    const m = widths.measurer(context, '12px sans');
    expect(m('abc')).toBe(18);
    expect(m('abc')).toBe(18);
    expect(calls).toBe(1);
    widths.measurer(context, '14px sans')('abc');
    expect(calls).toBe(2);
  });
});

describe('paintFlame', () => {
  it('replays the plan: one fill per rect, labels, and an outline per error', () => {
    const calls: string[] = [];
    const context = new Proxy({} as Record<string, unknown>, {
      get: (_t, key: string) => (key === 'measureText' ? undefined : (...args: unknown[]) => calls.push(`${key}(${args.length})`)),
      set: () => true,
    }) as unknown as CanvasRenderingContext2D;
    const plan = planFlame({ layout: chart, viewport: whole, style: styleOf(chart, { errorOf: (item) => item === frameOf('b') }), measure });
    paintFlame(context, plan, { background: '#fff', text: '#000', textOnDark: '#fff', textOnDim: '#666', error: 'red', critical: '#000', outline: '#000', font: '12px sans' });
    expect(calls.filter((c) => c.startsWith('fillRect'))).toHaveLength(4);
    expect(calls.filter((c) => c.startsWith('fillText'))).toHaveLength(4);
    expect(calls.filter((c) => c.startsWith('strokeRect'))).toHaveLength(1);
  });
});
