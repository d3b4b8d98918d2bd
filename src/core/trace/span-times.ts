import type { Trace } from '../model/trace';

/**
 * Every span's start and end (ns from the trace's start) as typed arrays indexed like
 * `trace.spans`. The analyses that sweep all spans (critical path, self time, async
 * tails) read times from these rather than from 100,000 span objects spread over the
 * heap; a trace made from protobuf columns already has them, so they cost nothing there.
 */
export interface SpanTimes {
  readonly startNs: Float64Array;
  readonly endNs: Float64Array;
}

const cache = new WeakMap<Trace, SpanTimes>();

/** The trace's span times, made once per trace object (a trace does not change once built). */
export function spanTimes(trace: Trace): SpanTimes {
  let found = cache.get(trace);
  if (!found) {
    const n = trace.spans.length;
    const startNs = new Float64Array(n);
    const endNs = new Float64Array(n);
    trace.spans.forEach((span, i) => {
      startNs[i] = span.startNs;
      endNs[i] = span.endNs;
    });
    found = { startNs, endNs };
    cache.set(trace, found);
  }
  return found;
}

/** For traceFromColumns: the columns' own time arrays are the trace's span times (only read, never written). */
export function rememberSpanTimes(trace: Trace, times: SpanTimes): void {
  cache.set(trace, times);
}
