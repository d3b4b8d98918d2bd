import type { DecodedSpan } from '../model/decoded-span';
import { Problems } from './problems';

/** What every trace decoder appends to: the spans it keeps and the problems it met. */
export interface DecodeContext {
  readonly spans: DecodedSpan[];
  readonly problems: Problems;
  /** spans dropped for want of an id or a usable time, for "no usable spans: N were skipped" */
  skipped: number;
  /** where the first JSON-number timestamp above 2^53 was seen (precision already lost) */
  lossyNumberAt?: string;
  /** where the first int64 attribute value sent as a JSON number beyond ±2^53 was seen */
  lossyIntAt?: string;
  /** traces the backend said it sent only in part (Tempo's status PARTIAL), with its reason */
  readonly incomplete: Map<string, string>;
}

export function newDecodeContext(): DecodeContext {
  return { spans: [], problems: new Problems(), skipped: 0, incomplete: new Map() };
}

/** One warning for the whole input, not one per span: the cause is the producer. */
export function finishDecodeContext(ctx: DecodeContext): void {
  if (ctx.lossyNumberAt !== undefined) {
    ctx.problems.add(
      `${ctx.lossyNumberAt}: a timestamp is a JSON number above 2^53, so it lost precision when read (nanoseconds may be off); ` +
        'producers should send 64-bit integers as decimal strings',
    );
  }
  if (ctx.lossyIntAt !== undefined) ctx.problems.add(lossyIntWarning(ctx.lossyIntAt));
}

/** Worded like the timestamp warning: the value shown is the rounded one, and nothing can give the sent digits back. */
export function lossyIntWarning(at: string): string {
  return (
    `${at}: an int64 attribute value is a JSON number beyond ±2^53, so it lost precision when read (its last digits may be off); ` +
    'producers should send 64-bit integers as decimal strings'
  );
}
