/**
 * The TraceQL subset Tracery evaluates (reference loki-and-traceql.md Part B):
 * spanset filters `{ … }` joined by `&&` / `||`, and inside a filter `&&`, `||`,
 * `!`, parentheses and comparisons of an intrinsic or attribute with a literal.
 * A metrics query is a spanset filter piped into one metrics function (`rate()`,
 * `quantile_over_time(duration, .9) by (resource.service.name)`…), see MetricsQuery.
 * Other pipelines, structural operators, aggregates and arithmetic are parsed only
 * far enough to say they are not supported.
 */
import type { SpanKind, StatusCode } from '../model/span';
import type { CompiledRegex } from './traceql-regex';

/** A whole query: spansets combined; `&&` needs both sides to match some span of the trace, `||` either. */
export type TraceQLQuery = SpansetExpr;

export type SpansetExpr =
  | { readonly type: 'filter'; /** undefined for `{ }`, which matches every span */ readonly expr: FieldExpr | undefined }
  | { readonly type: 'and' | 'or'; readonly left: SpansetExpr; readonly right: SpansetExpr };

/** A boolean expression over one span. */
export type FieldExpr =
  | { readonly type: 'and' | 'or'; readonly left: FieldExpr; readonly right: FieldExpr }
  | { readonly type: 'not'; readonly operand: FieldExpr }
  | Comparison
  /** `x != nil` (exists) and `x = nil` (does not exist) */
  | { readonly type: 'exists'; readonly field: Field; readonly exists: boolean }
  /** `{ true }`, `{ false }` */
  | { readonly type: 'bool'; readonly value: boolean }
  /** a bare attribute as a condition, `{ span.cache.hit }`: true when it is a bool attribute holding true */
  | { readonly type: 'truthy'; readonly field: Field };

export interface Comparison {
  readonly type: 'compare';
  readonly field: Field;
  readonly op: CompareOp;
  readonly value: Literal;
  /** compiled once at parse time for `=~` / `!~` (fully anchored RE2, as Tempo) */
  readonly regex?: CompiledRegex;
}

export type CompareOp = '=' | '!=' | '>' | '>=' | '<' | '<=' | '=~' | '!~';

export type Field =
  | { readonly type: 'intrinsic'; readonly name: Intrinsic }
  /** `span.x`, `resource.x`, or unscoped `.x` (span first, then resource, events, links, scope) */
  | { readonly type: 'attribute'; readonly scope: AttributeScope; readonly name: string };

export type AttributeScope = 'span' | 'resource' | 'unscoped';

/** Scoped names; the legacy unscoped spellings (`name`, `traceDuration`, `rootServiceName`…) parse to these. */
export type Intrinsic =
  | 'span:name'
  | 'span:status'
  | 'span:statusMessage'
  | 'span:kind'
  | 'span:duration'
  | 'span:id'
  | 'span:parentID'
  | 'span:childCount'
  /** Tempo's nested-set numbers (spelled bare: `nestedSetParent`); a root span's parent is -1 */
  | 'span:nestedSetLeft'
  | 'span:nestedSetRight'
  | 'span:nestedSetParent'
  | 'trace:duration'
  | 'trace:rootName'
  | 'trace:rootService'
  | 'trace:id';

export type Literal =
  | { readonly type: 'string'; readonly value: string }
  /** exact decimal text, like the model's int attributes (64-bit values exceed 2^53) */
  | { readonly type: 'int'; readonly value: string }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'duration'; readonly ns: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'status'; readonly value: StatusCode }
  | { readonly type: 'kind'; readonly value: SpanKind };

/** What an intrinsic holds, for type checks at parse time. */
export type IntrinsicType = 'string' | 'id' | 'duration' | 'int' | 'status' | 'kind';

export const INTRINSIC_TYPES: Readonly<Record<Intrinsic, IntrinsicType>> = {
  'span:name': 'string',
  'span:status': 'status',
  'span:statusMessage': 'string',
  'span:kind': 'kind',
  'span:duration': 'duration',
  'span:id': 'id',
  'span:parentID': 'id',
  'span:childCount': 'int',
  'span:nestedSetLeft': 'int',
  'span:nestedSetRight': 'int',
  'span:nestedSetParent': 'int',
  'trace:duration': 'duration',
  'trace:rootName': 'string',
  'trace:rootService': 'string',
  'trace:id': 'id',
};

