/** 32 lowercase hex characters. */
export type TraceId = string;
/** 16 lowercase hex characters. */
export type SpanId = string;
