import { normaliseTraceId, type TraceId } from '../model/ids';
import { reKeyedSpanWarning } from '../trace/build-trace';
import { duplicateSpanWarning, farApartWarning, orderTree, otherTracesWarning } from '../trace/tree-order';
import { DecodeError } from './decode-error';
import { derivedSpanId } from './derived-span-id';
import { halvesOfId64, Id64Index } from './id64-index';
import { transferListOf } from './transfer-list';
import { serviceNameOf, TOO_DEEP_WARNING, type ValueNotes } from './otlp-attributes';
import { SPAN_TIME_WARNINGS } from './otlp-json';
import { decodeResource, decodeScope, hexOfId64, relativeNs } from './otlp-proto-values';
import { noUsableSpans, partialTraceWarning } from './parse-traces';
import { boundWarnings, MAX_WARNINGS } from './problems';
import { ProtoReader, wireError, WIRE_FIXED32, WIRE_FIXED64, WIRE_LENGTH_DELIMITED, WIRE_VARINT } from './protobuf-reader';

/**
 * One trace from OTLP protobuf `TracesData` bytes (what Tempo answers to
 * `Accept: application/protobuf`), as columns: typed arrays per span plus interned
 * strings, with the tree already built. Made in a Web Worker and posted to the page
 * with `columnsTransferList` (zero copy); the page makes its `Trace` with
 * traceFromColumns. Attributes, events and links stay in `bytes` (each span's message
 * is a byte range) and are decoded only when a view reads them: at 100,000 spans,
 * decoding them all up front was most of the time and garbage of the JSON path.
 *
 * Everything here is structured-cloneable: numbers, bigint, strings, string arrays,
 * typed arrays.
 */
export interface TraceColumns {
  readonly traceId: TraceId;
  /** absolute start of the earliest span, exact */
  readonly startUnixNano: bigint;
  /** from startUnixNano to the latest span end */
  readonly durationNs: number;
  readonly spanCount: number;

  // per span, in depth-first order (roots by start then id, each followed by its subtree)
  /** span id as two uint32 halves (hex text is made on the page: the ids of a built trace are strings) */
  readonly spanIdHi: Uint32Array;
  readonly spanIdLo: Uint32Array;
  /** the parent id the producer named (0/0 for none), whether or not it is in the trace */
  readonly parentIdHi: Uint32Array;
  readonly parentIdLo: Uint32Array;
  /** index of the parent span in these columns, -1 for roots */
  readonly parent: Int32Array;
  readonly depth: Int32Array;
  /** 1: names a parent that is not in the trace, or was broken off a parent cycle */
  readonly orphan: Uint8Array;
  /** ns relative to startUnixNano */
  readonly startNs: Float64Array;
  readonly endNs: Float64Array;
  /** into `strings` */
  readonly nameIndex: Uint32Array;
  readonly serviceIndex: Uint32Array;
  readonly statusMessageIndex: Uint32Array;
  /** OTLP enum numbers */
  readonly kind: Uint8Array;
  readonly statusCode: Uint8Array;
  readonly flags: Uint32Array;
  /** how many links the span has (read without decoding them: backlinks need only the spans that have some) */
  readonly linkCount: Uint32Array;
  /** into the resource and scope tables */
  readonly resourceIndex: Uint32Array;
  readonly scopeIndex: Uint32Array;
  /** the span message's content in `bytes`, for its attributes, events and links */
  readonly spanOffset: Uint32Array;
  readonly spanLength: Uint32Array;

  /** interned names, services and status messages; strings[0] is '' */
  readonly strings: string[];
  /** distinct services of the spans, sorted */
  readonly services: string[];

  // one row per ResourceSpans block / per ScopeSpans block: the message's content in `bytes` (offset -1: absent)
  readonly resourceOffset: Int32Array;
  readonly resourceLength: Uint32Array;
  readonly resourceSchemaUrl: string[];
  readonly scopeOffset: Int32Array;
  readonly scopeLength: Uint32Array;
  readonly scopeSchemaUrl: string[];

  /** problems met while decoding and building, each naming its place */
  readonly warnings: string[];
  /** set when the backend said it sent only part of the trace (Tempo's status PARTIAL): its reason */
  readonly incomplete?: string;
  /** the TracesData bytes the offsets point into */
  readonly bytes: Uint8Array;
}

export interface DecodeColumnsOptions {
  /** keep the spans of this trace (hex); default: the trace of the first span */
  readonly traceId?: string;
  /** called every PROGRESS_EVERY spans with the number read so far */
  readonly onProgress?: (spansDecoded: number) => void;
  /** Tempo said the trace is partial: the reason (from unwrapTempoTraceProto) */
  readonly incomplete?: string;
}

export const PROGRESS_EVERY = 10_000;

/** Every typed array's buffer (the bytes' too), once each: the transfer list for postMessage. */
export function columnsTransferList(c: TraceColumns): ArrayBuffer[] {
  return transferListOf(c);
}

const LEN = WIRE_LENGTH_DELIMITED;
const TEMPO_V2_TRACE = (1 << 3) | LEN;
const TEMPO_V2_STATUS = (3 << 3) | WIRE_VARINT;
const TEMPO_V2_MESSAGE = (4 << 3) | LEN;
const TEMPO_PARTIAL = 1;

