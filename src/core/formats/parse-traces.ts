import type { DecodedSpan } from '../model/decoded-span';
import type { Trace } from '../model/trace';
import { buildTraceReporting, groupByTrace, sortTraces } from '../trace/build-trace';
import { finishDecodeContext, newDecodeContext, type DecodeContext } from './decode-context';
import { DecodeError } from './decode-error';
import { detectTraceFormat, type TraceFormat } from './detect';
import { decodeJaegerSpanArray, decodeJaegerTrace } from './jaeger-json';
import { parseJsonDocuments, type JsonDocument } from './json-lines';
import { decodeOtlpResourceSpans } from './otlp-json';
import { boundWarnings } from './problems';
import { decodeZipkinSpans } from './zipkin-json';

export interface ParsedTraces {
  /** sorted by start */
  readonly traces: Trace[];
  /**
   * Every problem met: file-level ones (a bad JSON line), per-span ones naming their
   * place, and each trace's build warnings. Each trace also carries its own in Trace.warnings.
   */
  readonly warnings: string[];
}

/**
 * Text of a trace file or API answer (any format detectTraceFormat knows, or OTLP
 * JSON Lines) → traces. Throws DecodeError when nothing usable is in it.
 */
export function parseTraces(input: string): ParsedTraces {
  const { documents, warnings } = parseJsonDocuments(input);
  return decodeDocuments(documents, warnings);
}

/** An already parsed JSON value → traces; same rules as parseTraces. */
export function decodeTraces(value: unknown): ParsedTraces {
  return decodeDocuments([{ value }], []);
}

/**
 * Spans without building traces: for a store that merges spans of one trace arriving
 * in several batches, then calls buildTrace. Throws DecodeError only for a wrong
 * shape; an input without spans (an empty export request) gives no spans.
 */
export function decodeTraceSpans(value: unknown): { spans: DecodedSpan[]; warnings: string[] } {
  const ctx = newDecodeContext();
  decodeFormat(detectTraceFormat(value), '', ctx);
  finishDecodeContext(ctx);
  return { spans: ctx.spans, warnings: ctx.problems.list() };
}

function decodeDocuments(documents: readonly JsonDocument[], fileWarnings: string[]): ParsedTraces {
  const ctx = newDecodeContext();
  for (const doc of documents) {
    const prefix = doc.line === undefined ? '' : `line ${doc.line}: `;
    let format: TraceFormat;
    try {
      format = detectTraceFormat(doc.value);
    } catch (e) {
      // one document: its shape is the whole answer; JSON Lines: one bad line is a warning
      if (doc.line === undefined || !(e instanceof DecodeError)) throw e;
      ctx.problems.add(`${prefix}${e.message}; line skipped`);
      continue;
    }
    decodeFormat(format, prefix, ctx);
  }
  finishDecodeContext(ctx);
  if (ctx.spans.length === 0) throw noUsableSpans(ctx.skipped, [...fileWarnings, ...ctx.problems.list()]);

  const traces: Trace[] = [];
  const buildWarnings: string[] = [];
  for (const [traceId, spans] of groupByTrace(ctx.spans)) {
    const { trace, found } = buildTraceReporting(spans, ctx.problems.forTrace(traceId));
    const incomplete = ctx.incomplete.get(traceId);
    traces.push(incomplete === undefined ? trace : { ...trace, incomplete });
    buildWarnings.push(...found);
  }
  return { traces: sortTraces(traces), warnings: boundWarnings([...fileWarnings, ...ctx.problems.list(), ...buildWarnings]) };
}

function decodeFormat(format: TraceFormat, prefix: string, ctx: DecodeContext): void {
  const first = ctx.spans.length;
  switch (format.format) {
    case 'otlp-json':
    case 'jaeger-api-v3':
    case 'tempo-v1':
    case 'tempo-v2':
      decodeOtlpResourceSpans(format.resourceSpans, `${prefix}${format.path}`, ctx);
      break;
    case 'jaeger-json':
      for (const error of format.errors) ctx.problems.add(`${prefix}Jaeger answered with an error: ${error}`);
      format.traces.forEach((trace, i) => decodeJaegerTrace(trace, `${prefix}${format.path}${format.indexed ? `[${i}]` : ''}`, ctx));
      break;
    case 'jaeger-spans':
      decodeJaegerSpanArray(format.spans, prefix, ctx);
      break;
    case 'zipkin-json':
      decodeZipkinSpans(format.spans, prefix, ctx);
      break;
  }
  if (format.format === 'tempo-v2' && format.partialMessage !== undefined) {
    ctx.problems.add(`${prefix}${partialTraceWarning(format.partialMessage)}`, ctx.spans[first]?.traceId);
    for (let i = first; i < ctx.spans.length; i++) {
      const traceId = ctx.spans[i]?.traceId;
      if (traceId !== undefined) ctx.incomplete.set(traceId, format.partialMessage);
    }
  }
}

export function partialTraceWarning(message: string): string {
  return `Tempo returned a partial trace: ${message}`;
}

/** The error for an input without a usable span: why, in the words of its first problem. */
export function noUsableSpans(skipped: number, problems: readonly string[]): DecodeError {
  if (skipped > 0) {
    const n = skipped;
    return new DecodeError(`no usable spans: ${n} ${n === 1 ? 'span was' : 'spans were'} skipped (first problem: ${problems[0] ?? 'unknown'})`);
  }
  if (problems.length > 0) return new DecodeError(`no usable spans (first problem: ${problems[0]})`);
  return new DecodeError('no spans: the input is a trace format but holds no spans');
}
