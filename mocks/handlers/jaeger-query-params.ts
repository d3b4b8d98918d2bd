import { base64ToHex, parseGoDuration } from '../../src/core';
import { goQuote, parseRfc3339Nano } from './jaeger-go-time';

/**
 * Jaeger api_v3 query parameters, read as the gateway's query_parser.go reads
 * them (reference §2.1): the camelCase name wins when it is non-empty, else the
 * deprecated snake_case alias; checks run in its order, with its error texts.
 */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface JaegerFindQuery {
  readonly serviceName: string;
  readonly operationName: string;
  /** query.attributes: every pair must hold on the matching span */
  readonly attributes: readonly (readonly [string, string])[];
  /** a matching span starts in [min, max] (inclusive), unix ns */
  readonly startTimeMinNs: bigint;
  readonly startTimeMaxNs: bigint;
  /** on the matching span's duration; 0 means no bound, as in Go */
  readonly durationMinNs: number;
  readonly durationMaxNs: number;
  /** how many traces at most; 0 or less means no limit (the memory store's `!= 0` test) */
  readonly searchDepth: number;
}

const DEFAULT_SEARCH_DEPTH = 100;

/** canonical and deprecated names of one parameter */
const PARAMS = {
  serviceName: ['query.serviceName', 'query.service_name'],
  operationName: ['query.operationName', 'query.operation_name'],
  startTimeMin: ['query.startTimeMin', 'query.start_time_min'],
  startTimeMax: ['query.startTimeMax', 'query.start_time_max'],
  searchDepth: ['query.searchDepth', 'query.search_depth'],
  durationMin: ['query.durationMin', 'query.duration_min'],
  durationMax: ['query.durationMax', 'query.duration_max'],
  rawTraces: ['query.rawTraces', 'query.raw_traces'],
  traceStartTime: ['startTime', 'start_time'],
  traceEndTime: ['endTime', 'end_time'],
  traceRawTraces: ['rawTraces', 'raw_traces'],
  spanKind: ['spanKind', 'span_kind'],
} as const;
const NUM_TRACES = 'query.num_traces';
const ATTRIBUTES = 'query.attributes';

/** getQueryParam: the value and the name it came under (for error messages) */
function param(params: URLSearchParams, [canonical, deprecated]: readonly [string, string]): [value: string, name: string] {
  const value = params.get(canonical) ?? '';
  if (value !== '') return [value, canonical];
  return [params.get(deprecated) ?? '', deprecated];
}

const malformed = (name: string, error: string): { ok: false; error: string } => ({ ok: false, error: `malformed parameter ${name}: ${error}` });

/** `GET /api/v3/traces` and `/api/v3/trace-summaries` parameters */
export function parseFindTracesParams(params: URLSearchParams): Parsed<JaegerFindQuery> {
  const [serviceName] = param(params, PARAMS.serviceName);
  const [operationName] = param(params, PARAMS.operationName);

  let attributes: [string, string][] = [];
  const attributesText = params.get(ATTRIBUTES) ?? '';
  if (attributesText !== '') {
    const parsed = parseStringMap(attributesText);
    if (!parsed.ok) return malformed(ATTRIBUTES, parsed.error);
    attributes = parsed.value;
  }

  const [minText, minName] = param(params, PARAMS.startTimeMin);
  const [maxText, maxName] = param(params, PARAMS.startTimeMax);
  if (minText === '' || maxText === '') {
    return { ok: false, error: `${PARAMS.startTimeMin[0]} and ${PARAMS.startTimeMax[0]} are required` };
  }
  const min = parseRfc3339Nano(minText);
  if (!min.ok) return malformed(minName, min.error);
  const max = parseRfc3339Nano(maxText);
  if (!max.ok) return malformed(maxName, max.error);
  if (min.unixNano >= max.unixNano) return { ok: false, error: `${PARAMS.startTimeMin[0]} must be before ${PARAMS.startTimeMax[0]}` };

  let [depthText, depthName] = param(params, PARAMS.searchDepth);
  if (depthText === '') {
    depthText = params.get(NUM_TRACES) ?? '';
    depthName = NUM_TRACES;
  }
  let searchDepth = DEFAULT_SEARCH_DEPTH;
  if (depthText !== '') {
    const depth = parseAtoi(depthText);
    if (!depth.ok) return malformed(depthName, depth.error);
    searchDepth = depth.value;
  }

  const durations: number[] = [];
  for (const names of [PARAMS.durationMin, PARAMS.durationMax]) {
    const [text, name] = param(params, names);
    if (text === '') {
      durations.push(0);
      continue;
    }
    const parsed = parseGoDuration(text);
    if (!parsed.ok) return malformed(name, parsed.error);
    durations.push(parsed.ns);
  }

  const raw = checkBool(params, PARAMS.rawTraces);
  if (!raw.ok) return raw;

  return {
    ok: true,
    value: {
      serviceName,
      operationName,
      attributes,
      startTimeMinNs: min.unixNano,
      startTimeMaxNs: max.unixNano,
      durationMinNs: durations[0] ?? 0,
      durationMaxNs: durations[1] ?? 0,
      searchDepth,
    },
  };
}

