/**
 * TraceQL text → the AST of traceql-ast.ts, with Tempo's error texts:
 * `parse error at line 1, col 12: syntax error: unexpected IDENTIFIER` for syntax,
 * and the validator's words (`binary operations must operate on the same type: …`)
 * for type errors, which Tempo reports only when the text parsed. The demo
 * answers either with a 400 `invalid TraceQL query: <error>`, as Tempo does.
 *
 * Grammar, from Tempo's expr.y, within the subset:
 *   query    := spanset (('&&' | '||') spanset)*          -- equal precedence, left first
 *   spanset  := '{' [expr] '}' | '(' query ')'
 *   expr     := compare (('&&' | '||') compare)*          -- equal precedence, left first
 *   compare  := unary [op unary]                          -- op: = != > >= < <= =~ !~
 *   unary    := '!' unary | '-' number | '(' expr ')' | field | literal
 * Recursion is bounded by MAX_NESTING and MAX_JOINS, so a hostile query cannot exhaust the stack.
 */
import {
  INTRINSIC_TYPES,
  comparisonText,
  fieldText,
  literalText,
  type CompareOp,
  type Field,
  type FieldExpr,
  type Intrinsic,
  type Literal,
  type MetricsFunction,
  type MetricsFunctionName,
  type MetricsQuery,
  type SpansetExpr,
  type TraceQLQuery,
} from './traceql-ast';
import type { SpanKind, StatusCode } from '../model/span';
import { positionOf, TraceQLLexer, TraceQLLexError, type Token } from './traceql-lex';
import { compileTraceQLRegex } from './traceql-regex';

/** syntax: Tempo would reject it too; unsupported: Tempo would run it, this evaluator cannot; invalid: Tempo's validator rejects it */
export type TraceQLErrorKind = 'syntax' | 'unsupported' | 'invalid';

export type TraceQLParse =
  | { readonly ok: true; readonly query: TraceQLQuery }
  | { readonly ok: false; readonly error: string; readonly kind: TraceQLErrorKind; readonly line?: number; readonly column?: number };

/** not-metrics: it parsed, but names no metrics function (Tempo: `not a metrics query`) */
export type TraceQLMetricsParse =
  | { readonly ok: true; readonly query: MetricsQuery }
  | { readonly ok: false; readonly error: string; readonly kind: TraceQLErrorKind | 'not-metrics'; readonly line?: number; readonly column?: number };

const MAX_NESTING = 64;
/** && and || joins, each a level of the (left-deep) tree the evaluator walks recursively */
const MAX_JOINS = 1_000;

export function parseTraceQL(text: string): TraceQLParse {
  if (text === '') return { ok: false, error: 'parse error : syntax error: unexpected $end', kind: 'syntax' };
  const parser = new Parser(text);
  try {
    const query = parser.query();
    const invalid = parser.firstInvalid;
    if (invalid) return failure(text, invalid);
    return { ok: true, query };
  } catch (error) {
    if (error instanceof Failure) return failure(text, error);
    if (error instanceof TraceQLLexError) return failure(text, new Failure('syntax', error.message, error.offset));
    throw error;
  }
}

/**
 * A TraceQL metrics query: `<spanset filters> | fn(…) [by (…)] [with (…)]`,
 * Tempo's grammar for a metrics pipeline with one function and no second stage.
 * Errors as parseTraceQL's; a query that parses with no metrics function is
 * `not a metrics query`; compare(), topk/bottomk and arithmetic are unsupported.
 */
export function parseTraceQLMetrics(text: string): TraceQLMetricsParse {
  if (text === '') return { ok: false, error: 'parse error : syntax error: unexpected $end', kind: 'syntax' };
  const parser = new Parser(text, true);
  try {
    const query = parser.metricsQuery();
    const invalid = parser.firstInvalid;
    if (invalid) return failure(text, invalid);
    if (query === undefined) return { ok: false, error: 'not a metrics query', kind: 'not-metrics' };
    return { ok: true, query };
  } catch (error) {
    if (error instanceof Failure) return failure(text, error);
    if (error instanceof TraceQLLexError) return failure(text, new Failure('syntax', error.message, error.offset));
    throw error;
  }
}

