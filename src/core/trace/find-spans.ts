/**
 * In-trace find: which spans a find box's text names.
 *
 * Grammar (what Jaeger UI's "Find…" box and Grafana's span filter users type):
 * - The text splits into terms on whitespace; "double quotes" keep spaces in a term.
 * - A span matches when EVERY term matches it (more words narrow, as in a search engine).
 * - A plain term matches, case-insensitively as a substring: the operation name, the
 *   service, the span id, the status message, an event name, or any attribute key or
 *   value (span, resource and scope attributes; values in their text form).
 * - `key=value` matches a span that has attribute `key` (exact key, case-insensitive)
 *   whose text form equals `value` (case-insensitive). `key=` alone matches any span
 *   that has the key. Nested kvlist values are not searched by key (their text form is).
 *
 * Cost: O(spans × attributes) per query, no per-span index kept in memory: building
 * lowercase text for 100,000 spans costs more memory than scanning once per keystroke
 * (views run it through useDeferredValue so typing stays responsive).
 */
import type { Attribute, AttributeValue } from '../model/attributes';
import type { Span } from '../model/span';
import type { Trace } from '../model/trace';

export type FindTerm = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'attribute'; readonly key: string; readonly value?: string };

/** Longest find text considered: a pasted log line must not turn into thousands of terms. */
const MAX_FIND_CHARS = 500;

/** The terms of a find text, lowercased; empty when there is nothing to find. */
export function parseFindQuery(text: string): FindTerm[] {
  const terms: FindTerm[] = [];
  // key="quoted value" | "quoted phrase" | bare word (which may be key=value)
  const re = /([^\s"=]+=)?"([^"]*)"?|(\S+)/g;
  for (const m of text.slice(0, MAX_FIND_CHARS).matchAll(re)) {
    const quotedKey = m[1]?.slice(0, -1).toLowerCase();
    const quoted = m[2]?.toLowerCase();
    if (quoted !== undefined) {
      if (quotedKey !== undefined) terms.push(quoted === '' ? { kind: 'attribute', key: quotedKey } : { kind: 'attribute', key: quotedKey, value: quoted });
      else if (quoted !== '') terms.push({ kind: 'text', text: quoted });
      continue;
    }
    const word = (m[3] ?? '').toLowerCase();
    const eq = word.indexOf('=');
    if (eq > 0) {
      const value = word.slice(eq + 1);
      terms.push(value === '' ? { kind: 'attribute', key: word.slice(0, eq) } : { kind: 'attribute', key: word.slice(0, eq), value });
    } else if (word !== '') {
      terms.push({ kind: 'text', text: word });
    }
  }
  return terms;
}

/** Indexes into trace.spans of the spans matching `text`, in tree order. Empty text matches nothing. */
export function findSpans(trace: Trace, text: string): Int32Array {
  const terms = parseFindQuery(text);
  if (terms.length === 0) return new Int32Array(0);
  const hits: number[] = [];
  const spans = trace.spans;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as Span;
    if (terms.every((term) => matchesTerm(span, term))) hits.push(i);
  }
  return Int32Array.from(hits);
}

/** The text form of an attribute value, as the find box and the details panel show it. */
export function attributeValueText(value: AttributeValue): string {
  switch (value.type) {
    case 'string':
    case 'int':
    case 'bytes':
      return value.value;
    case 'bool':
    case 'double':
      return String(value.value);
    case 'array':
      return `[${value.value.map(attributeValueText).join(', ')}]`;
    case 'kvlist':
      return `{${value.value.map((a) => `${a.key}=${attributeValueText(a.value)}`).join(', ')}}`;
    case 'empty':
      return '';
  }
}

function matchesTerm(span: Span, term: FindTerm): boolean {
  if (term.kind === 'attribute') {
    return someAttribute(span, (a) => a.key.toLowerCase() === term.key && (term.value === undefined || attributeValueText(a.value).toLowerCase() === term.value));
  }
  const t = term.text;
  if (span.name.toLowerCase().includes(t) || span.service.toLowerCase().includes(t) || span.spanId.includes(t)) return true;
  if (span.status.message.toLowerCase().includes(t)) return true;
  if (span.events.some((e) => e.name.toLowerCase().includes(t))) return true;
  return someAttribute(span, (a) => a.key.toLowerCase().includes(t) || attributeValueText(a.value).toLowerCase().includes(t));
}

function someAttribute(span: Span, test: (a: Attribute) => boolean): boolean {
  return span.attributes.some(test) || span.resource.attributes.some(test) || span.scope.attributes.some(test);
}
