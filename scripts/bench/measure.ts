/**
 * A tiny benchmark harness: warm up, run N times, report median and p95.
 * Wall-clock figures belong here, never in tests (they vary with the machine).
 */
export interface Measurement {
  readonly suite: string;
  readonly name: string;
  readonly runs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly note?: string;
}

export async function measure(suite: string, name: string, fn: () => unknown, options: { runs?: number; warmup?: number; note?: string } = {}): Promise<Measurement> {
  const runs = options.runs ?? 30;
  for (let i = 0; i < (options.warmup ?? 3); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { suite, name, runs, medianMs: quantile(times, 0.5), p95Ms: quantile(times, 0.95), note: options.note };
}

/** Times one run of something too slow to repeat (building a 20,000-trace store). */
export async function once(suite: string, name: string, fn: () => unknown, note?: string): Promise<Measurement> {
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  return { suite, name, runs: 1, medianMs: ms, p95Ms: ms, note };
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (position - low);
}

export function printTable(rows: readonly Measurement[]): void {
  const fmt = (ms: number) => (Number.isNaN(ms) ? '–' : ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
  const lines = [
    ['suite', 'case', 'runs', 'median ms', 'p95 ms', 'note'],
    ...rows.map((r) => [r.suite, r.name, String(r.runs), fmt(r.medianMs), fmt(r.p95Ms), r.note ?? '']),
  ];
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
  for (const [i, line] of lines.entries()) {
    console.log(line.map((cell, c) => (c >= 2 && c <= 4 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd());
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