class Failure {
  constructor(
    readonly kind: TraceQLErrorKind,
    readonly message: string,
    readonly offset: number,
  ) {}
}

function failure(text: string, f: Failure): Extract<TraceQLParse, { ok: false }> {
  const { line, column } = positionOf(text, f.offset);
  // the validator's errors carry no position in Tempo; the column is still handed to the form
  const error = f.kind === 'invalid' ? f.message : `parse error at line ${line}, col ${column}: ${f.message}`;
  return { ok: false, error, kind: f.kind, line, column };
}

/** An operand before it is known whether it is compared or used as a condition. */
type Operand =
  | { readonly kind: 'field'; readonly field: Field; readonly offset: number }
  | { readonly kind: 'literal'; readonly literal: Literal; readonly offset: number }
  | { readonly kind: 'nil'; readonly offset: number }
  | { readonly kind: 'condition'; readonly expr: FieldExpr; readonly offset: number };

const COMPARE_OPS: ReadonlySet<string> = new Set(['=', '!=', '>', '>=', '<', '<=', '=~', '!~']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '^']);
const STRUCTURAL: Readonly<Record<string, string>> = {
  '>>': 'descendant',
  '<<': 'ancestor',
  '>': 'child',
  '<': 'parent',
  '~': 'sibling',
  '!>>': 'not-descendant',
  '!<<': 'not-ancestor',
  '!>': 'not-child',
  '!<': 'not-parent',
  '!~': 'not-sibling',
  '&>>': 'union descendant',
  '&<<': 'union ancestor',
  '&>': 'union child',
  '&<': 'union parent',
  '&~': 'union sibling',
};
const METRICS_FUNCTIONS: ReadonlySet<string> = new Set<MetricsFunctionName>([
  'rate', 'count_over_time', 'min_over_time', 'max_over_time', 'avg_over_time', 'sum_over_time', 'quantile_over_time', 'histogram_over_time',
]);
/** Pipeline stages and metrics functions: Tempo runs them, the search evaluator does not. */
const PIPELINE_WORDS = new Set([
  'count', 'avg', 'max', 'min', 'sum', 'by', 'select', 'coalesce', 'rate', 'count_over_time', 'min_over_time', 'max_over_time',
  'avg_over_time', 'sum_over_time', 'quantile_over_time', 'histogram_over_time', 'compare', 'topk', 'bottomk',
]);
/** Tempo's keywords: an unexpected one is named in the error (`unexpected count`), any other word is an IDENTIFIER. */
const KEYWORDS = new Set([
  ...PIPELINE_WORDS, 'true', 'false', 'nil', 'ok', 'error', 'unset', 'unspecified', 'internal', 'server', 'client', 'producer', 'consumer',
  'duration', 'childCount', 'name', 'status', 'statusMessage', 'kind', 'rootName', 'rootServiceName', 'traceDuration', 'parent',
  'nestedSetLeft', 'nestedSetRight', 'nestedSetParent', 'with', 'minInt', 'maxInt',
]);
const LEGACY_INTRINSICS: Readonly<Record<string, Intrinsic>> = {
  name: 'span:name',
  status: 'span:status',
  statusMessage: 'span:statusMessage',
  kind: 'span:kind',
  duration: 'span:duration',
  childCount: 'span:childCount',
  rootName: 'trace:rootName',
  rootServiceName: 'trace:rootService',
  traceDuration: 'trace:duration',
};
const STATUS_WORDS = new Set(['error', 'ok', 'unset']);
const KIND_WORDS = new Set(['unspecified', 'internal', 'server', 'client', 'producer', 'consumer']);
const MIRRORED: Readonly<Record<string, CompareOp>> = { '=': '=', '!=': '!=', '>': '<', '>=': '<=', '<': '>', '<=': '>=' };

