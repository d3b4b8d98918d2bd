import type { Attribute } from '../model/attributes';
import type { DecodedSpan, DecodedSpanEvent } from '../model/decoded-span';
import { normaliseSpanId, normaliseTraceId } from '../model/ids';
import type { InstrumentationScope, Resource, SpanLink } from '../model/span';
import type { DecodeContext } from './decode-context';
import { decodeAttributes, serviceNameOf, splitJaegerWarnings, TOO_DEEP_WARNING, type ValueNotes } from './otlp-attributes';
import {
  asArray,
  describeValue,
  field,
  isObject,
  readSmallInt,
  readSpanKind,
  readStatusCode,
  readString,
  readUint64,
  type JsonObject,
} from './wire-values';

/**
 * OTLP/JSON traces: `resourceSpans → scopeSpans → spans`, also Tempo's `batches` and the
 * pre-1.0 `instrumentationLibrarySpans`/`instrumentationLibrary`. Ids in hex or base64,
 * enums as integers or names, int64 as strings or numbers, snake_case keys too.
 * `path` names the array in warnings, e.g. "resourceSpans" or "result.resourceSpans".
 */
export function decodeOtlpResourceSpans(resourceSpans: unknown, path: string, ctx: DecodeContext): void {
  listOf(resourceSpans, path, ctx).forEach((rs, r) => {
    const rsPath = `${path}[${r}]`;
    if (!isObject(rs)) {
      ctx.problems.add(`${rsPath}: expected an object, found ${describeValue(rs)}; skipped`);
      return;
    }
    const notes: ValueNotes = { tooDeep: false };
    const resource = decodeResource(field(rs, 'resource'), field(rs, 'schemaUrl', 'schema_url'), notes);
    if (notes.tooDeep) ctx.problems.add(`${rsPath}.resource: ${TOO_DEEP_WARNING}`);
    if (notes.lossyInt) ctx.lossyIntAt ??= `${rsPath}.resource`;
    const service = serviceNameOf(resource.attributes);
    const [scopeKey, scopeSpansList] = scopeSpansOf(rs);
    listOf(scopeSpansList, `${rsPath}.${scopeKey}`, ctx).forEach((ss, s) => {
      const ssPath = `${rsPath}.${scopeKey}[${s}]`;
      if (!isObject(ss)) {
        ctx.problems.add(`${ssPath}: expected an object, found ${describeValue(ss)}; skipped`);
        return;
      }
      notes.tooDeep = false;
      notes.lossyInt = false;
      const scope = decodeScope(field(ss, 'scope') ?? field(ss, 'instrumentationLibrary', 'instrumentation_library'), field(ss, 'schemaUrl', 'schema_url'), notes);
      if (notes.tooDeep) ctx.problems.add(`${ssPath}.scope: ${TOO_DEEP_WARNING}`);
      if (notes.lossyInt) ctx.lossyIntAt ??= `${ssPath}.scope`;
      listOf(field(ss, 'spans'), `${ssPath}.spans`, ctx).forEach((span, i) => {
        const decoded = decodeOtlpSpan(span, `${ssPath}.spans[${i}]`, resource, scope, service, ctx);
        if (decoded) ctx.spans.push(decoded);
        else ctx.skipped++;
      });
    });
  });
}

/**
 * A list of the tree; a list field holding something else is reported (a
 * receiver must say what it did not store), and read as empty.
 */
function listOf(raw: unknown, path: string, ctx: DecodeContext): readonly unknown[] {
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) ctx.problems.add(`${path}: expected an array, found ${describeValue(raw)}; skipped`);
  return asArray(raw);
}

function scopeSpansOf(rs: JsonObject): [string, unknown] {
  if (rs.scopeSpans !== undefined) return ['scopeSpans', rs.scopeSpans];
  if (rs.scope_spans !== undefined) return ['scope_spans', rs.scope_spans];
  if (rs.instrumentationLibrarySpans !== undefined) return ['instrumentationLibrarySpans', rs.instrumentationLibrarySpans];
  return ['instrumentation_library_spans', rs.instrumentation_library_spans];
}

export function decodeResource(raw: unknown, schemaUrl: unknown, notes?: ValueNotes): Resource {
  const o = isObject(raw) ? raw : {};
  const resource: { attributes: Attribute[]; droppedAttributesCount: number; schemaUrl?: string } = {
    attributes: decodeAttributes(o.attributes, notes),
    droppedAttributesCount: readSmallInt(field(o, 'droppedAttributesCount', 'dropped_attributes_count')),
  };
  if (typeof schemaUrl === 'string' && schemaUrl !== '') resource.schemaUrl = schemaUrl;
  return resource;
}

