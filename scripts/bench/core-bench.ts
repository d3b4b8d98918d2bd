import { criticalPath, findSpans, parseTraces, selfTimeNs, subtreeEnds, visibleRows, type Trace } from '../../src/core';
import { bigTrace, deepChain } from './big-trace';
import { measure, type Measurement } from './measure';

/**
 * The trace page's core work in Node, per size: JSON.parse alone (the floor for a
 * JSON trace), decode + build, critical path, self time, waterfall rows (all
 * expanded, then with the root collapsed), and an in-trace find.
 */
export async function coreBench(): Promise<Measurement[]> {
  const results: Measurement[] = [];
  const cases: [string, () => unknown][] = [
    ['1,000 spans', () => bigTrace({ spans: 1_000 })],
    ['10,000 spans', () => bigTrace({ spans: 10_000 })],
    ['100,000 spans', () => bigTrace({ spans: 100_000 })],
    ['50,000-deep chain', () => deepChain(50_000)],
    ['100,000-deep chain', () => deepChain(100_000)],
  ];
  for (const [label, make] of cases) {
    const json = JSON.stringify(make());
    const big = json.length > 10_000_000;
    const runs = big ? 5 : 15;
    const suite = `core ${label}`;
    const parse = await measure(suite, 'JSON.parse (floor)', () => JSON.parse(json), { runs, warmup: 1 });
    let trace: Trace | undefined;
    const decode = await measure(suite, 'decode + build', () => {
      trace = parseTraces(json).traces[0];
    }, { runs, warmup: 1, note: `${(json.length / 1e6).toFixed(1)} MB` });
    results.push(parse, { ...decode, note: `${decode.note}; ${(decode.medianMs / parse.medianMs).toFixed(1)}× JSON.parse` });
    if (!trace) throw new Error(`${label}: no trace`);
    const t = trace;
    results.push(await measure(suite, 'critical path', () => criticalPath(t), { runs, warmup: 1, note: `${t.spans.length.toLocaleString('en-US')} spans` }));
    results.push(await measure(suite, 'self time', () => selfTimeNs(t), { runs, warmup: 1 }));
    const ends = subtreeEnds(t);
    results.push(await measure(suite, 'waterfall rows, all expanded', () => visibleRows(t, new Set(), ends), { runs, warmup: 1 }));
    const root = t.roots[0]?.spanId ?? '';
    results.push(await measure(suite, 'rows after collapsing the root', () => visibleRows(t, new Set([root]), ends), { runs, warmup: 1 }));
    results.push(await measure(suite, 'find "payments"', () => findSpans(t, 'payments'), { runs, warmup: 1 }));
  }
  return results;
}
