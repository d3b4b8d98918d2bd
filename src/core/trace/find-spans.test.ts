import { describe, expect, it } from 'vitest';
import type { Attribute } from '../model/attributes';
import { buildTrace } from './build-trace';
import { decodedSpan, id, name, T0 } from './__fixtures__/make-trace';
import { attributeValueText, findSpans, parseFindQuery } from './find-spans';

const str = (key: string, value: string): Attribute => ({ key, value: { type: 'string', value } });
const int = (key: string, value: string): Attribute => ({ key, value: { type: 'int', value } });

/*
 *  gw   api-gateway  GET /checkout                       http.status_code=500
 *  ├ pay payment     charge          resource region=eu   payment.provider="Acme Pay"
 *  │ └ db postgres   INSERT payments                      db.statement=INSERT INTO payments…
 *  └ inv inventory   reserve         event "exception", status "out of stock"
 */
const trace = buildTrace([
  { ...decodedSpan({ id: 'gw', start: 0, end: 100, service: 'api-gateway' }), name: 'GET /checkout', attributes: [int('http.status_code', '500')] },
  {
    ...decodedSpan({ id: 'pay', parent: 'gw', start: 10, end: 60, service: 'payment' }),
    name: 'charge',
    attributes: [str('payment.provider', 'Acme Pay')],
    resource: { attributes: [str('service.name', 'payment'), str('region', 'eu')], droppedAttributesCount: 0 },
  },
  { ...decodedSpan({ id: 'db', parent: 'pay', start: 20, end: 40, service: 'postgres' }), name: 'INSERT payments', attributes: [str('db.statement', 'INSERT INTO payments VALUES ($1)')] },
  {
    ...decodedSpan({ id: 'inv', parent: 'gw', start: 61, end: 90, service: 'inventory' }),
    name: 'reserve',
    status: { code: 'error', message: 'out of stock' },
    events: [{ timeUnixNano: T0 + 70n, name: 'exception', attributes: [], droppedAttributesCount: 0 }],
  },
]);
const find = (text: string): string[] => Array.from(findSpans(trace, text), (i) => name(trace.spans[i]?.spanId ?? ''));

describe('findSpans', () => {
  it.each([
    // [find text, spans found in tree order]
    ['', []],
    ['   ', []],
    ['payment', ['pay', 'db']], // service, then operation / attribute value
    ['PAYMENT', ['pay', 'db']], // case-insensitive
    ['checkout', ['gw']], // operation name substring
    ['inventory', ['inv']], // service
    [id('db'), ['db']], // span id
    ['stock', ['inv']], // status message
    ['exception', ['inv']], // event name
    ['region', ['pay']], // resource attribute key
    ['eu', ['pay']], // resource attribute value
    ['http.status_code=500', ['gw']], // key=value, exact value
    ['http.status_code=50', []], // key=value is not a substring match
    ['HTTP.STATUS_CODE=500', ['gw']],
    ['payment.provider="acme pay"', ['pay']], // quoted value with a space
    ['"acme pay"', ['pay']], // quoted phrase
    ['region=', ['pay']], // any span that has the key
    ['payment insert', ['db']], // every term must match
    ['payment nothing-like-this', []],
  ])('%j finds %j', (text, expected) => {
    expect(find(text)).toEqual(expected);
  });
});

describe('parseFindQuery', () => {
  it('splits terms, keeps quoted phrases and key=value pairs, lowercased', () => {
    expect(parseFindQuery('Foo "a B" k=V k2=')).toEqual([
      { kind: 'text', text: 'foo' },
      { kind: 'text', text: 'a b' },
      { kind: 'attribute', key: 'k', value: 'v' },
      { kind: 'attribute', key: 'k2' },
    ]);
  });
  it('reads a leading = as text, not an attribute with an empty key', () => {
    expect(parseFindQuery('=500')).toEqual([{ kind: 'text', text: '=500' }]);
  });
});

describe('attributeValueText', () => {
  it('writes every type as text, nested values too', () => {
    expect(attributeValueText({ type: 'int', value: '9007199254740993' })).toBe('9007199254740993');
    expect(attributeValueText({ type: 'double', value: 0.5 })).toBe('0.5');
    expect(attributeValueText({ type: 'bool', value: false })).toBe('false');
    expect(attributeValueText({ type: 'empty' })).toBe('');
    expect(
      attributeValueText({ type: 'kvlist', value: [{ key: 'a', value: { type: 'array', value: [{ type: 'int', value: '1' }, { type: 'string', value: 'x' }] } }] }),
    ).toBe('{a=[1, x]}');
  });
});
