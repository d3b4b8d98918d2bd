/**
 * Runs a parsed TraceQL query over one trace, with Tempo's semantics
 * (reference loki-and-traceql.md §B2):
 * - a filter `{ … }` keeps the spans its condition holds for; `{ }` keeps all;
 * - `{A} && {B}`: both sides keep some span (the same span may serve both), and the
 *   result is the union of their spans; `{A} || {B}`: either side, union again;
 * - a missing attribute makes every comparison false, `!=` and `!~` included;
 *   so does a value of another type (string attribute vs 200, `=~` on an int);
 * - ints compare exactly (64-bit values as decimal text), ints, doubles and
 *   durations (ns) with each other as numbers; strings bytewise-ish (UTF-16 order,
 *   which differs from UTF-8 byte order only between astral and U+E000–U+FFFF);
 * - arrays: `=`, `=~` and orderings hold if any element does, `!=` / `!~` if all do;
 * - unscoped `.x`: the span's attribute, else the resource's, an event's, a
 *   link's, the instrumentation scope's — the first scope that has it;
 * - ids compare as hex, ignoring case and leading zeros.
 * Spans are visited in a loop; only the (small) AST is walked recursively.
 */
import type { Attribute, AttributeValue } from '../model/attributes';
import type { DecodedSpan } from '../model/decoded-span';
import type { Span } from '../model/span';
import type { Trace } from '../model/trace';
import type { Comparison, Field, FieldExpr, Literal, SpansetExpr, TraceQLQuery } from './traceql-ast';

/** What the evaluator reads of a span: a built Span and a DecodedSpan both have it. */
export type TraceQLSpan = Pick<Span, 'spanId' | 'parentSpanId' | 'name' | 'service' | 'kind' | 'status' | 'attributes' | 'resource' | 'scope' | 'links'> & {
  readonly events: readonly { readonly attributes: readonly Attribute[] }[];
};

/** A trace as the evaluator sees it, so the demo store can match its decoded spans without building trees. */
export interface TraceQLTrace<S extends TraceQLSpan> {
  readonly traceId: string;
  readonly spans: readonly S[];
  readonly durationNs: number;
  /** Tempo's root: the earliest span without a parent; undefined while it has not arrived */
  readonly root: S | undefined;
  spanDurationNs(span: S): number;
  childCount(span: S): number;
  /** Tempo's nested-set numbers; undefined for a span not under a root (its parent has not arrived) */
  nestedSet(span: S): NestedSet | undefined;
}

export interface NestedSet {
  readonly left: number;
  readonly right: number;
  /** the parent's left, -1 for a root */
  readonly parent: number;
}

export interface TraceQLMatch<S> {
  readonly matched: boolean;
  /** the spans of the matching spansets, in the trace's span order */
  readonly spans: S[];
}

export function matchTrace(query: TraceQLQuery, trace: Trace): TraceQLMatch<Span> {
  return matchSpans(query, {
    traceId: trace.traceId,
    spans: trace.spans,
    durationNs: trace.durationNs,
    root: trace.roots.find((span) => span.parentSpanId === undefined),
    spanDurationNs: (span) => span.endNs - span.startNs,
    childCount: (span) => span.children.length,
    nestedSet: lazyNestedSets(trace.spans, (span) => span.startNs),
  });
}

/** The spans of one trace as decoded (absolute bigint times), e.g. a store's, without building the tree. */
export function matchDecodedSpans(query: TraceQLQuery, spans: readonly DecodedSpan[]): TraceQLMatch<DecodedSpan> {
  return matchSpans(query, decodedTraceView(spans));
}

export function matchSpans<S extends TraceQLSpan>(query: TraceQLQuery, trace: TraceQLTrace<S>): TraceQLMatch<S> {
  const kept = evaluateSpanset(query, trace);
  const spans: S[] = [];
  if (kept.count > 0) {
    trace.spans.forEach((span, index) => {
      if (kept.mask[index] === 1) spans.push(span);
    });
  }
  return { matched: kept.count > 0, spans };
}

interface Kept {
  /** 1 for each span index the spanset keeps */
  readonly mask: Uint8Array;
  readonly count: number;
}

function evaluateSpanset<S extends TraceQLSpan>(expr: SpansetExpr, trace: TraceQLTrace<S>): Kept {
  const n = trace.spans.length;
  if (expr.type === 'filter') {
    const mask = new Uint8Array(n);
    let count = 0;
    const condition = expr.expr;
    for (let i = 0; i < n; i++) {
      const span = trace.spans[i] as S;
      if (condition === undefined || holds(condition, span, trace)) {
        mask[i] = 1;
        count++;
      }
    }
    return { mask, count };
  }
  const left = evaluateSpanset(expr.left, trace);
  // && needs both sides: an empty left side makes the right one moot
  if (expr.type === 'and' && left.count === 0) return left;
  const right = evaluateSpanset(expr.right, trace);
  if (expr.type === 'and' && right.count === 0) return right;
  const mask = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (left.mask[i] === 1 || right.mask[i] === 1) {
      mask[i] = 1;
      count++;
    }
  }
  return { mask, count };
}

