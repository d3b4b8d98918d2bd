/**
 * Splitting an OTLP/JSON payload by a key of each span or log record (its
 * owner segment in the bounded store) without decoding it: each part keeps the
 * resource and scope blocks its items came in, under the same field names the
 * sender used (scopeSpans or instrumentationLibrarySpans, Tempo's batches…).
 */

export interface OtlpShape {
  /** resource-level list names, any of which the payload may use */
  readonly blocks: readonly string[];
  readonly scopes: readonly string[];
  readonly items: readonly string[];
}

// the aliases core's decoders accept, in the order they try them (the first present is read):
// a span the decoder stores but the partition cannot see would be stored without an owner,
// in search but not found by id
export const TRACES_SHAPE: OtlpShape = {
  blocks: ['resourceSpans', 'resource_spans', 'batches'],
  scopes: ['scopeSpans', 'scope_spans', 'instrumentationLibrarySpans', 'instrumentation_library_spans'],
  items: ['spans'],
};

export const LOGS_SHAPE: OtlpShape = {
  blocks: ['resourceLogs', 'resource_logs'],
  scopes: ['scopeLogs', 'scope_logs', 'instrumentationLibraryLogs'],
  items: ['logRecords', 'log_records'],
};

type Json = Record<string, unknown>;

/** The raw trace id text of an item (span or log record), if it has one. */
export function rawTraceId(item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  const id = item.traceId ?? item.trace_id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Every item of the payload, in order; undefined when the value is not shaped
 * as OTLP (the caller then hands it over whole, and the decoder says what is wrong).
 */
export function otlpItems(value: unknown, shape: OtlpShape): unknown[] | undefined {
  const found = listOf(value, shape.blocks);
  if (!found.ok) return undefined;
  const items: unknown[] = [];
  for (const block of found.list) {
    const scopes = listOf(block, shape.scopes);
    if (!scopes.ok) continue;
    for (const scope of scopes.list) {
      const list = listOf(scope, shape.items);
      if (list.ok) for (const item of list.list) items.push(item);
    }
  }
  return items;
}

/**
 * The payload split by `keyOf(item)`: one payload per key, holding that key's
 * items under copies of their resource and scope blocks. A block or scope the
 * walk cannot read (not an object, or its list not a list) goes as it came to
 * the part of `keyOf(undefined)`, so the ingest there reports it as not stored.
 */
export function partitionOtlp<K>(value: unknown, shape: OtlpShape, keyOf: (item: unknown) => K): Map<K, Json> {
  const parts = new Map<K, Json>();
  const top = listOf(value, shape.blocks);
  if (!top.ok || !isRecord(value)) return parts;
  const partOf = (key: K): unknown[] => {
    let part = parts.get(key);
    if (!part) parts.set(key, (part = { [top.name]: [] }));
    return part[top.name] as unknown[];
  };
  const unreadableKey = keyOf(undefined);
  for (const block of top.list) {
    const scopes = listOf(block, shape.scopes);
    if (!scopes.ok || !isRecord(block)) {
      partOf(unreadableKey).push(block);
      continue;
    }
    const blockCopies = new Map<K, unknown[]>();
    for (const scope of scopes.list) {
      const items = listOf(scope, shape.items);
      if (!items.ok || !isRecord(scope)) {
        let scopeList = blockCopies.get(unreadableKey);
        if (!scopeList) blockCopies.set(unreadableKey, (scopeList = []));
        scopeList.push(scope);
        continue;
      }
      const byKey = new Map<K, unknown[]>();
      for (const item of items.list) {
        const key = keyOf(item);
        let list = byKey.get(key);
        if (!list) byKey.set(key, (list = []));
        list.push(item);
      }
      for (const [key, list] of byKey) {
        let scopeList = blockCopies.get(key);
        if (!scopeList) blockCopies.set(key, (scopeList = []));
        scopeList.push({ ...scope, [items.name]: list });
      }
    }
    for (const [key, scopeList] of blockCopies) partOf(key).push({ ...block, [scopes.name]: scopeList });
  }
  return parts;
}

type ListReading = { ok: true; name: string; list: unknown[] } | { ok: false };

/** The first of `names` present (not undefined or null), as the decoders pick it; a missing list is an empty one. */
function listOf(value: unknown, names: readonly string[]): ListReading {
  if (!isRecord(value)) return { ok: false };
  for (const name of names) {
    const list = value[name];
    if (list === undefined || list === null) continue;
    return Array.isArray(list) ? { ok: true, name, list } : { ok: false };
  }
  return { ok: true, name: names[0] ?? '', list: [] };
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