/**
 * Tempo's protobuf trace-by-id answer → TracesData bytes. v1 (`/api/traces/{id}`) is
 * `tempopb.Trace { repeated ResourceSpans resource_spans = 1; }`, already TracesData.
 * v2 (`/api/v2/traces/{id}`) is `tempopb.TraceByIDResponse { Trace trace = 1;
 * TraceByIDMetrics metrics = 2; PartialStatus status = 3; string message = 4; }`:
 * the trace is a view into the same bytes (no copy).
 */
export function unwrapTempoTraceProto(bytes: Uint8Array, shape: 'v1' | 'v2'): { traceData: Uint8Array; incomplete?: string } {
  if (shape === 'v1') return { traceData: bytes };
  const r = new ProtoReader(bytes);
  let traceData = bytes.subarray(0, 0);
  let partial = false;
  let message = '';
  let cut = false;
  while (r.pos < r.limit) {
    const tag = r.tag();
    if (tag === TEMPO_V2_TRACE) {
      // read the length by hand: an answer cut off on the way ends inside the trace, and
      // the spans that arrived whole are still worth showing (the decoder says where it broke)
      const length = r.uint32();
      if (r.pos + length > bytes.length) cut = true;
      const end = Math.min(bytes.length, r.pos + length);
      traceData = bytes.subarray(r.pos, end);
      r.pos = end;
    } else if (tag === TEMPO_V2_STATUS) partial = r.uint32() === TEMPO_PARTIAL;
    else if (tag === TEMPO_V2_MESSAGE) message = r.string();
    else r.skip(tag & 7);
  }
  // the same default as the JSON answer's (detect.ts)
  if (partial) return { traceData, incomplete: message || 'no reason given' };
  return cut ? { traceData, incomplete: cutOffReason(bytes.length) } : { traceData };
}

/** What the page says of an answer whose bytes stop inside a message. */
function cutOffReason(atByte: number): string {
  return `the answer stops at byte ${atByte}, in the middle of the trace: cut off on the way?`;
}

// field tags of the OTLP trace messages
const TRACES_DATA_RESOURCE_SPANS = (1 << 3) | LEN;
const RS_RESOURCE = (1 << 3) | LEN;
const RS_SCOPE_SPANS = (2 << 3) | LEN;
const RS_SCHEMA_URL = (3 << 3) | LEN;
/** pre-1.0 instrumentation_library_spans: the same shape as ScopeSpans */
const RS_LIBRARY_SPANS = (1000 << 3) | LEN;
const SS_SCOPE = (1 << 3) | LEN;
const SS_SPANS = (2 << 3) | LEN;
const SS_SCHEMA_URL = (3 << 3) | LEN;
const SPAN_TRACE_ID = (1 << 3) | LEN;
const SPAN_SPAN_ID = (2 << 3) | LEN;
const SPAN_PARENT_ID = (4 << 3) | LEN;
const SPAN_NAME = (5 << 3) | LEN;
const SPAN_KIND = (6 << 3) | WIRE_VARINT;
const SPAN_START = (7 << 3) | WIRE_FIXED64;
const SPAN_END = (8 << 3) | WIRE_FIXED64;
const SPAN_STATUS = (15 << 3) | LEN;
const SPAN_FLAGS = (16 << 3) | WIRE_FIXED32;
const SPAN_LINKS = (13 << 3) | LEN;
const STATUS_MESSAGE = (2 << 3) | LEN;
const STATUS_CODE = (3 << 3) | WIRE_VARINT;

/**
 * ONE pass over TracesData → ResourceSpans → ScopeSpans → Span keeping the spans of
 * one trace, then the tree (shared with buildTrace: tree-order.ts), then the columns
 * in depth-first order. Decoding rules and warnings are the JSON decoder's. Bytes
 * that break off (a truncated download) keep every span before the break, with a
 * warning naming the byte; a span malformed inside is skipped with a warning.
 * Throws DecodeError only when no span is usable.
 */
export function decodeOtlpProtoColumns(traceData: Uint8Array, options: DecodeColumnsOptions = {}): TraceColumns {
  const decoder = new ColumnDecoder(traceData, options);
  decoder.readTracesData();
  return decoder.finish(options.incomplete);
}

/**
 * Decodes a Tempo protobuf answer while it arrives: each ResourceSpans block is read
 * as soon as all of it is in, so by the last byte most spans are columns already and
 * only the tree is left (at 1,000,000 spans the decode is seconds that the download
 * would otherwise be followed by). `finish` gives what decodeOtlpProtoColumns gives
 * for the same bytes, warnings and cut-off handling included.
 */
export class ColumnStreamDecoder {
  private readonly shape: 'v1' | 'v2';
  private readonly options: DecodeColumnsOptions;
  private decoder: ColumnDecoder | undefined;
  /** the v2 wrapper's trace field: where TracesData starts and ends in the answer */
  private traceStart = 0;
  private traceEnd = Number.POSITIVE_INFINITY;
  /** the answer does not start with its trace (a v2 field order Tempo does not write): decoded at the end */
  private atEnd = false;

  constructor(shape: 'v1' | 'v2', options: Omit<DecodeColumnsOptions, 'incomplete'> = {}) {
    this.shape = shape;
    this.options = options;
  }

  /** Spans read so far. */
  get spansRead(): number {
    return this.decoder?.spansRead ?? 0;
  }

