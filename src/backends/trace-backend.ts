import type { SearchQuery, Trace, TraceLoadProgress, TraceSummary } from '../core';
import type { TextAnswer } from './http-client';

/** What a search returned, plus what the backend said about it. */
export interface SearchResult {
  readonly summaries: TraceSummary[];
  /** problems in the response that did not stop us (bad rows skipped) */
  readonly warnings: string[];
  /** e.g. "inspected 3,100 traces" for Tempo */
  readonly note?: string;
}

/**
 * The one interface every data source implements (DESIGN.md, Backends).
 * Every call takes the AbortSignal react-query passes, so a search the user
 * has moved away from is cancelled on the wire, not just ignored.
 */
export interface TraceBackend {
  readonly kind: string;
  searchTraces(query: SearchQuery, signal?: AbortSignal): Promise<SearchResult>;
  /**
   * rejects with a BackendError of kind 'not-found' when the trace does not exist;
   * `onProgress` hears of bytes received and spans decoded where the adapter can tell
   */
  getTrace(traceId: string, signal?: AbortSignal, onProgress?: (progress: TraceLoadProgress) => void): Promise<Trace>;
  services(signal?: AbortSignal): Promise<string[]>;
  /** span names of one service, sorted */
  operations(service: string, signal?: AbortSignal): Promise<string[]>;
  /** attribute names for tag autocomplete; absent where the API has none (Jaeger) */
  tagNames?(signal?: AbortSignal): Promise<string[]>;
  /** values seen for one attribute name */
  tagValues?(name: string, signal?: AbortSignal): Promise<string[]>;
}

/**
 * Turns a protobuf trace-by-id answer into a Trace. The app's decoder runs in a Web
 * Worker (src/workers); tests and Node use the in-thread one (backends/proto-trace.ts).
 */
export interface ProtoTraceDecoder {
  decode(bytes: Uint8Array, request: ProtoDecodeRequest): Promise<Trace>;
  /**
   * GET the answer where the decoding runs (a worker), so receiving a 200 MB body never
   * occupies the page's thread; an answer that is not protobuf comes back as text for
   * the JSON path. Rejects like fetchAnswer (BackendError) and decode (DecodeError).
   */
  fetchAndDecode?(url: string, request: ProtoFetchRequest): Promise<TextAnswer | { readonly trace: Trace }>;
  /** get ready (start a worker) while the bytes are still on the wire */
  warm?(): void;
}

export interface ProtoFetchRequest extends ProtoDecodeRequest {
  readonly accept: string;
  readonly sourceName: string;
  readonly timeoutMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ProtoDecodeRequest {
  readonly traceId: string;
  /** Tempo's v1 answer is the Trace itself; v2 wraps it in a TraceByIDResponse */
  readonly shape: 'v1' | 'v2';
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: TraceLoadProgress) => void;
}
