import { describeValue } from '../../src/core/formats/wire-values';

/**
 * What an OTLP/JSON request carried, read on the raw value: how many spans (log
 * records) it held, and the lists that were not lists (`"resourceSpans":{"x":1}`),
 * whose items cannot even be counted. The decoder skips what it cannot use, and
 * the OTLP response must say what was not stored (partialSuccess), so both are
 * needed. The field names and their order are the decoders' (core's otlp-json.ts
 * and otlp-logs.ts): the first name present is the one read.
 */
export interface WireSurvey {
  readonly sent: number;
  /** "resourceSpans[0].scopeSpans: expected an array, found an object with key x" */
  readonly unreadable: readonly string[];
}

interface SurveyShape {
  readonly blocks: readonly string[];
  readonly scopes: readonly string[];
  readonly items: readonly string[];
}

const SPANS: SurveyShape = {
  blocks: ['resourceSpans', 'resource_spans', 'batches'],
  scopes: ['scopeSpans', 'scope_spans', 'instrumentationLibrarySpans', 'instrumentation_library_spans'],
  items: ['spans'],
};

const LOG_RECORDS: SurveyShape = {
  blocks: ['resourceLogs', 'resource_logs'],
  scopes: ['scopeLogs', 'scope_logs', 'instrumentationLibraryLogs'],
  items: ['logRecords', 'log_records'],
};

/** Unreadable lists named in a survey, at most: a malformed request can hold a million. */
const MAX_NAMED = 10;

export function surveyOtlpSpans(value: unknown): WireSurvey {
  return survey(value, SPANS);
}

export function surveyOtlpLogRecords(value: unknown): WireSurvey {
  return survey(value, LOG_RECORDS);
}

/** Three fixed levels, walked with loops: nothing here recurses into the sender's nesting. */
function survey(value: unknown, shape: SurveyShape): WireSurvey {
  let sent = 0;
  const unreadable: string[] = [];
  const note = (path: string, found: unknown, expected = 'an array') => {
    if (unreadable.length < MAX_NAMED) unreadable.push(`${path}: expected ${expected}, found ${describeValue(found)}`);
  };
  const top = listAt(value, shape.blocks);
  if (!top.ok) {
    note(top.name, top.found);
    return { sent, unreadable };
  }
  top.list.forEach((block, b) => {
    const blockPath = `${top.name}[${b}]`;
    if (!isRecord(block)) return note(blockPath, block, 'an object');
    const scopes = listAt(block, shape.scopes);
    if (!scopes.ok) return note(`${blockPath}.${scopes.name}`, scopes.found);
    scopes.list.forEach((scope, s) => {
      const scopePath = `${blockPath}.${scopes.name}[${s}]`;
      if (!isRecord(scope)) return note(scopePath, scope, 'an object');
      const items = listAt(scope, shape.items);
      if (items.ok) sent += items.list.length;
      else note(`${scopePath}.${items.name}`, items.found);
    });
  });
  return { sent, unreadable };
}

type ListReading = { ok: true; name: string; list: unknown[] } | { ok: false; name: string; found: unknown };

/** The first of `names` present (not undefined or null), as the decoders pick; a missing list is an empty one. */
function listAt(value: unknown, names: readonly string[]): ListReading {
  const first = names[0] ?? '';
  if (!isRecord(value)) return { ok: false, name: first, found: value };
  for (const name of names) {
    const found = value[name];
    if (found === undefined || found === null) continue;
    return Array.isArray(found) ? { ok: true, name, list: found } : { ok: false, name, found };
  }
  return { ok: true, name: first, list: [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
