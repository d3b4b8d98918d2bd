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

const MORE_RE = /^… and (\d+) more$/;

/**
 * At most MAX_WARNINGS messages, then one line saying how many more there were.
 * Lists already bounded can be joined and bounded again: their "… and N more"
 * lines are added up, not counted as messages.
 */
export function boundWarnings(warnings: readonly string[], alreadyDropped = 0): string[] {
  let more = alreadyDropped;
  const out: string[] = [];
  for (const w of warnings) {
    const m = MORE_RE.exec(w);
    if (m) more += Number(m[1]);
    else if (out.length < MAX_WARNINGS) out.push(w);
    else more++;
  }
  if (more > 0) out.push(`… and ${more} more`);
  return out;
}