export function decodeScope(raw: unknown, schemaUrl: unknown, notes?: ValueNotes): InstrumentationScope {
  const o = isObject(raw) ? raw : {};
  const scope: { name: string; version: string; attributes: Attribute[]; droppedAttributesCount: number; schemaUrl?: string } = {
    name: readString(o.name),
    version: readString(o.version),
    attributes: decodeAttributes(o.attributes, notes),
    droppedAttributesCount: readSmallInt(field(o, 'droppedAttributesCount', 'dropped_attributes_count')),
  };
  if (typeof schemaUrl === 'string' && schemaUrl !== '') scope.schemaUrl = schemaUrl;
  return scope;
}

/** A required id: the normalised id, or a reason to skip the span. */
function readId(raw: unknown, key: string, kind: 'trace' | 'span'): { id: string } | { reason: string } {
  if (raw === undefined || raw === '') return { reason: `no ${key}` };
  if (typeof raw !== 'string') return { reason: `${key} must be a hex or base64 string, found ${describeValue(raw)}` };
  const id = kind === 'trace' ? normaliseTraceId(raw) : normaliseSpanId(raw);
  if (id !== undefined) return { id };
  if (isAllZeroId(raw)) return { reason: `${key} is all zeros` };
  return { reason: `${key} ${JSON.stringify(raw.slice(0, 60))} is not a ${kind} id (${kind === 'trace' ? 32 : 16} hex chars or base64)` };
}

/** "0000…" in hex, "AAAA…=" in base64 */
function isAllZeroId(raw: string): boolean {
  return /^(0+|A+=*)$/.test(raw.trim());
}

/** An optional parent/link id: absent when empty or all zeros (producers write both for "none"). */
function readOptionalSpanId(raw: unknown): { id?: string; bad?: string } {
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw !== 'string') return { bad: describeValue(raw) };
  const id = normaliseSpanId(raw);
  if (id !== undefined) return { id };
  if (isAllZeroId(raw)) return {};
  return { bad: JSON.stringify(raw.slice(0, 60)) };
}

function decodeOtlpSpan(
  raw: unknown,
  path: string,
  resource: Resource,
  scope: InstrumentationScope,
  service: string,
  ctx: DecodeContext,
): DecodedSpan | undefined {
  if (!isObject(raw)) {
    ctx.problems.add(`${path}: expected a span object, found ${describeValue(raw)}; skipped`);
    return undefined;
  }
  const traceId = readId(field(raw, 'traceId', 'trace_id'), 'traceId', 'trace');
  if ('reason' in traceId) {
    ctx.problems.add(`${path}: ${traceId.reason}; span skipped`);
    return undefined;
  }
  const spanId = readId(field(raw, 'spanId', 'span_id'), 'spanId', 'span');
  if ('reason' in spanId) {
    ctx.problems.add(`${path}: ${spanId.reason}; span skipped`, traceId.id);
    return undefined;
  }
  const warn = (text: string): void => ctx.problems.add(`${path}: ${text}`, traceId.id);

  const parent = readOptionalSpanId(field(raw, 'parentSpanId', 'parent_span_id'));
  if (parent.bad !== undefined) warn(`parentSpanId ${parent.bad} is not a span id; shown as a root`);

  const times = readSpanTimes(field(raw, 'startTimeUnixNano', 'start_time_unix_nano'), field(raw, 'endTimeUnixNano', 'end_time_unix_nano'), path, ctx, warn);
  if (!times) return undefined;

  const notes: ValueNotes = { tooDeep: false };
  const statusRaw = field(raw, 'status');
  const status = isObject(statusRaw) ? statusRaw : {};
  const { attributes, warnings } = splitJaegerWarnings(decodeAttributes(field(raw, 'attributes'), notes));
  const span: DecodedSpan = {
    traceId: traceId.id,
    spanId: spanId.id,
    // always present (undefined for a root): one hidden class for every decoded span
    parentSpanId: parent.id,
    name: readString(field(raw, 'name')),
    service,
    kind: readSpanKind(field(raw, 'kind')),
    startUnixNano: times.start,
    endUnixNano: times.end,
    attributes,
    droppedAttributesCount: readSmallInt(field(raw, 'droppedAttributesCount', 'dropped_attributes_count')),
    resource,
    scope,
    events: decodeEvents(field(raw, 'events'), path, times.start, ctx, warn, notes),
    droppedEventsCount: readSmallInt(field(raw, 'droppedEventsCount', 'dropped_events_count')),
    links: decodeLinks(field(raw, 'links'), warn, notes),
    droppedLinksCount: readSmallInt(field(raw, 'droppedLinksCount', 'dropped_links_count')),
    status: { code: readStatusCode(status.code), message: readString(status.message) },
    traceState: readString(field(raw, 'traceState', 'trace_state')),
    flags: readSmallInt(field(raw, 'flags')),
    warnings,
  };
  if (notes.tooDeep) warn(TOO_DEEP_WARNING);
  if (notes.lossyInt) ctx.lossyIntAt ??= path;
  return span;
}

