import { DecodeError } from './decode-error';

/**
 * JSON.parse, with an error a person can act on. Engines word (and place) syntax
 * errors differently and Node 20 often gives no position, so on failure we scan the
 * text ourselves to find the line and column of the first error.
 */
export function parseJsonText(text: string, label = 'the input'): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const problem = locateJsonError(text);
    const where = problem ? ` at line ${problem.line}, column ${problem.column}` : '';
    const what = problem ? `: ${problem.message}` : '';
    throw new DecodeError(`${label} is not valid JSON${where}${what}`, problem);
  }
}

export interface JsonSyntaxProblem {
  /** 1-based */
  readonly line: number;
  /** 1-based, in UTF-16 code units */
  readonly column: number;
  readonly message: string;
}

/**
 * The first JSON syntax error in text, or undefined if it is valid JSON.
 * Iterative (an explicit stack of open containers), so deep nesting cannot overflow.
 */
export function locateJsonError(text: string): JsonSyntaxProblem | undefined {
  const stack: ('{' | '[')[] = [];
  let i = 0;
  const fail = (message: string, at = i): JsonSyntaxProblem => ({ ...lineAndColumn(text, at), message });
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const found = (): string => (i >= text.length ? 'the end of the text' : `'${text.charAt(i)}'`);

  // expect: what the grammar allows next
  let expect: 'value' | 'key' | 'colon' | 'after-value' | 'first-key' | 'first-value' = 'value';
  for (;;) {
    skipSpace();
    if (expect === 'value' || expect === 'first-value') {
      if (expect === 'first-value' && text.charAt(i) === ']') {
        stack.pop();
        i++;
        expect = 'after-value';
        continue;
      }
      const c = text.charAt(i);
      if (c === '{') {
        stack.push('{');
        i++;
        expect = 'first-key';
      } else if (c === '[') {
        stack.push('[');
        i++;
        expect = 'first-value';
      } else if (c === '"') {
        const problem = scanString();
        if (problem) return problem;
        expect = 'after-value';
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
        if (!m) return fail(`expected a number, found ${found()}`);
        i += m[0].length;
        expect = 'after-value';
      } else {
        const word = /^(true|false|null)/.exec(text.slice(i, i + 5));
        if (!word) return fail(`expected a value, found ${found()}`);
        i += word[0].length;
        expect = 'after-value';
      }
    } else if (expect === 'key' || expect === 'first-key') {
      if (expect === 'first-key' && text.charAt(i) === '}') {
        stack.pop();
        i++;
        expect = 'after-value';
        continue;
      }
      if (text.charAt(i) !== '"') return fail(`expected a property name in double quotes, found ${found()}`);
      const problem = scanString();
      if (problem) return problem;
      expect = 'colon';
    } else if (expect === 'colon') {
      if (text.charAt(i) !== ':') return fail(`expected ':' after a property name, found ${found()}`);
      i++;
      expect = 'value';
    } else {
      const open = stack[stack.length - 1];
      if (open === undefined) {
        if (i < text.length) return fail(`unexpected ${found()} after the end of the JSON value`);
        return undefined;
      }
      const c = text.charAt(i);
      if (c === ',') {
        i++;
        expect = open === '{' ? 'key' : 'value';
      } else if ((c === '}' && open === '{') || (c === ']' && open === '[')) {
        stack.pop();
        i++;
      } else {
        return fail(`expected ',' or '${open === '{' ? '}' : ']'}', found ${found()}`);
      }
    }
  }

  function scanString(): JsonSyntaxProblem | undefined {
    const start = i;
    i++;
    while (i < text.length) {
      const c = text.charAt(i);
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c === '\\') {
        const next = text.charAt(i + 1);
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('bad \\u escape in a string');
          i += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== '') {
          i += 2;
        } else {
          return fail('bad escape in a string');
        }
      } else if (c < ' ') {
        return fail('control character (such as a line break) inside a string');
      } else {
        i++;
      }
    }
    return fail('string not closed', start);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let j = text.indexOf('\n'); j !== -1 && j < offset; j = text.indexOf('\n', j + 1)) {
    line++;
    lineStart = j + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