  /** `bytes[0, received)` have arrived; `bytes` may be a new (grown) array each time. */
  feed(bytes: Uint8Array, received: number): void {
    if (this.atEnd) return;
    if (!this.decoder && !this.start(bytes, received)) return;
    const decoder = this.decoder as ColumnDecoder;
    decoder.rebase(bytes, Math.min(received, this.traceEnd));
    decoder.readTracesData(true);
  }

  /** The whole answer (what arrived, exactly): the rest is read and the tree built. */
  finish(bytes: Uint8Array): TraceColumns {
    const { traceData, incomplete } = unwrapTempoTraceProto(bytes, this.shape);
    const decoder = this.decoder;
    if (!decoder || this.atEnd) return decodeOtlpProtoColumns(traceData, { ...this.options, incomplete });
    // the decoder's offsets are into the whole answer; TracesData is a view of it
    decoder.rebase(bytes, traceData.byteOffset - bytes.byteOffset + traceData.length);
    decoder.readTracesData();
    return decoder.finish(incomplete);
  }

  /** Finds where TracesData starts; false while too few bytes are in to say. */
  private start(bytes: Uint8Array, received: number): boolean {
    if (this.shape === 'v2') {
      // tag (1 byte) and length (at most 5): the trace field comes first in what Tempo writes
      if (received < 6) return false;
      const r = new ProtoReader(bytes, 0, received);
      try {
        if (r.tag() !== TEMPO_V2_TRACE) {
          this.atEnd = true;
          return false;
        }
        const length = r.uint32();
        this.traceStart = r.pos;
        this.traceEnd = r.pos + length;
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        this.atEnd = true;
        return false;
      }
    }
    this.decoder = new ColumnDecoder(bytes, this.options, this.traceStart, Math.min(received, this.traceEnd));
    return true;
  }
}

/** Per-span fields in input order while reading; grown by doubling. */
class SpanRows {
  count = 0;
  spanHi: Uint32Array;
  spanLo: Uint32Array;
  parentHi: Uint32Array;
  parentLo: Uint32Array;
  startHi: Uint32Array;
  startLo: Uint32Array;
  endHi: Uint32Array;
  endLo: Uint32Array;
  name: Uint32Array;
  statusMessage: Uint32Array;
  flags: Uint32Array;
  links: Uint32Array;
  resource: Uint32Array;
  scope: Uint32Array;
  offset: Uint32Array;
  length: Uint32Array;
  kind: Uint8Array;
  statusCode: Uint8Array;

  constructor(capacity: number) {
    this.spanHi = new Uint32Array(capacity);
    this.spanLo = new Uint32Array(capacity);
    this.parentHi = new Uint32Array(capacity);
    this.parentLo = new Uint32Array(capacity);
    this.startHi = new Uint32Array(capacity);
    this.startLo = new Uint32Array(capacity);
    this.endHi = new Uint32Array(capacity);
    this.endLo = new Uint32Array(capacity);
    this.name = new Uint32Array(capacity);
    this.statusMessage = new Uint32Array(capacity);
    this.flags = new Uint32Array(capacity);
    this.links = new Uint32Array(capacity);
    this.resource = new Uint32Array(capacity);
    this.scope = new Uint32Array(capacity);
    this.offset = new Uint32Array(capacity);
    this.length = new Uint32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.statusCode = new Uint8Array(capacity);
  }

  /** The index of a new row, growing the arrays when full. */
  add(): number {
    if (this.count === this.spanHi.length) this.grow();
    return this.count++;
  }

  private grow(): void {
    const capacity = this.spanHi.length * 2;
    const u32 = (old: Uint32Array): Uint32Array => {
      const next = new Uint32Array(capacity);
      next.set(old);
      return next;
    };
    const u8 = (old: Uint8Array): Uint8Array => {
      const next = new Uint8Array(capacity);
      next.set(old);
      return next;
    };
    this.spanHi = u32(this.spanHi);
    this.spanLo = u32(this.spanLo);
    this.parentHi = u32(this.parentHi);
    this.parentLo = u32(this.parentLo);
    this.startHi = u32(this.startHi);
    this.startLo = u32(this.startLo);
    this.endHi = u32(this.endHi);
    this.endLo = u32(this.endLo);
    this.name = u32(this.name);
    this.statusMessage = u32(this.statusMessage);
    this.flags = u32(this.flags);
    this.links = u32(this.links);
    this.resource = u32(this.resource);
    this.scope = u32(this.scope);
    this.offset = u32(this.offset);
    this.length = u32(this.length);
    this.kind = u8(this.kind);
    this.statusCode = u8(this.statusCode);
  }
}

/** The fields of the span being read. */
class SpanScratch {
  traceIdStart = 0;
  traceIdLength = 0;
  spanIdStart = 0;
  spanIdLength = 0;
  parentIdStart = 0;
  parentIdLength = 0;
  startHi = 0;
  startLo = 0;
  endHi = 0;
  endLo = 0;
  name = '';
  kind = 0;
  statusCode = 0;
  statusMessage = '';
  flags = 0;
  links = 0;

  reset(): void {
    this.traceIdLength = 0;
    this.spanIdLength = 0;
    this.parentIdLength = 0;
    this.startHi = 0;
    this.startLo = 0;
    this.endHi = 0;
    this.endLo = 0;
    this.name = '';
    this.kind = 0;
    this.statusCode = 0;
    this.statusMessage = '';
    this.flags = 0;
    this.links = 0;
  }
}

