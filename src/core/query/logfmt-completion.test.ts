import { describe, expect, it } from 'vitest';
import { applyCompletion, completionContext, rankSuggestions } from './logfmt-completion';

/** `|` marks the caret */
function at(textWithCaret: string) {
  const caret = textWithCaret.indexOf('|');
  return { text: textWithCaret.replace('|', ''), caret };
}

describe('completionContext', () => {
  it.each([
    ['|', { kind: 'key', prefix: '', start: 0, end: 0 }],
    ['serv|', { kind: 'key', prefix: 'serv', start: 0, end: 4 }],
    ['a=1 http.ro|', { kind: 'key', prefix: 'http.ro', start: 4, end: 11 }],
    ['a=1 http.ro|ute=x', { kind: 'key', prefix: 'http.ro', start: 4, end: 14 }],
    ['service.name=au|', { kind: 'value', key: 'service.name', prefix: 'au', start: 13, end: 15 }],
    ['service.name=|', { kind: 'value', key: 'service.name', prefix: '', start: 13, end: 13 }],
    ['route="/a b|" x=1', { kind: 'value', key: 'route', prefix: '/a b', start: 6, end: 12 }],
    ['k="say \\"hi|', { kind: 'value', key: 'k', prefix: 'say "hi', start: 2, end: 11 }],
  ])('%s', (input, expected) => {
    const { text, caret } = at(input);
    expect(completionContext(text, caret)).toEqual(expected);
  });
});

describe('applyCompletion', () => {
  it.each([
    ['serv|', 'service.name', 'service.name=|'],
    ['a=1 http.ro|ute=x', 'http.route', 'a=1 http.route=|x'],
    ['service.name=au| x=1', 'auth', 'service.name=auth| x=1'],
    ['route=/a|', '/a b', 'route="/a b"|'],
    ['route="/a b|" x=1', '/a b/c', 'route="/a b/c"| x=1'],
  ])('%s + %s → %s', (input, choice, output) => {
    const { text, caret } = at(input);
    const result = applyCompletion(text, completionContext(text, caret), choice);
    expect(`${result.text.slice(0, result.caret)}|${result.text.slice(result.caret)}`).toBe(output);
  });
});

describe('rankSuggestions', () => {
  it('puts prefix matches first, then substring matches, and skips the exact text', () => {
    expect(rankSuggestions(['http.route', 'url.path', 'http.request.method', 'route'], 'route')).toEqual(['http.route']);
    expect(rankSuggestions(['b', 'ab', 'ba', 'c'], 'b')).toEqual(['ba', 'ab']);
    expect(rankSuggestions(['x', 'y'], '')).toEqual(['x', 'y']);
    expect(rankSuggestions(['a1', 'a2', 'a3'], 'a', 2)).toEqual(['a1', 'a2']);
  });
});
