import { alignedRange, decodeTraces, redFromTraces, systemGraphFromTraces, type Trace } from '../../src/core';
import { DEMO_SEED } from '../../mocks/demo-store';
import { demoBatches } from '../../mocks/generator';
import { measure, type Measurement } from './measure';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const TARGET_MS = 300;
const SAMPLE = 2_000;

export async function metricsBench(): Promise<Measurement[]> {
  const decoded: Trace[] = [];
  for (const batch of demoBatches({ seed: DEMO_SEED, now: NOW, traceCount: SAMPLE, windowMs: 3_600_000, nightlyBatch: false })) {
    if (batch.traces) decoded.push(...decodeTraces(batch.traces).traces);
  }
  const traces = decoded.slice(0, SAMPLE);
  const spans = traces.reduce((sum, t) => sum + t.spans.length, 0);
  const range = alignedRange(NOW - 3_600_000, NOW);
  const suite = `core ${traces.length.toLocaleString('en-US')} traces (${spans.toLocaleString('en-US')} spans)`;
  const beside = (m: Measurement): Measurement => ({ ...m, note: `target ≤ ${TARGET_MS} ms for all three together` });
  return [
    beside(await measure(suite, 'redFromTraces: root spans by service', () => redFromTraces(traces, { range, scope: 'root', groupBy: 'service' }), { runs: 15, warmup: 2 })),
    beside(await measure(suite, 'redFromTraces: all spans by operation', () => redFromTraces(traces, { range, scope: 'all', groupBy: 'operation' }), { runs: 15, warmup: 2 })),
    beside(await measure(suite, 'systemGraphFromTraces', () => systemGraphFromTraces(traces, range), { runs: 15, warmup: 2 })),
  ];
}
