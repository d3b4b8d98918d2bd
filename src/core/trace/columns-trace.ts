import type { Attribute } from '../model/attributes';
import type { SpanId, TraceId } from '../model/ids';
import type { InstrumentationScope, Resource, Span, SpanEvent, SpanKind, SpanLink, SpanStatus, StatusCode } from '../model/span';
import type { Trace } from '../model/trace';
import { Id64Index, halvesOfId64 } from '../formats/id64-index';
import { rememberSpanTimes } from './span-times';
import { rememberTreeIndex } from './tree-index';
import type { TraceColumns } from '../formats/otlp-proto-columns';
import { decodeResource, decodeScope, decodeSpanDetails, hexOfId64, type SpanDetails, type TimeOrigin } from '../formats/otlp-proto-values';
import { SPAN_KINDS, STATUS_CODES } from '../formats/wire-values';

/**
 * The page's Trace from decoded columns: O(n), no sorting (the worker built the tree),
 * no attribute decoding. Spans are ColumnSpan instances: the fields every view reads
 * are plain own properties; attributes, events, links, trace state, resource and scope
 * are decoded from the span's bytes on first read and kept.
 */
export function traceFromColumns(c: TraceColumns): Trace {
  const source = new ColumnSource(c);
  const n = c.spanCount;
  const spans = new Array<Span>(n);
  const roots: Span[] = [];
  for (let i = 0; i < n; i++) {
    const p = c.parent[i] as number;
    const parentSpan = p >= 0 ? (spans[p] as Span) : undefined;
    const span = new ColumnSpan(source, i, c.startNs[i] as number, c.endNs[i] as number, 0);
    span.depth = c.depth[i] as number;
    span.orphan = c.orphan[i] === 1;
    spans[i] = span;
    // depth-first order: each parent's children arrive in their sorted order
    if (parentSpan) parentSpan.children.push(span);
    else roots.push(span);
  }
  const trace: Trace = {
    traceId: c.traceId,
    startUnixNano: c.startUnixNano,
    durationNs: c.durationNs,
    spans,
    indexById: new ColumnIdMap(c.spanIdHi, c.spanIdLo, n),
    roots,
    services: [...c.services],
    warnings: [...c.warnings],
    ...(c.incomplete !== undefined ? { incomplete: c.incomplete } : {}),
  };
  rememberSpanTimes(trace, { startNs: c.startNs, endNs: c.endNs });
  rememberTreeIndex(trace, c.parent);
  return trace;
}

/**
 * The trace's id → index map over the id columns: a lookup reads the id's two halves
 * and probes a hash table of span positions, so no id is made into text to fill it.
 * The worker dedupes ids, so every id is at one position, in span order.
 */
export class ColumnIdMap implements ReadonlyMap<SpanId, number> {
  readonly #hi: Uint32Array;
  readonly #lo: Uint32Array;
  readonly size: number;
  #index: Id64Index | undefined;

  constructor(hi: Uint32Array, lo: Uint32Array, size: number) {
    this.#hi = hi;
    this.#lo = lo;
    this.size = size;
  }

  /** Whether the hash table has been made (on the first lookup: opening a trace needs none). */
  get built(): boolean {
    return this.#index !== undefined;
  }

