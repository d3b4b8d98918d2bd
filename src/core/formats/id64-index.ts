/**
 * 64-bit ids (span ids) held as two uint32 halves, looked up without a string per id:
 * open addressing over the halves' own arrays. The decoder dedupes a trace's spans
 * with it, and the page's id map answers lookups with it (a Map of 100,000 hex
 * strings took ~70 ms to fill in the page; this takes a few).
 */
export class Id64Index {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;

  constructor(capacityFor: number, hi: Uint32Array, lo: Uint32Array) {
    let size = 16;
    while (size < capacityFor * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.hi = hi;
    this.lo = lo;
  }

  /** Adds key `i` (its id is hi[i]/lo[i]) unless that id is there: then returns the key already there, else -1. */
  add(i: number): number {
    const h = this.hi[i] as number;
    const l = this.lo[i] as number;
    let slot = hash(h, l) & this.mask;
    for (;;) {
      const at = this.slots[slot] as number;
      if (at < 0) {
        this.slots[slot] = i;
        return -1;
      }
      if (this.hi[at] === h && this.lo[at] === l) return at;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The key holding this id, or -1. */
  find(h: number, l: number): number {
    let slot = hash(h, l) & this.mask;
    for (;;) {
      const at = this.slots[slot] as number;
      if (at < 0 || (this.hi[at] === h && this.lo[at] === l)) return at;
      slot = (slot + 1) & this.mask;
    }
  }
}

function hash(hi: number, lo: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  return h;
}

const ID64_HEX = /^[0-9a-f]{16}$/;

/**
 * The halves of a 64-bit id written as hexOfId64 writes it (16 lowercase hex digits),
 * or undefined for any other text: such a text is no span's id.
 */
export function halvesOfId64(id: string): readonly [hi: number, lo: number] | undefined {
  if (!ID64_HEX.test(id)) return undefined;
  return [parseInt(id.slice(0, 8), 16) >>> 0, parseInt(id.slice(8), 16) >>> 0];
}
