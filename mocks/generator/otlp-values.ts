import type { OtlpAnyValue, OtlpKeyValue } from '../../src/core';

/** Attribute builders in OTLP/JSON wire form: int64 as decimal strings, as exporters write them. */
export function str(key: string, value: string): OtlpKeyValue {
  return { key, value: { stringValue: value } };
}

export function int(key: string, value: number): OtlpKeyValue {
  return { key, value: { intValue: String(Math.trunc(value)) } };
}

export function bool(key: string, value: boolean): OtlpKeyValue {
  return { key, value: { boolValue: value } };
}

export function double(key: string, value: number): OtlpKeyValue {
  return { key, value: { doubleValue: value } };
}

export function strArray(key: string, values: readonly string[]): OtlpKeyValue {
  return { key, value: { arrayValue: { values: values.map((v) => ({ stringValue: v })) } } };
}

/** a structured log body: `{kvlistValue:{values:[…]}}` */
export function kvlist(entries: readonly OtlpKeyValue[]): OtlpAnyValue {
  return { kvlistValue: { values: [...entries] } };
}

export function text(value: string): OtlpAnyValue {
  return { stringValue: value };
}