/** The repairs of span times, worded alike by the JSON and the protobuf decoders. */
export const SPAN_TIME_WARNINGS = {
  noStart: 'no startTimeUnixNano; read as 0 (1970-01-01)',
  noEnd: 'no endTimeUnixNano; set to startTimeUnixNano',
  endBeforeStart: 'endTimeUnixNano before startTimeUnixNano; set to startTimeUnixNano',
} as const;

/**
 * Start and end, repaired where that is safe: a missing time is the proto3 default 0;
 * an end before the start (or unreadable) becomes the start. An unreadable start
 * leaves nowhere to draw the span, so it is skipped.
 */
function readSpanTimes(
  startRaw: unknown,
  endRaw: unknown,
  path: string,
  ctx: DecodeContext,
  warn: (text: string) => void,
): { start: bigint; end: bigint } | undefined {
  let start = 0n;
  if (startRaw === undefined) {
    warn(SPAN_TIME_WARNINGS.noStart);
  } else {
    const r = readUint64(startRaw);
    if (!r.ok) {
      warn(`startTimeUnixNano is ${r.reason}; span skipped`);
      return undefined;
    }
    if (r.lossy) ctx.lossyNumberAt ??= `${path}.startTimeUnixNano`;
    start = r.value;
  }
  if (endRaw === undefined) {
    if (startRaw !== undefined) warn(SPAN_TIME_WARNINGS.noEnd);
    return { start, end: start };
  }
  const r = readUint64(endRaw);
  if (!r.ok) {
    warn(`endTimeUnixNano is ${r.reason}; set to startTimeUnixNano`);
    return { start, end: start };
  }
  if (r.lossy) ctx.lossyNumberAt ??= `${path}.endTimeUnixNano`;
  if (r.value < start) {
    warn(SPAN_TIME_WARNINGS.endBeforeStart);
    return { start, end: start };
  }
  return { start, end: r.value };
}

function decodeEvents(
  raw: unknown,
  path: string,
  spanStart: bigint,
  ctx: DecodeContext,
  warn: (text: string) => void,
  notes: ValueNotes,
): DecodedSpanEvent[] {
  const events: DecodedSpanEvent[] = [];
  asArray(raw).forEach((e, i) => {
    if (!isObject(e)) {
      warn(`events[${i}]: expected an object, found ${describeValue(e)}; skipped`);
      return;
    }
    let time = spanStart;
    const t = readUint64(field(e, 'timeUnixNano', 'time_unix_nano'));
    if (t.ok) {
      time = t.value;
      if (t.lossy) ctx.lossyNumberAt ??= `${path}.events[${i}].timeUnixNano`;
    } else {
      warn(`events[${i}]: timeUnixNano is ${t.reason}; set to the span's start`);
    }
    events.push({
      timeUnixNano: time,
      name: readString(e.name),
      attributes: decodeAttributes(e.attributes, notes),
      droppedAttributesCount: readSmallInt(field(e, 'droppedAttributesCount', 'dropped_attributes_count')),
    });
  });
  return events;
}

function decodeLinks(raw: unknown, warn: (text: string) => void, notes: ValueNotes): SpanLink[] {
  const links: SpanLink[] = [];
  asArray(raw).forEach((l, i) => {
    if (!isObject(l)) {
      warn(`links[${i}]: expected an object, found ${describeValue(l)}; skipped`);
      return;
    }
    const traceId = readId(field(l, 'traceId', 'trace_id'), 'traceId', 'trace');
    const spanId = readId(field(l, 'spanId', 'span_id'), 'spanId', 'span');
    if ('reason' in traceId || 'reason' in spanId) {
      const reason = 'reason' in traceId ? traceId.reason : 'reason' in spanId ? spanId.reason : '';
      warn(`links[${i}]: ${reason}; link skipped`);
      return;
    }
    links.push({
      traceId: traceId.id,
      spanId: spanId.id,
      traceState: readString(field(l, 'traceState', 'trace_state')),
      attributes: decodeAttributes(l.attributes, notes),
      droppedAttributesCount: readSmallInt(field(l, 'droppedAttributesCount', 'dropped_attributes_count')),
      flags: readSmallInt(l.flags),
    });
  });
  return links;
}
