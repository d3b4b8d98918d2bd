import type { TraceId } from '../model/ids';

/** A malformed file can hold a million bad spans: keep this many messages, count the rest. */
export const MAX_WARNINGS = 200;

/**
 * Collects warnings while decoding. Each may name the trace it concerns, so
 * decodeTraces can also hand every trace its own list.
 */
export class Problems {
  private readonly kept: { text: string; traceId?: TraceId }[] = [];
  private dropped = 0;

  add(text: string, traceId?: TraceId): void {
    if (this.kept.length < MAX_WARNINGS) {
      this.kept.push(traceId === undefined ? { text } : { text, traceId });
    } else {
      this.dropped++;
    }
  }

  get count(): number {
    return this.kept.length + this.dropped;
  }

  /** The first message, for "no usable spans (first problem: …)". */
  get first(): string | undefined {
    return this.kept[0]?.text;
  }

  list(): string[] {
    return boundWarnings(this.kept.map((p) => p.text), this.dropped);
  }

  forTrace(traceId: TraceId): string[] {
    const out: string[] = [];
    for (const p of this.kept) if (p.traceId === traceId) out.push(p.text);
    return out;
  }
}

/** At most MAX_WARNINGS messages, then one line saying how many more there were. */
export function boundWarnings(warnings: readonly string[], alreadyDropped = 0): string[] {
  const more = Math.max(0, warnings.length - MAX_WARNINGS) + alreadyDropped;
  const out = warnings.slice(0, MAX_WARNINGS);
  if (more > 0) out.push(`… and ${more} more`);
  return out;
}