class ColumnDecoder {
  private r: ProtoReader;
  /** the bytes offsets point into (streaming: the answer so far, replaced as it grows) */
  bytes: Uint8Array;
  /** where TracesData ends, as far as the bytes go */
  private end: number;
  /** a break in the framing ended the reading: nothing after it is read */
  private stopped = false;
  private readonly rows: SpanRows;
  private readonly span = new SpanScratch();
  private readonly strings: string[] = [''];
  private readonly stringIndex = new Map<string, number>([['', 0]]);
  private readonly resourceOffset: number[] = [];
  private readonly resourceLength: number[] = [];
  private readonly resourceSchemaUrl: string[] = [];
  private readonly resourceService: number[] = [];
  private readonly scopeOffset: number[] = [];
  private readonly scopeLength: number[] = [];
  private readonly scopeSchemaUrl: string[] = [];
  private readonly warnings: string[] = [];
  private droppedWarnings = 0;
  private skipped = 0;
  private otherTraceSpans = 0;
  /** why the spans after some point are missing (the bytes break off or stop making sense): the trace is incomplete */
  private endedEarly: string | undefined;
  private read = 0;
  private readonly onProgress: ((spansDecoded: number) => void) | undefined;
  /** the kept trace's id as four uint32 (big-endian halves), once known */
  private traceWords: Uint32Array | undefined;
  private traceId = '';
  private readonly words = new Uint32Array(4);
  // where we are, for warnings
  private rsIndex = -1;
  private ssIndex = -1;
  private spanIndex = -1;
  private scopeKey = 'scopeSpans';

  /** TracesData is bytes[start, end) */
  constructor(bytes: Uint8Array, options: DecodeColumnsOptions, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.end = end;
    this.r = new ProtoReader(bytes, start, end);
    // a span message is rarely under 100 bytes: this mostly avoids growing
    this.rows = new SpanRows(Math.max(1024, Math.ceil(bytes.length / 100)));
    this.onProgress = options.onProgress;
    if (options.traceId !== undefined) {
      const hex = normaliseTraceId(options.traceId);
      if (hex === undefined) throw new DecodeError(`"${options.traceId.slice(0, 60)}" is not a trace id`);
      this.traceId = hex;
      this.traceWords = new Uint32Array(4);
      for (let w = 0; w < 4; w++) this.traceWords[w] = parseInt(hex.slice(w * 8, w * 8 + 8), 16);
    }
  }

  private warn(text: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(text);
    else this.droppedWarnings++;
  }

  private spanPath(): string {
    return `resourceSpans[${this.rsIndex}].${this.scopeKey}[${this.ssIndex}].spans[${this.spanIndex}]`;
  }

