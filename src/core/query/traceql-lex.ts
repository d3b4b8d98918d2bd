/**
 * TraceQL's tokens, read the way Tempo's lexer (pkg/traceql/lexer.go, over Go's
 * text/scanner) reads them, so the same text splits the same way:
 * - an attribute name runs to whitespace or one of `{ } ( ) = ~ ! < > & | ^ ,`
 *   (so `span.http.status_code` and `span.foo-bar` are one name) and may hold
 *   quoted parts (`span."a b"`, escapes \" and \\ only);
 * - a number directly followed by unit letters is a duration (`500ms`, `1.5s`,
 *   `1h30m`, `2d`), Prometheus' duration syntax first, then Go's;
 * - strings are Go literals: "…" with Go's escapes, or `raw`.
 * Tokens are read on demand, so the first error from the left is the one reported.
 */
import { parseGoDuration } from './go-duration';

export type AttributeTokenScope = 'span' | 'resource' | 'unscoped' | 'event' | 'link' | 'instrumentation' | 'parent';
export type IntrinsicTokenScope = 'span' | 'trace' | 'event' | 'link' | 'instrumentation';

export type Token = { readonly offset: number } & (
  | { readonly kind: 'punct'; readonly text: string }
  /** keywords (true, error, name, count…) and any other word; a stray character too, as Go's scanner hands it over */
  | { readonly kind: 'ident'; readonly text: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'int'; readonly text: string }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'duration'; readonly ns: number }
  | { readonly kind: 'attribute'; readonly scope: AttributeTokenScope; readonly name: string }
  | { readonly kind: 'intrinsic'; readonly scope: IntrinsicTokenScope; readonly name: string }
  | { readonly kind: 'eof' }
);

export class TraceQLLexError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Longest first, so `&>>` wins over `&>` and `>=` over `>`. */
const PUNCTUATION = ['&>>', '&<<', '!>>', '!<<', '&&', '||', '!=', '=~', '!~', '>=', '<=', '>>', '<<', '!>', '!<', '&>', '&<', '&~', '{', '}', '(', ')', ',', '=', '>', '<', '~', '!', '|', '+', '-', '*', '/', '%', '^'];
const ATTRIBUTE_SCOPES: ReadonlySet<string> = new Set(['span', 'resource', 'parent', 'event', 'link', 'instrumentation']);
const INTRINSIC_SCOPES: ReadonlySet<string> = new Set(['span', 'trace', 'event', 'link', 'instrumentation']);
const ATTRIBUTE_END = new Set(['{', '}', '(', ')', '=', '~', '!', '<', '>', '&', '|', '^', ',']);
const DURATION_RUNES = new Set(['n', 's', 'u', 'm', 'h', 'µ', 'd', 'w', 'y', '.']);
const INT64_MAX = 2n ** 63n - 1n;

export class TraceQLLexer {
  private pos = 0;
  private peeked: Token | undefined;

  constructor(readonly text: string) {}

  peek(): Token {
    this.peeked ??= this.read();
    return this.peeked;
  }

  next(): Token {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }

  private read(): Token {
    this.skipSpaceAndComments();
    const text = this.text;
    const offset = this.pos;
    const c = text[offset];
    if (c === undefined) return { kind: 'eof', offset };
    if (c === '"' || c === '`') return { kind: 'string', value: this.readString(), offset };
    if (isDigit(c) || (c === '.' && isDigit(text[offset + 1]))) return this.readNumber();
    if (c === '.') {
      this.pos++;
      return { kind: 'attribute', scope: 'unscoped', name: this.readAttributeName(), offset };
    }
    if (isIdentStart(c)) {
      let end = offset + 1;
      while (end < text.length && isIdentPart(text[end])) end++;
      const word = text.slice(offset, end);
      this.pos = end;
      if (text[end] === '.' && ATTRIBUTE_SCOPES.has(word)) {
        this.pos++;
        return { kind: 'attribute', scope: word as AttributeTokenScope, name: this.readAttributeName(), offset };
      }
      if (text[end] === ':' && INTRINSIC_SCOPES.has(word)) {
        let nameEnd = end + 1;
        while (nameEnd < text.length && isIdentPart(text[nameEnd])) nameEnd++;
        this.pos = nameEnd;
        return { kind: 'intrinsic', scope: word as IntrinsicTokenScope, name: text.slice(end + 1, nameEnd), offset };
      }
      return { kind: 'ident', text: word, offset };
    }
    for (const punct of PUNCTUATION) {
      if (text.startsWith(punct, offset)) {
        this.pos += punct.length;
        return { kind: 'punct', text: punct, offset };
      }
    }
    // Go's scanner hands an unknown character over as itself, and Tempo's lexer calls it an IDENTIFIER
    const char = String.fromCodePoint(text.codePointAt(offset) ?? 0);
    this.pos += char.length;
    return { kind: 'ident', text: char, offset };
  }

