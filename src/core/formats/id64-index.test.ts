import { describe, expect, it } from 'vitest';
import { halvesOfId64, Id64Index } from './id64-index';
import { hexOfId64 } from './otlp-proto-values';

describe('halvesOfId64', () => {
  it('reads back what hexOfId64 writes, the top bits included', () => {
    for (const [hi, lo] of [[0, 1], [0xffffffff, 0xffffffff], [0x80000000, 0x7fffffff], [0x0123abcd, 0xdeadbeef]] as const) {
      expect(halvesOfId64(hexOfId64(hi, lo))).toEqual([hi, lo]);
    }
  });

  it('refuses any other text: it is no span id', () => {
    for (const text of ['', '0123abcd', '0123abcddeadbeef0', '0123ABCDDEADBEEF', '0123abcddeadbeeg', ' 123abcddeadbeef', '-123abcddeadbeef']) {
      expect(halvesOfId64(text)).toBeUndefined();
    }
  });
});

describe('Id64Index', () => {
  // ids that share a half, and one repeated: probing must compare both halves
  const hi = new Uint32Array([1, 1, 2, 0xffffffff, 1]);
  const lo = new Uint32Array([7, 8, 7, 0xffffffff, 7]);

  it('adds each id once and says which key already holds a repeat', () => {
    const index = new Id64Index(hi.length, hi, lo);
    expect([0, 1, 2, 3].map((i) => index.add(i))).toEqual([-1, -1, -1, -1]);
    expect(index.add(4)).toBe(0);
  });

  it('finds every id added, and -1 for one it lacks', () => {
    const index = new Id64Index(4, hi, lo);
    for (let i = 0; i < 4; i++) index.add(i);
    expect(index.find(1, 7)).toBe(0);
    expect(index.find(1, 8)).toBe(1);
    expect(index.find(2, 7)).toBe(2);
    expect(index.find(0xffffffff, 0xffffffff)).toBe(3);
    expect(index.find(2, 8)).toBe(-1);
  });

  it('stays right when the table is nearly full of colliding probes', () => {
    const n = 5_000;
    const h = new Uint32Array(n);
    const l = new Uint32Array(n).map((_, i) => i * 16);
    const index = new Id64Index(n, h, l);
    for (let i = 0; i < n; i++) expect(index.add(i)).toBe(-1);
    for (let i = 0; i < n; i++) expect(index.find(0, i * 16)).toBe(i);
    expect(index.find(0, 1)).toBe(-1);
  });
});
