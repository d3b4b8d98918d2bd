import { describe, expect, it } from 'vitest';
import { utf8Length } from './utf8-length';

describe('utf8Length', () => {
  it.each(['', 'ascii', 'aé😀', '\ud800', 'x\udc00y', '日本語', '😀😀'])('agrees with TextEncoder for %j', (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});
