/**
 * `npm run bench:ingest`: how fast the local server (mocks/server.ts) takes
 * OTLP/HTTP, and that its limits hold. Starts the server in a child process on
 * 127.0.0.1 (so its RSS is its own), then:
 *   1. 100,000 spans in batches of 512 from 4 concurrent clients, protobuf then
 *      JSON: spans/s accepted, p95 request latency, the server's peak RSS;
 *   2. overload: the same spans into a server with small limits (2,000 traces,
 *      8 queued requests) from 32 clients: eviction and 429s, and the server
 *      still answering afterwards.
 * Bounded: fixed span counts, no retries, and a deadline per phase.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startLocalServer, type LocalServerOptions, type LocalStats } from '../mocks/server';
import { encodeOtlpProtobuf } from '../mocks/server/otlp-protobuf';

const TOTAL_SPANS = 100_000;
const BATCH_SPANS = 512;
const SPANS_PER_TRACE = 8;
const PHASE_DEADLINE_MS = 120_000;
const SERVICES = ['frontend', 'checkout', 'payment', 'inventory', 'shipping'];

interface Batch {
  readonly spans: number;
  readonly json: string;
  readonly protobuf: Uint8Array<ArrayBuffer>;
}

/** Pre-built requests: the clients only send, so the figures are the server's. */
function makeBatches(): Batch[] {
  const batches: Batch[] = [];
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  let made = 0;
  while (made < TOTAL_SPANS) {
    const count = Math.min(BATCH_SPANS, TOTAL_SPANS - made);
    const byService = new Map<string, unknown[]>();
    let traceId = '';
    let rootId = '';
    for (let i = 0; i < count; i++) {
      const index = made + i;
      if (index % SPANS_PER_TRACE === 0) {
        traceId = randomBytes(16).toString('hex');
        rootId = '';
      }
      const spanId = randomBytes(8).toString('hex');
      const service = SERVICES[index % SERVICES.length] ?? 'frontend';
      const startNs = nowNs - BigInt(60_000 - (index % 1000)) * 1_000_000n;
      const span = {
        traceId,
        spanId,
        ...(rootId ? { parentSpanId: rootId } : {}),
        name: rootId ? `call ${index % 17}` : 'GET /api/orders',
        kind: rootId ? 3 : 2,
        startTimeUnixNano: String(startNs),
        endTimeUnixNano: String(startNs + BigInt(1_000_000 + (index % 50) * 100_000)),
        attributes: [
          { key: 'http.request.method', value: { stringValue: 'GET' } },
          { key: 'http.response.status_code', value: { intValue: '200' } },
          { key: 'order.id', value: { stringValue: `order-${index}` } },
          { key: 'retry', value: { boolValue: index % 7 === 0 } },
        ],
        status: index % 50 === 0 ? { code: 2, message: 'boom' } : {},
      };
      if (!rootId) rootId = spanId;
      let spans = byService.get(service);
      if (!spans) byService.set(service, (spans = []));
      spans.push(span);
    }
    const request = {
      resourceSpans: [...byService].map(([service, spans]) => ({
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [{ scope: { name: 'load-otlp' }, spans }],
      })),
    };
    batches.push({ spans: count, json: JSON.stringify(request), protobuf: encodeOtlpProtobuf('traces', request) });
    made += count;
  }
  return batches;
}

interface PhaseResult {
  readonly seconds: number;
  readonly acceptedSpans: number;
  readonly statuses: Record<number, number>;
  readonly p95Ms: number;
  readonly startRssMb: number;
  readonly peakRssMb: number;
  readonly stats: LocalStats;
}

