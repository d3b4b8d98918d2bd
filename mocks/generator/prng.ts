/**
 * A seeded pseudo-random generator (mulberry32): the demo data must be the same
 * for the same seed and `now`, so tests can pin ids and counts. Math.random is
 * never used in mocks/generator.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** uniform in [0, 1) */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** picks by weight: `[[value, weight], …]` */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    let at = this.next() * total;
    for (const [value, weight] of choices) {
      at -= weight;
      if (at < 0) return value;
    }
    const last = choices[choices.length - 1];
    if (!last) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }

  /**
   * Log-normal around a median: latencies are mostly near the median with a
   * long right tail, which is what real request timings look like.
   */
  logNormal(median: number, sigma: number): number {
    // Box-Muller; 1 - next() keeps the log argument in (0, 1]
    const u = 1 - this.next();
    const v = this.next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * normal);
  }

  /** `chars` lowercase hex digits (4 per 16-bit draw; a table, since 50k ids per data set add up) */
  hex(chars: number): string {
    let out = '';
    for (let i = 0; i < chars; i += 4) {
      const word = Math.floor(this.next() * 65536);
      out += (BYTE_HEX[word >>> 8] ?? '00') + (BYTE_HEX[word & 0xff] ?? '00');
    }
    return out.length === chars ? out : out.slice(0, chars);
  }

  /** a span id: 16 hex digits, never all zero (the spec calls that invalid) */
  spanId(): string {
    const id = this.hex(16);
    return id === '0000000000000000' ? '0000000000000001' : id;
  }
}

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
