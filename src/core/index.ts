/**
 * The public face of src/core: everything outside core imports from here.
 * (Implementations live in model/, formats/, trace/, query/.)
 */
export type * from './model';
export type * from './formats/otlp-json-types';

export * from './query/duration';
export * from './query/logfmt';
export * from './query/search-query';
export * from './formats/tempo-search';

// ids
export { normaliseTraceId, normaliseSpanId, hexToBase64, base64ToHex } from './model/ids';

// decode: text or parsed JSON → spans → traces
export { DecodeError } from './formats/decode-error';
export { parseTraces, decodeTraces, decodeTraceSpans, type ParsedTraces } from './formats/parse-traces';
export { detectTraceFormat, type TraceFormat } from './formats/detect';
export { parseLogs, decodeLogs, type ParsedLogs } from './formats/otlp-logs';
export { MAX_WARNINGS } from './formats/problems';
export { UNKNOWN_SERVICE } from './formats/otlp-attributes';
export { buildTrace, groupByTrace, sortTraces } from './trace/build-trace';

// encode: traces and logs → wire formats
export { toOtlpTracesData, encodeOtlpJson, encodeOtlpLogsData, absoluteUnixNano } from './formats/otlp-json-encode';
export { toTempoTraceJson } from './formats/tempo-trace-json';
export * from './formats/jaeger-summaries';
export * from './query/go-duration';
export * from './query/go-logfmt';
export * from './query/trace-reference';
export * from './query/sort-summaries';

// analyses and layouts of a built trace
export { criticalPath, isAsyncChild, type CriticalPath, type CriticalPathSegment, type AsyncTail } from './trace/critical-path';
export { selfTimeNs } from './trace/self-time';
export { adjustClockSkew, type SkewAdjusted, type SkewAdjustment } from './trace/clock-skew';
export { treeIndex, type TreeIndex } from './trace/tree-index';
export { subtreeEnds, visibleRows, hiddenDescendantCount } from './layout/waterfall-rows';
export * from './query/logfmt-completion';

// TraceQL: parse, evaluate, and the query a search form stands for
export type * from './query/traceql-ast';
export { fieldText, literalText, quoteString as quoteTraceQLString } from './query/traceql-ast';
export { parseTraceQL, type TraceQLParse, type TraceQLErrorKind } from './query/traceql-parse';
export { matchTrace, matchSpans, matchDecodedSpans, type TraceQLSpan, type TraceQLTrace, type TraceQLMatch } from './query/traceql-eval';
export { traceQLFromSearch } from './query/traceql-from-search';
export { summariseTrace } from './query/summarise-trace';

// trace page: in-trace find, row filters and bulk collapse
export { findSpans, parseFindQuery, attributeValueText, type FindTerm } from './trace/find-spans';
export { criticalSpanMask, indexMask, rowsKeeping, collapseAll, collapseBelowDepth, collapseFasterThan, ancestorIds } from './layout/row-filters';
export { timeTicks, type TimeTick } from './layout/time-ticks';
