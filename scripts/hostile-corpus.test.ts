import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  adjustClockSkew,
  criticalPath,
  encodeOtlpJson,
  findSpans,
  flameChartLayout,
  flameGraphLayout,
  parseTraces,
  selfTimeNs,
  spanWithId,
  serviceGraph,
  serviceMapLayout,
  traceStats,
  visibleRows,
} from '../src/core';
import { writeHostileCorpus, type HostileCase } from './hostile-corpus';

// The core survives every hostile file in Node: it decodes to the spans the manifest
// promises, with the warnings it promises, and every analysis and layout the trace
// page runs finishes without a stack overflow (the 100,000-deep chain included).
// What the browser shows is e2e/hostile-input.spec.ts's job.
const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
const cases = writeHostileCorpus(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the hostile corpus through core', () => {
  it('writes one file per case and a manifest naming them', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { cases: HostileCase[] };
    expect(manifest.cases.map((c) => c.file)).toEqual(cases.map((c) => c.file));
    expect(new Set(cases.map((c) => c.traceId)).size).toBe(cases.length);
  });

  it('is deterministic: writing it again gives the same bytes', () => {
    const again = mkdtempSync(join(tmpdir(), 'hostile-again-'));
    try {
      writeHostileCorpus(again);
      for (const c of cases) expect(readFileSync(join(again, c.file), 'utf8') === readFileSync(join(dir, c.file), 'utf8'), c.file).toBe(true);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  }, 60_000);

  it.each(cases.map((c) => [c.file, c] as const))('%s: decodes, builds and analyses', (_, c) => {
    const { traces } = parseTraces(readFileSync(join(dir, c.file), 'utf8'));
    expect(traces).toHaveLength(1);
    const trace = traces[0]!;
    expect(trace.traceId).toBe(c.traceId);
    expect(trace.spans).toHaveLength(c.spanCount);
    expect(trace.indexById.has(c.probeSpanId)).toBe(true);
    for (const expected of c.expectWarnings) expect(trace.warnings.some((w) => w.includes(expected)), `a warning containing "${expected}"`).toBe(true);
    if (c.expectWarnings.length === 0) expect(trace.warnings).toEqual([]);

    // what the trace page computes, each of which walks the tree or the attributes
    expect(criticalPath(trace).segments.length).toBeGreaterThan(0);
    expect(selfTimeNs(trace)).toHaveLength(c.spanCount);
    adjustClockSkew(trace);
    expect(visibleRows(trace, new Set())).toHaveLength(c.spanCount);
    expect(flameChartLayout(trace).frameCount).toBe(c.spanCount);
    flameGraphLayout(trace);
    expect(traceStats(trace, 'service+operation').length).toBeGreaterThan(0);
    traceStats(trace, { attribute: 'http.request.header.authorization' });
    const graph = serviceGraph(trace);
    const index = new Map(graph.nodes.map((n, i) => [`${n.virtual ? 'v:' : ''}${n.service}`, i]));
    serviceMapLayout(
      graph.nodes.map((n) => ({ title: n.service, detail: '', discPx: 10 })),
      graph.edges.map((e) => ({ from: index.get(e.from) ?? 0, to: index.get(e.to) ?? 0 })),
      (text) => ({ width: text.length * 7, height: 14 }),
    );
    findSpans(trace, 'onerror');
    findSpans(trace, 'deep=x');
    expect(encodeOtlpJson([trace]).length).toBeGreaterThan(0);
    if (c.file === 'worst-span.json' || c.file === 'ten-thousand-attributes.json') expect(spanWithId(trace, c.probeSpanId)?.attributes).toHaveLength(10_000);
    if (c.file === 'deep-chain-100k.json') {
      // one path, 100,000 levels deep
      expect(trace.roots).toHaveLength(1);
      expect(spanWithId(trace, c.probeSpanId)?.depth).toBe(99_999);
    }
  }, 120_000);
});
