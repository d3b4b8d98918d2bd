import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_PORT, parseCli } from './cli-options';

describe('npm run serve arguments', () => {
  it('defaults: loopback, the app port, dist/, an empty store', () => {
    expect(parseCli([], 1)).toEqual({ ok: true, help: false, options: { host: '127.0.0.1', port: DEFAULT_APP_PORT, distDir: 'dist', dropDemoSources: false, allowedHosts: [], limits: {} } });
  });

  it('reads every flag', () => {
    const parsed = parseCli(['--host', '0.0.0.0', '--port', '8080', '--otlp-port', 'off', '--demo', '--max-traces', '500', '--max-logs', '9', '--max-body-mib', '2', '--max-pending', '4', '--config', 'prod.json', '--no-demo-sources', '--no-local-store', '--allowed-hosts', 'tracery.example.com, .corp.example'], 42);
    expect(parsed).toEqual({
      ok: true,
      help: false,
      options: { host: '0.0.0.0', port: 8080, otlpPort: false, distDir: 'dist', configFile: 'prod.json', dropDemoSources: true, localStore: false, allowedHosts: ['tracery.example.com', '.corp.example'], demoNow: 42, limits: { maxTraces: 500, maxLogs: 9 }, maxBodyBytes: 2 * 1024 * 1024, maxPending: 4 },
    });
  });

  it('names the flag that is wrong instead of guessing', () => {
    expect(parseCli(['--port', 'http'], 1)).toEqual({ ok: false, error: '--port must be an integer from 0 to 65535, not "http"' });
    expect(parseCli(['--max-traces', '0'], 1)).toMatchObject({ ok: false, error: expect.stringContaining('--max-traces') });
    expect(parseCli(['--colour'], 1)).toMatchObject({ ok: false, error: expect.stringContaining('--colour') });
  });
});
