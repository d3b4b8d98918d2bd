import { normaliseSpanId, normaliseTraceId } from '../model/ids';
import type { SpanId, TraceId } from '../model/ids';

/**
 * What a person pastes into "go to trace": a trace id (16 or 32 hex, any case)
 * or a whole W3C `traceparent` value (`00-<32 hex>-<16 hex>-<2 hex>`), which
 * also names the span to select. See backend-apis.md §8.
 */
export type TraceReference =
  | { ok: true; traceId: TraceId; spanId?: SpanId; note?: string }
  | { ok: false; error: string };

const HEX = /^[0-9a-fA-F]+$/;

export function parseTraceReference(input: string): TraceReference {
  const text = input.trim().replace(/^traceparent:\s*/i, '');
  if (text === '') return { ok: false, error: 'Enter a trace id or a traceparent.' };
  if (text.includes('-')) return parseTraceparent(text);
  if (!HEX.test(text)) return { ok: false, error: `"${clip(text)}" is not a trace id: use hexadecimal digits (0-9, a-f).` };
  if (text.length !== 16 && text.length !== 32) {
    return { ok: false, error: `A trace id has 16 or 32 hex digits; "${clip(text)}" has ${text.length}.` };
  }
  const traceId = normaliseTraceId(text);
  if (!traceId) return { ok: false, error: 'An all-zero trace id is invalid.' };
  return { ok: true, traceId };
}

function parseTraceparent(text: string): TraceReference {
  const parts = text.split('-');
  const [version = '', traceIdText = '', spanIdText = '', flags = ''] = parts;
  if (!/^[0-9a-fA-F]{2}$/.test(version)) return { ok: false, error: `A traceparent starts with a 2-digit hex version, e.g. 00-…; found "${clip(version)}".` };
  if (version.toLowerCase() === 'ff') return { ok: false, error: 'traceparent version ff is invalid.' };
  // Version 00 is exactly four fields; a higher version may append more (read the first four).
  if (version === '00' ? parts.length !== 4 : parts.length < 4) {
    return { ok: false, error: `A version ${version} traceparent has ${version === '00' ? 'exactly ' : ''}4 fields separated by "-"; found ${parts.length}.` };
  }
  if (traceIdText.length !== 32 || !HEX.test(traceIdText)) return { ok: false, error: `The trace id in a traceparent is 32 hex digits; found "${clip(traceIdText)}".` };
  if (spanIdText.length !== 16 || !HEX.test(spanIdText)) return { ok: false, error: `The parent id in a traceparent is 16 hex digits; found "${clip(spanIdText)}".` };
  if (!/^[0-9a-fA-F]{2}$/.test(flags)) return { ok: false, error: `The flags of a traceparent are 2 hex digits; found "${clip(flags)}".` };
  const traceId = normaliseTraceId(traceIdText);
  if (!traceId) return { ok: false, error: 'The trace id in this traceparent is all zeros, which is invalid.' };
  const spanId = normaliseSpanId(spanIdText);
  if (!spanId) return { ok: false, error: 'The parent id in this traceparent is all zeros, which is invalid.' };
  const lowered = text !== text.toLowerCase();
  return { ok: true, traceId, spanId, note: lowered ? 'upper-case hex read as lower case (the header itself must be lower case)' : undefined };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
