import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0_MS, tracesData } from '../testing/otlp-fixtures';

/**
 * A user's regex must not freeze `npm run serve`: with a backtracking engine,
 * `(a+)+b` against 40 `a`s and a `!` takes hours on the server's one thread, and
 * every other request waits. The server runs in a child process, not in this
 * test's thread, so that a stuck match fails the test by its timeout instead of
 * stopping the timeout too.
 */
const TEST_TIMEOUT_MS = 15_000;
const TRACE = 'ab'.repeat(16);
const EVIL_NAME = `${'a'.repeat(40)}!`;
const EVIL_PATTERN = '(a+)+b';

const SERVER_SCRIPT = `
const { startLocalServer } = await import(${JSON.stringify(fileURLToPath(new URL('../server.ts', import.meta.url)))});
const server = await startLocalServer({ port: 0, otlpPort: false });
console.log(server.url);
`;

let child: ChildProcess;
let url: string;

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SERVER_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stdout = child.stdout;
  if (!stdout) throw new Error('the server child has no stdout');
  const [chunk] = (await once(stdout, 'data')) as [Buffer];
  url = chunk.toString('utf8').trim();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
}, TEST_TIMEOUT_MS);

afterAll(() => {
  child.kill('SIGKILL');
});

const upload = (path: string, body: unknown) => fetch(`${url}/local/otlp${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

const evilTrace = tracesData([{ traceId: TRACE, spanId: 'cd'.repeat(8), name: EVIL_NAME, service: 'dos', startMs: 0, durationMs: 10 }]);
const evilLogs = {
  resourceLogs: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'dos' } }] },
      scopeLogs: [{ logRecords: [{ timeUnixNano: `${BigInt(T0_MS) * 1_000_000n + 1_000_000n}`, severityNumber: 9, body: { stringValue: EVIL_NAME }, traceId: TRACE, spanId: 'cd'.repeat(8) }] }],
    },
  ],
};
const anotherTrace = (n: number) => tracesData([{ traceId: `${n}`.padStart(32, 'e'), spanId: 'ef'.repeat(8), name: 'GET /', service: 'web', startMs: 0, durationMs: 1 }]);

describe('a pathological regex does not stall the local server', () => {
  beforeAll(async () => {
    expect((await upload('/v1/traces', evilTrace)).status).toBe(200);
    expect((await upload('/v1/logs', evilLogs)).status).toBe(200);
  }, TEST_TIMEOUT_MS);

  it(
    'TraceQL { name =~ "(a+)+b" } answers (no match) while an OTLP upload is answered too',
    async () => {
      const q = `{ name =~ "${EVIL_PATTERN}" }`;
      const [search, ingest] = await Promise.all([fetch(`${url}/local/tempo/api/search?q=${encodeURIComponent(q)}`), upload('/v1/traces', anotherTrace(1))]);
      expect([search.status, await search.json()]).toEqual([200, expect.objectContaining({ traces: [] })]);
      expect(ingest.status).toBe(200);
      // the span is there: a pattern that does match finds it
      const found = await fetch(`${url}/local/tempo/api/search?q=${encodeURIComponent('{ name =~ "(a+)+!" }')}`);
      expect(((await found.json()) as { traces: { traceID: string }[] }).traces.map((t) => t.traceID)).toEqual([TRACE]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'LogQL |~ "(a+)+b" answers (no line) while an OTLP upload is answered too',
    async () => {
      const window = { start: `${BigInt(T0_MS - 60_000) * 1_000_000n}`, end: `${BigInt(T0_MS + 60_000) * 1_000_000n}` };
      const range = (query: string) => fetch(`${url}/local/loki/loki/api/v1/query_range?${new URLSearchParams({ query, ...window }).toString()}`);
      const [logs, ingest] = await Promise.all([range(`{service_name="dos"} |~ "${EVIL_PATTERN}"`), upload('/v1/traces', anotherTrace(2))]);
      expect([logs.status, await logs.json()]).toEqual([200, expect.objectContaining({ data: expect.objectContaining({ result: [] }) })]);
      expect(ingest.status).toBe(200);
      const found = await range(`{service_name="dos"} |~ "(a+)+!"`);
      const lines = ((await found.json()) as { data: { result: { values: [string, string][] }[] } }).data.result.flatMap((s) => s.values.map((v) => v[1]));
      expect(lines).toEqual([EVIL_NAME]);
    },
    TEST_TIMEOUT_MS,
  );
});