class Parser {
  private readonly lexer: TraceQLLexer;
  private depth = 0;
  private joins = 0;
  /** Tempo validates after parsing: a syntax error further right still wins over a type error */
  firstInvalid: Failure | undefined;

  constructor(
    private readonly text: string,
    /** a `|` after the spansets starts the metrics pipeline instead of being refused */
    private readonly metrics = false,
  ) {
    this.lexer = new TraceQLLexer(text);
  }

  /** undefined when the query is only spansets (not a metrics query) */
  metricsQuery(): MetricsQuery | undefined {
    const filter = this.spansetExpr();
    const pipe = this.lexer.next();
    if (pipe.kind === 'eof') return undefined;
    if (pipe.kind === 'ident' && pipe.text === 'with') {
      this.hints();
      const end = this.lexer.next();
      if (end.kind !== 'eof') throw this.unexpected(end);
      return undefined;
    }
    if (!isPunct(pipe, '|')) throw this.unexpected(pipe);
    const fnToken = this.lexer.next();
    if (fnToken.kind !== 'ident' || !METRICS_FUNCTIONS.has(fnToken.text)) {
      if (fnToken.kind === 'ident' && (fnToken.text === 'compare' || fnToken.text === 'topk' || fnToken.text === 'bottomk')) {
        throw unsupportedMetrics(`${fnToken.text}()`, fnToken);
      }
      if (fnToken.kind === 'ident' && PIPELINE_WORDS.has(fnToken.text)) throw unsupportedMetrics(`a ${fnToken.text}() stage before the metrics function`, fnToken);
      throw this.unexpected(fnToken);
    }
    const fn = this.metricsFunction(fnToken.text as MetricsFunctionName);
    const by: { field: Field; key: string }[] = [];
    let exemplars: number | undefined;
    for (;;) {
      const token = this.lexer.next();
      if (token.kind === 'eof') return { filter, fn, by, exemplars };
      if (token.kind === 'ident' && token.text === 'by' && by.length === 0) {
        this.expect('(');
        for (;;) {
          by.push(this.byField());
          const next = this.lexer.next();
          if (isPunct(next, ')')) break;
          if (!isPunct(next, ',')) throw this.unexpected(next);
        }
      } else if (token.kind === 'ident' && token.text === 'with') {
        exemplars = this.hints() ?? exemplars;
      } else if (token.kind === 'punct' && token.text === '|') {
        throw unsupportedMetrics('a second pipeline stage (| topk, | bottomk…)', token);
      } else if (token.kind === 'punct' && (COMPARE_OPS.has(token.text) || ARITHMETIC.has(token.text))) {
        throw unsupportedMetrics(`${token.text} on metrics`, token);
      } else {
        throw this.unexpected(token);
      }
    }
  }

  private metricsFunction(name: MetricsFunctionName): MetricsFunction {
    this.expect('(');
    if (name === 'rate' || name === 'count_over_time') {
      this.expect(')');
      return { name };
    }
    const field = this.fieldArgument();
    if (name !== 'quantile_over_time') {
      this.expect(')');
      return { name, field };
    }
    const quantiles: number[] = [];
    for (;;) {
      const token = this.lexer.next();
      if (isPunct(token, ')') && quantiles.length > 0) return { name, field, quantiles };
      if (!isPunct(token, ',')) throw this.unexpected(token);
      const number = this.lexer.next();
      if (number.kind === 'float') quantiles.push(number.value);
      else if (number.kind === 'int') quantiles.push(Number(number.text));
      else throw this.unexpected(number);
    }
  }

  private fieldArgument(): Field {
    const token = this.lexer.next();
    const operand = this.primary(token);
    if (operand.kind !== 'field') throw this.unexpected(token);
    return operand.field;
  }

