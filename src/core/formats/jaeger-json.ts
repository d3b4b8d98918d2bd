import type { Attribute, AttributeValue } from '../model/attributes';
import type { DecodedSpan, DecodedSpanEvent } from '../model/decoded-span';
import { normaliseSpanId, normaliseTraceId } from '../model/ids';
import type { InstrumentationScope, Resource, SpanKind, SpanLink, StatusCode } from '../model/span';
import type { DecodeContext } from './decode-context';
import { boundWarnings } from './problems';
import { UNKNOWN_SERVICE } from './otlp-attributes';
import { asArray, boundedJsonText, describeValue, isLossyJsonInteger, isObject, readDouble, readInt64Text, readSmallInt, readString, type JsonObject } from './wire-values';

/**
 * Jaeger JSON, the model Jaeger UI reads (`GET /api/traces/{id}`, file export):
 * `{traceID, spans, processes}`, alone or in the `{"data":[…]}` envelope.
 * Times are µs (→ ns exact with BigInt); tags the OTLP→Jaeger translator invents
 * (span.kind, otel.status_code, otel.scope.name, w3c.tracestate, error) go back into
 * the OTLP fields they came from and are not kept as attributes.
 */
export function decodeJaegerTrace(raw: unknown, path: string, ctx: DecodeContext): void {
  if (!isObject(raw)) {
    ctx.problems.add(`${path}: expected a Jaeger trace object, found ${describeValue(raw)}; skipped`);
    return;
  }
  const spansPath = path === '' || path.endsWith(' ') ? `${path}spans` : `${path}.spans`;
  decodeSpanList(asArray(raw.spans), spansPath, raw.traceID, isObject(raw.processes) ? raw.processes : {}, path, ctx);
  // the trace's own list too: the header shows a trace's warnings
  const traceId = typeof raw.traceID === 'string' ? normaliseTraceId(raw.traceID) : undefined;
  for (const w of asArray(raw.warnings)) if (typeof w === 'string') ctx.problems.add(`${path === '' || path.endsWith(' ') ? `${path}trace` : path}: Jaeger says: ${w}`, traceId);
}

/**
 * A bare array of Jaeger spans, each carrying its own `process` (what a span export
 * or a log line holds; the spans may belong to several traces).
 */
export function decodeJaegerSpanArray(raw: readonly unknown[], path: string, ctx: DecodeContext): void {
  decodeSpanList(raw, path, undefined, {}, path, ctx);
}

type ProcessOf = (processId: string, inline: unknown, spanPath: string) => { resource: Resource; service: string };

function decodeSpanList(spans: readonly unknown[], spansPath: string, envelopeTraceId: unknown, processes: JsonObject, path: string, ctx: DecodeContext): void {
  const resources = new Map<string, { resource: Resource; service: string }>();
  const scopes = new Map<string, InstrumentationScope>();
  const processOf: ProcessOf = (processId, inline, spanPath) => {
    const listedKey = `listed\u0000${processId}`;
    const cached = isObject(inline) ? undefined : resources.get(listedKey);
    if (cached) return cached;
    // own keys only: a processID "__proto__" or "constructor" must not find Object.prototype's
    const listed = Object.hasOwn(processes, processId) ? processes[processId] : undefined;
    const p = isObject(inline) ? inline : isObject(listed) ? listed : {};
    const service = readString(p.serviceName) || UNKNOWN_SERVICE;
    const where = isObject(inline) ? `${spanPath}.process.tags` : `${path === '' || path.endsWith(' ') ? path : `${path}.`}processes.${processId}.tags`;
    const tags = decodeJaegerTags(p.tags, () => (ctx.lossyIntAt ??= where));
    const attributes: Attribute[] = [{ key: 'service.name', value: { type: 'string', value: service } }, ...tags];
    // inline processes (one per span) are keyed by their decoded content: spans of one
    // process share one Resource, as listed ones do (the encoders group by identity)
    const key = isObject(inline) ? `inline\u0000${JSON.stringify(attributes)}` : listedKey;
    const same = resources.get(key);
    if (same) return same;
    const made = { resource: { attributes, droppedAttributesCount: 0 }, service };
    resources.set(key, made);
    return made;
  };
  spans.forEach((span, i) => {
    const spanPath = `${spansPath}[${i}]`;
    const decoded = decodeJaegerSpan(span, spanPath, envelopeTraceId, processOf, scopes, ctx);
    if (decoded) ctx.spans.push(decoded);
    else ctx.skipped++;
  });
}

