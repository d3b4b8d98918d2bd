import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The built app from `distDir`: files as they are, and index.html for any other
 * path without a file extension (the SPA's routes: /search, /trace/<id>).
 * Vite's hashed files under /assets/ never change, so they may be cached for
 * good; everything else (index.html, tracery.config.json, the msw worker) is
 * revalidated.
 */
export function staticFiles(distDir: string, headers: Readonly<Record<string, string>> = {}): (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void> {
  const root = resolve(distDir);
  return async (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' }).end('405 method not allowed');
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('400 bad path');
      return;
    }
    const file = resolve(join(root, decoded));
    const inside = file === root || file.startsWith(root + sep);
    let target = inside ? await regularFile(file) : undefined;
    if (!target && inside && extname(decoded) === '') target = await regularFile(join(root, 'index.html'));
    if (!target) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 not found');
      return;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': CONTENT_TYPES[extname(target.path).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(target.size),
      'Cache-Control': decoded.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(target.path)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}

async function regularFile(path: string): Promise<{ path: string; size: number } | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}