/** A field as TraceQL writes it (attribute names quoted when they need it). */
export function fieldText(field: Field): string {
  if (field.type === 'intrinsic') return field.name.startsWith('span:nestedSet') ? field.name.slice('span:'.length) : field.name;
  const name = ATTRIBUTE_NAME_RE.test(field.name) ? field.name : quoteAttributeName(field.name);
  return field.scope === 'unscoped' ? `.${name}` : `${field.scope}.${name}`;
}

/** Runs that end an attribute name (Tempo's isAttributeRune), and the quote that starts a quoted part. */
const ATTRIBUTE_NAME_RE = /^[^\s{}()=~!<>&|^,"]+$/;

/** `"a b"`: inside quotes Tempo's lexer knows only the escapes \" and \\. */
export function quoteAttributeName(name: string): string {
  return `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** A literal as TraceQL writes it; strings quoted so Go's strconv.Unquote reads them back. */
export function literalText(literal: Literal): string {
  switch (literal.type) {
    case 'string':
      return quoteString(literal.value);
    case 'int':
      return literal.value;
    case 'float':
      return Number.isInteger(literal.value) ? literal.value.toFixed(1) : String(literal.value);
    case 'duration':
      return durationText(literal.ns);
    case 'bool':
      return String(literal.value);
    case 'status':
    case 'kind':
      return literal.value;
  }
}

/**
 * JSON's escapes are a subset of Go's (\" \\ \n \t \uXXXX…), so JSON.stringify
 * gives a literal Tempo reads back exactly — except lone surrogates, which no
 * attribute value from a UTF-8 wire format can hold.
 */
export function quoteString(value: string): string {
  return JSON.stringify(value);
}

/** Whole units where they divide exactly, as Go prints durations short; ns otherwise. */
function durationText(ns: number): string {
  const sign = ns < 0 ? '-' : '';
  const abs = Math.abs(ns);
  if (abs === 0) return '0s';
  for (const [unit, scale] of [['h', 3600e9], ['m', 60e9], ['s', 1e9], ['ms', 1e6], ['us', 1e3]] as const) {
    if (abs % scale === 0) return `${sign}${abs / scale}${unit}`;
  }
  return `${sign}${abs}ns`;
}

export function comparisonText(field: Field, op: CompareOp, value: Literal | 'nil'): string {
  return `${fieldText(field)} ${op} ${value === 'nil' ? 'nil' : literalText(value)}`;
}

/** The TraceQL metrics functions this evaluator runs (Tempo also has compare(), topk/bottomk and arithmetic). */
export type MetricsFunctionName =
  | 'rate'
  | 'count_over_time'
  | 'min_over_time'
  | 'max_over_time'
  | 'avg_over_time'
  | 'sum_over_time'
  | 'quantile_over_time'
  | 'histogram_over_time';

export type MetricsFunction =
  | { readonly name: 'rate' | 'count_over_time' }
  /** over the field's values: durations in seconds, numbers as they are */
  | { readonly name: 'min_over_time' | 'max_over_time' | 'avg_over_time' | 'sum_over_time' | 'histogram_over_time'; readonly field: Field }
  | { readonly name: 'quantile_over_time'; readonly field: Field; readonly quantiles: readonly number[] };

/** `{ … } | fn(…) by (…) with(…)`: Tempo's TraceQL metrics (reference metrics-apis.md §2). */
export interface MetricsQuery {
  readonly filter: SpansetExpr;
  readonly fn: MetricsFunction;
  /** the by() fields, in order, each with its label key: the field as written (`name`, `span:name`, `resource.service.name`) */
  readonly by: readonly { readonly field: Field; readonly key: string }[];
  /** `with(exemplars=N|false)`: false is 0; undefined when the query does not say */
  readonly exemplars: number | undefined;
}