function decodeJaegerSpan(
  raw: unknown,
  path: string,
  envelopeTraceId: unknown,
  processOf: ProcessOf,
  scopes: Map<string, InstrumentationScope>,
  ctx: DecodeContext,
): DecodedSpan | undefined {
  if (!isObject(raw)) {
    ctx.problems.add(`${path}: expected a span object, found ${describeValue(raw)}; skipped`);
    return undefined;
  }
  const rawTraceId = raw.traceID ?? envelopeTraceId;
  const traceId = typeof rawTraceId === 'string' ? normaliseTraceId(rawTraceId) : undefined;
  if (traceId === undefined) {
    ctx.problems.add(`${path}: traceID ${describeValue(rawTraceId)} is not a trace id; span skipped`);
    return undefined;
  }
  const spanId = typeof raw.spanID === 'string' ? normaliseSpanId(raw.spanID) : undefined;
  if (spanId === undefined) {
    ctx.problems.add(`${path}: spanID ${describeValue(raw.spanID)} is not a span id; span skipped`, traceId);
    return undefined;
  }
  const warn = (text: string): void => ctx.problems.add(`${path}: ${text}`, traceId);

  const start = readMicros(raw.startTime);
  if (start === undefined) {
    warn(`startTime is ${describeValue(raw.startTime)}, not µs since the epoch; span skipped`);
    return undefined;
  }
  let duration = raw.duration === undefined ? 0n : readMicros(raw.duration);
  if (duration === undefined || duration < 0n) {
    warn(`duration is ${describeValue(raw.duration)}; set to 0`);
    duration = 0n;
  }

  const { parentSpanId, links } = readReferences(raw, traceId, warn);
  const { resource, service } = processOf(readString(raw.processID), raw.process, path);

  let kind: SpanKind = 'unspecified';
  let code: StatusCode = 'unset';
  let message = '';
  let errorTag = false;
  let traceState = '';
  let scopeName = '';
  let scopeVersion = '';
  const attributes: Attribute[] = [];
  for (const tag of decodeJaegerTags(raw.tags, () => (ctx.lossyIntAt ??= `${path}.tags`))) {
    const text = tag.value.type === 'string' ? tag.value.value : undefined;
    if (tag.key === 'span.kind' && text !== undefined && isSpanKind(text.toLowerCase())) kind = text.toLowerCase() as SpanKind;
    else if (tag.key === 'otel.status_code' && text !== undefined) code = text.toUpperCase() === 'ERROR' ? 'error' : text.toUpperCase() === 'OK' ? 'ok' : 'unset';
    else if (tag.key === 'otel.status_description' && text !== undefined) message = text;
    else if (tag.key === 'error' && (tag.value.type === 'bool' || text === 'true' || text === 'false')) errorTag = tag.value.type === 'bool' ? tag.value.value : text === 'true';
    else if (tag.key === 'w3c.tracestate' && text !== undefined) traceState = text;
    else if (tag.key === 'otel.scope.name' && text !== undefined) scopeName = text;
    else if (tag.key === 'otel.scope.version' && text !== undefined) scopeVersion = text;
    else attributes.push(tag);
  }
  if (code === 'unset' && errorTag) code = 'error';

  const scopeKey = `${service}\u0000${readString(raw.processID)}\u0000${scopeName}\u0000${scopeVersion}`;
  let scope = scopes.get(scopeKey);
  if (!scope) {
    scope = { name: scopeName, version: scopeVersion, attributes: [], droppedAttributesCount: 0 };
    scopes.set(scopeKey, scope);
  }

  return {
    traceId,
    spanId,
    ...(parentSpanId !== undefined ? { parentSpanId } : {}),
    name: readString(raw.operationName),
    service,
    kind,
    startUnixNano: start * 1000n,
    endUnixNano: (start + duration) * 1000n,
    attributes,
    droppedAttributesCount: 0,
    resource,
    scope,
    events: decodeLogs(raw.logs, start * 1000n, warn, () => (ctx.lossyIntAt ??= `${path}.logs`)),
    droppedEventsCount: 0,
    links,
    droppedLinksCount: 0,
    status: { code, message },
    traceState,
    flags: readSmallInt(raw.flags),
    warnings: readSpanWarnings(raw.warnings),
  };
}

/** Jaeger's per-span `warnings` (null when none), bounded: the file is untrusted. */
function readSpanWarnings(raw: unknown): readonly string[] | undefined {
  const texts = asArray(raw).filter((w): w is string => typeof w === 'string');
  return texts.length === 0 ? undefined : boundWarnings(texts);
}

/**
 * The parent is the first CHILD_OF reference into this trace; without one, the first
 * FOLLOWS_FROM (Jaeger UI does the same). Every other reference becomes a link, tagged
 * with opentracing.ref_type as Jaeger's OTLP translator does.
 */
