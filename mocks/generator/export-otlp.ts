import type { OtlpLogRecord, OtlpLogsData, OtlpResourceLogs, OtlpResourceSpans, OtlpSpan, OtlpTracesData, OtlpKeyValue } from '../../src/core';
import { CLOCK_SKEW_NS, resourceAttributes, type ServiceInfo } from './services';
import { SEVERITY, type LogDraft, type SpanRecord } from './trace-builder';

/** One simulated trace, ready to export: its records and its absolute base time. */
export interface FinishedTrace {
  readonly traceId: string;
  /** the base time split in two numbers, so adding ns offsets stays exact without BigInt (it was a third of the export time) */
  readonly baseUnixSec: number;
  readonly baseNs: number;
  readonly spans: readonly SpanRecord[];
  readonly logs: readonly LogDraft[];
}

/** some of one trace's records, for one batch */
export interface TraceSpans {
  readonly trace: FinishedTrace;
  readonly spans: readonly SpanRecord[];
}
export interface TraceLogs {
  readonly trace: FinishedTrace;
  readonly logs: readonly LogDraft[];
}

const LOG_SCOPE_VERSION = '1.0.0';

/**
 * Writes records as OTLP/JSON exactly as an exporter sends them: one
 * ResourceSpans per service instance (pod), one ScopeSpans per
 * instrumentation scope, hex ids, int64 as decimal strings, integer enums.
 * Each service's clock skew (services.ts) is applied here, to every time it reports.
 */
export class OtlpBatchWriter {
  private readonly resources = new Map<string, OtlpKeyValue[]>();

  tracesBatch(items: readonly TraceSpans[]): OtlpTracesData {
    const byResource = new Map<string, { service: ServiceInfo; podIndex: number; scopes: Map<string, OtlpSpan[]> }>();
    for (const { trace, spans: records } of items) for (const record of records) {
      const key = `${record.service.name}#${record.podIndex}`;
      let group = byResource.get(key);
      if (!group) {
        group = { service: record.service, podIndex: record.podIndex, scopes: new Map() };
        byResource.set(key, group);
      }
      let spans = group.scopes.get(record.scope);
      if (!spans) {
        spans = [];
        group.scopes.set(record.scope, spans);
      }
      spans.push(toOtlpSpan(trace, record));
    }
    const resourceSpans: OtlpResourceSpans[] = [];
    for (const group of byResource.values()) {
      resourceSpans.push({
        resource: { attributes: this.resource(group.service, group.podIndex) },
        scopeSpans: [...group.scopes].map(([name, spans]) => ({ scope: { name, version: group.service.version }, spans })),
        schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
      });
    }
    return { resourceSpans };
  }

  logsBatch(items: readonly TraceLogs[]): OtlpLogsData {
    const byResource = new Map<string, { service: ServiceInfo; podIndex: number; records: OtlpLogRecord[] }>();
    for (const { trace, logs: drafts } of items) for (const draft of drafts) {
      const key = `${draft.span.service.name}#${draft.span.podIndex}`;
      let group = byResource.get(key);
      if (!group) {
        group = { service: draft.span.service, podIndex: draft.span.podIndex, records: [] };
        byResource.set(key, group);
      }
      group.records.push(toOtlpLog(trace, draft));
    }
    const resourceLogs: OtlpResourceLogs[] = [];
    for (const group of byResource.values()) {
      resourceLogs.push({
        resource: { attributes: this.resource(group.service, group.podIndex) },
        scopeLogs: [{ scope: { name: `shop.${group.service.name}`, version: LOG_SCOPE_VERSION }, logRecords: group.records }],
      });
    }
    return { resourceLogs };
  }

  /** Resource attributes are shared between batches, as one SDK instance sends the same resource each time. */
  private resource(service: ServiceInfo, podIndex: number): OtlpKeyValue[] {
    const key = `${service.name}#${podIndex}`;
    let attributes = this.resources.get(key);
    if (!attributes) {
      attributes = resourceAttributes(service, podIndex);
      this.resources.set(key, attributes);
    }
    return attributes;
  }
}

function unixNano(trace: FinishedTrace, service: ServiceInfo, relativeNs: number): string {
  return addNs(trace, relativeNs + (CLOCK_SKEW_NS[service.name] ?? 0));
}

/** base + ns as a decimal string: exact, since every part stays far below 2^53 */
function addNs(trace: FinishedTrace, ns: number): string {
  const total = trace.baseNs + ns;
  const carry = Math.floor(total / 1e9);
  const fraction = total - carry * 1e9;
  return `${trace.baseUnixSec + carry}${String(fraction).padStart(9, '0')}`;
}

function toOtlpSpan(trace: FinishedTrace, record: SpanRecord): OtlpSpan {
  const span: OtlpSpan = {
    traceId: trace.traceId,
    spanId: record.spanId,
    ...(record.parentSpanId ? { parentSpanId: record.parentSpanId } : {}),
    flags: 0x101, // sampled, with HAS_IS_REMOTE known
    name: record.name,
    kind: record.kind,
    startTimeUnixNano: unixNano(trace, record.service, record.startNs),
    endTimeUnixNano: unixNano(trace, record.service, record.endNs),
    attributes: record.attributes,
    status: record.status ?? {},
  };
  if (record.events.length > 0) {
    span.events = record.events.map((event) => ({ timeUnixNano: unixNano(trace, record.service, event.timeNs), name: event.name, attributes: event.attributes }));
  }
  if (record.links.length > 0) span.links = record.links;
  return span;
}

function toOtlpLog(trace: FinishedTrace, draft: LogDraft): OtlpLogRecord {
  const time = unixNano(trace, draft.span.service, draft.timeNs);
  return {
    timeUnixNano: time,
    // the collector stamps when it saw the record: on its own (true) clock, a little later
    observedTimeUnixNano: addNs(trace, draft.timeNs + 2_000_000),
    severityNumber: SEVERITY[draft.severity],
    severityText: draft.severity,
    body: draft.body,
    attributes: draft.attributes,
    flags: 1,
    traceId: trace.traceId,
    spanId: draft.span.spanId,
  };
}
