import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Measurement } from './measure';

const DIST = 'node_modules/.cache/tracery-bundle';

/**
 * Gzip size of the JavaScript a first visit downloads before the app can draw:
 * the entry script index.html names and the chunks it preloads. Every other chunk
 * loads on demand (the demo backend with msw, the trace-file worker, …) and is
 * listed on its own, so a change that drags one into the entry shows here.
 */
export function bundleBench(): Measurement[] {
  execSync(`npx vite build --outDir ${DIST} --emptyOutDir --logLevel error`, { stdio: 'inherit' });
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const initial = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) initial.add(baseName(m[1] ?? ''));
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) initial.add(baseName(m[1] ?? ''));
  const assets = join(DIST, 'assets');
  const sizes = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((file) => ({ file, gzipKb: gzipSync(readFileSync(join(assets, file))).length / 1024 }));
  const kb = (list: typeof sizes) => list.reduce((sum, s) => sum + s.gzipKb, 0);
  const entry = sizes.filter((s) => initial.has(s.file));
  const lazy = sizes.filter((s) => !initial.has(s.file)).sort((a, b) => b.gzipKb - a.gzipKb);
  const row = (name: string, note: string): Measurement => ({ suite: 'bundle', name, runs: 1, medianMs: Number.NaN, p95Ms: Number.NaN, note });
  return [
    row('initial JS (gzip)', `${kb(entry).toFixed(1)} KB in ${entry.map((s) => s.file).join(', ')} (target ≤ 250 KB)`),
    ...lazy.map((s) => row(`lazy chunk ${s.file.replace(/-[\w-]{8}\.js$/, '')}`, `${s.gzipKb.toFixed(1)} KB gzip, loaded on demand`)),
  ];
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
