import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserBaseUrl, browserLogsUrl, LOCAL_FILES_SOURCE, logsProxyTargets, parseConfig, withLocalFiles } from './config';
import { pickDataSource } from './data-source-context';
import { withAnsweringSources } from './data-sources';
import shipped from '../../public/tracery.config.json';

describe('parseConfig', () => {
  it('reads the shipped config: the demo source first', () => {
    const { config, problems } = parseConfig(shipped);
    expect(problems).toEqual([]);
    expect(config.dataSources[0]).toEqual({ id: 'demo', name: 'Demo shop (Tempo API)', kind: 'tempo', url: '/demo/tempo', demo: true, logs: { kind: 'loki', url: '/demo/loki' } });
  });

  it('keeps every valid source and names what is wrong with the others', () => {
    const { config, problems } = parseConfig({
      dataSources: [
        { id: 'prod', kind: 'tempo', url: '/proxy/prod' },
        { id: 'bad id!', kind: 'tempo', url: '/x' },
        { id: 'z', kind: 'zipkin', url: '/z' },
        { id: 'nourl', kind: 'tempo' },
        { id: 'prod', kind: 'tempo', url: '/again' },
        'junk',
        { id: 'ftp', kind: 'jaeger', url: 'ftp://x' },
        { id: 'jaeger-prod', name: 'Jaeger', kind: 'jaeger', url: 'http://localhost:16686' },
      ],
    });
    expect(config.dataSources).toEqual([
      { id: 'prod', name: 'prod', kind: 'tempo', url: '/proxy/prod', demo: false },
      { id: 'jaeger-prod', name: 'Jaeger', kind: 'jaeger', url: 'http://localhost:16686', demo: false },
    ]);
    expect(problems).toEqual([
      'dataSources[1]: "id" must be letters, digits, - or _',
      'dataSources[2] (z): unknown kind "zipkin" (tempo or jaeger)',
      'dataSources[3] (nourl): "url" is missing',
      'dataSources[4]: duplicate id "prod"',
      'dataSources[5]: "id" must be letters, digits, - or _',
      'dataSources[6] (ftp): "url" must be http(s)://… or a path starting with /',
    ]);
  });

  it('reserves the id "local" for Local files, which always come after the configured sources', () => {
    const { config, problems } = parseConfig({ dataSources: [{ id: 'local', kind: 'tempo', url: '/x' }, { id: 'prod', kind: 'tempo', url: '/p' }] });
    expect(problems).toEqual(['dataSources[0]: the id "local" is reserved for Local files (trace files opened in the browser); pick another']);
    expect(withLocalFiles(config).dataSources.map((s) => s.id)).toEqual(['prod', 'local']);
    expect(withLocalFiles(config).dataSources[1]).toBe(LOCAL_FILES_SOURCE);
    expect(LOCAL_FILES_SOURCE).toMatchObject({ name: 'Local files', kind: 'files', demo: false });
    expect(parseConfig({ dataSources: [], maxFileMB: 64 }).config.maxFileBytes).toBe(64 * 1024 * 1024);
    expect(withLocalFiles(parseConfig({ dataSources: [], maxFileMB: 64 }).config).maxFileBytes).toBe(64 * 1024 * 1024);
    expect(parseConfig({ dataSources: [], maxFileMB: 'lots' }).problems).toEqual(['"maxFileMB" must be a number of megabytes above 0; the default (512) is used']);
    // the shipped config's own local server is `local-server`, so nothing is dropped
    expect(withLocalFiles(parseConfig(shipped).config).dataSources.map((s) => s.id)).toEqual(['demo', 'demo-jaeger', 'local-server', 'local']);
  });

  it('reaches real servers through the same-origin proxy, and paths as they are', () => {
    const source = { id: 'tempo-prod', name: 'Tempo', kind: 'tempo' as const, demo: false };
    expect(browserBaseUrl({ ...source, url: 'http://localhost:3200' })).toBe('/proxy/tempo-prod');
    expect(browserBaseUrl({ ...source, url: 'HTTPS://tempo.internal' })).toBe('/proxy/tempo-prod');
    expect(browserBaseUrl({ ...source, url: '/demo/tempo' })).toBe('/demo/tempo');
  });

  it('reads a timeoutSeconds per source and names a bad one, keeping the source on the default', () => {
    const { config, problems } = parseConfig({
      dataSources: [
        { id: 'slow', kind: 'tempo', url: '/slow', timeoutSeconds: 90 },
        { id: 'typo', kind: 'tempo', url: '/typo', timeoutSeconds: '90' },
        { id: 'zero', kind: 'jaeger', url: '/zero', timeoutSeconds: 0 },
      ],
    });
    expect(config.dataSources.map((s) => [s.id, s.timeoutSeconds])).toEqual([
      ['slow', 90],
      ['typo', undefined],
      ['zero', undefined],
    ]);
    expect(problems).toEqual([
      'dataSources[1] (typo): "timeoutSeconds" must be a number of seconds between 0 and 3600; using 30',
      'dataSources[2] (zero): "timeoutSeconds" must be a number of seconds between 0 and 3600; using 30',
    ]);
  });

  it('says so when there is no list at all', () => {
    expect(parseConfig({})).toEqual({ config: { dataSources: [] }, problems: ['tracery.config.json has no "dataSources" list'] });
  });

  it('picks the source the URL names, else the first', () => {
    const { config } = parseConfig({ dataSources: [{ id: 'a', kind: 'tempo', url: '/a' }, { id: 'b', kind: 'tempo', url: '/b' }] });
    expect(pickDataSource(config, 'b')?.id).toBe('b');
    expect(pickDataSource(config, 'nope')?.id).toBe('a');
    expect(pickDataSource(config, null)?.id).toBe('a');
  });
});

