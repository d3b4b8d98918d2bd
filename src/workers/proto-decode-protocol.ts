import {
  ColumnStreamDecoder,
  columnsTransferList,
  decodeOtlpProtoColumns,
  DecodeError,
  flameChartLayoutOfTimes,
  flameGraphLayoutOf,
  followsFromParentOfColumns,
  selfTimeNsOf,
  spanKindOfNumber,
  subtreeEndsOf,
  transferListOf,
  unwrapTempoTraceProto,
  type FlameChartLayout,
  type FlameGraphInput,
  type FlameGraphLayout,
  type TraceColumns,
  type TraceLoadProgress,
} from '../core';
import { BackendError, type BackendErrorKind } from '../backends/backend-error';
import { isProtobuf } from '../backends/fetch-trace';
import { fetchAnswer, type TextAnswer } from '../backends/http-client';

/**
 * The protobuf trace worker's messages (the worker is proto-decode-worker.ts; the page
 * side is src/state/proto-trace-decoder.ts). Either the page hands over bytes it
 * fetched (`decode`), or the worker fetches them itself (`fetch`), so receiving a
 * 200 MB answer never occupies the page's thread. Bytes come in transferred, columns
 * go back transferred: typed arrays and the bytes' buffer move, nothing is copied, and
 * no per-span object is made here that the page would have to clone.
 */
export type ProtoWorkerMessage =
  | { readonly type: 'decode'; readonly bytes: Uint8Array; readonly traceId: string; readonly shape: 'v1' | 'v2' }
  /** after 'flame-chart': lay the last trace out in the aggregated mode now (the job's last step) */
  | { readonly type: 'flame-graphs' }
  | {
      readonly type: 'fetch';
      /** absolute: a worker resolves relative URLs against its script's, not the page's */
      readonly url: string;
      readonly accept: string;
      readonly headers?: Readonly<Record<string, string>>;
      readonly timeoutMs?: number;
      readonly sourceName: string;
      readonly traceId: string;
      readonly shape: 'v1' | 'v2';
    };

export type ProtoDecodeReply =
  | { readonly type: 'progress'; readonly progress: TraceLoadProgress }
  | { readonly type: 'done'; readonly columns: TraceColumns }
  /**
   * after 'done': the trace's flame chart (time mode), laid
   * out here while the page builds its spans (~25-65 ms at 100,000 spans that the
   * page's thread no longer spends when the flame view opens); undefined if laying
   * out failed, and the page lays it out itself
   */
  | { readonly type: 'flame-chart'; readonly layout: FlameChartLayout | undefined }
  /** answers the page's 'flame-graphs', the job's last message: the aggregated mode in both orders (~0.2 s of the page's thread at 100,000 spans otherwise) */
  | { readonly type: 'flame-graphs'; readonly byName: FlameGraphLayout | undefined; readonly byWidth: FlameGraphLayout | undefined }
  /** the server answered something other than protobuf (a Tempo that ignores Accept): the page reads it */
  | { readonly type: 'text'; readonly answer: TextAnswer }
  /** the fetch failed: the page rebuilds the BackendError, message and all */
  | { readonly type: 'backend-error'; readonly kind: BackendErrorKind; readonly message: string; readonly url: string; readonly status?: number; readonly retryAfterSeconds?: number }
  /** `decodeError`: the bytes are not a trace (the page words it as a bad answer), else a bug */
  | { readonly type: 'error'; readonly message: string; readonly decodeError: boolean };

type Post = (reply: ProtoDecodeReply, transfer: ArrayBuffer[]) => void;

/** What a finished job leaves to do: lay the trace out in the aggregated mode and post it, when the page asks. */
export type LayOutGraphs = () => void;

/** At most one progress message per this many ms while bytes arrive (a 250 MB answer comes in thousands of chunks). */
const PROGRESS_EVERY_MS = 100;

export function runProtoDecode(message: { readonly bytes: Uint8Array; readonly traceId: string; readonly shape: 'v1' | 'v2' }, post: Post): LayOutGraphs | undefined {
  const bytes = message.bytes.byteLength;
  return decodeAndPost(bytes, 0, () => {
    const { traceData, incomplete } = unwrapTempoTraceProto(message.bytes, message.shape);
    // a PARTIAL answer's reason travels in the columns (traceFromColumns sets trace.incomplete)
    return decodeOtlpProtoColumns(traceData, {
      traceId: message.traceId,
      incomplete,
      onProgress: (spans) => post({ type: 'progress', progress: { phase: 'decoding', bytes, spans } }, []),
    });
  }, post);
}

/**
 * Says decoding has begun (the page marks the bytes as received), decodes, posts the
 * columns or the error; then lays the trace out in time mode and posts that. Returns
 * the aggregated layouts' step (undefined after an error).
 */
