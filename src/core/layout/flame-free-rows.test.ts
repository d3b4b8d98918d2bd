import { describe, expect, it } from 'vitest';
import { FreeRows } from './flame-free-rows';
import { seededRandom } from './flame-test-traces';

describe('FreeRows', () => {
  it('finds the lowest run of free rows long enough', () => {
    const rows = new FreeRows();
    rows.reset(10);
    rows.occupy(0, 2); //  ##........
    rows.occupy(3, 4); //  ##.#......
    expect(rows.lowestFreeRun(1)).toBe(2);
    expect(rows.lowestFreeRun(2)).toBe(4);
    rows.release(0, 2); // ...#......
    expect(rows.lowestFreeRun(3)).toBe(0);
    expect(rows.lowestFreeRun(4)).toBe(4);
    expect(rows.lowestFreeRun(17)).toBe(-1); // 16 rows in all (the next power of two)
  });

  it('agrees with a plain array over 20,000 random occupy/release calls', () => {
    const random = seededRandom(42);
    const size = 300;
    const rows = new FreeRows();
    rows.reset(size);
    const taken = new Uint8Array(512);
    const lowestRun = (height: number): number => {
      let run = 0;
      for (let r = 0; r < 512; r++) {
        run = taken[r] === 1 ? 0 : run + 1;
        if (run === height) return r - height + 1;
      }
      return -1;
    };
    const placed: [number, number][] = [];
    for (let step = 0; step < 20_000; step++) {
      if (placed.length > 0 && random() < 0.45) {
        const [from, to] = placed.splice(Math.floor(random() * placed.length), 1)[0] as [number, number];
        rows.release(from, to);
        taken.fill(0, from, to);
      } else {
        const height = 1 + Math.floor(random() * 8);
        const at = rows.lowestFreeRun(height);
        expect(at).toBe(lowestRun(height));
        if (at < 0 || at + height > size) continue;
        rows.occupy(at, at + height);
        taken.fill(1, at, at + height);
        placed.push([at, at + height]);
      }
    }
  });
});
