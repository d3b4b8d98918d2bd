/**
 * Go's time.ParseDuration, with its error texts: Tempo answers
 * `invalid minDuration: time: invalid duration "abc"` with them.
 * parseDuration (duration.ts) reads the search form with these same rules,
 * so the form accepts exactly what the backends accept.
 */
export type GoDurationResult = { readonly ok: true; readonly ns: number } | { readonly ok: false; readonly error: string };

const UNIT_NS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3, // U+00B5 micro sign
  'μs': 1e3, // U+03BC Greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

export function parseGoDuration(text: string): GoDurationResult {
  const quoted = JSON.stringify(text);
  const invalid = { ok: false, error: `time: invalid duration ${quoted}` } as const;
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, ns: 0 };
  if (s === '') return invalid;
  let total = 0;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid;
    const number = /^(\d*)(?:\.(\d*))?/.exec(s)?.[0] ?? '';
    if (number === '' || number === '.') return invalid;
    s = s.slice(number.length);
    let unitLength = 0;
    while (unitLength < s.length && s[unitLength] !== '.' && !isDigit(s[unitLength])) unitLength++;
    const unit = s.slice(0, unitLength);
    if (unit === '') return { ok: false, error: `time: missing unit in duration ${quoted}` };
    const scale = UNIT_NS[unit];
    if (scale === undefined) return { ok: false, error: `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}` };
    total += Number(number) * scale;
    s = s.slice(unitLength);
  }
  return { ok: true, ns: Math.round(negative ? -total : total) };
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}