function decodeAndPost(bytes: number, spans: number, decode: () => TraceColumns, post: Post): LayOutGraphs | undefined {
  let columns: TraceColumns;
  try {
    post({ type: 'progress', progress: { phase: 'decoding', bytes, spans } }, []);
    columns = decode();
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error), decodeError: error instanceof DecodeError }, []);
    return undefined;
  }
  // the columns move to the page: keep copies of what the layouts read (28 bytes a span;
  // the strings are cloned, not moved, so the worker keeps its own)
  const startNs = columns.startNs.slice();
  const endNs = columns.endNs.slice();
  const parent = columns.parent.slice();
  const serviceIndex = columns.serviceIndex.slice();
  const nameIndex = columns.nameIndex.slice();
  const kind = columns.kind.slice();
  const linkCount = columns.linkCount.slice();
  const strings = columns.strings;
  // the links live in the bytes, which move to the page: read the follows-from ones first
  const followsFrom = layOut('flame graph', () => followsFromParentOfColumns(columns));
  post({ type: 'done', columns }, columnsTransferList(columns));
  const tree = { parent, subtreeEnd: subtreeEndsOf(parent) };
  const chart = layOut('flame chart', () => flameChartLayoutOfTimes(startNs, endNs, tree));
  post({ type: 'flame-chart', layout: chart }, chart ? transferListOf(chart, chart.rows) : []);
  let selfNs: Float64Array | undefined;
  const input: FlameGraphInput = {
    spanCount: parent.length,
    serviceOf: (i) => strings[serviceIndex[i] as number] as string,
    nameOf: (i) => strings[nameIndex[i] as number] as string,
    startNs,
    endNs,
    parent,
    kindOf: (i) => spanKindOfNumber(kind[i] as number),
    hasLinks: (i) => (linkCount[i] as number) > 0,
    followsFromParent: (i) => followsFrom?.[i] === 1,
    // self times and both orders only when asked (the input holds what they need)
    get selfNs() {
      return (selfNs ??= selfTimeNsOf(startNs, endNs, tree.subtreeEnd));
    },
  };
  return () => {
    const byName = layOut('flame graph', () => flameGraphLayoutOf(input, 'name'));
    const byWidth = layOut('flame graph', () => flameGraphLayoutOf(input, 'width'));
    const moved = [byName, byWidth].flatMap((layout) => (layout ? transferListOf(layout, layout.rows) : []));
    post({ type: 'flame-graphs', byName, byWidth }, [...new Set(moved)]);
  };
}

/** A layout, or undefined (logged) if making it failed: the page then lays the trace out itself. */
function layOut<T>(what: string, make: () => T): T | undefined {
  try {
    return make();
  } catch (error) {
    console.warn(`Tracery: laying out the ${what} in the worker failed; the page lays it out`, error);
    return undefined;
  }
}

/**
 * GET the answer here and decode it as runProtoDecode does, but while it arrives: each
 * ResourceSpans block is read once all of it is in (ColumnStreamDecoder), so the last
 * byte leaves only the rest and the tree. Anything but protobuf goes back as text.
 */
export async function runProtoFetch(message: Extract<ProtoWorkerMessage, { type: 'fetch' }>, post: Post): Promise<LayOutGraphs | undefined> {
  let answer;
  let lastProgress = 0;
  // a bug in the decoder on the way must not lose the download: it then decodes at the end
  let stream: ColumnStreamDecoder | undefined = new ColumnStreamDecoder(message.shape, { traceId: message.traceId });
  try {
    answer = await fetchAnswer(
      message.url,
      { sourceName: message.sourceName, ...(message.timeoutMs !== undefined ? { timeoutMs: message.timeoutMs } : {}), ...(message.headers ? { headers: message.headers } : {}) },
      {
        accept: message.accept,
        isBinary: isProtobuf,
        chunked: true,
        onBytes: (bytes, totalBytes, body) => {
          try {
            stream?.feed(body, bytes);
          } catch (error) {
            console.warn('Tracery: decoding the trace on the way failed; decoding it when it is all in', error);
            stream = undefined;
          }
          const now = performance.now();
          if (bytes !== 0 && bytes !== totalBytes && now - lastProgress < PROGRESS_EVERY_MS) return;
          lastProgress = now;
          post({ type: 'progress', progress: { phase: 'receiving', bytes, totalBytes, spans: stream?.spansRead ?? 0 } }, []);
        },
      },
    );
  } catch (error) {
    if (error instanceof BackendError) {
      post({ type: 'backend-error', kind: error.kind, message: error.message, url: error.url, status: error.status, retryAfterSeconds: error.retryAfterSeconds }, []);
    } else {
      post({ type: 'error', message: error instanceof Error ? error.message : String(error), decodeError: false }, []);
    }
    return undefined;
  }
  if ('text' in answer) {
    post({ type: 'text', answer }, []);
    return undefined;
  }
  if (!stream) return runProtoDecode({ bytes: answer.bytes, traceId: message.traceId, shape: message.shape }, post);
  const done = stream;
  const bytes = answer.bytes;
  return decodeAndPost(bytes.byteLength, done.spansRead, () => done.finish(bytes), post);
}
