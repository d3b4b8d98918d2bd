import { describe, expect, it } from 'vitest';
import { formatClockNano } from './format-clock';

describe('formatClockNano', () => {
  it('shows the time of day to the millisecond, in UTC when asked', () => {
    // 2023-11-14T22:13:20.123456789Z
    expect(formatClockNano(1_700_000_000_123_456_789n, 'utc')).toMatch(/^22:13:20[.,]123$/);
  });
});
