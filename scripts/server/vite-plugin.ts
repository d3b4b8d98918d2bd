import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { Connect, Plugin } from 'vite';
import { createAppFront, type AppFront } from './app-front.ts';
import { securityHeaders } from './security-headers.ts';

/** Vite's own defaults: a list given in the config replaces them rather than adding to them. */
const VITE_FS_DENY = ['.env', '.env.*', '*.{crt,pem,key,p12,pfx,cer,der}', '.npmrc', '.yarnrc.yml', '**/.git/**'];

/**
 * The app front (scripts/server/app-front.ts) in `npm start` and `vite
 * preview`; preview adds the built app's security headers. `TRACERY_CONFIG`
 * names another tracery.config.json than public/'s, served and proxied alike.
 */
export function traceryServer(root: string): Plugin {
  let front: AppFront | undefined;
  const frontNow = (): AppFront => (front ??= createAppFront({ root, ...(process.env.TRACERY_CONFIG ? { configFile: process.env.TRACERY_CONFIG } : {}) }));
  const middleware =
    (theFront: AppFront): Connect.NextHandleFunction =>
    (req: IncomingMessage, res: ServerResponse, next) => {
      if (!theFront.handle(req, res)) next();
    };
  return {
    name: 'tracery-server',
    config() {
      // the secrets file is also out of the dev server's reach by its own rule, not only by the front's check
      return { server: { fs: { deny: [...VITE_FS_DENY, '**/tracery.proxy*.json', ...frontNow().secretFiles] } } };
    },
    configResolved(config) {
      // Vitest loads this config too; its runs need no word about the proxy
      if (config.command === 'serve' && !process.env.VITEST) for (const problem of frontNow().problems) config.logger.warn(`tracery: ${problem}`);
    },
    configureServer(server) {
      server.middlewares.use(middleware(frontNow()));
    },
    configurePreviewServer(server) {
      const indexHtml = readFileSync(resolve(server.config.root, server.config.build.outDir, 'index.html'), 'utf8');
      const headers = securityHeaders(indexHtml);
      server.middlewares.use((_req, res, next) => {
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        next();
      });
      server.middlewares.use(middleware(frontNow()));
    },
  };
}
