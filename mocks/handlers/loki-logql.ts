/**
 * The LogQL the demo Loki understands (loki-and-traceql.md A3): a stream selector,
 * then line filters, `| json`, `| logfmt` and single label filters, which covers
 * what the Loki adapter sends in each of its styles and Grafana's simpler
 * trace-to-logs queries. Metric queries, `and`/`or`, `label_format`, `drop`,
 * `line_format` and numeric comparisons are refused with Loki's 400 text.
 */
import { compileGoRegex, type CompiledRegex, type GoRegexOptions } from '../../src/core/query/traceql-regex';

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  readonly name: string;
  readonly op: MatchOp;
  readonly value: string;
  /** compiled for =~ / !~ */
  readonly regex?: CompiledRegex;
}

export type Stage =
  | { readonly type: 'line'; readonly op: '|=' | '!=' | '|~' | '!~'; readonly text: string; readonly regex?: CompiledRegex }
  | { readonly type: 'parser'; readonly parser: 'json' | 'logfmt' }
  | { readonly type: 'label'; readonly matcher: Matcher };

export interface LogQuery {
  readonly selector: readonly Matcher[];
  readonly stages: readonly Stage[];
}

export type LogQueryParse = { readonly ok: true; readonly query: LogQuery } | { readonly ok: false; readonly error: string };

type Token =
  | { kind: 'punct'; text: string; col: number }
  | { kind: 'ident'; text: string; col: number }
  | { kind: 'string'; text: string; col: number }
  | { kind: 'end'; col: number };

class ParseError extends Error {}

/** Loki's wording: `parse error at line 1, col N: …` with a position, `parse error : …` without. */
const syntaxError = (token: Token): ParseError => {
  const what = token.kind === 'end' ? '$end' : token.kind === 'ident' ? 'IDENTIFIER' : token.kind === 'string' ? 'STRING' : token.text;
  return new ParseError(`parse error at line 1, col ${token.col}: syntax error: unexpected ${what}`);
};

export function parseLogQuery(text: string): LogQueryParse {
  try {
    const metric = /^\s*([a-z_]+)\s*\(/.exec(text);
    if (metric) throw new ParseError(`parse error : the demo Loki answers log queries only, not metric queries (${metric[1] ?? ''})`);
    const tokens = tokenize(text);
    let at = 0;
    const peek = (): Token => tokens[at] ?? { kind: 'end', col: text.length + 1 };
    const next = (): Token => {
      const token = peek();
      at++;
      return token;
    };
    const expectPunct = (p: string): void => {
      const token = next();
      if (token.kind !== 'punct' || token.text !== p) throw syntaxError(token);
    };
    const matcher = (): Matcher => {
      const name = next();
      if (name.kind !== 'ident') throw syntaxError(name);
      const op = next();
      if (op.kind !== 'punct' || !['=', '!=', '=~', '!~'].includes(op.text)) throw syntaxError(op);
      const value = next();
      if (value.kind !== 'string') throw syntaxError(value);
      return compileMatcher(name.text, op.text as MatchOp, value.text);
    };

    expectPunct('{');
    const selector: Matcher[] = [];
    if (!(peek().kind === 'punct' && (peek() as { text: string }).text === '}')) {
      selector.push(matcher());
      while (peek().kind === 'punct' && (peek() as { text: string }).text === ',') {
        next();
        selector.push(matcher());
      }
    }
    expectPunct('}');
    if (!selector.some((m) => !matches(m, ''))) {
      throw new ParseError(
        'parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will',
      );
    }

    const stages: Stage[] = [];
    for (let token = peek(); token.kind !== 'end'; token = peek()) {
      next();
      if (token.kind !== 'punct') throw syntaxError(token);
      if (token.text === '|=' || token.text === '!=' || token.text === '|~' || token.text === '!~') {
        const value = next();
        if (value.kind !== 'string') throw syntaxError(value);
        // line-filter regexes are not anchored (A3)
        const regex = token.text === '|~' || token.text === '!~' ? compileRegex(value.text, { anchored: false, dotMatchesNewline: true }) : undefined;
        stages.push({ type: 'line', op: token.text, text: value.text, ...(regex ? { regex } : {}) });
        continue;
      }
      if (token.text !== '|') throw syntaxError(token);
      const what = peek();
      if (what.kind !== 'ident') throw syntaxError(what);
      if ((what.text === 'json' || what.text === 'logfmt') && !isPunct(tokens[at + 1], '=', '!=', '=~', '!~')) {
        next();
        if (peek().kind === 'ident' || peek().kind === 'string') throw new ParseError(`parse error : the demo Loki takes ${what.text} without arguments`);
        stages.push({ type: 'parser', parser: what.text });
        continue;
      }
      const m = matcher();
      if (isPunct(peek(), ',') || (peek().kind === 'ident' && ['and', 'or'].includes((peek() as { text: string }).text))) {
        throw new ParseError('parse error : the demo Loki takes one label filter per stage');
      }
      stages.push({ type: 'label', matcher: m });
    }
    return { ok: true, query: { selector, stages } };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, error: error.message };
    throw error;
  }
}

