import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { parseTraces, type Trace } from '../../../core';
import { withFakeLayout } from '../test-layout';
import { testTrace } from '../test-trace';
import { renderTraceView } from '../test-render';

withFakeLayout(1000, 600);

/**
 * The demo's checkout and its Kafka hand-off, as OTLP the real decoder reads (ms):
 *
 *   frontend POST /checkout        [0 ...... 270]
 *     order send orders (PRODUCER)     [100 . 101]
 *       notification process orders (CONSUMER)   [310 ...................... 3240]  error
 *         notification POST /v3/mail/send          [320 ................... 3230]   error
 *     frontend render                        [200 . 260]
 */
const T0 = 1_700_000_000_000_000_000n;
const ms = (n: number) => String(T0 + BigInt(Math.round(n * 1_000_000)));
const TRACE_ID = '5b8aa5a2d2c872e8321cf37308d69df2';
function checkoutTrace(): Trace {
  const span = (spanId: string, parentSpanId: string, name: string, kind: number, start: number, end: number, error = false) => ({
    traceId: TRACE_ID,
    spanId,
    parentSpanId,
    name,
    kind,
    startTimeUnixNano: ms(start),
    endTimeUnixNano: ms(end),
    ...(error ? { status: { code: 2, message: 'mailer 503' } } : {}),
  });
  const resource = (service: string, spans: object[]) => ({ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ spans }] });
  const otlp = {
    resourceSpans: [
      resource('frontend', [span('00000000000000a1', '', 'POST /checkout', 2, 0, 270), span('00000000000000f1', '00000000000000a1', 'render', 1, 200, 260)]),
      resource('order', [span('00000000000000b1', '00000000000000a1', 'send orders', 4, 100, 101)]),
      resource('notification', [
        span('00000000000000c1', '00000000000000b1', 'process orders', 5, 310, 3240, true),
        span('00000000000000e1', '00000000000000c1', 'POST /v3/mail/send', 3, 320, 3230, true),
      ]),
    ],
  };
  return parseTraces(JSON.stringify(otlp)).traces[0] as Trace;
}

const canvas = () => screen.getByRole('application', { name: /^Flame graph/ });
const ROW_PX = 20;

/** Sweep the pointer along a row: how many px of it name `text` in the tooltip; the pointer ends on the first of them. */
function hoverWidthPx(row: number, text: string): number {
  const y = row * ROW_PX + ROW_PX / 2;
  let px = 0;
  let first = -1;
  for (let x = 2; x < 1000; x += 4) {
    fireEvent.pointerMove(canvas(), { clientX: x, clientY: y });
    if (screen.queryByTestId('flame-tooltip')?.textContent?.includes(text)) {
      px += 4;
      if (first < 0) first = x;
    }
  }
  if (first >= 0) fireEvent.pointerMove(canvas(), { clientX: first, clientY: y });
  return px;
}

describe('the aggregated flame graph and async work', { timeout: 30_000 }, () => {
  it('gives the consumer its own stack, as wide as its time, and a caption that accounts for the whole trace', () => {
    renderTraceView(checkoutTrace(), '?view=flame&flameMode=aggregate');
    // 270 ms of request and 2.93 s of async work: the async stack takes ~92% of the width
    expect(screen.getByTestId('flame-caption').textContent).toBe('Width is total time: 270ms in the request + 2.93s in 1 async stack, across 5 spans of a 3.24s trace');
    expect(hoverWidthPx(1, 'process orders')).toBeGreaterThan(850);
    const tip = screen.getByTestId('flame-tooltip');
    expect(tip.textContent).toContain('async');
    expect(tip.textContent).toContain('consumed a message its parent produced: order send orders');
    expect(tip.textContent).toContain('Statuserror');
  });

  it('ordered by width, the keyboard reaches the async stack first', () => {
    renderTraceView(checkoutTrace(), '?view=flame&flameMode=aggregate&flameOrder=width');
    canvas().focus();
    fireEvent.keyDown(canvas(), { key: 'ArrowDown' }); // all spans
    fireEvent.keyDown(canvas(), { key: 'ArrowDown' }); // the widest stack
    expect(screen.getByTestId('flame-cursor').textContent).toBe('async: notification: process orders');
  });

  it('find reaches into the async stack: Enter selects the mail call, drawn at its real width', async () => {
    renderTraceView(checkoutTrace(), '?view=flame&flameMode=aggregate&find=v3%2Fmail%2Fsend');
    await waitFor(() => expect(screen.getByTestId('flame-find-count').textContent).toMatch(/of 1$/));
    fireEvent.keyDown(screen.getByRole('searchbox', { name: 'Find spans' }), { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('flame-find-count').textContent).toBe('1 of 1'));
    expect(hoverWidthPx(2, 'POST /v3/mail/send')).toBeGreaterThan(800);
  });

  it('says a span without a status is "unset", as span details do, not "ok"', () => {
    renderTraceView(checkoutTrace(), '?view=flame&flameMode=aggregate');
    expect(hoverWidthPx(1, 'POST /checkout')).toBeGreaterThan(0);
    expect(screen.getByTestId('flame-tooltip').textContent).toContain('Statusunset');
  });
});

describe('a link to a span in the flame view', { timeout: 30_000 }, () => {
  //  the producer is 1 ms of 3.24 s: a third of a pixel unless the view zooms to it
  it.each([
    ['time', '', 1],
    ['aggregated', '&flameMode=aggregate', 2],
  ])('%s mode: shows the span named by the link, zoomed to be readable', (_mode, params, row) => {
    renderTraceView(checkoutTrace(), `?view=flame&span=00000000000000b1${params}`);
    expect(hoverWidthPx(row, 'send orders')).toBeGreaterThanOrEqual(24);
  });
});

describe('the flame tab\'s controls', () => {
  it.each([
    ['time', ''],
    ['aggregated', '&flameMode=aggregate'],
  ])('%s mode: one Reset zoom and one critical path key', (_mode, params) => {
    renderTraceView(testTrace(), `?view=flame${params}`);
    expect(screen.getAllByRole('button', { name: 'Reset zoom' })).toHaveLength(1);
    // the legends' keys: a text of its own, unlike "Dim off the critical path"
    const keys = Array.from(document.querySelectorAll('span')).filter((el) => Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim() === 'critical path'));
    expect(keys).toHaveLength(1);
  });

  it('time mode: the overview\'s Reset zoom also leaves the frame drilled into', () => {
    const { search } = renderTraceView(testTrace(), '?view=flame&flameFocus=00000000000000b2&window=0.0833333-0.5');
    fireEvent.click(screen.getByRole('button', { name: 'Reset zoom' }));
    expect(search().get('window')).toBeNull();
    expect(search().get('flameFocus')).toBeNull();
  });
});
