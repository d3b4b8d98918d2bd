import type { Attribute } from '../model/attributes';
import type { DecodedSpan, DecodedSpanEvent } from '../model/decoded-span';
import { normaliseSpanId, normaliseTraceId, type SpanId, type TraceId } from '../model/ids';
import type { InstrumentationScope, Resource, SpanKind } from '../model/span';
import type { DecodeContext } from './decode-context';
import { derivedSpanId } from './derived-span-id';
import { UNKNOWN_SERVICE } from './otlp-attributes';
import { asArray, boundedJsonText, describeValue, isLossyJsonInteger, isObject, readString } from './wire-values';

/**
 * Zipkin v2 JSON: a bare span array (`POST /api/v2/spans`, `GET /api/v2/trace/{id}`),
 * or an array of such arrays (`GET /api/v2/traces`). Times are µs.
 *
 * Zipkin lets one RPC's client and server halves share a span id (`shared: true` on
 * the server half), and lets a tracer report one span in several parts. OTLP has
 * neither, and our tree needs one span per id, so:
 * - parts of one id from the same local service are merged, the first with a
 *   timestamp winning (SmartThings reports a timestamp-less fragment beside the
 *   server half: 84 of them in smartthings-mobile-web-install);
 * - the client half keeps the id; each server half gets a new id, made
 *   deterministically from the trace id, the shared id and its position, with the
 *   client as its parent (so the same file always gives the same ids);
 * - a span whose parent is the shared id and whose local service is the server
 *   half's service moves under that server half: it ran inside the server.
 */
export function decodeZipkinSpans(raw: readonly unknown[], path: string, ctx: DecodeContext): void {
  const parts: ZipkinPart[] = [];
  raw.forEach((item, i) => {
    const part = readPart(item, `${path}[${i}]`, ctx);
    if (part) parts.push(part);
    else ctx.skipped++;
  });

  const byTraceAndId = new Map<string, ZipkinPart[]>();
  for (const part of parts) {
    const key = `${part.traceId}/${part.id}`;
    const group = byTraceAndId.get(key);
    if (group) group.push(part);
    else byTraceAndId.set(key, [part]);
  }

  const spans: ZipkinPart[] = [];
  const serverHalves = new Map<string, ZipkinPart[]>(); // "trace/sharedId" → server halves that got new ids
  const usedIds = new Set<string>(parts.map((p) => `${p.traceId}/${p.id}`));
  for (const group of byTraceAndId.values()) {
    const merged = mergeFragments(group, ctx);
    const primary = merged.find((p) => !p.shared) ?? merged[0];
    if (!primary) continue;
    spans.push(primary);
    let n = 0;
    for (const part of merged) {
      if (part === primary) continue;
      if (!part.shared && !(part.kind === 'SERVER' && primary.kind === 'CLIENT')) {
        spans.push(part); // two spans under one id: buildTrace drops an identical copy, re-keys a different one
        continue;
      }
      const sharedId = part.id;
      part.id = newServerHalfId(part.traceId, sharedId, n++, usedIds);
      part.parentId = sharedId;
      spans.push(part);
      const key = `${part.traceId}/${sharedId}`;
      const halves = serverHalves.get(key);
      if (halves) halves.push(part);
      else serverHalves.set(key, [part]);
    }
  }

  for (const span of spans) {
    if (span.parentId === undefined) continue;
    const halves = serverHalves.get(`${span.traceId}/${span.parentId}`);
    if (!halves || halves.includes(span)) continue;
    const sameService = halves.filter((h) => h.service === span.service);
    const host =
      sameService.find((h) => h.startUs <= span.startUs && span.startUs <= h.startUs + (h.durationUs ?? 0n)) ?? sameService[0];
    if (host) span.parentId = host.id;
  }

  // one warning per trace, not per span: SmartThings has 91 such spans in one trace
  const noDuration = new Map<TraceId, { count: number; firstPath: string }>();
  const resources = new Map<string, Resource>();
  for (const span of spans) {
    if (span.durationUs === undefined) {
      const seen = noDuration.get(span.traceId);
      if (seen) seen.count++;
      else noDuration.set(span.traceId, { count: 1, firstPath: span.path });
    }
    ctx.spans.push(toDecodedSpan(span, resources));
  }
  for (const [traceId, { count, firstPath }] of noDuration) {
    ctx.problems.add(
      `${firstPath}: ${count === 1 ? 'a Zipkin span has' : `${count} Zipkin spans have`} no duration (unfinished or reported by one side only); drawn with zero length`,
      traceId,
    );
  }
}

