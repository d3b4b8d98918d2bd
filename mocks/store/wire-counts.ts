/**
 * How many spans / log records an OTLP/JSON request carried, counted on the raw
 * value: the decoder skips what it cannot use, and the OTLP response must say how
 * many were rejected (partialSuccess). Undefined when the shape is not OTLP.
 */
export function countOtlpSpans(value: unknown): number | undefined {
  if (!isRecord(value)) return undefined;
  const blocks = value.resourceSpans ?? value.resource_spans ?? value.batches;
  if (!Array.isArray(blocks)) return undefined;
  let count = 0;
  for (const block of blocks) {
    if (!isRecord(block)) continue;
    const scopes = block.scopeSpans ?? block.scope_spans ?? block.instrumentationLibrarySpans;
    if (!Array.isArray(scopes)) continue;
    for (const scope of scopes) {
      if (isRecord(scope) && Array.isArray(scope.spans)) count += scope.spans.length;
    }
  }
  return count;
}

export function countOtlpLogRecords(value: unknown): number | undefined {
  if (!isRecord(value)) return undefined;
  const blocks = value.resourceLogs ?? value.resource_logs;
  if (!Array.isArray(blocks)) return undefined;
  let count = 0;
  for (const block of blocks) {
    if (!isRecord(block)) continue;
    const scopes = block.scopeLogs ?? block.scope_logs;
    if (!Array.isArray(scopes)) continue;
    for (const scope of scopes) {
      if (!isRecord(scope)) continue;
      const records = scope.logRecords ?? scope.log_records;
      if (Array.isArray(records)) count += records.length;
    }
  }
  return count;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
