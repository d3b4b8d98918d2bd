import type { OtlpKeyValue, OtlpSpan, OtlpTracesData } from '../../src/core';

/** 2026-01-15T12:00:00Z: the fixed "now" of the tests */
export const T0_MS = Date.UTC(2026, 0, 15, 12);

export interface FixtureSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly service: string;
  /** ms after T0_MS (negative: before) */
  readonly startMs: number;
  readonly durationMs: number;
  readonly kind?: number;
  readonly attributes?: Readonly<Record<string, string | number | boolean>>;
  readonly host?: string;
  readonly error?: string;
}

/** Small hand-written OTLP/JSON, one ResourceSpans per service, for readable store and handler tests. */
export function tracesData(spans: readonly FixtureSpan[]): OtlpTracesData {
  const byService = new Map<string, { host: string; spans: OtlpSpan[] }>();
  for (const s of spans) {
    const key = `${s.service}#${s.host ?? 'node-1'}`;
    let group = byService.get(key);
    if (!group) {
      group = { host: s.host ?? 'node-1', spans: [] };
      byService.set(key, group);
    }
    group.spans.push({
      traceId: s.traceId,
      spanId: s.spanId,
      ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
      name: s.name,
      kind: s.kind ?? 2,
      startTimeUnixNano: unixNano(s.startMs),
      endTimeUnixNano: unixNano(s.startMs + s.durationMs),
      attributes: Object.entries(s.attributes ?? {}).map(([key, value]) => keyValue(key, value)),
      status: s.error ? { code: 2, message: s.error } : {},
    });
  }
  return {
    resourceSpans: [...byService].map(([key, group]) => ({
      resource: { attributes: [keyValue('service.name', key.split('#')[0] ?? ''), keyValue('host.name', group.host)] },
      scopeSpans: [{ scope: { name: 'fixture' }, spans: group.spans }],
    })),
  };
}

export function unixNano(msAfterT0: number): string {
  return (BigInt(T0_MS) * 1_000_000n + BigInt(Math.round(msAfterT0 * 1e6))).toString();
}

function keyValue(key: string, value: string | number | boolean): OtlpKeyValue {
  if (typeof value === 'string') return { key, value: { stringValue: value } };
  if (typeof value === 'boolean') return { key, value: { boolValue: value } };
  return { key, value: { intValue: String(value) } };
}
