/**
 * `npm run build:server`: `npm run serve`'s server as one file, `dist-server/serve.js`,
 * with every package it uses bundled in, so a deployment runs `node
 * dist-server/serve.js --dist dist …` with no node_modules (deploy/Dockerfile).
 * The OTLP .proto files it reads at start-up go beside it.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const root = join(import.meta.dirname, '..');
const outDir = join(root, 'dist-server');

await build({
  root,
  configFile: false,
  publicDir: false,
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: { ssr: join(root, 'scripts/serve.ts'), outDir, emptyOutDir: true, target: 'node20', sourcemap: true },
});
cpSync(join(root, 'mocks/server/proto'), join(outDir, 'proto'), { recursive: true });
console.log(`Built ${join(outDir, 'serve.js')}: node dist-server/serve.js --dist dist --help`);
