import { describe, expect, it } from 'vitest';
import { formatLogfmt, parseLogfmt } from './logfmt';

describe('parseLogfmt', () => {
  it.each([
    ['', []],
    ['service.name=cart', [['service.name', 'cart']]],
    ['a=1  b=two\tc=3', [['a', '1'], ['b', 'two'], ['c', '3']]],
    ['http.url="api/x y"', [['http.url', 'api/x y']]],
    ['q="say \\"hi\\"" n=1', [['q', 'say "hi"'], ['n', '1']]],
    ['path="a\\\\b"', [['path', 'a\\b']]],
    ['expr=a=b', [['expr', 'a=b']]],
    ['expr="x=y z"', [['expr', 'x=y z']]],
    ['empty=""', [['empty', '']]],
    ['bare=', [['bare', '']]],
  ])('%j', (text, pairs) => {
    expect(parseLogfmt(text)).toEqual({ ok: true, pairs });
  });

  it.each([
    ['service', '"service" has no value'],
    ['a=1 b', '"b" has no value'],
    ['=x', 'a value without a key'],
    ['k="open', 'no closing quote'],
    ['k="a"b', 'expected a space after the quoted value of "k"'],
    ['"k"=v', 'unexpected quote in a key'],
  ])('rejects %j: %s', (text, message) => {
    const result = parseLogfmt(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});

describe('formatLogfmt', () => {
  it('quotes what needs quoting and reads back the same pairs', () => {
    const pairs: [string, string][] = [
      ['service.name', 'cart'],
      ['http.url', 'api/x y'],
      ['q', 'say "hi"\\'],
      ['e', ''],
      ['expr', 'a=b'],
    ];
    const text = formatLogfmt(pairs);
    expect(text).toBe('service.name=cart http.url="api/x y" q="say \\"hi\\"\\\\" e="" expr="a=b"');
    expect(parseLogfmt(text)).toEqual({ ok: true, pairs });
  });
});
