import { execSync } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startLocalServer } from '../../mocks/server';
import type { OtlpTracesData } from '../../src/core';
import { bigTrace, toJsonLines } from './big-trace';
import type { Measurement } from './measure';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

const DIST = 'node_modules/.cache/tracery-bench';

/**
 * The trace page in Chromium on big traces: the built app and `npm run serve`'s
 * server in this process (loopback), the trace sent in over OTLP/HTTP like any
 * exporter would, then a fresh page per run. Figures: navigation → first waterfall
 * rows painted, collapse and expand of the root (click → the frame after the DOM shows it), frame
 * times while scrolling the waterfall, and the JS heap after load.
 */
export async function browserBench(): Promise<Measurement[]> {
  execSync(`npx vite build --outDir ${DIST} --emptyOutDir --logLevel error`, { stdio: 'inherit' });
  const server = await startLocalServer({ port: 0, otlpPort: false, distDir: DIST, limits: { maxSpans: 3_000_000 }, maxBodyBytes: 512 * 1024 * 1024 });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  const results: Measurement[] = [];
  try {
    // BENCH_SPANS=100000 runs one size only (while working on it)
    const only = Number(process.env.BENCH_SPANS ?? Number.NaN);
    const sizes = ([[10_000, 21, 3], [100_000, 22, 3], [1_000_000, 1, 2]] as const).filter(([spans]) => Number.isNaN(only) || spans === only);
    for (const [spans, seed, runs] of sizes) {
      const label = `${spans.toLocaleString('en-US')} spans`;
      const suite = `chromium ${label}`;
      const traceId = await ingest(server.url, bigTrace({ spans, seed }));
      // the server's first answer writes the trace (seconds at 1,000,000 spans); it keeps the
      // bytes, so the page figures below measure the app, not the server's writer
      const cold = Date.now();
      const answer = await fetch(`${server.url}/local/tempo/api/v2/traces/${traceId}`, { headers: { Accept: 'application/protobuf' } });
      const bytes = (await answer.arrayBuffer()).byteLength;
      const coldMs = Date.now() - cold;
      results.push({ suite, name: 'server: first trace-by-id answer (cold)', runs: 1, medianMs: coldMs, p95Ms: coldMs, note: `${(bytes / 1e6).toFixed(1)} MB protobuf (${answer.headers.get('Content-Type') ?? '?'})` });
      results.push(await browserFetchFloor(browser, server.url, `/local/tempo/api/v2/traces/${traceId}`, label));
      results.push(...(await tracePage(browser, `${server.url}/trace/${traceId}?source=local-server`, label, runs)));
      results.push(...(await flamePage(browser, `${server.url}/trace/${traceId}?source=local-server&view=flame`, label, runs)));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return results;
}

/**
 * The floor under "request → bytes received": the same answer fetched by a bare page
 * (no app, nothing decoding), read whole with arrayBuffer(), as Chromium here receives it.
 */
async function browserFetchFloor(browser: Browser, origin: string, path: string, label: string): Promise<Measurement> {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/favicon.svg`);
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      times.push(
        await page.evaluate<number>(`(async () => {
          const started = performance.now();
          const response = await fetch(${JSON.stringify(path)}, { headers: { Accept: 'application/protobuf' } });
          await response.arrayBuffer();
          return performance.now() - started;
        })()`),
      );
    }
    times.sort((a, b) => a - b);
    return { suite: `chromium ${label}`, name: 'floor: the browser fetches the answer, nothing else', runs: 3, medianMs: times[1] ?? Number.NaN, p95Ms: times[2] ?? Number.NaN, note: 'a bare page, arrayBuffer()' };
  } finally {
    await page.close();
  }
}

/** Send a trace in over OTLP/HTTP in requests of at most 50,000 spans (one JSON document of a million spans cannot exist), as an exporter's batches would. */
async function ingest(serverUrl: string, data: OtlpTracesData): Promise<string> {
  const traceId = data.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.traceId ?? '';
  for (const line of toJsonLines(data, 50_000)) {
    const response = await fetch(`${serverUrl}/v1/traces`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: line });
    if (!response.ok) throw new Error(`ingest: HTTP ${response.status} ${await response.text()}`);
  }
  return traceId;
}

async function tracePage(browser: Browser, url: string, label: string, runs: number): Promise<Measurement[]> {
  const suite = `chromium ${label}`;
  const firstRows: number[] = [];
  const firstRowsPage: number[] = [];
  const firstProgress: number[] = [];
  const steps: Record<string, number[]> = {};
  const collapse: number[] = [];
  const expand: number[] = [];
  const heaps: number[] = [];
  let frames: number[] = [];
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.addInitScript(PAGE_CLOCK);
    const started = Date.now();
    await page.goto(url);
    await page.getByRole('row').nth(5).waitFor({ timeout: 300_000 });
    firstRows.push(Date.now() - started);
    await page.waitForFunction('window.__rowsShownAt !== undefined', undefined, { timeout: 60_000 });
    firstRowsPage.push(await page.evaluate<number>('window.__rowsShownAt ?? NaN'));
    const shownAt = await page.evaluate<number | null>('window.__progressShownAt ?? null');
    if (shownAt !== null) firstProgress.push(shownAt);
    // where the time went, from the app's performance marks (page clock, ms after navigation start)
    const marks = await page.evaluate<Record<string, number>>(
      `Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('tracery:')).map((m) => [m.name.slice(8), m.startTime]).concat([['rows', window.__rowsShownAt ?? NaN]]))`,
    );
    for (const [step, from, to] of LOAD_STEPS) (steps[step] ??= []).push((marks[to] ?? Number.NaN) - (from === 'navigation' ? 0 : (marks[from] ?? Number.NaN)));

    collapse.push(await toggleRootInPage(page, 'Collapse', '[data-testid="hidden-count"]'));
    expand.push(await toggleRootInPage(page, 'Expand', '[role="treegrid"] button[aria-label^="Collapse "]'));

    frames = await scrollFrameTimes(page);
    const session = await page.context().newCDPSession(page);
    await session.send('Performance.enable');
    const { metrics } = await session.send('Performance.getMetrics');
    heaps.push((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20);
    await page.close();
  }
  return [
    stat(suite, 'navigation → first waterfall rows', firstRowsPage.filter(Number.isFinite), 'page clock: navigation start → the frame that paints them'),
    stat(suite, '  (the same, seen from Playwright)', firstRows, 'goto → locator: adds the tab start and polling'),
    ...(firstProgress.length > 0 ? [stat(suite, 'navigation → load progress shown', firstProgress, `${firstProgress.length} of ${runs} loads showed progress`)] : []),
    ...LOAD_STEPS.map(([step]) => stat(suite, `  load step: ${step}`, (steps[step] ?? []).filter(Number.isFinite))),
    stat(suite, 'collapse the root', collapse),
    stat(suite, 'expand the root', expand),
    stat(suite, 'frame time scrolling the waterfall', frames, `${frames.length} frames`),
    { suite, name: 'JS heap after load (MB)', runs, medianMs: heaps.sort((a, b) => a - b)[Math.floor((heaps.length - 1) / 2)] ?? Number.NaN, p95Ms: Math.max(...heaps), note: 'MB, not ms' },
  ];
}

/**
 * Milestones of a load in the page's own clock (ms after navigation start): when the
 * progress line first shows, when the waterfall's first rows and the flame canvas's
 * first drawing are on screen. "On screen" is the end of the frame that paints them:
 * rows reach the DOM in one task and are painted in the next frame, a canvas draws
 * in an animation frame whose other callbacks (the overview strip's) still run
 * before the paint; a task posted then runs once that frame is done. Polling from
 * Node would add its interval and the tab's start-up.
 */
const PAGE_CLOCK = `(() => {
  const afterFrame = (record) => { const channel = new MessageChannel(); channel.port1.onmessage = () => record(performance.now()); channel.port2.postMessage(0); };
  const observer = new MutationObserver(() => {
    if (window.__progressShownAt === undefined && document.querySelector('[data-testid="trace-load-progress"]')) window.__progressShownAt = performance.now();
    if (window.__rowsInDomAt === undefined && document.querySelectorAll('[role="row"]').length > 5) {
      window.__rowsInDomAt = performance.now();
      requestAnimationFrame(() => afterFrame((at) => { window.__rowsShownAt = at; }));
    }
    if (window.__flameDrawStartedAt === undefined && Number(document.querySelector('canvas[data-draw-count]')?.dataset.drawCount ?? 0) > 0) {
      window.__flameDrawStartedAt = performance.now();
      afterFrame((at) => { window.__flameDrawnAt = at; });
    }
    // a page measures one view: its milestone ends the watching (which would cost the collapse and scroll figures)
    if ((location.search.includes('view=flame') ? window.__flameDrawStartedAt : window.__rowsInDomAt) !== undefined) observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-draw-count', 'data-testid'] });
})()`;

/** A load's steps between the app's performance marks: [label, from mark, to mark]. */
const LOAD_STEPS: readonly (readonly [string, string, string])[] = [
  ['navigation → trace request', 'navigation', 'trace-request'],
  ['request → bytes received', 'trace-request', 'bytes-received'],
  ['worker decode (bytes → columns)', 'bytes-received', 'columns-received'],
  ['page builds spans (columns → trace)', 'columns-received', 'trace-built'],
  ['analyses + first render (trace → rows)', 'trace-built', 'rows'],
];

/** The flame view: navigation → first canvas paint, and frame times while zooming and panning with the wheel and a drag. */
async function flamePage(browser: Browser, url: string, label: string, runs: number): Promise<Measurement[]> {
  const suite = `chromium ${label}`;
  const firstPaint: number[] = [];
  const workerLayout: number[] = [];
  const toAggregated: number[] = [];
  let frames: number[] = [];
  let draws: number[] = [];
  let busy: number[] = [];
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.addInitScript(PAGE_CLOCK);
    await page.goto(url);
    const canvas = page.getByRole('application', { name: /^Flame graph/ });
    await canvas.waitFor({ timeout: 300_000 });
    await page.waitForFunction('window.__flameDrawnAt !== undefined', undefined, { timeout: 300_000 });
    firstPaint.push(await page.evaluate<number>('window.__flameDrawnAt ?? NaN'));
    // the worker's time-mode layout: from the columns leaving it to its layout arriving (off the page's thread)
    workerLayout.push(await page.evaluate<number>(`(() => { const at = (name) => performance.getEntriesByName('tracery:' + name)[0]?.startTime ?? NaN; return at('flame-chart-received') - at('columns-received'); })()`));
    const box = await canvas.boundingBox();
    if (box && run === 0) ({ frames, draws, busy } = await zoomAndPan(page, box));
    toAggregated.push(await switchToAggregated(page));
    await page.close();
  }
  return [
    stat(suite, 'flame: navigation → first paint', firstPaint, 'page clock: navigation start → the frame of the first draw'),
    stat(suite, 'flame: worker lays out the time mode', workerLayout.filter(Number.isFinite), 'columns sent → layout received, while the page builds its spans'),
    stat(suite, 'flame: switch to the aggregated mode', toAggregated, 'click → the frame after the draw (layout from the worker)'),
    stat(suite, 'flame: frame time zooming and panning', frames, `${frames.length} frames`),
    stat(suite, 'flame: draw time per frame zooming and panning', draws, `${draws.length} draws`),
    stat(suite, 'flame: frame work zooming and panning', busy, `${busy.length} frames that drew: frame start → main thread free`),
  ];
}

/** Click "Aggregated" inside the page and time it to the frame after the canvas drew the new mode. */
async function switchToAggregated(page: Page): Promise<number> {
  return page.evaluate<number>(`(async () => {
    const canvas = document.querySelector('canvas[data-draw-count]');
    const before = canvas?.dataset.drawCount;
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Aggregated');
    if (!button) throw new Error('no Aggregated button');
    const started = performance.now();
    button.click();
    await new Promise((resolve) => {
      const check = () => {
        const now = document.querySelector('canvas[data-draw-count]');
        if (now && (now !== canvas || now.dataset.drawCount !== before)) requestAnimationFrame(() => resolve());
        else requestAnimationFrame(check);
      };
      check();
    });
    return performance.now() - started;
  })()`);
}

function stat(suite: string, name: string, values: number[], note?: string): Measurement {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * q))] ?? Number.NaN;
  return { suite, name, runs: values.length, medianMs: at(0.5), p95Ms: at(0.95), ...(note !== undefined ? { note } : {}) };
}

/** The scripted gesture on the flame canvas: 20 wheel steps in, 20 out, then a drag pan; the frame gaps and draw costs meanwhile. */
async function zoomAndPan(page: Page, box: { x: number; y: number; width: number }): Promise<{ frames: number[]; draws: number[]; busy: number[] }> {
  await startFrameRecording(page);
  await page.mouse.move(box.x + box.width / 2, box.y + 60);
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, i < 20 ? -240 : 240);
    await page.waitForTimeout(25);
  }
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 4, box.y + 60, { steps: 30 });
  await page.mouse.up();
  const frames = await stopFrameRecording(page);
  // the work of the frames that drew (see startFrameRecording): a draw seen at frame i ran
  // in frame i or i - 1 (the app's callback and the recorder's share a frame in either order)
  const busy = await page.evaluate<number[]>(`window.__drawFrames.map((i) => Math.max(window.__busy[i] ?? 0, window.__busy[i - 1] ?? 0))`);
  return { frames, draws: await recordedDraws(page), busy };
}

/** Scroll the waterfall for ~2 s with the wheel and collect the gaps between animation frames. */
async function scrollFrameTimes(page: Page): Promise<number[]> {
  const grid = page.getByRole('treegrid');
  const box = await grid.boundingBox();
  if (!box) return [];
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await startFrameRecording(page);
  for (let i = 0; i < 60; i++) {
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(30);
  }
  return stopFrameRecording(page);
}

/**
 * Click the root row's caret inside the page and time it to the first frame after the
 * DOM shows the result: the app's own cost, without Playwright's round trips and
 * actionability checks (40-100 ms of each click measured from Node).
 */
async function toggleRootInPage(page: Page, action: 'Collapse' | 'Expand', doneSelector: string): Promise<number> {
  return page.evaluate<number>(`(async () => {
    const caret = document.querySelector('[role="treegrid"] button[aria-label^="${action} "]');
    if (!caret) throw new Error('no ${action} caret in the waterfall');
    const started = performance.now();
    caret.click();
    await new Promise((resolve) => {
      const check = () => (document.querySelector('${doneSelector}') ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(check));
      check();
    });
    return performance.now() - started;
  })()`);
}

/**
 * Collect the gaps between animation frames from now on, and each frame's work: from
 * the frame's start (the rAF timestamp; input, animation callbacks, style, layout and
 * paint all run after it) to the first task after the frame, when the main thread is
 * free again. The gaps are held to the display's refresh (16.7 ms whenever a frame fits
 * in one), so the work is what says how much room a frame had.
 */
async function startFrameRecording(page: Page): Promise<void> {
  // a string, not a function: tsx's transform would inject helpers the page lacks
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__draws = [];
    window.__drawFrames = [];
    window.__busy = [];
    window.__recording = true;
    const channel = new MessageChannel();
    const starts = [];
    channel.port1.onmessage = (event) => { window.__busy[event.data] = performance.now() - starts[event.data]; };
    let last = performance.now();
    let lastCount = '';
    const tick = (now) => {
      starts[window.__frames.length] = now;
      channel.port2.postMessage(window.__frames.length);
      window.__frames.push(now - last);
      last = now;
      // the flame canvas leaves each draw's cost on itself
      const canvas = document.querySelector('canvas[data-draw-ms]');
      if (canvas && canvas.dataset.drawCount !== lastCount) {
        lastCount = canvas.dataset.drawCount;
        window.__draws.push(Number(canvas.dataset.drawMs));
        window.__drawFrames.push(window.__frames.length - 1);
      }
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

async function stopFrameRecording(page: Page): Promise<number[]> {
  return page.evaluate<number[]>(`(() => {
    window.__recording = false;
    return window.__frames.slice(1);
  })()`);
}

/** The flame draws' own costs (ms) seen while recording: the work inside each frame, not the refresh interval. */
async function recordedDraws(page: Page): Promise<number[]> {
  return page.evaluate<number[]>(`window.__draws.slice(1)`);
}
