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
export { normaliseTraceId, normaliseSpanId, hexToBase64, base64ToHex, shortTraceId } from './model/ids';
export { utf8Length } from './model/utf8-length';
export { spanWithId } from './model/trace';

// decode: text or parsed JSON → spans → traces
export { DecodeError } from './formats/decode-error';
export { locateJsonError, type JsonSyntaxProblem } from './formats/json-text';
export { parseTraces, decodeTraces, decodeTraceSpans, type ParsedTraces } from './formats/parse-traces';
export { detectTraceFormat, TRACE_FORMAT_NAMES, type TraceFormat } from './formats/detect';
export { parseLogs, decodeLogs, type ParsedLogs } from './formats/otlp-logs';
export { MAX_WARNINGS } from './formats/problems';
export { UNKNOWN_SERVICE } from './formats/otlp-attributes';
export { buildTrace, groupByTrace, sortTraces } from './trace/build-trace';

// decode: OTLP protobuf (Tempo's Accept: application/protobuf) → columns in a worker → the page's Trace
export {
  unwrapTempoTraceProto,
  decodeOtlpProtoColumns,
  ColumnStreamDecoder,
  columnsTransferList,
  PROGRESS_EVERY as PROTO_PROGRESS_EVERY,
  type TraceColumns,
  type DecodeColumnsOptions,
} from './formats/otlp-proto-columns';
export { ProtoReader, utf8Text } from './formats/protobuf-reader';
export { appendBytes } from './formats/growing-bytes';
export { traceFromColumns, ColumnSpan, hasLinks } from './trace/columns-trace';
export { shiftedSpan } from './trace/shift-span';

// encode: traces and logs → wire formats
export { toOtlpTracesData, encodeOtlpJson, encodeOtlpLogsData, absoluteUnixNano } from './formats/otlp-json-encode';
export { toJaegerJson, encodeJaegerJson, type JaegerTraceJson, type JaegerSpanJson, type JaegerTag } from './formats/jaeger-json-encode';
export { toTempoTraceJson } from './formats/tempo-trace-json';
export { encodeOtlpProto, writeTracesData } from './formats/otlp-proto-encode';
export { toTempoTraceProto, TRACE_BY_ID_RESPONSE, PARTIAL_STATUS } from './formats/tempo-trace-proto';
export { ProtoWriter } from './formats/protobuf-writer';
export * from './formats/jaeger-summaries';
export * from './query/go-duration';
export * from './query/go-logfmt';
export * from './query/trace-reference';
export * from './query/sort-summaries';

// analyses and layouts of a built trace
export { criticalPath, isAsyncChild, type CriticalPath, type CriticalPathSegment, type AsyncTail } from './trace/critical-path';
export { selfTimeNs, selfTimeNsOf } from './trace/self-time';
export { adjustClockSkew, type SkewAdjusted, type SkewAdjustment } from './trace/clock-skew';
export { subtreeEndsOf, treeIndex, type TreeIndex } from './trace/tree-index';
export { appendToList } from './model/list-map';
export { transferListOf } from './formats/transfer-list';
export { detachChildren, reattachChildren } from './trace/trace-transfer';
export { subtreeEnds, visibleRows, hiddenDescendantCount } from './layout/waterfall-rows';

// TraceQL: parse, evaluate, and the query a search form stands for
export type * from './query/traceql-ast';
export { fieldText, literalText, quoteString as quoteTraceQLString } from './query/traceql-ast';
export { parseTraceQL, type TraceQLParse, type TraceQLErrorKind } from './query/traceql-parse';
export { matchTrace, matchSpans, matchDecodedSpans, type TraceQLSpan, type TraceQLTrace, type TraceQLMatch } from './query/traceql-eval';
export { traceQLFromSearch } from './query/traceql-from-search';

// trace page: in-trace find, row filters and bulk collapse
export { findSpans, parseFindQuery, attributeValueText, type FindTerm } from './trace/find-spans';
export { DEFAULT_SENSITIVE_KEYS, isSensitiveKey, keySegments, sensitiveKeyMatcher } from './trace/sensitive-keys';
export { criticalSpanMask, indexMask, rowsKeeping, collapseAll, collapseBelowDepth, collapseFasterThan, ancestorIds } from './layout/row-filters';
export * from './query/logfmt-completion';
export { timeTicks, type TimeTick } from './layout/time-ticks';
export { summariseTrace } from './query/summarise-trace';

// logs: LogQL for a trace, Loki answers, severities, logs per span
export * from './logs/severity';
export { buildTraceLogQuery, serviceSelector, quoteLogQL, DEFAULT_LOG_SELECTOR, DEFAULT_TRACE_ID_FIELD, type TraceLogStyle, type TraceLogQueryOptions } from './logs/logql';
export { decodeLokiQueryRange } from './logs/loki-decode';
export { lokiEntryOf, type LokiEntry, type LokiEncodeOptions } from './logs/loki-encode';
export { lokiLabelName, DEFAULT_INDEX_LABEL_ATTRIBUTES, TRACE_ID_FIELDS } from './logs/loki-labels';
export { logLineOf, bodyOfLine } from './logs/log-line';
export { linkLogsToSpans, logOffsetNs, type LinkedLogs } from './logs/link-logs';

// trace statistics and the service map of one trace
export { spanCountsByService, traceStats, type StatsGroupBy, type TraceStatsRow } from './trace/trace-stats';
export { serviceGraph, PEER_ATTRIBUTES, type ServiceGraph, type ServiceNode, type ServiceEdge, type ServiceEdgeKind } from './trace/service-graph';

// flame graph: time-mode lanes, aggregated call paths, hit-testing, level of detail, overlays
export { flameChartLayout, flameChartLayoutOf, flameChartLayoutOfTimes, type FlameChartLayout, type FlameChartInput } from './layout/flame-chart-layout';
export { flameGraphLayout, flameGraphLayoutOf, type FlameGraphInput, type FlameGraphLayout, type FlameGraphOptions, type FlameGraphOrder } from './layout/flame-graph-layout';
export type { FlameRows } from './layout/flame-rows';
export { frameAt, visibleFrames, itemAt, visibleRange, type FlameLayout, type RowRange } from './layout/flame-hit-test';
export { levelOfDetail, runsOf, type FlameRuns, type ChartWindow, type GraphWindow, type XWindow } from './layout/flame-level-of-detail';
export { criticalIntervalsByFrame, criticalNsByNode, type FlameCriticalIntervals } from './layout/flame-critical';
export { focusWindow, ancestorsOf, type TimeWindow, type UnitsWindow } from './layout/flame-focus';
export { asyncReasonOf, asyncSpanInputOf, asyncStartsOf, followsFromParentOfColumns, isFollowsFromLink, spanKindOfNumber, type AsyncReason, type AsyncSpanInput } from './layout/flame-async';

// trace page: the log list of a trace, and the service map's layered layout
export { traceLogRows, filterTraceLogRows, subtreeMask, isErrorSeverity, type TraceLogRow, type TraceLogFilter } from './logs/trace-log-rows';
export { serviceMapLayout, countCrossings, type ServiceMapLayout, type ServiceMapLayoutOptions, type LayoutEdgeInput } from './layout/service-map-layout';
export * from './metrics';