/** `GET /api/v3/traces/{trace_id}` query: checked, then unused (the demo keeps every trace whole and adjusts nothing) */
export function checkGetTraceParams(params: URLSearchParams): Parsed<null> {
  for (const names of [PARAMS.traceStartTime, PARAMS.traceEndTime]) {
    const [text, name] = param(params, names);
    if (text === '') continue;
    const parsed = parseRfc3339Nano(text);
    if (!parsed.ok) return malformed(name, parsed.error);
  }
  const raw = checkBool(params, PARAMS.traceRawTraces);
  return raw.ok ? { ok: true, value: null } : raw;
}

/** `GET /api/v3/operations`: the span kind filter, '' for all */
export function spanKindParam(params: URLSearchParams): string {
  return param(params, PARAMS.spanKind)[0];
}

/**
 * The path's trace id → 32 lower-case hex: model.TraceIDFromString (hex, at most
 * 32 chars, shorter left-padded), and since v2.20 base64 of the 16 bytes
 * (standard or URL-safe, padded or not). The wording for an id that is neither is
 * the hex parser's; what v2.20 says when base64 fails too is a guess.
 */
export function parseTraceIdParam(raw: string): Parsed<string> {
  const name = 'trace_id';
  if (/^[0-9a-fA-F]+$/.test(raw)) {
    if (raw.length > 32) return malformed(name, `TraceID cannot be longer than 32 hex characters: ${raw}`);
    return { ok: true, value: raw.toLowerCase().padStart(32, '0') };
  }
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) {
    const hex = base64ToHex(raw);
    if (hex !== undefined && hex.length === 32) return { ok: true, value: hex };
  }
  if (raw.length > 32) return malformed(name, `TraceID cannot be longer than 32 hex characters: ${raw}`);
  // TraceIDFromString parses the high and low 64 bits apart; the error names the part that failed
  const part = raw.length > 16 ? raw.slice(0, raw.length - 16) : raw;
  const failing = /^[0-9a-fA-F]+$/.test(part) ? raw.slice(-16) : part;
  return malformed(name, `strconv.ParseUint: parsing ${goQuote(failing)}: invalid syntax`);
}

/**
 * json.Unmarshal into map[string]string, with encoding/json's wording for the
 * common mistakes (a non-object, a non-string value); other syntax errors are
 * reported with a shorter, similar text.
 */
function parseStringMap(text: string): Parsed<[string, string][]> {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    const first = text.trimStart()[0];
    return { ok: false, error: first === undefined ? 'unexpected end of JSON input' : `invalid character '${first}' looking for beginning of value` };
  }
  if (value === null) return { ok: true, value: [] };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: `json: cannot unmarshal ${jsonKind(value)} into Go value of type map[string]string` };
  }
  const pairs: [string, string][] = [];
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'string') {
      return { ok: false, error: `json: cannot unmarshal ${jsonKind(entry)} into Go struct field .${key} of type string` };
    }
    pairs.push([key, entry]);
  }
  return { ok: true, value: pairs };
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object' && value !== null) return 'object';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

/** strconv.Atoi */
function parseAtoi(text: string): Parsed<number> {
  if (!/^[+-]?\d+$/.test(text)) return { ok: false, error: `strconv.Atoi: parsing ${goQuote(text)}: invalid syntax` };
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return { ok: false, error: `strconv.Atoi: parsing ${goQuote(text)}: value out of range` };
  return { ok: true, value };
}

/** strconv.ParseBool on a parameter, when present */
function checkBool(params: URLSearchParams, names: readonly [string, string]): Parsed<null> {
  const [text, name] = param(params, names);
  if (text === '' || ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return { ok: true, value: null };
  return malformed(name, `strconv.ParseBool: parsing ${goQuote(text)}: invalid syntax`);
}