function readReferences(raw: JsonObject, traceId: string, warn: (text: string) => void): { parentSpanId?: string; links: SpanLink[] } {
  const refs: { type: string; traceId: string; spanId: string }[] = [];
  asArray(raw.references).forEach((ref, i) => {
    if (!isObject(ref)) return;
    const refSpan = typeof ref.spanID === 'string' ? normaliseSpanId(ref.spanID) : undefined;
    const refTrace = typeof ref.traceID === 'string' ? normaliseTraceId(ref.traceID) : traceId;
    if (refSpan === undefined || refTrace === undefined) {
      warn(`references[${i}]: ${describeValue(ref.spanID)} is not a span id; reference skipped`);
      return;
    }
    refs.push({ type: readString(ref.refType).toUpperCase(), traceId: refTrace, spanId: refSpan });
  });
  let parentIndex = refs.findIndex((r) => r.type === 'CHILD_OF' && r.traceId === traceId);
  if (parentIndex < 0) parentIndex = refs.findIndex((r) => r.type === 'FOLLOWS_FROM' && r.traceId === traceId);
  let parentSpanId = refs[parentIndex]?.spanId;
  if (parentSpanId === undefined && typeof raw.parentSpanID === 'string') parentSpanId = normaliseSpanId(raw.parentSpanID);
  const links: SpanLink[] = refs
    .filter((_, i) => i !== parentIndex)
    .map((r) => ({
      traceId: r.traceId,
      spanId: r.spanId,
      traceState: '',
      attributes: [{ key: 'opentracing.ref_type', value: { type: 'string', value: r.type === 'FOLLOWS_FROM' ? 'follows_from' : 'child_of' } }],
      droppedAttributesCount: 0,
      flags: 0,
    }));
  return parentSpanId !== undefined ? { parentSpanId, links } : { links };
}

/** Jaeger logs → span events; the "event" field names the event (the OTLP translator's rule). */
function decodeLogs(raw: unknown, spanStart: bigint, warn: (text: string) => void, lossy: () => void): DecodedSpanEvent[] {
  const events: DecodedSpanEvent[] = [];
  asArray(raw).forEach((log, i) => {
    if (!isObject(log)) return;
    const time = readMicros(log.timestamp);
    if (time === undefined) warn(`logs[${i}]: timestamp is ${describeValue(log.timestamp)}; set to the span's start`);
    let name = '';
    const attributes: Attribute[] = [];
    for (const f of decodeJaegerTags(log.fields, lossy)) {
      if (f.key === 'event' && f.value.type === 'string' && name === '') name = f.value.value;
      else attributes.push(f);
    }
    events.push({ timeUnixNano: time === undefined ? spanStart : time * 1000n, name, attributes, droppedAttributesCount: 0 });
  });
  return events;
}

/**
 * Typed Jaeger tags: string, bool, int64 (a string when beyond ±2^53), float64, binary (base64).
 * `lossy` is told when an integer came as a JSON number beyond ±2^53 (already rounded).
 */
export function decodeJaegerTags(raw: unknown, lossy?: () => void): Attribute[] {
  const out: Attribute[] = [];
  for (const tag of asArray(raw)) {
    if (!isObject(tag) || typeof tag.key !== 'string') continue;
    const value = jaegerTagValue(readString(tag.type).toLowerCase(), tag.value);
    if (value.type === 'int' && isLossyJsonInteger(tag.value)) lossy?.();
    out.push({ key: tag.key, value });
  }
  return out;
}

function jaegerTagValue(type: string, v: unknown): AttributeValue {
  switch (type) {
    case 'bool':
      if (typeof v === 'boolean') return { type: 'bool', value: v };
      if (v === 'true' || v === 'false') return { type: 'bool', value: v === 'true' };
      break;
    case 'int64': {
      const text = readInt64Text(v);
      if (text !== undefined) return { type: 'int', value: text };
      break;
    }
    case 'float64': {
      const n = readDouble(v);
      if (n !== undefined) return { type: 'double', value: n };
      break;
    }
    case 'binary':
      if (typeof v === 'string') return { type: 'bytes', value: v };
      break;
  }
  if (typeof v === 'string') return { type: 'string', value: v };
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { type: 'int', value: String(v) } : { type: 'double', value: v };
  return v === undefined || v === null ? { type: 'empty' } : { type: 'string', value: boundedJsonText(v) };
}

/** µs since the epoch as a number (exact: µs stay below 2^53 until the year 2255) or a decimal string. */
function readMicros(v: unknown): bigint | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return BigInt(Math.round(v));
  if (typeof v === 'string' && /^\d{1,17}$/.test(v)) return BigInt(v);
  return undefined;
}

function isSpanKind(text: string): boolean {
  return text === 'internal' || text === 'server' || text === 'client' || text === 'producer' || text === 'consumer';
}
