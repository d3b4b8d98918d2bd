/**
 * The TraceQL a search form's query stands for, to show beside the form and to
 * send as Tempo's `q` (reference backend-apis.md §3.4):
 * `{ resource.service.name = "auth" && name = "GET /x" && .http.route = "/cart" && duration >= 100ms }`.
 *
 * - Tags are written unscoped (`.key`) because a form tag matches a span or a
 *   resource attribute, as Tempo's `tags` does; a key already written with a
 *   scope (`span.x`, `resource.x`, `.x`) keeps it. `name` and `status` are the
 *   intrinsics, as in tag search.
 * - A tag value is text, but TraceQL literals are typed and a string never equals
 *   an int attribute: a value that reads as an int or a bool matches either type,
 *   `(.code = 500 || .code = "500")`, so the query finds what tag search finds.
 * - Durations bound each span's duration, as Grafana's builder writes them.
 * - "Errors only" asks for an error span anywhere in the trace, not necessarily the
 *   span the other conditions hold on: a second spanset, `{ … } && { status = error }`.
 * Time window and limit are request parameters (`start`, `end`, `limit`), not TraceQL.
 */
import { toGoDuration } from './duration';
import { fieldText, quoteString } from './traceql-ast';
import type { SearchQuery } from './search-query';

export function traceQLFromSearch(query: Pick<SearchQuery, 'service' | 'operation' | 'tags' | 'minDurationNs' | 'maxDurationNs' | 'errorsOnly'>): string {
  const conditions: string[] = [];
  if (query.service) conditions.push(`resource.service.name = ${quoteString(query.service)}`);
  if (query.operation) conditions.push(`name = ${quoteString(query.operation)}`);
  for (const [key, value] of query.tags) {
    const condition = tagCondition(key.trim(), value);
    if (condition !== undefined) conditions.push(condition);
  }
  if (query.minDurationNs !== undefined && query.minDurationNs > 0) conditions.push(`duration >= ${toGoDuration(query.minDurationNs)}`);
  if (query.maxDurationNs !== undefined && query.maxDurationNs > 0) conditions.push(`duration <= ${toGoDuration(query.maxDurationNs)}`);
  const filter = conditions.length === 0 ? '{ }' : `{ ${conditions.join(' && ')} }`;
  if (!query.errorsOnly) return filter;
  return conditions.length === 0 ? '{ status = error }' : `${filter} && { status = error }`;
}

const STATUS_VALUES = new Set(['error', 'ok', 'unset']);

function tagCondition(key: string, value: string): string | undefined {
  if (key === '') return undefined;
  if (key === 'name') return `name = ${quoteString(value)}`;
  if (key === 'status' && STATUS_VALUES.has(value)) return `status = ${value}`;
  const field = attributeField(key);
  const asString = `${field} = ${quoteString(value)}`;
  const typed = typedLiteral(value);
  return typed === undefined ? asString : `(${field} = ${typed} || ${asString})`;
}

function attributeField(key: string): string {
  const scoped = /^(span|resource)\.(.+)$/.exec(key);
  if (scoped) return fieldText({ type: 'attribute', scope: scoped[1] === 'span' ? 'span' : 'resource', name: scoped[2] ?? '' });
  return fieldText({ type: 'attribute', scope: 'unscoped', name: key.startsWith('.') ? key.slice(1) : key });
}

/**
 * The typed literal a tag value also stands for: tag search matches int and bool
 * attributes by their text (doubles are not indexed), so only canonical ints and bools.
 */
function typedLiteral(value: string): string | undefined {
  if (value === 'true' || value === 'false') return value;
  if (/^-?\d{1,19}$/.test(value) && String(BigInt(value)) === value && BigInt(value) <= 2n ** 63n - 1n && BigInt(value) >= -(2n ** 63n)) return value;
  return undefined;
}
