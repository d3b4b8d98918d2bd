import type { Attribute } from '../model/attributes';
import type { LogRecord } from '../model/log-record';
import { logLineOf } from './log-line';
import { DEFAULT_INDEX_LABEL_ATTRIBUTES, lokiLabelName } from './loki-labels';
import { severityOf } from './severity';

/** One OTLP log record as Loki stores it. */
export interface LokiEntry {
  readonly timeUnixNano: bigint;
  readonly line: string;
  /** index labels: the stream this entry belongs to */
  readonly labels: Readonly<Record<string, string>>;
  readonly structuredMetadata: Readonly<Record<string, string>>;
}

export interface LokiEncodeOptions {
  /** Loki's `severity_text_as_label` (off by default in Loki): severity_text becomes an index label */
  readonly severityTextAsLabel?: boolean;
}

const INDEX_ATTRIBUTES: ReadonlySet<string> = new Set(DEFAULT_INDEX_LABEL_ATTRIBUTES);

/**
 * Loki's OTLP ingest mapping (loki-and-traceql.md A3), for the demo Loki and for
 * round-trip tests of the decoder: the default index resource attributes become
 * labels, everything else structured metadata with `.` → `_` and nested maps
 * flattened, the body becomes the line, and Loki adds `detected_level`.
 */
export function lokiEntryOf(log: LogRecord, options: LokiEncodeOptions = {}): LokiEntry {
  const labels: Record<string, string> = {};
  const metadata: Record<string, string> = {};
  for (const attribute of log.resource.attributes) {
    if (INDEX_ATTRIBUTES.has(attribute.key)) {
      const text = logLineOf(attribute.value);
      if (text !== '') labels[lokiLabelName(attribute.key)] = text;
    } else {
      flatten(attribute, '', metadata);
    }
  }
  // log.service is service.name or unknown_service, which is also where Loki ends up
  labels.service_name = log.service;
  for (const attribute of log.scope.attributes) flatten(attribute, '', metadata);
  for (const attribute of log.attributes) flatten(attribute, '', metadata);

  if (log.scope.name !== '') metadata.scope_name = log.scope.name;
  if (log.scope.version !== '') metadata.scope_version = log.scope.version;
  if (log.severityNumber !== 0) metadata.severity_number = String(log.severityNumber);
  if (log.severityText !== '') (options.severityTextAsLabel ? labels : metadata).severity_text = log.severityText;
  if (log.traceId !== undefined) metadata.trace_id = log.traceId;
  if (log.spanId !== undefined) metadata.span_id = log.spanId;
  if (log.flags !== 0) metadata.flags = String(log.flags);
  if (log.droppedAttributesCount !== 0) metadata.dropped_attributes_count = String(log.droppedAttributesCount);
  if (log.eventName !== undefined) metadata.event_name = log.eventName;
  if (log.observedTimeUnixNano !== 0n && log.observedTimeUnixNano !== log.timeUnixNano) metadata.observed_timestamp = String(log.observedTimeUnixNano);
  metadata.detected_level = detectedLevel(log);

  return { timeUnixNano: log.timeUnixNano, line: logLineOf(log.body), labels, structuredMetadata: metadata };
}

function flatten(attribute: Attribute, prefix: string, out: Record<string, string>): void {
  const name = prefix === '' ? lokiLabelName(attribute.key) : `${prefix}_${lokiLabelName(attribute.key)}`;
  if (attribute.value.type === 'kvlist') {
    for (const nested of attribute.value.value) flatten(nested, name, out);
    return;
  }
  out[name] = logLineOf(attribute.value);
}

/** Loki's normalised level names: `trace|debug|info|warn|error|critical|fatal|unknown`. */
function detectedLevel(log: LogRecord): string {
  const text = log.severityText.trim().toLowerCase();
  if (text === 'critical' || text === 'crit') return 'critical';
  const { label } = severityOf(log);
  return label === 'UNSPECIFIED' ? 'unknown' : label.toLowerCase();
}
