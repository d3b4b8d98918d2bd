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
  // a first visit also needs the chunk of the page it opens, and what that chunk imports statically
  const withPage = (prefix: string) => {
    const page = sizes.find((s) => s.file.startsWith(`${prefix}-`));
    if (!page) return undefined;
    const needed = staticImports(assets, page.file, new Set(initial));
    return { kb: kb(sizes.filter((s) => needed.has(s.file))), extra: [...needed].filter((f) => !initial.has(f)) };
  };
  const lazy = sizes.filter((s) => !initial.has(s.file)).sort((a, b) => b.gzipKb - a.gzipKb);
  const row = (name: string, note: string): Measurement => ({ suite: 'bundle', name, runs: 1, medianMs: Number.NaN, p95Ms: Number.NaN, note });
  const pages = (['SearchPage', 'TracePage'] as const).flatMap((prefix) => {
    const visit = withPage(prefix);
    return visit ? [row(`first visit to ${prefix === 'SearchPage' ? '/search' : '/trace/:id'} (gzip)`, `${visit.kb.toFixed(1)} KB: the shell + ${visit.extra.join(', ')} (target ≤ 250 KB)`)] : [];
  });
  return [
    row('initial JS, the shell (gzip)', `${kb(entry).toFixed(1)} KB in ${entry.map((s) => s.file).join(', ')}`),
    ...pages,
    ...lazy.map((s) => row(`lazy chunk ${s.file.replace(/-[\w-]{8}\.js$/, '')}`, `${s.gzipKb.toFixed(1)} KB gzip, loaded on demand`)),
  ];
}

/** `file` and every chunk it imports statically (`from"./x.js"`, `import"./x.js"`), added to `seen`. */
function staticImports(assets: string, file: string, seen: Set<string>): Set<string> {
  const todo = [file];
  while (todo.length > 0) {
    const next = todo.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    const code = readFileSync(join(assets, next), 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)) if (m[1]) todo.push(m[1]);
  }
  return seen;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
