import type { OtlpKeyValue, OtlpResourceSpans, OtlpSpan, OtlpTracesData } from '../../src/core';
import { Prng } from '../../mocks/generator/prng';

/**
 * Deterministic big traces for benchmarks, shaped like real ones: fan-out at every
 * level (1–8 children, sometimes parallel), depth up to `maxDepth` (30; most spans
 * sit at depth 18–25), a dozen
 * services with cross-service CLIENT→SERVER hops, 4–7 attributes of every scalar
 * type per span, events on one span in ten, errors on one in fifty.
 */
export interface BigTraceOptions {
  readonly spans: number;
  readonly seed?: number;
  readonly maxDepth?: number;
}

const SERVICES = ['edge', 'web', 'api', 'auth', 'orders', 'inventory', 'pricing', 'payments', 'fraud', 'shipping', 'search', 'notify'];
const T0 = 1_764_000_000_000_000_000n;

export function bigTrace(options: BigTraceOptions): OtlpTracesData {
  const rng = new Prng(options.seed ?? 7);
  const maxDepth = options.maxDepth ?? 30;
  const traceId = hex(rng, 32);
  const bySpanService = new Map<string, OtlpSpan[]>();
  // breadth-first: a queue of spans that may still get children
  interface Node { id: string; service: string; depth: number; startNs: bigint; endNs: bigint }
  const queue: Node[] = [];
  let made = 0;
  const add = (parent: Node | undefined, service: string, kind: number, name: string, startNs: bigint, endNs: bigint): Node => {
    const id = hex(rng, 16);
    made++;
    const span: OtlpSpan = {
      traceId,
      spanId: id,
      ...(parent ? { parentSpanId: parent.id } : {}),
      name,
      kind,
      startTimeUnixNano: (T0 + startNs).toString(),
      endTimeUnixNano: (T0 + endNs).toString(),
      attributes: attributes(rng, made),
      ...(rng.next() < 0.1 ? { events: [{ timeUnixNano: (T0 + startNs + (endNs - startNs) / 2n).toString(), name: 'cache.miss', attributes: [{ key: 'cache.key', value: { stringValue: `k-${made}` } }] }] } : {}),
      ...(rng.next() < 0.02 ? { status: { code: 2, message: 'upstream failed' } } : {}),
    };
    const list = bySpanService.get(service) ?? [];
    list.push(span);
    bySpanService.set(service, list);
    const node = { id, service, depth: parent ? parent.depth + 1 : 0, startNs, endNs };
    queue.push(node);
    return node;
  };
  add(undefined, 'edge', 2, 'GET /checkout', 0n, 5_000_000_000n);
  for (let head = 0; head < queue.length && made < options.spans; head++) {
    const parent = queue[head];
    if (!parent || parent.depth >= maxDepth) continue;
    const fanOut = rng.next() < 0.15 ? rng.int(4, 8) : rng.int(1, 3);
    const span = parent.endNs - parent.startNs;
    const parallel = rng.next() < 0.3;
    for (let c = 0; c < fanOut && made < options.spans; c++) {
      // sequential children split the parent's time; parallel ones overlap
      const slot = parallel ? span : span / BigInt(fanOut);
      const offset = parallel ? BigInt(Math.floor(rng.next() * Number(span / 10n))) : slot * BigInt(c);
      const length = (slot * BigInt(rng.int(50, 95))) / 100n;
      const startNs = parent.startNs + offset;
      const endNs = startNs + (length > 0n ? length : 1n);
      const cross = rng.next() < 0.3;
      const service = cross ? (SERVICES[rng.int(0, SERVICES.length - 1)] ?? 'api') : parent.service;
      if (cross) {
        const client = add(parent, parent.service, 3, `call ${service}`, startNs, endNs);
        queue.pop(); // the client span gets exactly one child: the server side
        add(client, service, 2, `handle ${c % 7}`, startNs + (endNs - startNs) / 20n, endNs - (endNs - startNs) / 20n);
      } else {
        add(parent, service, 1, `step ${c % 11}`, startNs, endNs);
      }
    }
  }
  const resourceSpans: OtlpResourceSpans[] = [...bySpanService].map(([service, spans]) => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }, { key: 'host.name', value: { stringValue: `${service}-1` } }] },
    scopeSpans: [{ scope: { name: 'bench', version: '1.0.0' }, spans }],
  }));
  return { resourceSpans };
}

/** A single chain, each span the only child of the previous: the stack-overflow case. */
export function deepChain(depth: number): OtlpTracesData {
  const rng = new Prng(11);
  const traceId = hex(rng, 32);
  const spans: OtlpSpan[] = [];
  let parent: string | undefined;
  for (let i = 0; i < depth; i++) {
    const id = hex(rng, 16);
    spans.push({
      traceId,
      spanId: id,
      ...(parent ? { parentSpanId: parent } : {}),
      name: `level ${i % 100}`,
      kind: 1,
      startTimeUnixNano: (T0 + BigInt(i) * 1000n).toString(),
      endTimeUnixNano: (T0 + BigInt(2 * depth - i) * 1000n).toString(),
    });
    parent = id;
  }
  return { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'chain' } }] }, scopeSpans: [{ spans }] }] };
}

function attributes(rng: Prng, n: number): OtlpKeyValue[] {
  const list: OtlpKeyValue[] = [
    { key: 'http.request.method', value: { stringValue: rng.next() < 0.7 ? 'GET' : 'POST' } },
    { key: 'http.response.status_code', value: { intValue: String(rng.next() < 0.97 ? 200 : 503) } },
    { key: 'app.item.count', value: { intValue: String(rng.int(0, 500)) } },
    { key: 'app.cache.hit', value: { boolValue: rng.next() < 0.5 } },
    { key: 'app.ratio', value: { doubleValue: Math.round(rng.next() * 1000) / 1000 } },
  ];
  if (n % 3 === 0) list.push({ key: 'db.query.text', value: { stringValue: `SELECT * FROM items WHERE id = ${n}` } });
  if (n % 5 === 0) list.push({ key: 'app.tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } } });
  return list;
}

function hex(rng: Prng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += Math.floor(rng.next() * 16).toString(16);
  return s.replace(/^0+$/, '1');
}

/** One OTLP request per line, each holding up to `spansPerLine` spans of one resource. */
export function toJsonLines(data: OtlpTracesData, spansPerLine: number): string[] {
  const lines: string[] = [];
  for (const rs of data.resourceSpans) {
    for (const ss of rs.scopeSpans) {
      for (let i = 0; i < ss.spans.length; i += spansPerLine) {
        lines.push(JSON.stringify({ resourceSpans: [{ resource: rs.resource, scopeSpans: [{ ...ss, spans: ss.spans.slice(i, i + spansPerLine) }] }] }));
      }
    }
  }
  return lines;
}
