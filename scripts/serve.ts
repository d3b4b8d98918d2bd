/**
 * `npm run serve`: the built app and a local OTLP backend in one process
 * (mocks/server.ts). Runs after `vite build`; see README "Send your own traces".
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalServer } from '../mocks/server';
import { parseCli, USAGE } from '../mocks/server/cli-options';
import { createAppFront } from './server/app-front';
import { securityHeaders } from './server/security-headers';

const parsed = parseCli(process.argv.slice(2), Date.now());
if (!parsed.ok) {
  console.error(`${parsed.error}\n\n${USAGE}`);
  process.exit(2);
}
if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}
const { options } = parsed;
if (!existsSync(join(options.distDir, 'index.html'))) {
  console.error(`No built app in ${options.distDir}/: run \`npm run build\` first (npm run serve does).`);
  process.exit(1);
}

// the same front as `npm start` and `vite preview`: the proxy to real sources, their secrets, the config, /healthz
const front = createAppFront({
  root: process.cwd(),
  configFile: options.configFile ?? join(options.distDir, 'tracery.config.json'),
  allowedHosts: options.allowedHosts,
  keepSource: (source) => !(options.dropDemoSources && source.demo === true) && !(options.localStore === false && typeof source.url === 'string' && source.url.startsWith('/local/')),
});
for (const problem of front.problems) console.warn(`tracery: ${problem}`);
const appHeaders = securityHeaders(readFileSync(join(options.distDir, 'index.html'), 'utf8'));

let server;
try {
  server = await startLocalServer({ ...options, front: (req, res) => front.handle(req, res), appHeaders });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `A port is taken: ${(error as Error).message}. Choose others with --port / --otlp-port (or --otlp-port off).` : error);
  process.exit(1);
}

const proxied = front.proxiedSources;
if (options.localStore === false) {
  console.log(`Tracery on ${server.url} (the app${proxied.length > 0 ? ` and the proxy to ${proxied.join(', ')}` : ''}; no local store)`);
} else {
  const otlpEndpoint = server.otlpUrl ?? server.url;
  const { traces, spans } = server.store.stats();
  console.log(`Tracery on ${server.url}/search?source=local-server`);
  console.log(`  OTLP/HTTP receiver: ${otlpEndpoint}/v1/traces and /v1/logs${server.otlpUrl ? ` (also on ${server.url})` : ''}`);
  console.log(`  Tempo API ${server.url}/local/tempo · Jaeger api_v3 ${server.url}/local/jaeger · stats ${server.url}/local/api/stats`);
  if (proxied.length > 0) console.log(`  Proxy to ${proxied.join(', ')} at ${server.url}/proxy/<id>/`);
  if (traces === 0) {
    console.log(`\nThe store is empty. Point an OpenTelemetry SDK or collector at it:`);
    console.log(`  OTEL_EXPORTER_OTLP_ENDPOINT=${otlpEndpoint.replace('127.0.0.1', 'localhost')}`);
    console.log(`  OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf   # or http/json`);
    console.log(`  OTEL_SERVICE_NAME=my-service`);
    console.log(`(or start with --demo for the generated demo shop)`);
  } else {
    console.log(`\nSeeded with the demo shop: ${traces} traces, ${spans} spans.`);
  }
}

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