async function sendAll(url: string, batches: readonly Batch[], encoding: 'protobuf' | 'json', clients: number): Promise<PhaseResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let acceptedSpans = 0;
  let next = 0;
  let peakRss = 0;
  const deadline = Date.now() + PHASE_DEADLINE_MS;
  const sample = async () => {
    const stats = (await (await fetch(`${url}/local/api/stats`)).json()) as LocalStats;
    peakRss = Math.max(peakRss, stats.memory.rssBytes);
    return stats;
  };
  const startRss = (await sample()).memory.rssBytes;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();

  const started = performance.now();
  const client = async () => {
    for (let i = next++; i < batches.length && Date.now() < deadline; i = next++) {
      const batch = batches[i];
      if (!batch) break;
      const t0 = performance.now();
      const response = await fetch(`${url}/v1/traces`, {
        method: 'POST',
        body: encoding === 'json' ? batch.json : batch.protobuf,
        headers: { 'Content-Type': encoding === 'json' ? 'application/json' : 'application/x-protobuf' },
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.ok) acceptedSpans += batch.spans;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - started) / 1000;
  sampling = false;
  await sampler;
  const stats = await sample();
  latencies.sort((a, b) => a - b);
  const p95Ms = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))] ?? 0;
  return { seconds, acceptedSpans, statuses, p95Ms, startRssMb: startRss / 1024 / 1024, peakRssMb: peakRss / 1024 / 1024, stats };
}

/** The server in its own process, so the RSS it reports is not the load generator's. */
async function startServerProcess(options: LocalServerOptions): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('LISTENING '));
      if (line) resolve(line.slice('LISTENING '.length).trim());
    });
    child.once('exit', (code) => reject(new Error(`server process exited (${code})`)));
  });
  return { url, child };
}

function report(title: string, result: PhaseResult): void {
  const { stats } = result;
  console.log(`\n${title}`);
  console.log(`  ${(result.acceptedSpans / result.seconds).toFixed(0)} spans/s accepted (${result.acceptedSpans} in ${result.seconds.toFixed(2)} s)`);
  console.log(`  p95 request latency ${result.p95Ms.toFixed(1)} ms; responses ${JSON.stringify(result.statuses)}`);
  console.log(`  server RSS ${result.startRssMb.toFixed(0)} MB empty, ${result.peakRssMb.toFixed(0)} MB at peak; holds ${stats.traces} traces / ${stats.spans} spans; evicted ${stats.evicted.traces} traces / ${stats.evicted.spans} spans; 429s ${stats.ingest.throttled}`);
}

async function main(): Promise<void> {
  console.log(`Building ${TOTAL_SPANS} spans in batches of ${BATCH_SPANS}…`);
  const batches = makeBatches();

  for (const encoding of ['protobuf', 'json'] as const) {
    const { url, child } = await startServerProcess({ port: 0, otlpPort: false });
    try {
      report(`1. ${encoding}: 4 clients, default limits (20,000 traces)`, await sendAll(url, batches, encoding, 4));
    } finally {
      child.kill();
    }
  }

  const limits = { maxTraces: 2_000, maxSpans: 500_000, maxLogs: 200_000 };
  const { url, child } = await startServerProcess({ port: 0, otlpPort: false, limits, maxPending: 8 });
  try {
    const result = await sendAll(url, batches, 'protobuf', 32);
    report('2. overload: 32 clients, 2,000 traces kept, 8 requests queued', result);
    const alive = await fetch(`${url}/local/tempo/api/search?limit=1`);
    const evicted = result.stats.evicted.traces > 0 && result.stats.traces <= limits.maxTraces;
    const throttled = (result.statuses[429] ?? 0) > 0;
    console.log(`  eviction ${evicted ? 'held the limit' : 'DID NOT HOLD'}; 429s ${throttled ? 'sent' : 'NOT SEEN'}; server ${alive.ok ? 'still answering' : 'NOT ANSWERING'}`);
    if (!evicted || !throttled || !alive.ok) process.exitCode = 1;
  } finally {
    child.kill();
  }
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex >= 0) {
  const options = JSON.parse(process.argv[serveIndex + 1] ?? '{}') as LocalServerOptions;
  const server = await startLocalServer({ ...options, host: '127.0.0.1' });
  console.log(`LISTENING ${server.url}`);
} else {
  await main();
}
