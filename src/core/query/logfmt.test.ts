import { describe, expect, it } from 'vitest';
import { parseGoLogfmt } from './go-logfmt';
import { formatLogfmt, parseLogfmt } from './logfmt';

describe('parseGoLogfmt (Tempo\'s reading of `tags`)', () => {
  it.each([
    ['', []],
    ['service.name=cart', [['service.name', 'cart']]],
    ['a=1  b=two\tc=3', [['a', '1'], ['b', 'two'], ['c', '3']]],
    ['http.url="api/x y"', [['http.url', 'api/x y']]],
    ['q="say \\"hi\\"" n=1', [['q', 'say "hi"'], ['n', '1']]],
    ['path="a\\\\b"', [['path', 'a\\b']]],
    ['expr="x=y z"', [['expr', 'x=y z']]],
    ['empty=""', [['empty', '']]],
    ['bare=', [['bare', '']]],
    ['flag', [['flag', '']]],
    ['a=1\nb=2', [['a', '1'], ['b', '2']]],
    ['u="caf\\u00e9"', [['u', 'café']]],
  ])('%j', (text, pairs) => {
    expect(parseGoLogfmt(text)).toEqual({ ok: true, pairs });
  });

  it.each([
    ['a="open', 'unterminated quoted value', 8],
    ['a"b=c', 'unexpected \'"\'', 2],
    ['expr=a=b', 'unexpected \'=\'', 7],
    ['=x', 'unexpected \'=\'', 1],
    ['k="bad \\x escape"', 'invalid quoted value', 18],
  ])('rejects %j as go-logfmt does: %s at %d', (text, msg, pos) => {
    expect(parseGoLogfmt(text)).toEqual({ ok: false, msg, pos });
  });
});

describe('parseLogfmt (the search form)', () => {
  it('reads what Tempo reads', () => {
    expect(parseLogfmt('service.name=auth http.route="/a b"')).toEqual({ ok: true, pairs: [['service.name', 'auth'], ['http.route', '/a b']] });
  });

  it('says where the problem is and what to do', () => {
    expect(parseLogfmt('expr=a=b')).toEqual({ ok: false, error: 'unexpected \'=\' at column 7: quote values that hold spaces, = or " (key="a value")' });
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
      ['multi', 'line\none\ttab'],
    ];
    const text = formatLogfmt(pairs);
    expect(text).toBe('service.name=cart http.url="api/x y" q="say \\"hi\\"\\\\" e="" expr="a=b" multi="line\\none\\ttab"');
    expect(parseLogfmt(text)).toEqual({ ok: true, pairs });
  });
});
