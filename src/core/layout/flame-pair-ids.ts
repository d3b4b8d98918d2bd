/**
 * Dense ids for pairs of small non-negative integers: (parent node, label) → node when
 * merging call paths, (service, operation) → label. An open-addressing hash table in
 * typed arrays, at most half full: a Map keyed by `a * bound + b` would need keys past
 * 2^31, which V8 boxes as heap numbers, and one entry object per node (200,000 for a
 * 200,000-span trace of distinct paths) for the garbage collector to trace.
 */
export class PairIds {
  private firsts: Int32Array;
  private seconds: Int32Array;
  private ids: Int32Array; // -1: empty slot
  private mask: number;
  private count = 0;

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2; // at most half full: short probe runs
    this.firsts = new Int32Array(capacity);
    this.seconds = new Int32Array(capacity);
    this.ids = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The pair's id, numbering new pairs 0, 1, 2, … in order of first sight. */
  idOf(first: number, second: number): number {
    const slot = this.slotOf(first, second);
    const found = this.ids[slot] as number;
    if (found >= 0) return found;
    const id = this.count++;
    this.firsts[slot] = first;
    this.seconds[slot] = second;
    this.ids[slot] = id;
    if (this.count * 2 > this.ids.length) this.grow();
    return id;
  }

  private slotOf(first: number, second: number): number {
    const { firsts, seconds, ids, mask } = this;
    // murmur3's finaliser over both halves, so sequential ids spread over the table
    let h = Math.imul(first, 0x9e3779b1) ^ second;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    let slot = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const id = ids[slot] as number;
      if (id < 0 || (firsts[slot] === first && seconds[slot] === second)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const { firsts, seconds, ids } = this;
    const capacity = ids.length * 2;
    this.firsts = new Int32Array(capacity);
    this.seconds = new Int32Array(capacity);
    this.ids = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let old = 0; old < ids.length; old++) {
      const id = ids[old] as number;
      if (id < 0) continue;
      const slot = this.slotOf(firsts[old] as number, seconds[old] as number);
      this.firsts[slot] = firsts[old] as number;
      this.seconds[slot] = seconds[old] as number;
      this.ids[slot] = id;
    }
  }
}
