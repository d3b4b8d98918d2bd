export interface Admission {
  /** counts bytes against the shared budget; false (and nothing counted) when they do not fit */
  reserve(bytes: number): boolean;
  /** gives the slot and its bytes back; safe to call twice */
  release(): void;
}

export interface GateStats {
  readonly pending: number;
  readonly pendingBytes: number;
  /** requests answered 429 since start */
  readonly throttled: number;
}

/**
 * The ingest queue: at most `maxPending` OTLP requests and `maxPendingBytes`
 * of their bodies are held at once, and they are decoded and stored one at a
 * time (a decoded protobuf batch is ~10x its bytes; one at a time keeps that to
 * one batch). Past either bound the receiver answers 429 with Retry-After,
 * which every OTLP exporter retries later, instead of growing without bound.
 */
export class IngestGate {
  private pending = 0;
  private pendingBytes = 0;
  private throttled = 0;
  private lane: Promise<unknown> = Promise.resolve();

  constructor(
    readonly maxPending: number,
    readonly maxPendingBytes: number,
  ) {}

  /** a slot in the queue, or undefined when it is full */
  admit(): Admission | undefined {
    if (this.pending >= this.maxPending) return undefined;
    this.pending++;
    let held = 0;
    let released = false;
    return {
      reserve: (bytes) => {
        if (this.pendingBytes + bytes > this.maxPendingBytes) return false;
        held += bytes;
        this.pendingBytes += bytes;
        return true;
      },
      release: () => {
        if (released) return;
        released = true;
        this.pending--;
        this.pendingBytes -= held;
      },
    };
  }

  /**
   * Runs `work` after every earlier job has finished, with a turn of the event
   * loop in between: jobs chained by promises alone run back to back without
   * polling sockets, so new requests wait unread in kernel buffers where the
   * queue cannot see (or refuse) them — measured with 32 clients: p95 3.3 s
   * and not one 429.
   */
  serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lane.then(() => new Promise((resolve) => setImmediate(resolve))).then(work);
    this.lane = run.catch(() => undefined);
    return run;
  }

  noteThrottled(): void {
    this.throttled++;
  }

  stats(): GateStats {
    return { pending: this.pending, pendingBytes: this.pendingBytes, throttled: this.throttled };
  }
}