/** A selector-only query, as `/labels?query=` takes. */
export function parseSelector(text: string): LogQueryParse {
  const parsed = parseLogQuery(text);
  if (parsed.ok && parsed.query.stages.length > 0) return { ok: false, error: 'parse error : only a stream selector is allowed here' };
  return parsed;
}

export function matches(m: Matcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return m.regex?.test(value) ?? false;
    case '!~':
      return !(m.regex?.test(value) ?? false);
  }
}

function compileMatcher(name: string, op: MatchOp, value: string): Matcher {
  // label matchers are fully anchored RE2 (A3); `.` does not match a newline
  const regex = op === '=~' || op === '!~' ? compileRegex(value, { anchored: true, dotMatchesNewline: false }) : undefined;
  return { name, op, value, ...(regex ? { regex } : {}) };
}

/** RE2, as Loki: matching is linear in the line, so `(a+)+b` cannot stall the server. */
function compileRegex(pattern: string, options: GoRegexOptions): CompiledRegex {
  const compiled = compileGoRegex(pattern, options);
  if (!compiled.ok) throw new ParseError(`parse error : ${compiled.error}`);
  return compiled.regex;
}

function isPunct(token: Token | undefined, ...texts: string[]): boolean {
  return token !== undefined && token.kind === 'punct' && texts.includes(token.text);
}

const PUNCT = ['|=', '|~', '!=', '!~', '=~', '{', '}', ',', '|', '=', '(', ')', '[', ']', '>', '<'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    const col = i + 1;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === '`') {
      const { value, end } = c === '`' ? rawString(text, i) : goString(text, i);
      tokens.push({ kind: 'string', text: value, col });
      i = end;
      continue;
    }
    const ident = /^[a-zA-Z_][a-zA-Z0-9_.]*/.exec(text.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], col });
      i += ident[0].length;
      continue;
    }
    const punct = PUNCT.find((p) => text.startsWith(p, i));
    if (punct === undefined) throw new ParseError(`parse error at line 1, col ${col}: syntax error: unexpected ${c}`);
    tokens.push({ kind: 'punct', text: punct, col });
    i += punct.length;
  }
  return tokens;
}

function rawString(text: string, start: number): { value: string; end: number } {
  const close = text.indexOf('`', start + 1);
  if (close < 0) throw new ParseError(`parse error at line 1, col ${start + 1}: literal not terminated`);
  return { value: text.slice(start + 1, close), end: close + 1 };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

/** A Go double-quoted string (LogQL strings are Go's), the escapes people write. */
function goString(text: string, start: number): { value: string; end: number } {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '"') return { value, end: i + 1 };
    if (c === '\n') break;
    if (c !== '\\') {
      value += c;
      continue;
    }
    const e = text.charAt(++i);
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      value += simple;
      continue;
    }
    const hexLength = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    const hex = text.slice(i + 1, i + 1 + hexLength);
    if (hexLength === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLength) {
      throw new ParseError(`parse error at line 1, col ${i}: invalid char escape`);
    }
    value += String.fromCodePoint(parseInt(hex, 16));
    i += hexLength;
  }
  throw new ParseError(`parse error at line 1, col ${start + 1}: literal not terminated`);
}
