import { parseArgs } from 'node:util';
import type { LocalServerOptions } from '../server';

export const DEFAULT_APP_PORT = 5180;

export const USAGE = `Usage: npm run serve -- [options]
  --host <addr>          listen address (default 127.0.0.1; 0.0.0.0 lets other machines send data)
  --port <n>             the app and its APIs (default ${DEFAULT_APP_PORT})
  --otlp-port <n|off>    OTLP/HTTP receiver alone (default 4318)
  --demo                 seed the store with the generated demo shop
  --dist <dir>           the built app to serve (default dist)
  --config <file>        the tracery.config.json to serve and proxy for (default <dist>/tracery.config.json)
  --no-demo-sources      leave out the sources marked "demo": true (a deployment's real servers only)
  --no-local-store       the app and the proxy only: no OTLP receiver, no /local APIs, no sources under /local/
  --allowed-hosts <list> host names the app answers for besides IPs and localhost, comma-separated
                         (.example.com: the domain and its subdomains; "all": any)
  --max-traces <n>       traces kept before the oldest are evicted (default 20000)
  --max-spans <n>        spans kept (default 500000)
  --max-logs <n>         log records kept (default 200000)
  --max-body-mib <n>     OTLP request size limit, 413 beyond it (default 64)
  --max-pending <n>      OTLP requests queued before 429 (default 64)`;

export interface ServeOptions extends LocalServerOptions {
  readonly distDir: string;
  readonly port: number;
  /** absent: the built app's own tracery.config.json */
  readonly configFile?: string;
  readonly dropDemoSources: boolean;
  /** besides IP addresses and localhost; true: any */
  readonly allowedHosts: readonly string[] | true;
}

export type ParsedCli = { ok: true; options: ServeOptions; help: boolean } | { ok: false; error: string };

/** `npm run serve` arguments → server options; a wrong value is an error naming the flag, never a silent default. */
export function parseCli(argv: readonly string[], now: number): ParsedCli {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'otlp-port': { type: 'string' },
        demo: { type: 'boolean' },
        dist: { type: 'string' },
        config: { type: 'string' },
        'no-demo-sources': { type: 'boolean' },
        'no-local-store': { type: 'boolean' },
        'allowed-hosts': { type: 'string' },
        'max-traces': { type: 'string' },
        'max-spans': { type: 'string' },
        'max-logs': { type: 'string' },
        'max-body-mib': { type: 'string' },
        'max-pending': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const problems: string[] = [];
  const int = (flag: string, raw: string | undefined, min: number, max: number): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) problems.push(`--${flag} must be an integer from ${min} to ${max}, not "${raw}"`);
    return n;
  };
  const port = int('port', values.port, 0, 65535) ?? DEFAULT_APP_PORT;
  const otlpPort = values['otlp-port'] === 'off' ? false : int('otlp-port', values['otlp-port'], 0, 65535);
  const maxTraces = int('max-traces', values['max-traces'], 1, 1e8);
  const maxSpans = int('max-spans', values['max-spans'], 1, 1e9);
  const maxLogs = int('max-logs', values['max-logs'], 1, 1e9);
  const maxBodyMib = int('max-body-mib', values['max-body-mib'], 1, 1024);
  const maxPending = int('max-pending', values['max-pending'], 1, 10_000);
  if (problems.length > 0) return { ok: false, error: problems.join('\n') };
  return {
    ok: true,
    help: values.help === true,
    options: {
      host: values.host ?? '127.0.0.1',
      port,
      ...(otlpPort === undefined ? {} : { otlpPort }),
      distDir: values.dist ?? 'dist',
      ...(values.config === undefined ? {} : { configFile: values.config }),
      dropDemoSources: values['no-demo-sources'] === true,
      allowedHosts: allowedHosts(values['allowed-hosts']),
      ...(values['no-local-store'] ? { localStore: false } : {}),
      ...(values.demo ? { demoNow: now } : {}),
      limits: {
        ...(maxTraces === undefined ? {} : { maxTraces }),
        ...(maxSpans === undefined ? {} : { maxSpans }),
        ...(maxLogs === undefined ? {} : { maxLogs }),
      },
      ...(maxBodyMib === undefined ? {} : { maxBodyBytes: maxBodyMib * 1024 * 1024 }),
      ...(maxPending === undefined ? {} : { maxPending }),
    },
  };
}

function allowedHosts(raw: string | undefined): readonly string[] | true {
  if (raw === 'all') return true;
  return (raw ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}