  private intern(text: string): number {
    let index = this.stringIndex.get(text);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(text);
      this.stringIndex.set(text, index);
    }
    return index;
  }

  /** How many spans have been read (kept or not). */
  get spansRead(): number {
    return this.read;
  }

  /** The answer grew (or arrived whole): TracesData now ends at `end` of `bytes`; positions stay. */
  rebase(bytes: Uint8Array, end: number): void {
    this.bytes = bytes;
    this.end = end;
    this.r = new ProtoReader(bytes, this.r.pos, end);
  }

  /**
   * The input up to `end`; a break in the framing ends the reading with a warning,
   * keeping what came before. `wholeOnly` (while an answer is still arriving): read
   * only the ResourceSpans blocks that are all there, stop before the first that is not.
   */
  readTracesData(wholeOnly = false): void {
    const r = this.r;
    if (this.stopped) return;
    try {
      while (r.pos < this.end) {
        if (wholeOnly && !this.wholeFieldAhead()) return;
        const tag = r.tag();
        if (tag !== TRACES_DATA_RESOURCE_SPANS) {
          r.skip(tag & 7);
          continue;
        }
        this.rsIndex++;
        const end = this.containerEnd(`resourceSpans[${this.rsIndex}]`);
        this.readResourceSpans(end);
        r.pos = end;
        r.limit = this.end;
      }
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.stopped = true;
      const where = this.spanIndex >= 0 ? `${this.spanPath()}: ` : '';
      this.warn(`${where}${e.message}; the spans from there on are missing (${this.rows.count + this.skipped + this.otherTraceSpans} read before it)`);
      this.endedEarly ??= `the answer cannot be read past byte ${e.byteOffset ?? r.pos}`;
    }
  }

  /**
   * The end of a ResourceSpans/ScopeSpans message, limited to the bytes there are: a
   * download cut short still gives the spans that arrived whole (the span message
   * that was cut throws, and the reading stops there).
   */
  private containerEnd(path: string): number {
    const r = this.r;
    const at = r.pos;
    const saved = r.limit;
    r.limit = this.end;
    const length = r.uint32();
    if (r.hi !== 0) throw wireError('length above 2^32', at);
    let end = r.pos + length;
    if (end > this.end) {
      end = this.end;
      this.endedEarly ??= cutOffReason(end);
      this.warn(`${path}: protobuf: the bytes end at byte ${end}, inside this message (its length at byte ${at} says ${length} bytes); kept the spans that arrived whole`);
    }
    r.limit = Math.min(end, saved);
    return end;
  }

  /** Whether the next top-level field is all in the bytes so far (a peek: the position does not move). */
  private wholeFieldAhead(): boolean {
    const r = this.r;
    const at = r.pos;
    try {
      const tag = r.tag();
      if ((tag & 7) !== LEN) return at + 16 <= this.end;
      const length = r.uint32();
      return r.hi === 0 && r.pos + length <= this.end;
    } catch (e) {
      // not all there yet (or malformed: the final read says so, in place)
      if (e instanceof DecodeError) return false;
      throw e;
    } finally {
      r.pos = at;
      r.limit = this.end;
    }
  }

  private readResourceSpans(end: number): void {
    const r = this.r;
    const resource = this.resourceOffset.length;
    this.resourceOffset.push(-1);
    this.resourceLength.push(0);
    this.resourceSchemaUrl.push('');
    this.resourceService.push(this.intern(serviceNameOf([])));
    this.ssIndex = -1;
    this.spanIndex = -1;
    while (r.pos < end) {
      const tag = r.tag();
      if (tag === RS_SCOPE_SPANS || tag === RS_LIBRARY_SPANS) {
        this.scopeKey = tag === RS_SCOPE_SPANS ? 'scopeSpans' : 'instrumentationLibrarySpans';
        this.ssIndex++;
        const ssEnd = this.containerEnd(`resourceSpans[${this.rsIndex}].${this.scopeKey}[${this.ssIndex}]`);
        this.readScopeSpans(ssEnd, resource);
        r.pos = ssEnd;
        r.limit = end;
        this.spanIndex = -1;
      } else if (tag === RS_RESOURCE) {
        const resourceEnd = r.lengthDelimited();
        this.readResource(resource, resourceEnd);
        r.pos = resourceEnd;
        r.limit = end;
      } else if (tag === RS_SCHEMA_URL) this.resourceSchemaUrl[resource] = r.string();
      else r.skip(tag & 7);
    }
  }

  private readScopeSpans(end: number, resource: number): void {
    const r = this.r;
    const scope = this.scopeOffset.length;
    this.scopeOffset.push(-1);
    this.scopeLength.push(0);
    this.scopeSchemaUrl.push('');
    while (r.pos < end) {
      const tag = r.tag();
      if (tag === SS_SPANS) {
        this.spanIndex++;
        const spanEnd = r.lengthDelimited();
        this.readSpan(r.pos, spanEnd, resource, scope);
        r.pos = spanEnd;
        r.limit = end;
      } else if (tag === SS_SCOPE) {
        const scopeEnd = r.lengthDelimited();
        this.checkScope(scope, scopeEnd);
        r.pos = scopeEnd;
      } else if (tag === SS_SCHEMA_URL) this.scopeSchemaUrl[scope] = r.string();
      else r.skip(tag & 7);
    }
  }

  /** The resource's service.name (read here, once per block); a malformed resource counts as empty. */
  private readResource(resource: number, end: number): void {
    this.checkBlock(`resourceSpans[${this.rsIndex}].resource`, end, decodeResource, (decoded, offset, length) => {
      this.resourceService[resource] = this.intern(serviceNameOf(decoded.attributes));
      this.resourceOffset[resource] = offset;
      this.resourceLength[resource] = length;
    });
  }

  /** Scopes are decoded on the page when asked for; read here once for the warnings the JSON decoder gives. */
  private checkScope(scope: number, end: number): void {
    this.checkBlock(`resourceSpans[${this.rsIndex}].${this.scopeKey}[${this.ssIndex}].scope`, end, decodeScope, (_decoded, offset, length) => {
      this.scopeOffset[scope] = offset;
      this.scopeLength[scope] = length;
    });
  }

  /**
   * A resource or scope message at the reader's position, up to `end`: decoded once for
   * its warnings (and what `keep` needs), its byte range kept for the page; a malformed
   * one is warned about and left absent (read as empty), as the JSON decoder does.
   */
  private checkBlock<T>(
    path: string,
    end: number,
    decode: (bytes: Uint8Array, offset: number, length: number, schemaUrl: string, notes: ValueNotes) => T,
    keep: (decoded: T, offset: number, length: number) => void,
  ): void {
    const offset = this.r.pos;
    const notes: ValueNotes = { tooDeep: false };
    let decoded: T;
    try {
      decoded = decode(this.bytes, offset, end - offset, '', notes);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.warn(`${path}: ${e.message}; read as empty`);
      return;
    }
    keep(decoded, offset, end - offset);
    if (notes.tooDeep) this.warn(`${path}: ${TOO_DEEP_WARNING}`);
  }

  private readSpan(start: number, end: number, resource: number, scope: number): void {
    if (++this.read % PROGRESS_EVERY === 0) this.onProgress?.(this.read);
    const r = this.r;
    const s = this.span;
    s.reset();
    r.limit = end;
    try {
      while (r.pos < end) {
        const tag = r.tag();
        switch (tag) {
          case SPAN_TRACE_ID:
            s.traceIdLength = r.lengthDelimited() - r.pos;
            s.traceIdStart = r.pos;
            r.pos += s.traceIdLength;
            break;
          case SPAN_SPAN_ID:
            s.spanIdLength = r.lengthDelimited() - r.pos;
            s.spanIdStart = r.pos;
            r.pos += s.spanIdLength;
            break;
          case SPAN_PARENT_ID:
            s.parentIdLength = r.lengthDelimited() - r.pos;
            s.parentIdStart = r.pos;
            r.pos += s.parentIdLength;
            break;
          case SPAN_NAME:
            s.name = r.string();
            break;
          case SPAN_KIND:
            s.kind = r.uint32();
            break;
          case SPAN_START:
            r.fixed64();
            s.startHi = r.hi;
            s.startLo = r.lo;
            break;
          case SPAN_END:
            r.fixed64();
            s.endHi = r.hi;
            s.endLo = r.lo;
            break;
          case SPAN_STATUS:
            this.readStatus();
            break;
          case SPAN_FLAGS:
            s.flags = r.fixed32();
            break;
          case SPAN_LINKS:
            s.links++;
            r.skip(LEN);
            break;
          default:
            // attributes, events, links, counts, trace state: left in the bytes for later
            r.skip(tag & 7);
        }
      }
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.skipped++;
      this.warn(`${this.spanPath()}: ${e.message}; span skipped`);
      return;
    }
    this.keepSpan(start, end, resource, scope);
  }

  private readStatus(): void {
    const r = this.r;
    const end = r.lengthDelimited();
    const outer = r.limit;
    r.limit = end;
    while (r.pos < end) {
      const tag = r.tag();
      if (tag === STATUS_CODE) this.span.statusCode = r.uint32();
      else if (tag === STATUS_MESSAGE) this.span.statusMessage = r.string();
      else r.skip(tag & 7);
    }
    r.limit = outer;
  }

  /** The JSON decoder's rules: a span needs a trace id and a span id; times are repaired with a warning. */
  private keepSpan(start: number, end: number, resource: number, scope: number): void {
    const s = this.span;
    const bytes = this.bytes;
    const words = this.words;
    const traceProblem = idProblem(bytes, s.traceIdStart, s.traceIdLength, 16, 'traceId', 'trace', words);
    if (traceProblem !== undefined) {
      this.skipped++;
      this.warn(`${this.spanPath()}: ${traceProblem}; span skipped`);
      return;
    }
    if (this.traceWords === undefined) {
      this.traceWords = Uint32Array.from(words);
      this.traceId = hexOfId64(words[0] as number, words[1] as number) + hexOfId64(words[2] as number, words[3] as number);
    } else if (!sameWords(this.traceWords, words)) {
      this.otherTraceSpans++;
      return;
    }
    const spanProblem = idProblem(bytes, s.spanIdStart, s.spanIdLength, 8, 'spanId', 'span', words);
    if (spanProblem !== undefined) {
      this.skipped++;
      this.warn(`${this.spanPath()}: ${spanProblem}; span skipped`);
      return;
    }
    const spanHi = words[0] as number;
    const spanLo = words[1] as number;
    let parentHi = 0;
    let parentLo = 0;
    if (s.parentIdLength > 8) {
      this.warn(`${this.spanPath()}: parentSpanId ${hexPreview(bytes, s.parentIdStart, s.parentIdLength)} is not a span id; shown as a root`);
    } else if (s.parentIdLength > 0) {
      readIdWords(bytes, s.parentIdStart, s.parentIdLength, 8, words);
      parentHi = words[0] as number;
      parentLo = words[1] as number;
    }
    // proto3 cannot tell an absent time from 0 (writers leave zeros out): a start of 0 is
    // read as 0, as the JSON decoder reads "0"; an end of 0 after a real start is a
    // missing end. The repairs and their words are the JSON decoder's.
    const startHi = s.startHi;
    const startLo = s.startLo;
    let endHi = s.endHi;
    let endLo = s.endLo;
    if (endHi === 0 && endLo === 0 && (startHi !== 0 || startLo !== 0)) {
      this.warn(`${this.spanPath()}: ${SPAN_TIME_WARNINGS.noEnd}`);
      endHi = startHi;
      endLo = startLo;
    } else if (endHi < startHi || (endHi === startHi && endLo < startLo)) {
      this.warn(`${this.spanPath()}: ${SPAN_TIME_WARNINGS.endBeforeStart}`);
      endHi = startHi;
      endLo = startLo;
    }
    const rows = this.rows;
    const i = rows.add();
    rows.spanHi[i] = spanHi;
    rows.spanLo[i] = spanLo;
    rows.parentHi[i] = parentHi;
    rows.parentLo[i] = parentLo;
    rows.startHi[i] = startHi;
    rows.startLo[i] = startLo;
    rows.endHi[i] = endHi;
    rows.endLo[i] = endLo;
    rows.name[i] = this.intern(s.name);
    rows.statusMessage[i] = s.statusMessage === '' ? 0 : this.intern(s.statusMessage);
    rows.kind[i] = s.kind < 256 ? s.kind : 255;
    rows.statusCode[i] = s.statusCode < 256 ? s.statusCode : 255;
    rows.flags[i] = s.flags;
    rows.links[i] = s.links;
    rows.resource[i] = resource;
    rows.scope[i] = scope;
    rows.offset[i] = start;
    rows.length[i] = end - start;
  }

  /** Two rows say the same: the same span bytes, in the same resource and scope (by bytes: a repeated batch is a new block). */
  private sameSpanRow(i: number, j: number): boolean {
    const rows = this.rows;
    const same = (offsetA: number, lengthA: number, offsetB: number, lengthB: number): boolean => {
      if (lengthA !== lengthB) return false;
      if (offsetA === offsetB) return true;
      if (offsetA < 0 || offsetB < 0) return false;
      for (let k = 0; k < lengthA; k++) if (this.bytes[offsetA + k] !== this.bytes[offsetB + k]) return false;
      return true;
    };
    const ri = rows.resource[i] as number;
    const rj = rows.resource[j] as number;
    const si = rows.scope[i] as number;
    const sj = rows.scope[j] as number;
    return (
      same(rows.offset[i] as number, rows.length[i] as number, rows.offset[j] as number, rows.length[j] as number) &&
      same(this.resourceOffset[ri] as number, this.resourceLength[ri] as number, this.resourceOffset[rj] as number, this.resourceLength[rj] as number) &&
      same(this.scopeOffset[si] as number, this.scopeLength[si] as number, this.scopeOffset[sj] as number, this.scopeLength[sj] as number)
    );
  }

  /** Dedupe, relative times, parents, the tree (tree-order.ts, as buildTrace), columns in depth-first order. */
  finish(incomplete: string | undefined): TraceColumns {
    const rows = this.rows;
    const traceId = this.traceId;
    if (rows.count === 0) throw noUsableSpans(this.skipped, boundWarnings(this.warnings, this.droppedWarnings));
    // a backend's PARTIAL first; else bytes that break off make the trace incomplete too
    incomplete ??= this.endedEarly;
    if (incomplete !== undefined) this.warn(partialTraceWarning(incomplete));
    const found: string[] = [];

    // 1. one span per id, as buildTrace: an identical copy is dropped, a different span
    // under a taken id is kept under a derived id; `kept` maps a kept position to its row
    const byId = new Id64Index(rows.count, rows.spanHi, rows.spanLo);
    const kept = new Int32Array(rows.count);
    let n = 0;
    let clashes: number[] | undefined;
    for (let i = 0; i < rows.count; i++) {
      if (byId.add(i) >= 0) (clashes ??= []).push(i);
      else kept[n++] = i;
    }
    if (clashes !== undefined) {
      const variants = new Map<string, number[]>();
      for (const i of clashes) {
        const hex = hexOfId64(rows.spanHi[i] as number, rows.spanLo[i] as number);
        const seen = variants.get(hex) ?? [byId.find(rows.spanHi[i] as number, rows.spanLo[i] as number)];
        variants.set(hex, seen);
        if (seen.some((j) => this.sameSpanRow(i, j))) {
          found.push(duplicateSpanWarning(traceId, hex));
          continue;
        }
        const spanId = derivedSpanId(`${traceId}/${hex}/${seen.length}`, (id) => {
          const [hi, lo] = halvesOfId64(id) ?? [0, 0];
          return byId.find(hi, lo) >= 0;
        });
        const [hi, lo] = halvesOfId64(spanId) ?? [0, 0];
        rows.spanHi[i] = hi;
        rows.spanLo[i] = lo;
        byId.add(i);
        found.push(reKeyedSpanWarning(traceId, hex, spanId, this.strings[rows.name[i] as number] ?? ''));
        seen.push(i);
        kept[n++] = i;
      }
    }
    if (this.otherTraceSpans > 0) found.push(otherTracesWarning(traceId, this.otherTraceSpans));

    // 2. times relative to the earliest start
    let minHi = rows.startHi[0] as number;
    let minLo = rows.startLo[0] as number;
    let maxHi = rows.endHi[0] as number;
    let maxLo = rows.endLo[0] as number;
    for (let k = 0; k < n; k++) {
      const i = kept[k] as number;
      const sh = rows.startHi[i] as number;
      const sl = rows.startLo[i] as number;
      if (sh < minHi || (sh === minHi && sl < minLo)) {
        minHi = sh;
        minLo = sl;
      }
      const eh = rows.endHi[i] as number;
      const el = rows.endLo[i] as number;
      if (eh > maxHi || (eh === maxHi && el > maxLo)) {
        maxHi = eh;
        maxLo = el;
      }
    }
    const startUnixNano = (BigInt(minHi) << 32n) | BigInt(minLo);
    const endUnixNano = (BigInt(maxHi) << 32n) | BigInt(maxLo);
    const farApart = farApartWarning(traceId, startUnixNano, endUnixNano);
    if (farApart !== undefined) found.push(farApart);
    const origin = { hi: minHi, lo: minLo };
    const startNs = new Float64Array(n);
    const endNs = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const i = kept[k] as number;
      startNs[k] = relativeNs(rows.startHi[i] as number, rows.startLo[i] as number, origin);
      endNs[k] = relativeNs(rows.endHi[i] as number, rows.endLo[i] as number, origin);
    }

    // 3. parents by id (the index holds row numbers; kept rows map back to positions)
    const positionOfRow = new Int32Array(rows.count).fill(-1);
    for (let k = 0; k < n; k++) positionOfRow[kept[k] as number] = k;
    const parentIndex = new Int32Array(n).fill(-1);
    const orphan = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const i = kept[k] as number;
      const ph = rows.parentHi[i] as number;
      const pl = rows.parentLo[i] as number;
      if (ph === 0 && pl === 0) continue;
      const row = byId.find(ph, pl);
      if (row < 0) orphan[k] = 1;
      else parentIndex[k] = positionOfRow[row] as number;
    }

    // 4. the tree, exactly as buildTrace makes it
    const idHi = (k: number): number => rows.spanHi[kept[k] as number] as number;
    const idLo = (k: number): number => rows.spanLo[kept[k] as number] as number;
    const tree = orderTree(
      {
        parentIndex,
        orphan,
        startNs,
        compareIds: (a, b) => idHi(a) - idHi(b) || idLo(a) - idLo(b),
        spanIdOf: (k) => hexOfId64(idHi(k), idLo(k)),
      },
      traceId,
      found,
    );

    // 5. columns in depth-first order
    const order = tree.order;
    const positionInOrder = new Int32Array(n);
    for (let o = 0; o < n; o++) positionInOrder[order[o] as number] = o;
    const pick32 = (from: Uint32Array): Uint32Array => {
      const out = new Uint32Array(n);
      for (let o = 0; o < n; o++) out[o] = from[kept[order[o] as number] as number] as number;
      return out;
    };
    const pick8 = (from: Uint8Array): Uint8Array => {
      const out = new Uint8Array(n);
      for (let o = 0; o < n; o++) out[o] = from[kept[order[o] as number] as number] as number;
      return out;
    };
    const parent = new Int32Array(n);
    const depth = new Int32Array(n);
    const orphanOut = new Uint8Array(n);
    const startOut = new Float64Array(n);
    const endOut = new Float64Array(n);
    const serviceIndex = new Uint32Array(n);
    const usedServices = new Set<number>();
    for (let o = 0; o < n; o++) {
      const k = order[o] as number;
      const p = parentIndex[k] as number;
      parent[o] = p < 0 ? -1 : (positionInOrder[p] as number);
      depth[o] = tree.depth[k] as number;
      orphanOut[o] = orphan[k] as number;
      startOut[o] = startNs[k] as number;
      endOut[o] = endNs[k] as number;
      const service = this.resourceService[rows.resource[kept[k] as number] as number] as number;
      serviceIndex[o] = service;
      usedServices.add(service);
    }
    const decodeWarnings = boundWarnings(this.warnings, this.droppedWarnings);
    return {
      traceId,
      startUnixNano,
      durationNs: Number(endUnixNano - startUnixNano),
      spanCount: n,
      spanIdHi: pick32(rows.spanHi),
      spanIdLo: pick32(rows.spanLo),
      parentIdHi: pick32(rows.parentHi),
      parentIdLo: pick32(rows.parentLo),
      parent,
      depth,
      orphan: orphanOut,
      startNs: startOut,
      endNs: endOut,
      nameIndex: pick32(rows.name),
      serviceIndex,
      statusMessageIndex: pick32(rows.statusMessage),
      kind: pick8(rows.kind),
      statusCode: pick8(rows.statusCode),
      flags: pick32(rows.flags),
      linkCount: pick32(rows.links),
      resourceIndex: pick32(rows.resource),
      scopeIndex: pick32(rows.scope),
      spanOffset: pick32(rows.offset),
      spanLength: pick32(rows.length),
      strings: this.strings,
      services: [...usedServices].map((i) => this.strings[i] as string).sort(),
      resourceOffset: Int32Array.from(this.resourceOffset),
      resourceLength: Uint32Array.from(this.resourceLength),
      resourceSchemaUrl: this.resourceSchemaUrl,
      scopeOffset: Int32Array.from(this.scopeOffset),
      scopeLength: Uint32Array.from(this.scopeLength),
      scopeSchemaUrl: this.scopeSchemaUrl,
      warnings: boundWarnings([...decodeWarnings, ...found]),
      ...(incomplete !== undefined ? { incomplete } : {}),
      bytes: this.bytes,
    };
  }
}