  private byField(): { field: Field; key: string } {
    const token = this.lexer.peek();
    const field = this.fieldArgument();
    // the label key is the attribute as the query wrote it: `name` stays `name`, not `span:name`
    return { field, key: token.kind === 'ident' ? token.text : fieldText(field) };
  }

  /** `with(k=v, …)` after its `with`: the exemplars hint, if given; others (sample…) are read and left alone (this evaluator does not sample) */
  private hints(): number | undefined {
    this.expect('(');
    let exemplars: number | undefined;
    for (;;) {
      const key = this.lexer.next();
      if (key.kind !== 'ident') throw this.unexpected(key);
      this.expect('=');
      const value = this.lexer.next();
      if (key.text === 'exemplars') {
        if (value.kind === 'int') exemplars = Number(value.text);
        else if (value.kind === 'ident' && (value.text === 'true' || value.text === 'false')) exemplars = value.text === 'false' ? 0 : exemplars;
        else throw this.unexpected(value);
      } else if (!(value.kind === 'int' || value.kind === 'float' || value.kind === 'string' || value.kind === 'duration' || (value.kind === 'ident' && (value.text === 'true' || value.text === 'false')))) {
        throw this.unexpected(value);
      }
      const next = this.lexer.next();
      if (isPunct(next, ')')) return exemplars;
      if (!isPunct(next, ',')) throw this.unexpected(next);
    }
  }

  private expect(punct: string): void {
    const token = this.lexer.next();
    if (!isPunct(token, punct)) throw this.unexpected(token);
  }

  query(): TraceQLQuery {
    const query = this.spansetExpr();
    const next = this.lexer.peek();
    if (next.kind !== 'eof') throw this.unexpected(next);
    return query;
  }

  private spansetExpr(): SpansetExpr {
    let left = this.spanset(false);
    for (;;) {
      const token = this.lexer.peek();
      if (token.kind === 'punct' && (token.text === '&&' || token.text === '||')) {
        this.lexer.next();
        this.join(token);
        const right = this.spanset(true);
        left = { type: token.text === '&&' ? 'and' : 'or', left, right };
      } else if (token.kind === 'punct' && STRUCTURAL[token.text] !== undefined) {
        throw unsupported(`the structural operator ${token.text} (${STRUCTURAL[token.text]})`, token);
      } else if (token.kind === 'punct' && token.text === '|') {
        if (this.metrics && this.depth === 0) return left;
        throw unsupported('a pipeline (|)', token);
      } else if (token.kind === 'ident' && token.text === 'with') {
        if (this.metrics && this.depth === 0) return left;
        throw unsupported('query hints (with)', token);
      } else {
        return left;
      }
    }
  }

  private spanset(afterOperator: boolean): SpansetExpr {
    const token = this.lexer.next();
    if (token.kind === 'punct' && token.text === '{') {
      if (isPunct(this.lexer.peek(), '}')) {
        this.lexer.next();
        return { type: 'filter', expr: undefined };
      }
      const body = this.expr();
      const close = this.lexer.next();
      if (!isPunct(close, '}')) throw this.unexpected(close);
      return { type: 'filter', expr: this.asFilterBody(body) };
    }
    if (token.kind === 'punct' && token.text === '(') {
      this.enter(token);
      const inner = this.spansetExpr();
      const close = this.lexer.next();
      if (!isPunct(close, ')')) throw this.unexpected(close);
      this.depth--;
      return inner;
    }
    if (token.kind === 'ident' && PIPELINE_WORDS.has(token.text) && !this.metrics) throw unsupported(`${token.text}() and other pipeline functions`, token);
    throw this.unexpected(token, afterOperator ? '{ or (' : undefined);
  }

