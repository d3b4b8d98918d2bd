import { normaliseTraceId, type FieldExpr, type Literal, type SpansetExpr, type TraceQLQuery } from '../../src/core';

/** Where a value is indexed: span attributes, resource attributes, or intrinsics (name, status, kind, statusMessage, rootName, rootServiceName). */
export type PostingScope = 'span' | 'resource' | 'intrinsic';

/** The traces holding `key` = `text` in a scope; undefined for none. */
export type PostingLookup = (scope: PostingScope, key: string, text: string) => ReadonlySet<string> | undefined;

export interface CandidateIndex {
  readonly lookup: PostingLookup;
  /**
   * attribute keys the index does not cover for every value: met on an event, a link
   * or a scope (where an unscoped `.key` also looks), or holding a double or an array
   * somewhere (`.x = 1` matches a double 1.0, `.tags = "a"` an array holding "a")
   */
  readonly unindexedKeys: ReadonlySet<string>;
}

/**
 * The traces a TraceQL query can match, from the store's indexes, so evaluation
 * runs on those alone; undefined when the query gives no handle (run on all).
 * Always a superset: only equalities that every kept span must satisfy are used
 * (the `&&` chain of a filter, never under `||` or `!`), and each only where the
 * index holds every value it could equal — strings, ints and bools as text.
 */
export function traceQLCandidates(query: TraceQLQuery, index: CandidateIndex): ReadonlySet<string> | undefined {
  return spansetCandidates(query, index);
}

function spansetCandidates(expr: SpansetExpr, index: CandidateIndex): ReadonlySet<string> | undefined {
  if (expr.type === 'filter') {
    if (expr.expr === undefined) return undefined;
    let result: ReadonlySet<string> | undefined;
    for (const condition of andChain(expr.expr)) {
      const traces = conditionCandidates(condition, index);
      if (traces !== undefined) result = result === undefined ? traces : intersect(result, traces);
    }
    return result;
  }
  const left = spansetCandidates(expr.left, index);
  const right = spansetCandidates(expr.right, index);
  if (expr.type === 'and') return left === undefined ? right : right === undefined ? left : intersect(left, right);
  return left === undefined || right === undefined ? undefined : union(left, right);
}

/** The conditions of `a && b && c`; anything under || or ! is one opaque condition. */
function andChain(expr: FieldExpr): FieldExpr[] {
  const chain: FieldExpr[] = [];
  const stack = [expr];
  while (stack.length > 0) {
    const next = stack.pop() as FieldExpr;
    if (next.type === 'and') stack.push(next.right, next.left);
    else chain.push(next);
  }
  return chain;
}

const INTRINSIC_KEYS: Readonly<Record<string, string>> = {
  'span:name': 'name',
  'span:status': 'status',
  'span:kind': 'kind',
  'span:statusMessage': 'statusMessage',
  'trace:rootName': 'rootName',
  'trace:rootService': 'rootServiceName',
};

function conditionCandidates(condition: FieldExpr, index: CandidateIndex): ReadonlySet<string> | undefined {
  if (condition.type !== 'compare' || condition.op !== '=') return undefined;
  const text = indexedText(condition.value);
  if (text === undefined) return undefined;
  const field = condition.field;
  const none = new Set<string>();
  if (field.type === 'intrinsic') {
    if (field.name === 'trace:id') {
      const traceId = normaliseTraceId(text);
      return traceId === undefined ? none : new Set([traceId]);
    }
    const key = INTRINSIC_KEYS[field.name];
    // an empty statusMessage is not indexed
    if (key === undefined || (key === 'statusMessage' && text === '')) return undefined;
    return index.lookup('intrinsic', key, text) ?? none;
  }
  if (index.unindexedKeys.has(field.name)) return undefined;
  if (field.scope === 'span' || field.scope === 'resource') return index.lookup(field.scope, field.name, text) ?? none;
  const span = index.lookup('span', field.name, text);
  const resource = index.lookup('resource', field.name, text);
  return span && resource ? union(span, resource) : (span ?? resource ?? none);
}

/** The text the tag index keys a literal's equal values by; undefined when it keeps no such values (doubles). */
function indexedText(literal: Literal): string | undefined {
  switch (literal.type) {
    case 'string':
    case 'int':
    case 'status':
    case 'kind':
      return literal.value;
    case 'bool':
      return String(literal.value);
    default:
      return undefined;
  }
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const result = new Set<string>();
  for (const traceId of small) if (large.has(traceId)) result.add(traceId);
  return result;
}

function union(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  const result = new Set(a);
  for (const traceId of b) result.add(traceId);
  return result;
}
