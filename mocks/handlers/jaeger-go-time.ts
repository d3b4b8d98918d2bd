/**
 * Go's time.Parse(time.RFC3339Nano, …) as Jaeger's api_v3 gateway reads its time
 * parameters, with Go's error texts, to exact unix nanoseconds (bigint: an epoch
 * in ns is above 2^53). Layout "2006-01-02T15:04:05.999999999Z07:00": the
 * fraction is optional, the zone is "Z" or ±hh:mm.
 */
export type GoTimeResult = { readonly ok: true; readonly unixNano: bigint } | { readonly ok: false; readonly error: string };

const LAYOUT = '2006-01-02T15:04:05.999999999Z07:00';
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseRfc3339Nano(text: string): GoTimeResult {
  const quoted = goQuote(text);
  let rest = text;
  // Go reports the element it could not read and the input left at that point
  const cannotParse = (element: string): GoTimeResult => ({
    ok: false,
    error: `parsing time ${quoted} as ${goQuote(LAYOUT)}: cannot parse ${goQuote(rest)} as ${goQuote(element)}`,
  });
  const outOfRange = (what: string): GoTimeResult => ({ ok: false, error: `parsing time ${quoted}: ${what} out of range` });
  const digits = (count: number): number | undefined => {
    const chunk = rest.slice(0, count);
    if (chunk.length !== count || !/^\d+$/.test(chunk)) return undefined;
    rest = rest.slice(count);
    return Number(chunk);
  };
  const literal = (expected: string): boolean => {
    if (!rest.startsWith(expected)) return false;
    rest = rest.slice(expected.length);
    return true;
  };

  const year = digits(4);
  if (year === undefined) return cannotParse('2006');
  if (!literal('-')) return cannotParse('-');
  const month = digits(2);
  if (month === undefined) return cannotParse('01');
  if (!literal('-')) return cannotParse('-');
  const day = digits(2);
  if (day === undefined) return cannotParse('02');
  if (!literal('T')) return cannotParse('T');
  const hour = digits(2);
  if (hour === undefined) return cannotParse('15');
  if (!literal(':')) return cannotParse(':');
  const minute = digits(2);
  if (minute === undefined) return cannotParse('04');
  if (!literal(':')) return cannotParse(':');
  const second = digits(2);
  if (second === undefined) return cannotParse('05');
  let nanos = 0;
  const fraction = /^[.,](\d{1,9})(?!\d)/.exec(rest);
  if (fraction?.[1] !== undefined) {
    nanos = Number(fraction[1].padEnd(9, '0'));
    rest = rest.slice(fraction[0].length);
  }
  let offsetMinutes = 0;
  if (!literal('Z')) {
    const zone = /^([+-])(\d{2}):(\d{2})/.exec(rest);
    if (!zone) return cannotParse('Z07:00');
    offsetMinutes = (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3]));
    rest = rest.slice(zone[0].length);
  }
  if (rest !== '') return { ok: false, error: `parsing time ${quoted}: extra text: ${goQuote(rest)}` };

  if (month < 1 || month > 12) return outOfRange('month');
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
  if (day < 1 || day > monthDays) return outOfRange('day');
  if (hour > 23) return outOfRange('hour');
  if (minute > 59) return outOfRange('minute');
  if (second > 59) return outOfRange('second');

  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const unixSeconds = BigInt(date.getTime() / 1000 - offsetMinutes * 60);
  return { ok: true, unixNano: unixSeconds * 1_000_000_000n + BigInt(nanos) };
}

/** strconv.Quote for the ASCII text these messages carry */
export function goQuote(text: string): string {
  return JSON.stringify(text);
}