  private skipSpaceAndComments(): void {
    const text = this.text;
    for (;;) {
      const c = text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        this.pos++;
      } else if (c === '/' && text[this.pos + 1] === '/') {
        const newline = text.indexOf('\n', this.pos);
        this.pos = newline < 0 ? text.length : newline;
      } else if (c === '/' && text[this.pos + 1] === '*') {
        const close = text.indexOf('*/', this.pos + 2);
        if (close < 0) throw new TraceQLLexError('comment not terminated', this.pos);
        this.pos = close + 2;
      } else {
        return;
      }
    }
  }

  /** Go's strconv.Unquote over the literal text: "…" with Go escapes, or `raw` (carriage returns dropped). */
  private readString(): string {
    const text = this.text;
    const start = this.pos;
    const quote = text[start];
    let i = start + 1;
    if (quote === '`') {
      const close = text.indexOf('`', i);
      if (close < 0) throw new TraceQLLexError('literal not terminated', start);
      this.pos = close + 1;
      return text.slice(i, close).replace(/\r/g, '');
    }
    let value = '';
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n') throw new TraceQLLexError('literal not terminated', start);
      if (c === '"') break;
      if (c !== '\\') {
        value += c;
        i++;
        continue;
      }
      const escaped = readEscape(text, i);
      if (escaped === undefined) throw new TraceQLLexError('invalid syntax', start);
      value += escaped.value;
      i = escaped.end;
    }
    this.pos = i + 1;
    return value;
  }

  private readNumber(): Token {
    const text = this.text;
    const offset = this.pos;
    const match = /^(?:\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(offset)) ?? [''];
    const numberText = match[0];
    const isFloat = numberText.includes('.') || /[eE]/.test(numberText);
    const end = offset + numberText.length;

    // Tempo's tryScanDuration: take the runs of digits, unit letters and dots up to the
    // next space and keep them if the whole reads as a duration
    let unitEnd = end;
    while (unitEnd < text.length && (isDigit(text[unitEnd]) || DURATION_RUNES.has(text[unitEnd] ?? ''))) unitEnd++;
    if (unitEnd > end) {
      const ns = parseTraceQLDuration(text.slice(offset, unitEnd));
      if (ns !== undefined) {
        this.pos = unitEnd;
        return { kind: 'duration', ns, offset };
      }
    }
    this.pos = end;
    if (isFloat) return { kind: 'float', value: Number(numberText), offset };
    if (BigInt(numberText) > INT64_MAX) {
      throw new TraceQLLexError(`strconv.Atoi: parsing ${JSON.stringify(numberText)}: value out of range`, offset);
    }
    return { kind: 'int', text: String(BigInt(numberText)), offset };
  }

  /** An attribute name after `span.`, `resource.` or `.`: plain runs and "quoted" parts, concatenated. */
  private readAttributeName(): string {
    const text = this.text;
    let name = '';
    for (;;) {
      const c = text[this.pos];
      if (c === undefined || /\s/.test(c) || ATTRIBUTE_END.has(c)) return name;
      if (c !== '"') {
        name += c;
        this.pos++;
        continue;
      }
      let i = this.pos + 1;
      for (;;) {
        const q = text[i];
        if (q === undefined) throw new TraceQLLexError('unexpected EOF, expecting "', this.pos);
        if (q === '"') break;
        if (q === '\\') {
          const escaped = text[i + 1];
          if (escaped !== '"' && escaped !== '\\') throw new TraceQLLexError('invalid escape sequence', i);
          name += escaped;
          i += 2;
        } else {
          name += q;
          i++;
        }
      }
      this.pos = i + 1;
    }
  }
}

/**
 * A TraceQL duration in ns, or undefined: Prometheus' model.ParseDuration first
 * (integers with y w d h m s ms, largest first: `1h30m`, `2d`), then Go's
 * time.ParseDuration (fractions, ns us µs: `1.5s`, `250us`).
 */
export function parseTraceQLDuration(text: string): number | undefined {
  const prometheus = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(text);
  if (prometheus && text !== '') {
    const scales = [365 * 86_400e9, 7 * 86_400e9, 86_400e9, 3_600e9, 60e9, 1e9, 1e6];
    let ns = 0;
    scales.forEach((scale, index) => {
      ns += Number(prometheus[index + 1] ?? 0) * scale;
    });
    return ns;
  }
  const go = parseGoDuration(text);
  return go.ok ? go.ns : undefined;
}

/** One Go escape at text[at] === '\\' inside "…": its value and where the literal continues. */
function readEscape(text: string, at: number): { value: string; end: number } | undefined {
  const c = text[at + 1];
  const simple: Readonly<Record<string, string>> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
  if (c === undefined) return undefined;
  const value = simple[c];
  if (value !== undefined) return { value, end: at + 2 };
  const hexDigits = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (hexDigits > 0) {
    const hex = text.slice(at + 2, at + 2 + hexDigits);
    if (!new RegExp(`^[0-9a-fA-F]{${hexDigits}}$`).test(hex)) return undefined;
    const code = parseInt(hex, 16);
    // \x is a byte: Tempo keeps it in a Go string; here bytes below 0x80 are the only ones that are text
    if (c === 'x' && code >= 0x80) return undefined;
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    return { value: String.fromCodePoint(code), end: at + 2 + hexDigits };
  }
  if (c >= '0' && c <= '7') {
    const octal = text.slice(at + 1, at + 4);
    if (!/^[0-7]{3}$/.test(octal) || parseInt(octal, 8) >= 0x80) return undefined;
    return { value: String.fromCharCode(parseInt(octal, 8)), end: at + 4 };
  }
  return undefined;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isIdentStart(c: string): boolean {
  return c === '_' || /\p{L}/u.test(c);
}

function isIdentPart(c: string | undefined): boolean {
  return c !== undefined && (c === '_' || /[\p{L}\p{Nd}]/u.test(c));
}

/** 1-based line and column of an offset, as Tempo's parse errors give them (Go's scanner counts characters, not UTF-16 units). */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: [...text.slice(lineStart, offset)].length + 1 };
}
