import type { DecodedSpan } from '../../model/decoded-span';
import { decodedSpan, type SpanSpec } from './make-trace';

/** make-trace's specs with what the statistics and the service map read: a span name, an error, a db.system. */
export interface ShopSpanSpec extends SpanSpec {
  readonly name: string;
  readonly error?: boolean;
  readonly dbSystem?: string;
}

export const shopSpans = (specs: readonly ShopSpanSpec[]): DecodedSpan[] =>
  specs.map((s) => ({
    ...decodedSpan(s),
    name: s.name,
    ...(s.error ? { status: { code: 'error' as const, message: 'boom' } } : {}),
    ...(s.dbSystem ? { attributes: [{ key: 'db.system', value: { type: 'string' as const, value: s.dbSystem } }] } : {}),
  }));
