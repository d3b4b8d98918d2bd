/**
 * Attribute values keep their OTLP type. 64-bit integers are kept as exact
 * decimal strings: OTLP sends them as strings, and a JS number would lose
 * precision above 2^53 (and BigInt does not survive JSON.stringify).
 */
export type AttributeValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'int'; readonly value: string }
  | { readonly type: 'double'; readonly value: number }
  /** base64, as OTLP/JSON carries bytes */
  | { readonly type: 'bytes'; readonly value: string }
  | { readonly type: 'array'; readonly value: readonly AttributeValue[] }
  | { readonly type: 'kvlist'; readonly value: readonly Attribute[] }
  | { readonly type: 'empty' };

export interface Attribute {
  readonly key: string;
  readonly value: AttributeValue;
}