  private expr(): Operand {
    let left = this.compare();
    for (;;) {
      const token = this.lexer.peek();
      if (!(token.kind === 'punct' && (token.text === '&&' || token.text === '||'))) return left;
      this.lexer.next();
      this.join(token);
      const right = this.compare();
      const text = `${operandText(left)} ${token.text} ${operandText(right)}`;
      const leftCondition = this.asCondition(left, text);
      const rightCondition = this.asCondition(right, text);
      left = { kind: 'condition', expr: { type: token.text === '&&' ? 'and' : 'or', left: leftCondition, right: rightCondition }, offset: left.offset };
    }
  }

  private compare(): Operand {
    const left = this.unary();
    const token = this.lexer.peek();
    if (token.kind === 'punct' && COMPARE_OPS.has(token.text)) {
      this.lexer.next();
      const right = this.unary();
      this.refuseArithmetic();
      return { kind: 'condition', expr: this.comparison(left, token.text as CompareOp, right), offset: left.offset };
    }
    this.refuseArithmetic();
    return left;
  }

  private refuseArithmetic(): void {
    const token = this.lexer.peek();
    if (token.kind === 'punct' && ARITHMETIC.has(token.text)) throw unsupported(`arithmetic (${token.text})`, token);
  }

  private unary(): Operand {
    const token = this.lexer.next();
    if (token.kind === 'punct' && token.text === '!') {
      this.enter(token);
      const operand = this.unary();
      this.depth--;
      return { kind: 'condition', expr: { type: 'not', operand: this.asCondition(operand, `!${operandText(operand)}`) }, offset: token.offset };
    }
    if (token.kind === 'punct' && token.text === '-') {
      const number = this.lexer.next();
      if (number.kind === 'int') return { kind: 'literal', literal: { type: 'int', value: number.text === '0' ? '0' : `-${number.text}` }, offset: token.offset };
      if (number.kind === 'float') return { kind: 'literal', literal: { type: 'float', value: -number.value }, offset: token.offset };
      if (number.kind === 'duration') return { kind: 'literal', literal: { type: 'duration', ns: -number.ns }, offset: token.offset };
      throw unsupported('unary minus on anything but a number', token);
    }
    if (token.kind === 'punct' && token.text === '(') {
      this.enter(token);
      const inner = this.expr();
      const close = this.lexer.next();
      if (!isPunct(close, ')')) throw this.unexpected(close);
      this.depth--;
      return inner;
    }
    return this.primary(token);
  }

  private primary(token: Token): Operand {
    const offset = token.offset;
    switch (token.kind) {
      case 'string':
        return { kind: 'literal', literal: { type: 'string', value: token.value }, offset };
      case 'int':
        return { kind: 'literal', literal: { type: 'int', value: token.text }, offset };
      case 'float':
        return { kind: 'literal', literal: { type: 'float', value: token.value }, offset };
      case 'duration':
        return { kind: 'literal', literal: { type: 'duration', ns: token.ns }, offset };
      case 'attribute': {
        if (token.scope === 'event' || token.scope === 'link' || token.scope === 'instrumentation' || token.scope === 'parent') {
          throw unsupported(`${token.scope}. attributes`, token);
        }
        if (token.name === '') throw this.unexpected(token);
        return { kind: 'field', field: { type: 'attribute', scope: token.scope, name: token.name }, offset };
      }
      case 'intrinsic': {
        if (token.scope === 'event' || token.scope === 'link' || token.scope === 'instrumentation') throw unsupported(`${token.scope}: intrinsics`, token);
        const name = `${token.scope}:${token.name}`;
        if (name in INTRINSIC_TYPES) return { kind: 'field', field: { type: 'intrinsic', name: name as Intrinsic }, offset };
        // `trace:status`, `span:rootName`: Tempo's lexer reads the name as its own token and the grammar rejects it
        throw new Failure('syntax', `syntax error: unexpected ${KEYWORDS.has(token.name) ? token.name : 'IDENTIFIER'}`, offset + token.scope.length + 1);
      }
      case 'ident':
        return this.word(token);
      default:
        throw this.unexpected(token);
    }
  }

