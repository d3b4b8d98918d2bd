import { describe, expect, it } from 'vitest';
import { buildTraceLogQuery, serviceSelector } from './logql';

const ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('buildTraceLogQuery', () => {
  it('filters OTLP structured metadata by default, over every service stream', () => {
    expect(buildTraceLogQuery({ traceId: ID })).toBe(`{service_name=~".+"} | trace_id="${ID}"`);
  });

  it('pads and lower-cases the id first (Tempo search drops leading zeros)', () => {
    expect(buildTraceLogQuery({ traceId: 'C0FFEE' })).toBe(`{service_name=~".+"} | trace_id="${'c0ffee'.padStart(32, '0')}"`);
  });

  it('takes a selector and a field per data source, with or without braces', () => {
    expect(buildTraceLogQuery({ traceId: ID, selector: '{service_name="checkout"}', traceIdField: 'traceID' })).toBe(`{service_name="checkout"} | traceID="${ID}"`);
    expect(buildTraceLogQuery({ traceId: ID, selector: ' namespace="shop" ' })).toBe(`{namespace="shop"} | trace_id="${ID}"`);
  });

  it('json style: a line filter first, then the parsed field (dots become underscores, as `| json` names them)', () => {
    expect(buildTraceLogQuery({ traceId: ID, style: 'json' })).toBe(`{service_name=~".+"} |= "${ID}" | json | trace_id="${ID}"`);
    expect(buildTraceLogQuery({ traceId: ID, style: 'json', traceIdField: 'otel.trace_id', selector: '{app="web"}' })).toBe(`{app="web"} |= "${ID}" | json | otel_trace_id="${ID}"`);
  });

  it('line style: the id anywhere in the text', () => {
    expect(buildTraceLogQuery({ traceId: ID, style: 'line', selector: '{job="varlogs"}' })).toBe(`{job="varlogs"} |= "${ID}"`);
  });

  it('refuses ids and fields that cannot be queried', () => {
    expect(() => buildTraceLogQuery({ traceId: 'not-an-id' })).toThrow(RangeError);
    expect(() => buildTraceLogQuery({ traceId: '0'.repeat(32) })).toThrow(RangeError);
    expect(() => buildTraceLogQuery({ traceId: ID, traceIdField: 'trace id"' })).toThrow(/not a Loki label name/);
  });
});

describe('serviceSelector', () => {
  it('names one service exactly, several by an escaped regex, none as every stream', () => {
    expect(serviceSelector(['checkout'])).toBe('{service_name="checkout"}');
    expect(serviceSelector(['web.frontend', 'cart', 'cart'])).toBe('{service_name=~"cart|web\\\\.frontend"}');
    expect(serviceSelector([])).toBe('{service_name=~".+"}');
  });
});
