/**
 * How far a trace load has got, for the progress shown while a big trace arrives:
 * bytes on the wire first, then spans decoded (a million-span trace takes seconds,
 * and a spinner alone reads as a hang).
 */
export interface TraceLoadProgress {
  /** requesting: asked, no answer yet (a big trace can take the server seconds to write) */
  readonly phase: 'requesting' | 'receiving' | 'decoding' | 'building';
  readonly bytes: number;
  /** from Content-Length; absent when the server streams without one */
  readonly totalBytes?: number;
  readonly spans: number;
}
