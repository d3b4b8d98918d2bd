import { lokiLabelName, normaliseTraceId, TRACE_ID_FIELDS, type LokiEntry } from '../../src/core';
import { matches, type LogQuery } from './loki-logql';

/** An entry that passed the query, with the labels its parsers extracted. */
export interface MatchedEntry {
  readonly entry: LokiEntry;
  readonly parsed: Readonly<Record<string, string>>;
}

const TRACE_ID_LABELS: ReadonlySet<string> = new Set(TRACE_ID_FIELDS.map(([traceId]) => traceId));

/**
 * The trace a query is about, when it names one: a `| trace_id="…"` label filter
 * (or another trace-id spelling), or a line filter `|= "<16 or 32 hex>"`. The demo
 * keeps logs by trace, so such a query reads one trace's logs instead of all.
 */
export function traceIdOfQuery(query: LogQuery): string | undefined {
  for (const stage of query.stages) {
    if (stage.type === 'label' && stage.matcher.op === '=' && TRACE_ID_LABELS.has(stage.matcher.name)) {
      const id = normaliseTraceId(stage.matcher.value);
      if (id !== undefined) return id;
    }
    if (stage.type === 'line' && stage.op === '|=' && /^([0-9a-fA-F]{16}|[0-9a-fA-F]{32})$/.test(stage.text)) {
      return normaliseTraceId(stage.text);
    }
  }
  return undefined;
}

/** Runs the selector and the pipeline on one entry, as Loki does, stage by stage. */
export function evaluate(query: LogQuery, entry: LokiEntry): MatchedEntry | undefined {
  for (const m of query.selector) if (!matches(m, entry.labels[m.name] ?? '')) return undefined;
  const parsed: Record<string, string> = {};
  const lookup = (name: string): string => parsed[name] ?? entry.structuredMetadata[name] ?? entry.labels[name] ?? '';
  for (const stage of query.stages) {
    if (stage.type === 'line') {
      const found = stage.regex ? stage.regex.test(entry.line) : entry.line.includes(stage.text);
      if (found !== (stage.op === '|=' || stage.op === '|~')) return undefined;
    } else if (stage.type === 'parser') {
      const fields = stage.parser === 'json' ? jsonFields(entry.line) : logfmtFields(entry.line);
      if (fields === undefined) {
        // Loki keeps a line its parser fails on, marked with __error__ (A3)
        parsed.__error__ = stage.parser === 'json' ? 'JSONParserErr' : 'LogfmtParserErr';
        continue;
      }
      for (const [name, value] of fields) {
        const clashes = entry.labels[name] !== undefined || entry.structuredMetadata[name] !== undefined;
        parsed[clashes ? `${name}_extracted` : name] = value;
      }
    } else if (!matches(stage.matcher, lookup(stage.matcher.name))) {
      return undefined;
    }
  }
  return { entry, parsed };
}

/** `| json`: every property, nested names joined with `_`, arrays skipped, names sanitised. */
function jsonFields(line: string): [string, string][] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: [string, string][] = [];
  const walk = (object: Record<string, unknown>, prefix: string): void => {
    for (const [key, v] of Object.entries(object)) {
      const name = prefix === '' ? lokiLabelName(key) : `${prefix}_${lokiLabelName(key)}`;
      if (Array.isArray(v)) continue;
      if (typeof v === 'object' && v !== null) walk(v as Record<string, unknown>, name);
      else out.push([name, v === null ? '' : String(v)]);
    }
  };
  walk(value as Record<string, unknown>, '');
  return out;
}

/** `| logfmt`: key=value and key="quoted value" pairs. */
function logfmtFields(line: string): [string, string][] | undefined {
  const out: [string, string][] = [];
  const pair = /([^\s=]+)=("(?:[^"\\]|\\.)*"|\S*)/g;
  for (let m = pair.exec(line); m !== null; m = pair.exec(line)) {
    const raw = m[2] ?? '';
    let value = raw;
    if (raw.startsWith('"')) {
      try {
        value = JSON.parse(raw) as string;
      } catch {
        return undefined;
      }
    }
    out.push([lokiLabelName(m[1] ?? ''), value]);
  }
  return out;
}
