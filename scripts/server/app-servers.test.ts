/**
 * The three servers that serve Tracery's app — the dev server (`npm start`),
 * `vite preview` and `npm run serve` — started for real, with a secrets file
 * and two upstream servers, and asked what an attacker would ask.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer as createViteServer, preview as vitePreview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer } from '../../mocks/server';
import { createAppFront } from './app-front';
import { securityHeaders } from './security-headers';

const ROOT = resolve(import.meta.dirname, '../..');
const SECRET = 'Bearer SECRET-b7f1c0de';
const PROD_SECRET = 'tenant-prod-4e2a';
const ENV_SECRET = 'env-token-91aa';
/** in the project root on purpose: where the dev server would serve it from (a unique name, git-ignored by its pattern) */
const SECRETS_FILE = join(ROOT, `tracery.proxy.test-${process.pid}.local.json`);
const work = mkdtempSync(join(tmpdir(), 'tracery-servers-'));

interface Seen {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}
/** An upstream that answers what it received. */
async function echoServer(name: string): Promise<{ url: string; server: Server }> {
  const server = createHttpServer((req, res) => {
    const seen: Seen & { name: string } = { name, path: req.url ?? '', headers: req.headers };
    res.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': 'upstream=1' }).end(JSON.stringify(seen));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

interface Started {
  readonly url: string;
  close(): Promise<void>;
}
const starters: Record<string, () => Promise<Started>> = {
  'the dev server (npm start)': async () => {
    const server = await createViteServer({ configFile: join(ROOT, 'vite.config.ts'), root: ROOT, logLevel: 'silent', server: { port: 0, host: '127.0.0.1' } });
    await server.listen();
    const { port } = server.httpServer!.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
  },
  'vite preview': async () => {
    const server = await vitePreview({ configFile: join(ROOT, 'vite.config.ts'), root: ROOT, logLevel: 'silent', build: { outDir: distDir }, preview: { port: 0, host: '127.0.0.1' } });
    const { port } = server.httpServer.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
  },
  'npm run serve': async () => {
    const front = createAppFront({ root: ROOT, configFile: configPath, keepSource: (source) => source.demo !== true, allowedHosts: [] });
    const server = await startLocalServer({ port: 0, otlpPort: false, distDir, front: (req, res) => front.handle(req, res), appHeaders: securityHeaders(INDEX_HTML) });
    return { url: server.url, close: () => server.close() };
  },
};

const INDEX_HTML = '<!doctype html><html><body><div id="root"></div><script>document.title = "x";</script><script type="module" src="/assets/app.js"></script></body></html>';
const distDir = join(work, 'dist');
const configPath = join(work, 'tracery.config.json');
let upstreams: { t: { url: string; server: Server }; prod: { url: string; server: Server }; loki: { url: string; server: Server } };
const savedEnv = { ...process.env };

beforeAll(async () => {
  upstreams = { t: await echoServer('t'), prod: await echoServer('t-prod'), loki: await echoServer('loki') };
  mkdirSync(join(distDir, 'assets'), { recursive: true });
  writeFileSync(join(distDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(distDir, 'assets', 'app.js'), 'export {};');
  writeFileSync(
    configPath,
    JSON.stringify({
      dataSources: [
        { id: 't', name: 'T', kind: 'tempo', url: upstreams.t.url, logs: { kind: 'loki', url: upstreams.loki.url } },
        { id: 't-prod', name: 'T prod', kind: 'tempo', url: `${upstreams.prod.url}/base/` },
        { id: 'demo', name: 'Demo', kind: 'tempo', url: '/demo/tempo', demo: true },
      ],
    }),
  );
  writeFileSync(SECRETS_FILE, JSON.stringify({ t: { headers: { Authorization: SECRET } }, 't-prod': { headers: { 'X-Scope-OrgID': PROD_SECRET } } }));
  process.env.TRACERY_PROXY_FILE = SECRETS_FILE;
  process.env.TRACERY_CONFIG = configPath;
  process.env.TRACERY_PROXY_HEADERS_T_LOGS = JSON.stringify({ 'X-Scope-OrgID': ENV_SECRET });
});

afterAll(async () => {
  rmSync(SECRETS_FILE, { force: true });
  rmSync(work, { recursive: true, force: true });
  process.env = savedEnv;
  await Promise.all(Object.values(upstreams).map(({ server }) => new Promise((done) => server.close(done))));
});

describe.each(Object.keys(starters))('%s', (name) => {
  let server: Started;
  beforeAll(async () => {
    server = await starters[name]!();
  }, 60_000);
  afterAll(() => server.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers, redirect: 'manual' });

  it('answers no spelling of the secrets file’s path with its contents', async () => {
    const name = SECRETS_FILE.slice(ROOT.length + 1);
    const paths = [
      `/${name}`,
      `/${name}?raw`,
      `/${name}?import`,
      `/${name}?url`,
      `/${name}?inline`,
      `/${name}?raw&import`,
      `/@fs${SECRETS_FILE}`,
      `/@fs${SECRETS_FILE}?raw`,
      `/@fs${SECRETS_FILE}?import`,
      `//@fs${SECRETS_FILE}?raw`,
      `/%2F${name}?raw`,
      `/${encodeURIComponent(name).replace('t', '%74')}?raw`,
      `/./${name}?raw`,
      `/src/../${name}?raw`,
      `/@id/${name}`,
    ];
    for (const path of paths) {
      const response = await get(path);
      const body = await response.text();
      expect(body, `${path} answered ${response.status}`).not.toContain('SECRET-b7f1c0de');
      expect(body, path).not.toContain(PROD_SECRET);
    }
  });

  it('sends a request to exactly the source whose id is the whole path segment, with that source’s headers', async () => {
    const prod = (await (await get('/proxy/t-prod/api/search?tags=a%3Db', { Cookie: 'session=tracery' })).json()) as Seen & { name: string };
    expect(prod.name).toBe('t-prod');
    expect(prod.path).toBe('/base/api/search?tags=a%3Db');
    expect(prod.headers['x-scope-orgid']).toBe(PROD_SECRET);
    expect(prod.headers.authorization).toBeUndefined();
    expect(prod.headers.cookie).toBeUndefined();

    const t = await get('/proxy/t/api/echo');
    expect(t.headers.get('set-cookie')).toBeNull();
    const tSeen = (await t.json()) as Seen & { name: string };
    expect(tSeen).toMatchObject({ name: 't', path: '/api/echo' });
    expect(tSeen.headers.authorization).toBe(SECRET);

    const logs = (await (await get('/proxy-logs/t/loki/api/v1/query_range?query=x')).json()) as Seen & { name: string };
    expect(logs).toMatchObject({ name: 'loki', path: '/loki/api/v1/query_range?query=x' });
    expect(logs.headers['x-scope-orgid']).toBe(ENV_SECRET);
  });

  it('answers an id that is only a prefix of a source’s with 404 and a JSON error naming it', async () => {
    for (const [path, id] of [
      ['/proxy/txyz', 'txyz'],
      ['/proxy/txyz/api/search', 'txyz'],
      ['/proxy/t-prodx/api/search', 't-prodx'],
      ['/proxy-logs/t-prod/loki/api/v1/labels', 't-prod'],
      ['/proxy-logs/tt/x', 'tt'],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(((await response.json()) as { error: string }).error, path).toContain(`"${id}"`);
    }
  });

  it('refuses a request another site makes the browser send', async () => {
    for (const headers of [{ 'Sec-Fetch-Site': 'cross-site' }, { 'Sec-Fetch-Site': 'same-site' }, { Origin: 'http://evil.example' }] as Record<string, string>[]) {
      const response = await get('/proxy/t/api/search', headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.text()).not.toContain('SECRET');
    }
    expect((await get('/proxy/t/api/search', { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
  });

  it('forwards no path that climbs out of the source’s base path', async () => {
    // written raw: a browser or fetch resolves dot segments (encoded ones too) before sending, curl --path-as-is does not
    for (const path of ['/proxy/t-prod/../x', '/proxy/t-prod/%2e%2e/x', '/proxy/t-prod/.%2E/x', '/proxy/t-prod/./api']) {
      expect(await rawGet(server.url, path), path).toMatch(/^HTTP\/1\.1 400/);
    }
  });

  it('answers a health check and serves the config it proxies for', async () => {
    expect(await (await get('/healthz')).json()).toMatchObject({ status: 'ok' });
    const config = (await (await get('/tracery.config.json')).json()) as { dataSources: { id: string }[] };
    expect(config.dataSources.map((s) => s.id)).toEqual(name === 'npm run serve' ? ['t', 't-prod'] : ['t', 't-prod', 'demo']);
  });

  it('answers no request for a host name it does not know (DNS rebinding)', async () => {
    for (const path of ['/proxy/t/api/search', '/search', '/healthz']) {
      const raw = await rawGet(server.url, path, 'rebound.evil.example');
      expect(raw, path).toMatch(/^HTTP\/1\.1 403/);
      expect(raw).not.toContain('SECRET');
    }
  });

  it.runIf(name !== 'the dev server (npm start)')('serves the app’s pages with a content security policy', async () => {
    for (const path of ['/', '/search', '/trace/abc']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self' 'sha256-");
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});

/** A request as written, with no client normalising its path. */
async function rawGet(base: string, path: string, host?: string): Promise<string> {
  const { port, hostname } = new URL(base);
  const { connect } = await import('node:net');
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host ?? hostname}:${port}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('end', () => done(text));
    socket.on('error', fail);
  });
}

describe('npm run serve --no-local-store', () => {
  it('serves the app and the proxy, and takes no data: no receiver, no store APIs', async () => {
    const front = createAppFront({ root: ROOT, configFile: configPath, keepSource: (source) => source.demo !== true });
    const server = await startLocalServer({ port: 0, localStore: false, distDir, front: (req, res) => front.handle(req, res) });
    try {
      expect(server.otlpUrl).toBeUndefined();
      const post = await fetch(`${server.url}/v1/traces`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"resourceSpans":[]}' });
      // the app's files take GET and HEAD only
      expect(post.status).toBe(405);
      expect((await fetch(`${server.url}/local/api/stats`)).status).toBe(404);
      expect((await fetch(`${server.url}/proxy/t/x`)).status).toBe(200);
      expect((await fetch(`${server.url}/search`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