interface ZipkinPart {
  readonly path: string;
  readonly traceId: TraceId;
  id: SpanId;
  parentId?: SpanId;
  kind?: string;
  name?: string;
  startUs: bigint;
  /** undefined when the part had no timestamp (a fragment to merge) */
  hasTimestamp: boolean;
  durationUs?: bigint;
  readonly service: string;
  readonly shared: boolean;
  local: Attribute[];
  remote: Attribute[];
  /** a Map, not an object: tag names are data, and `__proto__` set on an object is a prototype change, not a key */
  tags: Map<string, string>;
  annotations: { timestampUs: bigint; value: string }[];
}

function readPart(raw: unknown, path: string, ctx: DecodeContext): ZipkinPart | undefined {
  if (!isObject(raw)) {
    ctx.problems.add(`${path}: expected a Zipkin span object, found ${describeValue(raw)}; skipped`);
    return undefined;
  }
  const traceId = typeof raw.traceId === 'string' ? normaliseTraceId(raw.traceId) : undefined;
  if (traceId === undefined) {
    ctx.problems.add(`${path}: traceId ${describeValue(raw.traceId)} is not a trace id; span skipped`);
    return undefined;
  }
  const id = typeof raw.id === 'string' ? normaliseSpanId(raw.id) : undefined;
  if (id === undefined) {
    ctx.problems.add(`${path}: id ${describeValue(raw.id)} is not a span id; span skipped`, traceId);
    return undefined;
  }
  const parentId = typeof raw.parentId === 'string' ? normaliseSpanId(raw.parentId) : undefined;
  const local = isObject(raw.localEndpoint) ? raw.localEndpoint : {};
  const remote = isObject(raw.remoteEndpoint) ? raw.remoteEndpoint : {};
  const annotations: ZipkinPart['annotations'] = [];
  for (const a of asArray(raw.annotations)) {
    if (!isObject(a)) continue;
    const t = readMicros(a.timestamp);
    if (t !== undefined) annotations.push({ timestampUs: t, value: readString(a.value) });
  }
  const tags = new Map<string, string>();
  if (isObject(raw.tags)) {
    for (const [k, v] of Object.entries(raw.tags)) {
      // Zipkin tag values are strings; a number beyond ±2^53 was rounded by JSON.parse
      if (isLossyJsonInteger(v)) ctx.lossyIntAt ??= `${path}.tags`;
      tags.set(k, typeof v === 'string' ? v : boundedJsonText(v));
    }
  }
  const timestamp = readMicros(raw.timestamp);
  const duration = readMicros(raw.duration);
  const part: ZipkinPart = {
    path,
    traceId,
    id,
    ...(parentId !== undefined ? { parentId } : {}),
    ...(typeof raw.kind === 'string' ? { kind: raw.kind.toUpperCase() } : {}),
    ...(typeof raw.name === 'string' ? { name: raw.name } : {}),
    // a part without timestamp may still be placed by its first annotation
    startUs: timestamp ?? annotations[0]?.timestampUs ?? 0n,
    hasTimestamp: timestamp !== undefined || annotations.length > 0,
    ...(duration !== undefined ? { durationUs: duration } : {}),
    service: readString(local.serviceName) || UNKNOWN_SERVICE,
    shared: raw.shared === true,
    local: endpointAttributes(local, 'network.local'),
    remote: [
      ...(readString(remote.serviceName) ? [stringAttribute('peer.service', readString(remote.serviceName))] : []),
      ...endpointAttributes(remote, 'network.peer'),
    ],
    tags,
    annotations,
  };
  return part;
}

