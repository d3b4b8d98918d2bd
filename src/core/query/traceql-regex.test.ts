import { describe, expect, it } from 'vitest';
import { compileGoRegex, compileTraceQLRegex } from './traceql-regex';

const traceQL = (pattern: string) => {
  const compiled = compileTraceQLRegex(pattern);
  if (!compiled.ok) throw new Error(compiled.error);
  return compiled.regex;
};
const errorOf = (pattern: string) => {
  const compiled = compileTraceQLRegex(pattern);
  return compiled.ok ? undefined : compiled.error;
};

describe('compileTraceQLRegex: RE2 as Tempo runs it', () => {
  it('matches in linear time: (a+)+b against 40 a and a ! is a quick no', () => {
    expect(traceQL('(a+)+b').test(`${'a'.repeat(40)}!`)).toBe(false);
    expect(traceQL('(a+)+!').test(`${'a'.repeat(40)}!`)).toBe(true);
  });

  it('matches the whole value, . matching newlines, with RE2 syntax JavaScript lacks', () => {
    expect(traceQL('prod-.*').test('prod-eu')).toBe(true);
    expect(traceQL('prod').test('prod-eu')).toBe(false);
    expect(traceQL('a.c').test('a\nc')).toBe(true);
    expect(traceQL('(?m)^b$').test('a\nb')).toBe(false); // (?m) stays inside the group; the anchors are the value's
    expect(traceQL('(?U)a+').test('aaa')).toBe(true);
    expect(traceQL('[[:alpha:]]+').test('abc')).toBe(true);
    expect(traceQL('\\Qa.b\\E').test('a.b')).toBe(true);
    expect(traceQL('\\Qa.b\\E').test('axb')).toBe(false);
    expect(traceQL('\\pL+').test('héllo')).toBe(true);
  });

  it.each([
    ['(a)\\1', 'error parsing regexp: invalid escape sequence: `\\1`'],
    ['a(?=b)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['a(?!b)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?!`'],
    ['(?<=a)b', 'error parsing regexp: invalid named capture: `(?<=a)b`'],
    ['a)|(b', 'error parsing regexp: unexpected ): `a)|(b`'],
    ['[', 'error parsing regexp: missing closing ]: `[`'],
    // re2js leaves out the ": `…`" where Go's expression is empty or the whole pattern
    ['a\\', 'error parsing regexp: trailing backslash at end of expression: ``'],
    [`${'('.repeat(1001)}a${')'.repeat(1001)}`, `error parsing regexp: expression nests too deeply: \`${'('.repeat(1001)}a${')'.repeat(1001)}\``],
  ])('refuses %j with Go\'s error: %s', (pattern, error) => {
    expect(errorOf(pattern)).toBe(error);
  });
});

describe('compileGoRegex: the anchoring and dot of each caller', () => {
  it('unanchored finds a part of the value; anchored needs all of it', () => {
    const part = compileGoRegex('b+', { anchored: false, dotMatchesNewline: false });
    const whole = compileGoRegex('b+', { anchored: true, dotMatchesNewline: false });
    expect([part.ok && part.regex.test('abba'), whole.ok && whole.regex.test('abba'), whole.ok && whole.regex.test('bb')]).toEqual([true, false, true]);
  });

  it('. matches a newline only when asked', () => {
    const plain = compileGoRegex('a.c', { anchored: false, dotMatchesNewline: false });
    const dotAll = compileGoRegex('a.c', { anchored: false, dotMatchesNewline: true });
    expect([plain.ok && plain.regex.test('a\nc'), dotAll.ok && dotAll.regex.test('a\nc')]).toEqual([false, true]);
  });
});