function holds<S extends TraceQLSpan>(expr: FieldExpr, span: S, trace: TraceQLTrace<S>): boolean {
  switch (expr.type) {
    case 'and':
      return holds(expr.left, span, trace) && holds(expr.right, span, trace);
    case 'or':
      return holds(expr.left, span, trace) || holds(expr.right, span, trace);
    case 'not':
      return !holds(expr.operand, span, trace);
    case 'bool':
      return expr.value;
    case 'truthy': {
      const value = fieldValue(expr.field, span, trace);
      return value !== undefined && value.type === 'bool' && value.value;
    }
    case 'exists':
      return (fieldValue(expr.field, span, trace) !== undefined) === expr.exists;
    case 'compare':
      return compares(expr, span, trace);
  }
}

/**
 * A field's value on a span, in the attribute model's types (intrinsics too, so one
 * comparison serves both); undefined when absent. Enum intrinsics are tagged so a
 * status never equals a string attribute that happens to read "error".
 */
export type FieldValue = AttributeValue | { readonly type: 'status' | 'kind' | 'id'; readonly value: string } | { readonly type: 'ns'; readonly value: number };

export function fieldValue<S extends TraceQLSpan>(field: Field, span: S, trace: TraceQLTrace<S>): FieldValue | undefined {
  if (field.type === 'attribute') {
    if (field.scope === 'span') return find(span.attributes, field.name);
    if (field.scope === 'resource') return find(span.resource.attributes, field.name);
    return unscoped(span, field.name);
  }
  switch (field.name) {
    case 'span:name':
      return { type: 'string', value: span.name };
    case 'span:statusMessage':
      return { type: 'string', value: span.status.message };
    case 'span:status':
      return { type: 'status', value: span.status.code };
    case 'span:kind':
      return { type: 'kind', value: span.kind };
    case 'span:duration':
      return { type: 'ns', value: trace.spanDurationNs(span) };
    case 'span:childCount':
      return { type: 'ns', value: trace.childCount(span) };
    case 'span:id':
      return { type: 'id', value: span.spanId };
    case 'span:parentID':
      return span.parentSpanId === undefined ? undefined : { type: 'id', value: span.parentSpanId };
    case 'span:nestedSetLeft':
    case 'span:nestedSetRight':
    case 'span:nestedSetParent': {
      const set = trace.nestedSet(span);
      if (set === undefined) return undefined;
      const value = field.name === 'span:nestedSetLeft' ? set.left : field.name === 'span:nestedSetRight' ? set.right : set.parent;
      return { type: 'int', value: String(value) };
    }
    case 'trace:id':
      return { type: 'id', value: trace.traceId };
    case 'trace:duration':
      return { type: 'ns', value: trace.durationNs };
    case 'trace:rootName':
      return trace.root && { type: 'string', value: trace.root.name };
    case 'trace:rootService':
      return trace.root && { type: 'string', value: trace.root.service };
  }
}

function find(attributes: readonly Attribute[], key: string): AttributeValue | undefined {
  for (const attribute of attributes) if (attribute.key === key) return attribute.value;
  return undefined;
}

function unscoped(span: TraceQLSpan, key: string): AttributeValue | undefined {
  const own = find(span.attributes, key) ?? find(span.resource.attributes, key);
  if (own !== undefined) return own;
  for (const event of span.events) {
    const value = find(event.attributes, key);
    if (value !== undefined) return value;
  }
  for (const link of span.links) {
    const value = find(link.attributes, key);
    if (value !== undefined) return value;
  }
  return find(span.scope.attributes, key);
}

function compares<S extends TraceQLSpan>(comparison: Comparison, span: S, trace: TraceQLTrace<S>): boolean {
  const value = fieldValue(comparison.field, span, trace);
  return value !== undefined && valueCompares(value, comparison);
}

function valueCompares(value: FieldValue, comparison: Comparison): boolean {
  const { op, value: literal } = comparison;
  switch (value.type) {
    case 'array': {
      if (value.value.length === 0) return false;
      const each = (element: AttributeValue) => valueCompares(element, comparison);
      return op === '!=' || op === '!~' ? value.value.every(each) : value.value.some(each);
    }
    case 'string':
      return literal.type === 'string' && stringCompares(value.value, comparison);
    case 'id':
      if (literal.type !== 'string') return false;
      if (op === '=' || op === '!=') return (normaliseHex(value.value) === normaliseHex(literal.value)) === (op === '=');
      return stringCompares(value.value, comparison);
    case 'status':
      return literal.type === 'status' && (value.value === literal.value) === (op === '=');
    case 'kind':
      return literal.type === 'kind' && (value.value === literal.value) === (op === '=');
    case 'bool':
      return literal.type === 'bool' && (op === '=' || op === '!=') && (value.value === literal.value) === (op === '=');
    case 'int':
      if (literal.type === 'int') return ordered(compareIntegers(value.value, literal.value), op);
      return isNumeric(literal) && ordered(compareNumbers(Number(value.value), numberOf(literal)), op);
    case 'double':
    case 'ns':
      if (!isNumeric(literal)) return false;
      return ordered(compareNumbers(value.value, literal.type === 'int' ? Number(literal.value) : numberOf(literal)), op);
    default:
      return false; // bytes, kvlist, empty: nothing a literal can equal
  }
}

