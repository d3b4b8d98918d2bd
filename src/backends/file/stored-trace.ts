import { summariseTrace, utf8Length, type SearchQuery, type Trace } from '../../core';
import type { StoredTraceRecord, StoredTraceSummary } from './trace-store';

/** A trace with 100,000 spans has a few hundred operations; this bounds a pathological one. */
const MAX_OPERATIONS = 2_000;

/** What to keep of one opened trace: the summary row and the record holding its OTLP/JSON. */
export function toStoredTrace(
  trace: Trace,
  origin: { readonly fileName: string; readonly otlpJson: string; readonly importedAtMs: number },
): { summary: StoredTraceSummary; record: StoredTraceRecord } {
  const operations = new Map<string, readonly [string, string]>();
  for (const span of trace.spans) {
    if (operations.size >= MAX_OPERATIONS) break;
    const key = `${span.service}\u0000${span.name}`;
    if (!operations.has(key)) operations.set(key, [span.service, span.name]);
  }
  const summary = summariseTrace(trace);
  // a file may hold a trace whose every root names a missing parent: list it by its first root, as the trace page titles it
  const firstRoot = trace.roots[0];
  const root = summary.rootServiceName === '' && firstRoot ? { rootServiceName: firstRoot.service, rootSpanName: firstRoot.name } : {};
  return {
    summary: {
      ...summary,
      ...root,
      fileName: origin.fileName,
      storedBytes: utf8Length(origin.otlpJson),
      importedAtMs: origin.importedAtMs,
      operations: [...operations.values()],
    },
    record: {
      traceId: trace.traceId,
      otlpJson: origin.otlpJson,
      warnings: trace.warnings,
      ...(trace.incomplete !== undefined ? { incomplete: trace.incomplete } : {}),
    },
  };
}

/**
 * The search form's filters that a summary row can answer: service (any span's),
 * operation (a span of that service, or of any service), trace duration and errors.
 * Tags, TraceQL and the time range are not applied (see fileSearchNote).
 */
export function matchesStoredSummary(summary: StoredTraceSummary, query: SearchQuery): boolean {
  const { service, operation } = query;
  if (service && !summary.services.some((s) => s.name === service)) return false;
  if (operation && !summary.operations.some(([s, name]) => name === operation && (!service || s === service))) return false;
  if (query.minDurationNs !== undefined && summary.durationNs < query.minDurationNs) return false;
  if (query.maxDurationNs !== undefined && summary.durationNs > query.maxDurationNs) return false;
  if (query.errorsOnly && (summary.errorSpanCount ?? 0) === 0) return false;
  return true;
}

/** Says which parts of the form a Local files search left out, so no filter is silently ignored. */
export function fileSearchNote(query: SearchQuery, searched: number): string {
  const ignored = [
    query.traceql ? 'TraceQL' : undefined,
    query.tags.length > 0 ? 'tags' : undefined,
    'the time range',
  ].filter((s): s is string => s !== undefined);
  return `searched the ${searched.toLocaleString('en-US')} ${searched === 1 ? 'trace' : 'traces'} kept in this browser; ${joinWords(ignored)} ${ignored.length === 1 ? 'does' : 'do'} not apply to Local files`;
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