  private word(token: Token & { kind: 'ident' }): Operand {
    const { text: word, offset } = token;
    if (word === 'true' || word === 'false') return { kind: 'literal', literal: { type: 'bool', value: word === 'true' }, offset };
    if (word === 'nil') return { kind: 'nil', offset };
    if (STATUS_WORDS.has(word)) return { kind: 'literal', literal: { type: 'status', value: word as StatusCode }, offset };
    if (KIND_WORDS.has(word)) return { kind: 'literal', literal: { type: 'kind', value: word as SpanKind }, offset };
    if (word === 'minInt') return { kind: 'literal', literal: { type: 'int', value: String(-(2n ** 63n)) }, offset };
    if (word === 'maxInt') return { kind: 'literal', literal: { type: 'int', value: String(2n ** 63n - 1n) }, offset };
    const intrinsic = LEGACY_INTRINSICS[word];
    if (intrinsic) return { kind: 'field', field: { type: 'intrinsic', name: intrinsic }, offset };
    if (word === 'nestedSetParent' || word === 'nestedSetLeft' || word === 'nestedSetRight') return { kind: 'field', field: { type: 'intrinsic', name: `span:${word}` }, offset };
    if (word === 'parent') throw unsupported(`the intrinsic ${word}`, token);
    throw this.unexpected(token);
  }

  /** `left op right`: a field against a literal (either way round), or against nil. */
  private comparison(left: Operand, op: CompareOp, right: Operand): FieldExpr {
    if (left.kind !== 'field' && right.kind === 'field') {
      const mirrored = MIRRORED[op];
      if (mirrored === undefined) throw unsupported('a regex on the left of =~ / !~', { offset: left.offset });
      return this.comparison(right, mirrored, left);
    }
    if (left.kind !== 'field') throw unsupported('a comparison without an attribute or intrinsic on one side', { offset: left.offset });
    const field = left.field;
    if (right.kind === 'field') throw unsupported('comparing two fields', { offset: left.offset });
    if (right.kind === 'condition') throw unsupported('comparing a field with a condition', { offset: right.offset });
    if (right.kind === 'nil') {
      if (field.type === 'intrinsic' || (field.scope === 'resource' && field.name === 'service.name') || (op !== '=' && op !== '!=')) {
        this.invalid(`illegal operation for the given types: ${comparisonText(field, op, 'nil')}`, left.offset);
      }
      return { type: 'exists', field, exists: op === '!=' };
    }
    const value = right.literal;
    const text = comparisonText(field, op, value);
    const literalKind = literalClass(value);
    const fieldKind = field.type === 'intrinsic' ? intrinsicClass(field.name) : 'any';
    if (fieldKind !== 'any' && fieldKind !== literalKind) {
      this.invalid(`binary operations must operate on the same type: ${text}`, left.offset);
    } else if (!operatorAllowed(op, fieldKind === 'any' ? literalKind : fieldKind)) {
      this.invalid(`illegal operation for the given types: ${text}`, left.offset);
    }
    if ((op === '=~' || op === '!~') && value.type === 'string') {
      const compiled = compileTraceQLRegex(value.value);
      if (!compiled.ok) {
        this.invalid(`invalid regex: ${compiled.error}`, right.offset);
        return { type: 'compare', field, op, value };
      }
      return { type: 'compare', field, op, value, regex: compiled.regex };
    }
    return { type: 'compare', field, op, value };
  }

  /** An operand of && || ! as a condition: a bare attribute is one (a bool attribute), a bare value is not; `text` is the operation, for the error. */
  private asCondition(operand: Operand, text: string): FieldExpr {
    switch (operand.kind) {
      case 'condition':
        return operand.expr;
      case 'field':
        if (operand.field.type === 'attribute') return { type: 'truthy', field: operand.field };
        break;
      case 'literal':
        if (operand.literal.type === 'bool') return { type: 'bool', value: operand.literal.value };
        break;
      case 'nil':
        break;
    }
    this.invalid(`illegal operation for the given types: ${text}`, operand.offset);
    return { type: 'bool', value: false };
  }

