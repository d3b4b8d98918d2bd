import { describe, expect, it } from 'vitest';
import { parseTraceReference } from './trace-reference';

describe('parseTraceReference', () => {
  it.each([
    ['0af7651916cd43dd8448eb211c80319c', { ok: true, traceId: '0af7651916cd43dd8448eb211c80319c' }],
    ['  0AF7651916CD43DD8448EB211C80319C ', { ok: true, traceId: '0af7651916cd43dd8448eb211c80319c' }],
    ['8448eb211c80319c', { ok: true, traceId: '00000000000000008448eb211c80319c' }],
    ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', { ok: true, traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', note: undefined }],
    ['traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00', { ok: true, traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', note: undefined }],
    ['01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-future', { ok: true, traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', note: undefined }],
    [
      '00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01',
      { ok: true, traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', note: 'upper-case hex read as lower case (the header itself must be lower case)' },
    ],
  ])('reads %j', (input, expected) => {
    expect(parseTraceReference(input)).toEqual(expected);
  });

  it.each([
    ['', 'Enter a trace id or a traceparent.'],
    ['xyz', '"xyz" is not a trace id: use hexadecimal digits (0-9, a-f).'],
    ['abc123', 'A trace id has 16 or 32 hex digits; "abc123" has 6.'],
    ['00000000000000000000000000000000', 'An all-zero trace id is invalid.'],
    ['ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', 'traceparent version ff is invalid.'],
    ['0-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', 'A traceparent starts with a 2-digit hex version, e.g. 00-…; found "0".'],
    ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra', 'A version 00 traceparent has exactly 4 fields separated by "-"; found 5.'],
    ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331', 'A version 00 traceparent has exactly 4 fields separated by "-"; found 3.'],
    ['00-0af7651916cd43dd8448eb211c8031-b7ad6b7169203331-01', 'The trace id in a traceparent is 32 hex digits; found "0af7651916cd43dd8448eb211c8031".'],
    ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b71692033-01', 'The parent id in a traceparent is 16 hex digits; found "b7ad6b71692033".'],
    ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-1', 'The flags of a traceparent are 2 hex digits; found "1".'],
    ['00-00000000000000000000000000000000-b7ad6b7169203331-01', 'The trace id in this traceparent is all zeros, which is invalid.'],
    ['00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01', 'The parent id in this traceparent is all zeros, which is invalid.'],
  ])('rejects %j', (input, error) => {
    expect(parseTraceReference(input)).toEqual({ ok: false, error });
  });
});
