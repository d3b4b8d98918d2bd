import type { SpanId } from '../model/ids';

/**
 * A new span id for a span whose own id is taken (a Zipkin server half sharing its
 * client's id, a second span reported under one id): FNV-1a (64-bit) of
 * "seed/attempt", re-hashed on the (unlikely) clash with an id in use, so the same
 * input always gives the same ids and a permalink to the re-keyed span keeps working.
 */
export function derivedSpanId(seed: string, isUsed: (id: SpanId) => boolean): SpanId {
  for (let attempt = 0; ; attempt++) {
    const id = fnv1a64(`${seed}/${attempt}`);
    if (id !== '0000000000000000' && !isUsed(id)) return id;
  }
}

function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}