/** Parts of one id from one local service are one span reported in pieces. */
function mergeFragments(group: ZipkinPart[], ctx: DecodeContext): ZipkinPart[] {
  if (group.length === 1 && group[0]?.hasTimestamp) return group;
  const placed = group.filter((p) => p.hasTimestamp);
  for (const fragment of group) {
    if (fragment.hasTimestamp) continue;
    const into = placed.find((p) => p.service === fragment.service);
    if (!into) {
      ctx.problems.add(`${fragment.path}: no timestamp and no other part of span ${fragment.id} from ${fragment.service} to merge with; span skipped`, fragment.traceId);
      ctx.skipped++;
      continue;
    }
    into.kind ??= fragment.kind;
    into.name ??= fragment.name;
    into.durationUs ??= fragment.durationUs;
    if (into.parentId === undefined && fragment.parentId !== undefined) into.parentId = fragment.parentId;
    into.tags = new Map([...fragment.tags, ...into.tags]);
    into.annotations = [...into.annotations, ...fragment.annotations];
    if (into.remote.length === 0) into.remote = fragment.remote;
  }
  return placed;
}

const ZIPKIN_KINDS: Record<string, SpanKind> = { CLIENT: 'client', SERVER: 'server', PRODUCER: 'producer', CONSUMER: 'consumer' };
const ZIPKIN_SCOPE: InstrumentationScope = { name: '', version: '', attributes: [], droppedAttributesCount: 0 };

function toDecodedSpan(part: ZipkinPart, resources: Map<string, Resource>): DecodedSpan {
  let resource = resources.get(part.service);
  if (!resource) {
    resource = { attributes: [stringAttribute('service.name', part.service)], droppedAttributesCount: 0 };
    resources.set(part.service, resource);
  }
  const attributes: Attribute[] = [];
  let errorMessage: string | undefined;
  for (const [key, value] of part.tags) {
    // Zipkin marks an error with the tag `error` (its value is the message, or empty)
    if (key === 'error') errorMessage = value === 'true' ? '' : value;
    else attributes.push(stringAttribute(key, value));
  }
  attributes.push(...part.remote, ...part.local);
  const start = part.startUs * 1000n;
  const events: DecodedSpanEvent[] = part.annotations.map((a) => ({
    timeUnixNano: a.timestampUs * 1000n,
    name: a.value,
    attributes: [],
    droppedAttributesCount: 0,
  }));
  return {
    traceId: part.traceId,
    spanId: part.id,
    ...(part.parentId !== undefined ? { parentSpanId: part.parentId } : {}),
    name: part.name ?? '',
    service: part.service,
    // Zipkin's "local span" has no kind: it is OTLP's internal
    kind: part.kind === undefined ? 'internal' : (ZIPKIN_KINDS[part.kind] ?? 'unspecified'),
    startUnixNano: start,
    endUnixNano: start + (part.durationUs ?? 0n) * 1000n,
    attributes,
    droppedAttributesCount: 0,
    resource,
    scope: ZIPKIN_SCOPE,
    events,
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: errorMessage === undefined ? { code: 'unset', message: '' } : { code: 'error', message: errorMessage },
    traceState: '',
    flags: 0,
  };
}

function endpointAttributes(endpoint: Record<string, unknown>, prefix: string): Attribute[] {
  const out: Attribute[] = [];
  const address = readString(endpoint.ipv4) || readString(endpoint.ipv6);
  if (address) out.push(stringAttribute(`${prefix}.address`, address));
  if (typeof endpoint.port === 'number' && Number.isInteger(endpoint.port)) {
    out.push({ key: `${prefix}.port`, value: { type: 'int', value: String(endpoint.port) } });
  }
  return out;
}

function stringAttribute(key: string, value: string): Attribute {
  return { key, value: { type: 'string', value } };
}

function readMicros(v: unknown): bigint | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return BigInt(Math.round(v));
  if (typeof v === 'string' && /^\d{1,17}$/.test(v)) return BigInt(v);
  return undefined;
}

/** A new span id for the n-th server half of a shared id (deterministic: see derivedSpanId). */
function newServerHalfId(traceId: TraceId, sharedId: SpanId, n: number, used: Set<string>): SpanId {
  const id = derivedSpanId(`${traceId}/${sharedId}/${n}`, (candidate) => used.has(`${traceId}/${candidate}`));
  used.add(`${traceId}/${id}`);
  return id;
}
