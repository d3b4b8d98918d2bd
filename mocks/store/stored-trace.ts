import type { DecodedSpan, Trace } from '../../src/core';

/** What an answer writer gives: text (JSON), or bytes (protobuf). */
export type AnswerBody = string | Uint8Array<ArrayBuffer>;

/** Tempo's rootServiceName while a trace's root span has not arrived. */
export const ROOT_NOT_YET_RECEIVED = '<root span not yet received>';

export interface ServiceStats {
  spanCount: number;
  errorCount: number;
}

/** What a search result row says about a trace, computed once per change of the trace. */
export interface TraceFacts {
  readonly rootServiceName: string;
  readonly rootTraceName: string;
  readonly spanCount: number;
  readonly errorCount: number;
  readonly serviceStats: ReadonlyMap<string, ServiceStats>;
}

/**
 * What became of a span handed to a trace: stored; the same content as the span
 * already held under its id (an exporter's retry); or different content under an
 * id already held, which is not stored (and is reported as rejected). The first
 * copy is kept, as Tempo's trace combiner keeps the first span it meets for an id
 * (and kind): a backend serves one span per id, and a trace someone has already
 * opened or linked must not change under them (the tag indexes have no removal
 * either). A trace *file* with such spans keeps them all (core's buildTrace re-keys
 * the later ones), as Jaeger UI does.
 */
export type SpanAddition = 'added' | 'same' | 'different';

/** One trace in the store: its decoded spans as they arrived, and what is derived from them, cached. */
export class StoredTrace {
  readonly spans: DecodedSpan[] = [];
  private readonly byId = new Map<string, DecodedSpan>();
  startUnixNano = 0n;
  endUnixNano = 0n;
  private facts: TraceFacts | undefined;
  private built: Trace | undefined;
  /** API answers written from the built trace, by answer kind ("tempo-v2", "tempo-v2-proto", …) */
  private answers = new Map<string, Uint8Array<ArrayBuffer>>();

  constructor(readonly traceId: string) {}

  /** Adds a span unless its id is already held (see SpanAddition). */
  add(span: DecodedSpan): SpanAddition {
    const held = this.byId.get(span.spanId);
    if (held) return spanContent(held) === spanContent(span) ? 'same' : 'different';
    this.byId.set(span.spanId, span);
    if (this.spans.length === 0 || span.startUnixNano < this.startUnixNano) this.startUnixNano = span.startUnixNano;
    if (this.spans.length === 0 || span.endUnixNano > this.endUnixNano) this.endUnixNano = span.endUnixNano;
    this.spans.push(span);
    this.facts = undefined;
    this.built = undefined;
    this.answers.clear();
    return 'added';
  }

  get durationNs(): number {
    return Number(this.endUnixNano - this.startUnixNano);
  }

  trace(build: (spans: DecodedSpan[]) => Trace): Trace {
    this.built ??= build(this.spans);
    return this.built;
  }

  /**
   * An API answer for this trace, written once per change of the trace: a trace view
   * is opened again and again (links are shared), and writing 100,000 spans as JSON
   * takes seconds. `write` gives text (kept as UTF-8) or bytes (protobuf). Dropped
   * with the built trace.
   */
  answer(kind: string, build: (spans: DecodedSpan[]) => Trace, write: (trace: Trace) => AnswerBody): Uint8Array<ArrayBuffer> {
    let bytes = this.answers.get(kind);
    if (bytes === undefined) {
      const body = write(this.trace(build));
      // kept as the bytes that go on the wire, so a repeat answer is not encoded again
      bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      this.answers.set(kind, bytes);
    }
    return bytes;
  }

  /** Drops the built trace and its answers to bound memory; they are made again when asked. */
  forgetBuilt(): void {
    this.built = undefined;
    this.answers.clear();
  }

  get summary(): TraceFacts {
    this.facts ??= computeFacts(this.spans);
    return this.facts;
  }
}

/**
 * A span's content as text, to tell a retry from a different span under the same
 * id; only made when an id arrives twice. Values are at most 64 levels deep (the
 * decoders cut deeper ones), so JSON.stringify cannot overflow the stack here.
 */
function spanContent(span: DecodedSpan): string {
  // NaN and ±Infinity would all be written null: spell them out
  return JSON.stringify(span, (_key, value: unknown) => (typeof value === 'bigint' || (typeof value === 'number' && !Number.isFinite(value)) ? String(value) : value));
}

function computeFacts(spans: readonly DecodedSpan[]): TraceFacts {
  let root: DecodedSpan | undefined;
  let errorCount = 0;
  const serviceStats = new Map<string, ServiceStats>();
  for (const span of spans) {
    // Tempo takes the span without a parent as the root; of several, the earliest here
    if (span.parentSpanId === undefined && (!root || span.startUnixNano < root.startUnixNano)) root = span;
    const isError = span.status.code === 'error';
    if (isError) errorCount++;
    let stats = serviceStats.get(span.service);
    if (!stats) {
      stats = { spanCount: 0, errorCount: 0 };
      serviceStats.set(span.service, stats);
    }
    stats.spanCount++;
    if (isError) stats.errorCount++;
  }
  return {
    rootServiceName: root?.service ?? ROOT_NOT_YET_RECEIVED,
    rootTraceName: root?.name ?? '',
    spanCount: spans.length,
    errorCount,
    serviceStats,
  };
}