describe('logs of a data source', () => {
  it('keeps a valid logs entry and maps a real Loki to its proxy', () => {
    const { config, problems } = parseConfig({
      dataSources: [
        { id: 'a', kind: 'tempo', url: '/a', logs: { kind: 'loki', url: 'http://loki:3100', selector: '{app="shop"}', style: 'json' } },
        { id: 'b', kind: 'tempo', url: '/b', logs: { kind: 'elastic', url: '/x' } },
        { id: 'c', kind: 'tempo', url: '/c', logs: { kind: 'loki', url: 'ftp://x' } },
      ],
    });
    expect(problems).toEqual(['dataSources[1] (b): logs.kind must be "loki"', 'dataSources[2] (c): logs.url must be http(s)://… or a path starting with /']);
    expect(config.dataSources.map((s) => s.logs)).toEqual([{ kind: 'loki', url: 'http://loki:3100', selector: '{app="shop"}', style: 'json' }, undefined, undefined]);
    const a = config.dataSources[0];
    expect(a?.logs && browserLogsUrl({ ...a, logs: a.logs })).toBe('/proxy-logs/a');
    expect(logsProxyTargets(config)).toEqual([{ prefix: '/proxy-logs/a', target: 'http://loki:3100' }]);
  });
});

describe('withAnsweringSources', () => {
  const config = withLocalFiles(parseConfig(shipped).config);
  const ids = (c: { dataSources: readonly { id: string }[] }) => c.dataSources.map((s) => s.id);
  const answering = (answer: (url: string) => Response | Promise<Response>) =>
    vi.fn((input: RequestInfo | URL) => Promise.resolve(answer(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)));
  afterEach(() => vi.unstubAllGlobals());

  it('hides the Local server source where its stats path is the app’s HTML page (npm start, vite preview)', async () => {
    const fetch = answering(() => new Response('<!doctype html><html><body><div id="root"></div></body></html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    vi.stubGlobal('fetch', fetch);
    expect(ids(await withAnsweringSources(config))).toEqual(['demo', 'demo-jaeger', 'local']);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toMatch(/\/local\/api\/stats$/);
  });

  it('hides it when the path is not found or the server is down', async () => {
    vi.stubGlobal('fetch', answering(() => new Response('not found', { status: 404 })));
    expect(ids(await withAnsweringSources(config))).not.toContain('local-server');
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    expect(ids(await withAnsweringSources(config))).not.toContain('local-server');
  });

  it('offers it when npm run serve answers with its store statistics', async () => {
    vi.stubGlobal('fetch', answering(() => Response.json({ traces: 0, spans: 0, logs: 0, evicted: { traces: 0 }, limits: { maxTraces: 20_000 } })));
    const answered = await withAnsweringSources(config);
    expect(ids(answered)).toEqual(['demo', 'demo-jaeger', 'local-server', 'local']);
    expect(answered).toBe(config);
  });

  it('does not wait for a server that never answers', async () => {
    const probe = vi.fn(() => new Promise<never>(() => undefined));
    expect(ids(await withAnsweringSources(config, probe, 20))).toEqual(['demo', 'demo-jaeger', 'local']);
    expect(probe).toHaveBeenCalledTimes(1);
  });
});
