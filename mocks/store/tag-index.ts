import type { Attribute, AttributeValue } from '../../src/core';

/** The type Tempo names in tag-value answers (`{"type":"string","value":"auth"}`). */
export type TagValueType = 'string' | 'int' | 'bool' | 'keyword';

export interface TagValue {
  readonly type: TagValueType;
  readonly value: string;
}

interface Postings {
  readonly type: TagValueType;
  /**
   * One trace id until a second trace holds the value: most values (order ids,
   * offsets, client addresses) belong to one trace, and a Set each cost a tenth
   * of the demo's load time.
   */
  traceIds: string | Set<string>;
  /** the trace added last: spans of one trace come together, so most adds repeat it */
  last: string;
}

/**
 * key → value (as text) → the traces holding it somewhere: what tag search and
 * tag-value lists read, so neither scans spans. Only strings, ints and bools are
 * indexed (what a person types as a tag value); other types are left out.
 */
export class TagIndex {
  private readonly byKey = new Map<string, Map<string, Postings>>();

  add(key: string, text: string, type: TagValueType, traceId: string): void {
    let values = this.byKey.get(key);
    if (!values) {
      values = new Map();
      this.byKey.set(key, values);
    }
    const postings = values.get(text);
    if (!postings) {
      values.set(text, { type, traceIds: traceId, last: traceId });
      return;
    }
    if (postings.last === traceId) return;
    postings.last = traceId;
    if (typeof postings.traceIds === 'string') postings.traceIds = new Set([postings.traceIds, traceId]);
    else postings.traceIds.add(traceId);
  }

  addAttributes(attributes: readonly Attribute[], traceId: string): void {
    // no indexedText() here: its small objects, one per attribute, were most of the indexing time
    for (const { key, value } of attributes) {
      if (value.type === 'string' || value.type === 'int') this.add(key, value.value, value.type, traceId);
      else if (value.type === 'bool') this.add(key, value.value ? 'true' : 'false', 'bool', traceId);
    }
  }

  traces(key: string, text: string): ReadonlySet<string> | undefined {
    const traceIds = this.byKey.get(key)?.get(text)?.traceIds;
    return typeof traceIds === 'string' ? new Set([traceIds]) : traceIds;
  }

  keys(): string[] {
    return [...this.byKey.keys()].sort();
  }

  values(key: string): TagValue[] {
    const values = this.byKey.get(key);
    if (!values) return [];
    return [...values].map(([value, postings]) => ({ type: postings.type, value }));
  }
}

/** An attribute value as tag search compares it: its text (ints and bools as written), or undefined when not indexed. */
export function indexedText(value: AttributeValue): TagValue | undefined {
  switch (value.type) {
    case 'string':
      return { type: 'string', value: value.value };
    case 'int':
      return { type: 'int', value: value.value };
    case 'bool':
      return { type: 'bool', value: String(value.value) };
    default:
      return undefined;
  }
}
