import { parseTraces, type Trace } from '../../core';

/**
 * A small OTLP trace for the trace page's component tests, decoded by the real decoder:
 *
 *   a1 order      POST /orders          0–100 ms
 *   ├ c3 postgres GET cart              5–8 ms
 *   └ b2 postgres INSERT orders        10–60 ms  error "deadlock detected", exception event, link → c3 and → another trace
 *     └ e5 payment charge             20–40 ms  attributes of every type
 *   d4 postgres   late retry           90–120 ms  orphan (parent ff is missing)
 */
export const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
export const OTHER_TRACE_ID = '11111111111111111111111111111111';
const T0 = 1_700_000_000_000_000_000n;
const ms = (n: number) => String(T0 + BigInt(n) * 1_000_000n);
const resource = (service: string) => ({ attributes: [{ key: 'service.name', value: { stringValue: service } }, { key: 'host.name', value: { stringValue: 'node-7' } }] });
const span = (spanId: string, parentSpanId: string, name: string, start: number, end: number, extra: object = {}) => ({
  traceId: TRACE_ID,
  spanId,
  parentSpanId,
  name,
  kind: 2,
  startTimeUnixNano: ms(start),
  endTimeUnixNano: ms(end),
  ...extra,
});

export const otlp = {
  resourceSpans: [
    { resource: resource('order'), scopeSpans: [{ scope: { name: 'io.opentelemetry.http', version: '1.2.0' }, spans: [span('00000000000000a1', '', 'POST /orders', 0, 100)] }] },
    {
      resource: resource('postgres'),
      scopeSpans: [
        {
          spans: [
            span('00000000000000b2', '00000000000000a1', 'INSERT orders', 10, 60, {
              status: { code: 2, message: 'deadlock detected' },
              events: [{ timeUnixNano: ms(50), name: 'exception', attributes: [{ key: 'exception.message', value: { stringValue: 'deadlock detected' } }] }],
              links: [
                { traceId: TRACE_ID, spanId: '00000000000000c3', attributes: [{ key: 'link.reason', value: { stringValue: 'retry of' } }] },
                { traceId: OTHER_TRACE_ID, spanId: '2222222222222222' },
              ],
            }),
            span('00000000000000c3', '00000000000000a1', 'GET cart', 5, 8),
            span('00000000000000d4', '00000000000000ff', 'late retry', 90, 120),
          ],
        },
      ],
    },
    {
      resource: resource('payment'),
      scopeSpans: [
        {
          spans: [
            span('00000000000000e5', '00000000000000b2', 'charge', 20, 40, {
              attributes: [
                { key: 'http.url', value: { stringValue: 'https://pay.example/charge?id=1' } },
                { key: 'evil.url', value: { stringValue: 'javascript:alert(1)' } },
                { key: 'request.body', value: { stringValue: '{"amount":12,"items":[1,2]}' } },
                { key: 'retries', value: { intValue: '9007199254740993' } },
                { key: 'ratio', value: { doubleValue: 0.25 } },
                { key: 'cached', value: { boolValue: false } },
                { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } } },
                { key: 'card', value: { kvlistValue: { values: [{ key: 'brand', value: { stringValue: 'visa' } }] } } },
                { key: 'note', value: { stringValue: 'x'.repeat(500) } },
              ],
            }),
          ],
        },
      ],
    },
  ],
};

export function testTrace(): Trace {
  const trace = parseTraces(JSON.stringify(otlp)).traces[0];
  if (!trace) throw new Error('the test trace did not decode');
  return trace;
}
