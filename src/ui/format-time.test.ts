import { describe, expect, it } from 'vitest';
import { formatAgo, formatUnixMs, formatUnixNano } from './format-time';

describe('format-time', () => {
  it('writes UTC times with their zone, to the millisecond', () => {
    const text = formatUnixNano(1_700_000_000_123_456_789n, 'utc');
    expect(text).toContain('2023');
    expect(text).toContain(':13:20.123');
    expect(text).toContain('UTC');
  });

  it('local and UTC agree on the instant', () => {
    const localText = formatUnixMs(0, 'local');
    expect(localText).not.toContain('UTC');
    expect(formatUnixMs(0, 'utc')).toContain('1970');
  });

  it('says how long ago', () => {
    const now = 1_700_000_000_000;
    expect(formatAgo(BigInt(now - 5 * 60_000) * 1_000_000n, now)).toBe('5 minutes ago');
    expect(formatAgo(BigInt(now - 30_000) * 1_000_000n, now)).toBe('30 seconds ago');
    expect(formatAgo(BigInt(now - 3 * 3_600_000) * 1_000_000n, now)).toBe('3 hours ago');
  });
});
