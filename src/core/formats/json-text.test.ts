import { describe, expect, it } from 'vitest';
import { locateJsonError, parseJsonText } from './json-text';
import { parseJsonDocuments } from './json-lines';

describe('locateJsonError', () => {
  it.each([
    ['{"a": [1, 2, {"b": null}], "c": "\\u00e9\\n"}'],
    ['  [ ]  '],
    ['-0.5e+10'],
    ['"text"'],
  ])('finds nothing wrong in valid JSON %j', (text) => {
    expect(locateJsonError(text)).toBeUndefined();
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it.each([
    ['{"a": tru}', 1, 7, 'expected a value, found \'t\''],
    ['{"a": "x\ny"}', 1, 9, 'control character (such as a line break) inside a string'],
    ['{"a": "\\x"}', 1, 8, 'bad escape in a string'],
    ['[1 2]', 1, 4, "expected ',' or ']', found '2'"],
    ['{"a" 1}', 1, 6, "expected ':' after a property name, found '1'"],
    ['\n\n   01', 3, 5, 'unexpected \'1\' after the end of the JSON value'],
  ])('%j → line %i, column %i', (text, line, column, message) => {
    expect(locateJsonError(text)).toEqual({ line, column, message });
  });

  it('handles 100,000 levels of nesting without recursion', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(99_999)}`;
    expect(locateJsonError(deep)).toEqual({ line: 1, column: 200_000, message: "expected ',' or ']', found the end of the text" });
  });
});

describe('parseJsonText / parseJsonDocuments', () => {
  it('names the input in the message', () => {
    expect(() => parseJsonText('{', 'trace.json')).toThrow('trace.json is not valid JSON at line 1, column 2: expected a property name in double quotes, found the end of the text');
  });

  it('reads one pretty-printed document as one document', () => {
    expect(parseJsonDocuments('{\n  "a": 1\n}\n')).toEqual({ documents: [{ value: { a: 1 } }], warnings: [] });
  });

  it('reads JSON Lines with CRLF endings and blank lines, numbering lines from 1', () => {
    expect(parseJsonDocuments('{"a":1}\r\n\r\n{"a":2}\r\n')).toEqual({
      documents: [
        { value: { a: 1 }, line: 1 },
        { value: { a: 2 }, line: 3 },
      ],
      warnings: [],
    });
  });
});
