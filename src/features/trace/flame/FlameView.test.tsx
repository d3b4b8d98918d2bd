import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { withFakeLayout } from '../test-layout';
import { testTrace } from '../test-trace';
import { renderTraceView } from '../test-render';
import { flameChartLayout, flameGraphLayout, type FlameChartLayout, type FlameGraphLayout } from '../../../core';
import { expectWorkerFlameLayout, workerFlameLayout } from '../../../state/worker-flame-layouts';
import { analysesOf } from '../trace-model';
import { flameChartModel, flameGraphModel } from './flame-model';

withFakeLayout();
const trace = testTrace();
function renderAt(search: string) {
  return renderTraceView(trace, search);
}

const canvas = () => screen.getByRole('application', { name: /^Flame graph/ });
const breadcrumb = () => screen.getByRole('navigation', { name: 'Flame focus' });

describe('FlameView', () => {
  it('is a tab of the trace page; its canvas has a name and keyboard focus', () => {
    const { search } = renderAt('?source=demo');
    fireEvent.click(screen.getByRole('tab', { name: 'Flame graph' }));
    expect(search().get('view')).toBe('flame');
    expect(canvas().getAttribute('tabindex')).toBe('0');
    expect(canvas().getAttribute('aria-label')).toMatch(/flame chart \(time\), of 5 spans/);
    expect(within(breadcrumb()).getByRole('button', { name: 'Whole trace' }).getAttribute('aria-current')).toBe('location');
  });

  it('keyboard: arrows walk frames, Enter drills in and selects, Esc steps back out', async () => {
    const { search } = renderAt('?source=demo&view=flame');
    const target = canvas();
    target.focus();
    fireEvent.keyDown(target, { key: 'ArrowDown' }); // the first frame: the root
    expect(screen.getByTestId('flame-cursor').textContent).toBe('order: POST /orders');
    fireEvent.keyDown(target, { key: 'ArrowDown' }); // its first child
    expect(screen.getByTestId('flame-cursor').textContent).toBe('postgres: GET cart');
    fireEvent.keyDown(target, { key: 'ArrowRight' }); // the next frame in the row
    expect(screen.getByTestId('flame-cursor').textContent).toBe('postgres: INSERT orders');
    fireEvent.keyDown(target, { key: 'Enter' });
    expect(search().get('flameFocus')).toBe('00000000000000b2');
    expect(search().get('span')).toBe('00000000000000b2');
    // INSERT orders runs 10–60 ms of the 120 ms trace
    expect(search().get('window')).toBe('0.0833333-0.5');
    expect(within(breadcrumb()).getByRole('button', { name: 'postgres: INSERT orders' }).getAttribute('aria-current')).toBe('location');
    expect(within(breadcrumb()).getByRole('button', { name: 'order: POST /orders' })).toBeTruthy();
    // the page opens the same details panel as the waterfall's
    await waitFor(() => expect(screen.getByRole('complementary', { name: 'Span details' })).toBeTruthy());
    fireEvent.keyDown(target, { key: 'Escape' });
    expect(search().get('flameFocus')).toBeNull();
    expect(search().get('window')).toBeNull();
    expect(search().get('span')).toBe('00000000000000b2'); // the selection stays
  });

  it('a link with a focus opens drilled in; the aggregated mode shows the merged path', () => {
    renderAt('?view=flame&flameFocus=00000000000000e5&flameMode=aggregate');
    expect(within(breadcrumb()).getByRole('button', { name: 'payment: charge' }).getAttribute('aria-current')).toBe('location');
    expect(canvas().getAttribute('aria-label')).toMatch(/flame graph \(aggregated\)/);
    expect(screen.getByRole('button', { name: 'Aggregated' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('shares find with the waterfall: the count shows, the text stays in the URL', () => {
    const { search } = renderAt('?view=flame');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find spans' }), { target: { value: 'postgres' } });
    expect(search().get('find')).toBe('postgres');
    return waitFor(() => expect(screen.getByTestId('flame-find-count').textContent).toMatch(/of 3$/));
  });

  it('names a bad parameter from the link and keeps the rest', () => {
    renderAt('?view=flame&flameMode=3d&flameColor=errors');
    expect(screen.getByText(/Ignored from the link: flameMode "3d"/)).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Colour' }) as HTMLSelectElement).value).toBe('errors');
  });

  it('draws in one animation frame per change, and not at all when nothing it draws changed', async () => {
    renderAt('?view=flame');
    const target = canvas();
    const count = () => Number(target.getAttribute('data-draw-count') ?? 0);
    await waitFor(() => expect(count()).toBe(1));
    fireEvent.keyDown(target, { key: 'ArrowDown' }); // the keyboard frame is outlined: one redraw
    await waitFor(() => expect(count()).toBe(2));
    fireEvent.keyDown(target, { key: 'x' }); // not a flame key: nothing changes
    fireEvent.change(screen.getByRole('combobox', { name: 'Colour' }), { target: { value: 'errors' } });
    await waitFor(() => expect(count()).toBe(3));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(count()).toBe(3);
  });
});

describe('FlameView with layouts on their way from the protobuf worker', () => {
  const flameRegion = () => screen.getByRole('region', { name: 'Flame graph' });

  it('says it is laying out until the layout arrives, then draws with that layout', async () => {
    const own = testTrace();
    let arrive: (layout: FlameChartLayout | undefined) => void = () => undefined;
    expectWorkerFlameLayout(own, 'chart', new Promise((resolve) => (arrive = resolve)));
    renderTraceView(own, '?view=flame');
    expect(within(flameRegion()).getByRole('status').textContent).toContain('Laying out 5 spans');
    expect(screen.queryByRole('application', { name: /^Flame graph/ })).toBeNull();
    const fromWorker = flameChartLayout(own);
    arrive(fromWorker);
    await waitFor(() => expect(screen.getByRole('application', { name: /^Flame graph/ })).toBeTruthy());
    expect(workerFlameLayout(own, 'chart')).toBe(fromWorker);
    expect(flameChartModel(analysesOf(own)).layout).toBe(fromWorker);
  });

  it('lays the trace out itself when the worker says none is coming', async () => {
    const own = testTrace();
    let arrive: (layout: FlameChartLayout | undefined) => void = () => undefined;
    expectWorkerFlameLayout(own, 'chart', new Promise((resolve) => (arrive = resolve)));
    renderTraceView(own, '?view=flame');
    arrive(undefined);
    await waitFor(() => expect(screen.getByRole('application', { name: /^Flame graph/ })).toBeTruthy());
    expect(workerFlameLayout(own, 'chart')).toBeUndefined();
    expect(flameChartModel(analysesOf(own)).layout.frameCount).toBe(5);
  });

  it('the aggregated mode waits for the layout of its own order, and draws with it', async () => {
    const own = testTrace();
    expectWorkerFlameLayout(own, 'chart', Promise.resolve(flameChartLayout(own)));
    let arrive: (layout: FlameGraphLayout | undefined) => void = () => undefined;
    let asked = 0;
    expectWorkerFlameLayout(own, 'graph:width', new Promise((resolve) => (arrive = resolve)), () => asked++);
    expectWorkerFlameLayout(own, 'graph:name', new Promise(() => undefined));
    renderTraceView(own, '?view=flame&flameMode=aggregate&flameOrder=width');
    expect(within(flameRegion()).getByRole('status').textContent).toContain('Laying out 5 spans');
    // the view asks for it rather than waiting for the page to be idle
    expect(asked).toBeGreaterThan(0);
    const fromWorker = flameGraphLayout(own, { order: 'width' });
    arrive(fromWorker);
    await waitFor(() => expect(screen.getByRole('application', { name: /^Flame graph/ }).getAttribute('aria-label')).toMatch(/aggregated/));
    expect(flameGraphModel(analysesOf(own), 'width').layout).toBe(fromWorker);
  });

  it('the time mode does not wait for the aggregated layouts', async () => {
    const own = testTrace();
    expectWorkerFlameLayout(own, 'chart', Promise.resolve(flameChartLayout(own)));
    expectWorkerFlameLayout(own, 'graph:name', new Promise(() => undefined));
    renderTraceView(own, '?view=flame');
    await waitFor(() => expect(screen.getByRole('application', { name: /^Flame graph/ }).getAttribute('aria-label')).toMatch(/time/));
  });
});