function stringCompares(actual: string, comparison: Comparison): boolean {
  const { op, value: literal, regex } = comparison;
  if (op === '=~' || op === '!~') return regex !== undefined && regex.test(actual) === (op === '=~');
  const expected = (literal as Literal & { type: 'string' }).value;
  return ordered(actual < expected ? -1 : actual > expected ? 1 : 0, op);
}

/** -1, 0, 1, or NaN when incomparable (a NaN double), which no operator accepts. */
function ordered(order: number, op: Comparison['op']): boolean {
  switch (op) {
    case '=':
      return order === 0;
    case '!=':
      return order === 1 || order === -1;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    default:
      return false; // regex on a number: the parser refuses it for intrinsics; an int attribute never matches
  }
}

function isNumeric(literal: Literal): boolean {
  return literal.type === 'int' || literal.type === 'float' || literal.type === 'duration';
}

function numberOf(literal: Literal): number {
  if (literal.type === 'int') return Number(literal.value);
  if (literal.type === 'float') return literal.value;
  if (literal.type === 'duration') return literal.ns;
  return NaN;
}

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
}

/** Exact: below 2^53 as numbers (15 digits are always safe), above as BigInt. */
function compareIntegers(a: string, b: string): number {
  if (a.length <= 15 && b.length <= 15) return compareNumbers(Number(a), Number(b));
  try {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  } catch {
    return NaN;
  }
}

function normaliseHex(id: string): string {
  return id.toLowerCase().replace(/^0+/, '');
}

/** Decoded spans as a TraceQLTrace; the trace-wide facts are worked out only if the query asks for them. */
export function decodedTraceView(spans: readonly DecodedSpan[]): TraceQLTrace<DecodedSpan> {
  let bounds: { durationNs: number; root: DecodedSpan | undefined } | undefined;
  let children: Map<string, number> | undefined;
  const traceBounds = () => {
    if (bounds) return bounds;
    let start: bigint | undefined;
    let end: bigint | undefined;
    let root: DecodedSpan | undefined;
    for (const span of spans) {
      if (start === undefined || span.startUnixNano < start) start = span.startUnixNano;
      if (end === undefined || span.endUnixNano > end) end = span.endUnixNano;
      if (span.parentSpanId === undefined && (!root || span.startUnixNano < root.startUnixNano)) root = span;
    }
    bounds = { durationNs: start === undefined || end === undefined ? 0 : Number(end - start), root };
    return bounds;
  };
  return {
    traceId: spans[0]?.traceId ?? '',
    spans,
    get durationNs() {
      return traceBounds().durationNs;
    },
    get root() {
      return traceBounds().root;
    },
    spanDurationNs: (span) => Number(span.endUnixNano - span.startUnixNano),
    childCount: (span) => {
      if (!children) {
        children = new Map();
        for (const s of spans) if (s.parentSpanId !== undefined) children.set(s.parentSpanId, (children.get(s.parentSpanId) ?? 0) + 1);
      }
      return children.get(span.spanId) ?? 0;
    },
    nestedSet: lazyNestedSets(spans, (span) => span.startUnixNano),
  };
}

/**
 * Nested-set numbers as Tempo assigns them: a depth-first walk from each span
 * without a parent, children in start order, one counter for entering (left) and
 * leaving (right) a span. Worked out on the first ask, once per trace.
 */
function lazyNestedSets<S extends Pick<TraceQLSpan, 'spanId' | 'parentSpanId'>>(spans: readonly S[], startOf: (span: S) => number | bigint): (span: S) => NestedSet | undefined {
  let sets: Map<S, NestedSet> | undefined;
  return (span) => {
    if (!sets) {
      sets = new Map();
      const children = new Map<string, S[]>();
      const roots: S[] = [];
      for (const s of spans) {
        if (s.parentSpanId === undefined) {
          roots.push(s);
          continue;
        }
        let list = children.get(s.parentSpanId);
        if (!list) children.set(s.parentSpanId, (list = []));
        list.push(s);
      }
      const byStart = (a: S, b: S) => {
        const x = startOf(a);
        const y = startOf(b);
        return x < y ? -1 : x > y ? 1 : 0;
      };
      let counter = 1;
      // an explicit stack: a trace can be thousands of spans deep
      for (const root of roots.sort(byStart)) {
        const stack: { span: S; parent: number; left: number; next: number; kids: S[] }[] = [];
        const enter = (s: S, parent: number) => stack.push({ span: s, parent, left: counter++, next: 0, kids: (children.get(s.spanId) ?? []).sort(byStart) });
        enter(root, -1);
        while (stack.length > 0) {
          const top = stack[stack.length - 1] as (typeof stack)[number];
          const child = top.kids[top.next++];
          if (child !== undefined && !sets.has(child)) {
            enter(child, top.left);
          } else if (child === undefined) {
            stack.pop();
            sets.set(top.span, { left: top.left, right: counter++, parent: top.parent });
          }
        }
      }
    }
    return sets.get(span);
  };
}