  private asFilterBody(body: Operand): FieldExpr {
    if (body.kind === 'condition') return body.expr;
    if (body.kind === 'field' && body.field.type === 'attribute') return { type: 'truthy', field: body.field };
    if (body.kind === 'literal' && body.literal.type === 'bool') return { type: 'bool', value: body.literal.value };
    this.invalid(`span filter field expressions must resolve to a boolean: { ${operandText(body)} }`, body.offset);
    return { type: 'bool', value: false };
  }

  private invalid(message: string, offset: number): void {
    this.firstInvalid ??= new Failure('invalid', message, offset);
  }

  private join(token: Token): void {
    if (++this.joins > MAX_JOINS) throw unsupported(`more than ${MAX_JOINS} && / || joins`, token);
  }

  private enter(token: Token): void {
    if (++this.depth > MAX_NESTING) throw unsupported(`nesting deeper than ${MAX_NESTING} levels`, token);
  }

  private unexpected(token: Token, expecting?: string): Failure {
    // at the end Go's scanner stands after the last character, trailing spaces included
    const offset = token.kind === 'eof' ? this.text.length : token.offset;
    return new Failure('syntax', `syntax error: unexpected ${tokenName(token)}${expecting ? `, expecting ${expecting}` : ''}`, offset);
  }
}

function unsupported(what: string, at: { offset: number }): Failure {
  return new Failure('unsupported', `${what} is not supported by this server, which evaluates { … } filters joined by && and ||`, at.offset);
}

function unsupportedMetrics(what: string, at: { offset: number }): Failure {
  return new Failure('unsupported', `${what} is not supported by this server, which evaluates one metrics function (rate, count_over_time, min/max/avg/sum_over_time, quantile_over_time, histogram_over_time) with by() and with()`, at.offset);
}

/** How Tempo's parser names a token in `unexpected …` (goyacc names, with operators and keywords spelled out). */
function tokenName(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return '$end';
    case 'punct':
      return token.text;
    case 'ident':
      return KEYWORDS.has(token.text) ? token.text : 'IDENTIFIER';
    case 'string':
      return 'STRING';
    case 'int':
      return 'INTEGER';
    case 'float':
      return 'FLOAT';
    case 'duration':
      return 'DURATION';
    case 'attribute':
      return token.name === '' ? 'END_ATTRIBUTE' : token.scope === 'unscoped' ? '.' : `${token.scope}.`;
    case 'intrinsic':
      return `${token.scope}:`;
  }
}

function isPunct(token: Token, text: string): boolean {
  return token.kind === 'punct' && token.text === text;
}

type TypeClass = 'string' | 'number' | 'bool' | 'status' | 'kind';

function literalClass(literal: Literal): TypeClass {
  switch (literal.type) {
    case 'string':
      return 'string';
    case 'int':
    case 'float':
    case 'duration':
      return 'number';
    case 'bool':
      return 'bool';
    case 'status':
      return 'status';
    case 'kind':
      return 'kind';
  }
}

function intrinsicClass(name: Intrinsic): TypeClass {
  const type = INTRINSIC_TYPES[name];
  return type === 'id' ? 'string' : type === 'duration' || type === 'int' ? 'number' : type;
}

/** Tempo's binaryTypesValid: strings take every comparison, numbers all but regex, the rest only = and !=. */
function operatorAllowed(op: CompareOp, type: TypeClass): boolean {
  if (type === 'string') return true;
  if (type === 'number') return op !== '=~' && op !== '!~';
  return op === '=' || op === '!=';
}

function operandText(operand: Operand): string {
  switch (operand.kind) {
    case 'field':
      return fieldText(operand.field);
    case 'literal':
      return literalText(operand.literal);
    case 'nil':
      return 'nil';
    case 'condition':
      return '(…)';
  }
}
