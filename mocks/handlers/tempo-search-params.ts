import { parseGoDuration, parseGoLogfmt, parseTraceQL, type TraceQLQuery } from '../../src/core';
import type { StoreSearchQuery } from '../store';

export type TempoSearchParams =
  /** traceQL: the parsed `q`, when one was sent (then `query.tags` is empty) */
  | { readonly ok: true; readonly query: StoreSearchQuery; readonly traceQL?: TraceQLQuery }
  | { readonly ok: false; readonly error: string };

const RESERVED = new Set(['q', 'tags', 'minDuration', 'maxDuration', 'limit', 'spss', 'start', 'end']);
const DEFAULT_LIMIT = 20;
const DEFAULT_SPSS = 3;
const INT32_MAX = 2 ** 31 - 1;

/**
 * `/api/search` parameters → a store query, checked in the order Tempo's
 * ParseSearchRequest checks them (pkg/api/http.go), with its error texts.
 * An empty parameter counts as absent, as there.
 */
export function parseTempoSearchParams(params: URLSearchParams): TempoSearchParams {
  const get = (name: string): string | undefined => {
    const value = params.get(name);
    return value === null || value === '' ? undefined : value;
  };
  const tags: [string, string][] = [];

  const start = parseInt32(get('start'), 'start');
  if (!start.ok) return start;
  const end = parseInt32(get('end'), 'end');
  if (!end.ok) return end;

  const q = get('q');
  const encodedTags = get('tags');
  let traceQL: TraceQLQuery | undefined;
  if (q !== undefined) {
    if (encodedTags !== undefined) return { ok: false, error: "invalid request: can't specify tags and q in the same query" };
    // Tempo's query validator answers a bad query before searching (modules/frontend/pipeline)
    const parsed = parseTraceQL(q);
    if (!parsed.ok) return { ok: false, error: `invalid TraceQL query: ${parsed.error}` };
    traceQL = parsed.query;
  }
  if (encodedTags !== undefined) {
    const parsed = parseGoLogfmt(encodedTags);
    if (!parsed.ok) return { ok: false, error: `invalid tags: ${parsed.msg} at pos ${parsed.pos}` };
    const seen = new Set<string>();
    for (const [key, value] of parsed.pairs) {
      if (seen.has(key)) return { ok: false, error: `invalid tags: tag ${key} has been set twice` };
      seen.add(key);
      tags.push([key, value]);
    }
  }
  // Tempo's old-style search: without q, tags, start and end, every other parameter is a tag
  if (q === undefined && encodedTags === undefined && start.value === 0 && end.value === 0) {
    for (const [key, value] of params) {
      if (!RESERVED.has(key) && value !== '' && !tags.some(([k]) => k === key)) tags.push([key, value]);
    }
  }

  let minDurationMs = 0;
  let maxDurationMs = 0;
  const minDuration = get('minDuration');
  if (minDuration !== undefined) {
    const parsed = parseGoDuration(minDuration);
    if (!parsed.ok) return { ok: false, error: `invalid minDuration: ${parsed.error}` };
    minDurationMs = toUint32Ms(parsed.ns);
  }
  const maxDuration = get('maxDuration');
  if (maxDuration !== undefined) {
    const parsed = parseGoDuration(maxDuration);
    if (!parsed.ok) return { ok: false, error: `invalid maxDuration: ${parsed.error}` };
    maxDurationMs = toUint32Ms(parsed.ns);
    if (minDurationMs !== 0 && minDurationMs > maxDurationMs) return { ok: false, error: 'invalid maxDuration: must be greater than minDuration' };
  }

  const limit = parsePositive(get('limit'), 'limit', DEFAULT_LIMIT);
  if (!limit.ok) return limit;
  const spss = parsePositive(get('spss'), 'spss', DEFAULT_SPSS);
  if (!spss.ok) return spss;

  if ((start.value !== 0 || end.value !== 0) && end.value <= start.value) {
    return { ok: false, error: `http parameter start must be before end. received start=${start.value} end=${end.value}` };
  }
  return {
    ok: true,
    query: {
      tags,
      // Tempo keeps durations as whole milliseconds (MinDurationMs uint32)
      ...(minDurationMs > 0 ? { minDurationNs: minDurationMs * 1e6 } : {}),
      ...(maxDurationMs > 0 ? { maxDurationNs: maxDurationMs * 1e6 } : {}),
      ...(start.value > 0 ? { startUnixSec: start.value } : {}),
      ...(end.value > 0 ? { endUnixSec: end.value } : {}),
      limit: limit.value,
      spansPerSpanSet: spss.value,
    },
    ...(traceQL ? { traceQL } : {}),
  };
}

/** strconv.ParseInt(s, 10, 32), as Tempo parses start and end */
function parseInt32(text: string | undefined, name: string): { ok: true; value: number } | { ok: false; error: string } {
  if (text === undefined) return { ok: true, value: 0 };
  if (!/^[+-]?\d+$/.test(text)) return { ok: false, error: `invalid ${name}: strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax` };
  const value = Number(text);
  if (value > INT32_MAX || value < -INT32_MAX - 1) return { ok: false, error: `invalid ${name}: strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range` };
  return { ok: true, value };
}

/** strconv.Atoi then > 0, as Tempo parses limit and spss */
function parsePositive(text: string | undefined, name: string, fallback: number): { ok: true; value: number } | { ok: false; error: string } {
  if (text === undefined) return { ok: true, value: fallback };
  if (!/^[+-]?\d+$/.test(text)) return { ok: false, error: `invalid ${name}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax` };
  const value = Number(text);
  if (value <= 0) return { ok: false, error: `invalid ${name}: must be a positive number` };
  return { ok: true, value };
}

/** time.Duration.Milliseconds() into a uint32, as Tempo stores it */
function toUint32Ms(ns: number): number {
  const ms = Math.trunc(ns / 1e6);
  return ms < 0 ? 0 : ms;
}