/**
 * Why an id field is not an id (the JSON decoder's reasons), or undefined when it is:
 * then `words` holds it, left-padded to `width` bytes, as big-endian uint32.
 */
function idProblem(bytes: Uint8Array, start: number, length: number, width: number, key: string, kind: string, words: Uint32Array): string | undefined {
  if (length === 0) return `no ${key}`;
  if (length > width) return `${key} ${hexPreview(bytes, start, length)} is not a ${kind} id (${width} bytes)`;
  if (!readIdWords(bytes, start, length, width, words)) return `${key} is all zeros`;
  return undefined;
}

/** The id bytes, left-padded to `width`, as big-endian uint32 words; false when all zeros. */
function readIdWords(bytes: Uint8Array, start: number, length: number, width: number, words: Uint32Array): boolean {
  words.fill(0);
  const pad = width - length;
  let any = 0;
  for (let k = 0; k < length; k++) {
    const b = bytes[start + k] as number;
    any |= b;
    const at = pad + k;
    words[at >>> 2] = ((words[at >>> 2] as number) | (b << (24 - 8 * (at & 3)))) >>> 0;
  }
  return any !== 0;
}

function sameWords(a: Uint32Array, b: Uint32Array): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

/** `"0a1b…"`: a bad id's bytes as hex, at most 60 characters, quoted as the JSON decoder quotes it. */
function hexPreview(bytes: Uint8Array, start: number, length: number): string {
  let hex = '';
  for (let k = 0; k < Math.min(length, 30); k++) hex += (bytes[start + k] as number).toString(16).padStart(2, '0');
  return JSON.stringify(hex);
}
