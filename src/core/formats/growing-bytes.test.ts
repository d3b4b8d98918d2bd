import { describe, expect, it } from 'vitest';
import { appendBytes } from './growing-bytes';

describe('appendBytes', () => {
  it('writes in place while the piece fits', () => {
    const buffer = new Uint8Array(8);
    expect(appendBytes(buffer, 2, Uint8Array.of(7, 8))).toBe(buffer);
    expect([...buffer]).toEqual([0, 0, 7, 8, 0, 0, 0, 0]);
  });
  it('grows by doubling, keeping what came before, when it does not', () => {
    const buffer = Uint8Array.of(1, 2, 3, 4);
    const grown = appendBytes(buffer, 3, Uint8Array.of(9, 9));
    expect(grown).not.toBe(buffer);
    expect(grown.length).toBe(8);
    expect([...grown.subarray(0, 5)]).toEqual([1, 2, 3, 9, 9]);
  });
  it('grows to the piece when doubling is not enough', () => {
    expect(appendBytes(new Uint8Array(1), 0, new Uint8Array(10)).length).toBe(10);
  });
});
