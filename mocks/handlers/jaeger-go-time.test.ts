import { describe, expect, it } from 'vitest';
import { parseRfc3339Nano } from './jaeger-go-time';

const LAYOUT = '"2006-01-02T15:04:05.999999999Z07:00"';

describe('parseRfc3339Nano (Go time.Parse with RFC3339Nano)', () => {
  it.each([
    ['2026-01-15T12:00:00Z', 1_768_478_400_000_000_000n],
    ['2026-01-15T12:00:00.5Z', 1_768_478_400_500_000_000n],
    ['2026-01-15T12:00:00.000000001Z', 1_768_478_400_000_000_001n],
    ['2026-01-15T14:00:00.123456789+02:00', 1_768_478_400_123_456_789n],
    ['2026-01-15T11:30:00-00:30', 1_768_478_400_000_000_000n],
    ['1970-01-01T00:00:00Z', 0n],
    ['2024-02-29T00:00:00Z', 1_709_164_800_000_000_000n],
  ])('%s → %s ns', (text, unixNano) => {
    expect(parseRfc3339Nano(text)).toEqual({ ok: true, unixNano });
  });

  it.each([
    ['abc', `parsing time "abc" as ${LAYOUT}: cannot parse "abc" as "2006"`],
    ['2026-1-15T12:00:00Z', `parsing time "2026-1-15T12:00:00Z" as ${LAYOUT}: cannot parse "1-15T12:00:00Z" as "01"`],
    ['2026-01-15', `parsing time "2026-01-15" as ${LAYOUT}: cannot parse "" as "T"`],
    ['2026-01-15T12:00:00', `parsing time "2026-01-15T12:00:00" as ${LAYOUT}: cannot parse "" as "Z07:00"`],
    ['2026-01-15T12:00:00+0200', `parsing time "2026-01-15T12:00:00+0200" as ${LAYOUT}: cannot parse "+0200" as "Z07:00"`],
    ['2026-01-15T12:00:00Zjunk', 'parsing time "2026-01-15T12:00:00Zjunk": extra text: "junk"'],
    ['2026-13-15T12:00:00Z', 'parsing time "2026-13-15T12:00:00Z": month out of range'],
    ['2025-02-29T12:00:00Z', 'parsing time "2025-02-29T12:00:00Z": day out of range'],
    ['2026-01-15T24:00:00Z', 'parsing time "2026-01-15T24:00:00Z": hour out of range'],
  ])('%s is refused: %s', (text, error) => {
    expect(parseRfc3339Nano(text)).toEqual({ ok: false, error });
  });
});