  get(id: SpanId): number | undefined {
    const halves = halvesOfId64(id);
    if (!halves) return undefined;
    if (this.#index === undefined) {
      const index = new Id64Index(this.size, this.#hi, this.#lo);
      for (let i = 0; i < this.size; i++) index.add(i);
      this.#index = index;
    }
    const at = this.#index.find(halves[0], halves[1]);
    return at < 0 ? undefined : at;
  }
  has(id: SpanId): boolean {
    return this.get(id) !== undefined;
  }
  forEach(callback: (value: number, key: SpanId, map: ReadonlyMap<SpanId, number>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.size; i++) callback.call(thisArg, i, this.#idAt(i), this);
  }
  *entries(): MapIterator<[SpanId, number]> {
    for (let i = 0; i < this.size; i++) yield [this.#idAt(i), i];
  }
  *keys(): MapIterator<SpanId> {
    for (let i = 0; i < this.size; i++) yield this.#idAt(i);
  }
  *values(): MapIterator<number> {
    for (let i = 0; i < this.size; i++) yield i;
  }
  [Symbol.iterator](): MapIterator<[SpanId, number]> {
    return this.entries();
  }
  #idAt(i: number): SpanId {
    return hexOfId64(this.#hi[i] as number, this.#lo[i] as number);
  }
}

/** The value cached at `index`, decoded on first use. */
function decodedOnce<T>(cache: (T | undefined)[], index: number, decode: () => T): T {
  let value = cache[index];
  if (value === undefined) {
    value = decode();
    cache[index] = value;
  }
  return value;
}

/** A resource's or scope's [offset, length] in the bytes; offset -1 (absent) reads as empty. */
function byteRange(offsets: Int32Array, lengths: Uint32Array, index: number): [number, number] {
  const offset = offsets[index] as number;
  return offset < 0 ? [0, 0] : [offset, lengths[index] as number];
}

/** What every span of one trace shares: the columns and the decoded resources and scopes. */
class ColumnSource {
  readonly columns: TraceColumns;
  readonly origin: TimeOrigin;
  private readonly resources: (Resource | undefined)[] = [];
  private readonly scopes: (InstrumentationScope | undefined)[] = [];
  /** status objects without a message, one per code: most spans share them */
  private readonly plainStatus = new Map<number, SpanStatus>();

  constructor(columns: TraceColumns) {
    this.columns = columns;
    this.origin = { hi: Number(columns.startUnixNano >> 32n), lo: Number(columns.startUnixNano & 0xffffffffn) };
  }

  /** Shared by identity between the spans of one ResourceSpans block, as the JSON path shares them. */
  resource(index: number): Resource {
    const c = this.columns;
    return decodedOnce(this.resources, index, () => decodeResource(c.bytes, ...byteRange(c.resourceOffset, c.resourceLength, index), c.resourceSchemaUrl[index] ?? ''));
  }

  scope(index: number): InstrumentationScope {
    const c = this.columns;
    return decodedOnce(this.scopes, index, () => decodeScope(c.bytes, ...byteRange(c.scopeOffset, c.scopeLength, index), c.scopeSchemaUrl[index] ?? ''));
  }

  status(index: number): SpanStatus {
    const c = this.columns;
    const codeNumber = c.statusCode[index] as number;
    const code: StatusCode = STATUS_CODES[codeNumber] ?? 'unset';
    const messageIndex = c.statusMessageIndex[index] as number;
    if (messageIndex !== 0) return { code, message: c.strings[messageIndex] as string };
    let status = this.plainStatus.get(codeNumber);
    if (status === undefined) {
      status = Object.freeze({ code, message: '' });
      this.plainStatus.set(codeNumber, status);
    }
    return status;
  }
}

/**
 * Whether a span has links, without decoding a lazy span's details: a scan for
 * backlinks over 100,000 spans must not decode them all (most have none).
 */
export function hasLinks(span: Span): boolean {
  return span instanceof ColumnSpan ? span.linkCount > 0 : span.links.length > 0;
}

/** Counts span detail decodes, for tests that prove the laziness (and for benchmarks). */
export const columnSpanDecodes = { details: 0 };

/**
 * A span backed by columns. ONE class, so every span has the same hidden class; the
 * cheap fields are own data properties set in the constructor (in one order), the
 * heavy ones are getters on the prototype. Copying spreads drop getters: use
 * shiftedSpan (shift-span.ts), which keeps a ColumnSpan lazy.
 */
export class ColumnSpan implements Span {
  readonly traceId: TraceId;
  readonly name: string;
  readonly service: string;
  readonly kind: SpanKind;
  readonly startNs: number;
  readonly endNs: number;
  readonly status: SpanStatus;
  readonly flags: number;
  depth = 0;
  children: Span[] = [];
  orphan = false;
  readonly #source: ColumnSource;
  readonly #index: number;
  /** added to event times: set on copies moved by clock-skew adjustment */
  readonly #shiftNs: number;
  #details: SpanDetails | undefined;
  /** the ids as text, made on first read: opening a trace reads few of them (lookups by id, the selection, the details) */
  #spanId: SpanId | undefined;
  #parentSpanId: SpanId | undefined | null = null;

  constructor(source: ColumnSource, index: number, startNs: number, endNs: number, shiftNs: number) {
    const c = source.columns;
    this.traceId = c.traceId;
    this.name = c.strings[c.nameIndex[index] as number] as string;
    this.service = c.strings[c.serviceIndex[index] as number] as string;
    this.kind = SPAN_KINDS[c.kind[index] as number] ?? 'unspecified';
    this.startNs = startNs;
    this.endNs = endNs;
    this.status = source.status(index);
    this.flags = c.flags[index] as number;
    this.#source = source;
    this.#index = index;
    this.#shiftNs = shiftNs;
  }

  get spanId(): SpanId {
    if (this.#spanId === undefined) {
      const c = this.#source.columns;
      this.#spanId = hexOfId64(c.spanIdHi[this.#index] as number, c.spanIdLo[this.#index] as number);
    }
    return this.#spanId;
  }

  get parentSpanId(): SpanId | undefined {
    if (this.#parentSpanId === null) {
      const c = this.#source.columns;
      const hi = c.parentIdHi[this.#index] as number;
      const lo = c.parentIdLo[this.#index] as number;
      this.#parentSpanId = hi === 0 && lo === 0 ? undefined : hexOfId64(hi, lo);
    }
    return this.#parentSpanId;
  }

  /** The span's attributes, events and links, decoded from its bytes on first use. */
  #decoded(): SpanDetails {
    if (this.#details === undefined) {
      const c = this.#source.columns;
      columnSpanDecodes.details++;
      this.#details = decodeSpanDetails(c.bytes, c.spanOffset[this.#index] as number, c.spanLength[this.#index] as number, this.#source.origin, this.startNs, this.#shiftNs);
    }
    return this.#details;
  }

  get attributes(): readonly Attribute[] {
    return this.#decoded().attributes;
  }
  get droppedAttributesCount(): number {
    return this.#decoded().droppedAttributesCount;
  }
  get events(): readonly SpanEvent[] {
    return this.#decoded().events;
  }
  get droppedEventsCount(): number {
    return this.#decoded().droppedEventsCount;
  }
  get links(): readonly SpanLink[] {
    return this.#decoded().links;
  }
  get droppedLinksCount(): number {
    return this.#decoded().droppedLinksCount;
  }
  get traceState(): string {
    return this.#decoded().traceState;
  }
  get resource(): Resource {
    return this.#source.resource(this.#source.columns.resourceIndex[this.#index] as number);
  }
  get scope(): InstrumentationScope {
    return this.#source.scope(this.#source.columns.scopeIndex[this.#index] as number);
  }

  /** How many links the span has, known without decoding them. */
  get linkCount(): number {
    return this.#source.columns.linkCount[this.#index] as number;
  }

  /** Whether the heavy fields have been decoded (for tests of the laziness). */
  get detailsDecoded(): boolean {
    return this.#details !== undefined;
  }

  /** A copy moved by `deltaNs` (events too), without children: still lazy. */
  shiftedBy(deltaNs: number): ColumnSpan {
    const copy = new ColumnSpan(this.#source, this.#index, this.startNs + deltaNs, this.endNs + deltaNs, this.#shiftNs + deltaNs);
    copy.depth = this.depth;
    copy.orphan = this.orphan;
    return copy;
  }
}
