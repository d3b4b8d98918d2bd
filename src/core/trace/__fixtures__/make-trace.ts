/**
 * Small traces for the analyses' tests, built through the real buildTrace.
 * Span ids are short names ("a", "b") left-padded to 16 chars; `id()` pads a name and
 * `name()` strips the padding again, so tests read in names.
 */
import type { DecodedSpan } from '../../model/decoded-span';
import type { SpanKind } from '../../model/span';
import type { Trace } from '../../model/trace';
import { buildTrace } from '../build-trace';

export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
/** absolute start all test times are offsets from */
export const T0 = 1_700_000_000_000_000_000n;

export const id = (name: string): string => name.padStart(16, '0');
export const name = (spanId: string): string => spanId.replace(/^0+/, '');

export interface SpanSpec {
  readonly id: string;
  readonly parent?: string;
  /** ns after T0 */
  readonly start: number;
  readonly end: number;
  readonly service?: string;
  readonly kind?: SpanKind;
  /** names of spans of this trace it links to */
  readonly links?: readonly string[];
}

export function decodedSpan(spec: SpanSpec): DecodedSpan {
  const service = spec.service ?? 'svc';
  return {
    traceId: TRACE_ID,
    spanId: id(spec.id),
    ...(spec.parent !== undefined ? { parentSpanId: id(spec.parent) } : {}),
    name: `op-${spec.id}`,
    service,
    kind: spec.kind ?? 'internal',
    startUnixNano: T0 + BigInt(spec.start),
    endUnixNano: T0 + BigInt(spec.end),
    attributes: [],
    droppedAttributesCount: 0,
    resource: { attributes: [{ key: 'service.name', value: { type: 'string', value: service } }], droppedAttributesCount: 0 },
    scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 },
    events: [],
    droppedEventsCount: 0,
    links: (spec.links ?? []).map((to) => ({ traceId: TRACE_ID, spanId: id(to), traceState: '', attributes: [], droppedAttributesCount: 0, flags: 0 })),
    droppedLinksCount: 0,
    status: { code: 'unset', message: '' },
    traceState: '',
    flags: 0,
  };
}

export const traceOf = (specs: readonly SpanSpec[]): Trace => buildTrace(specs.map(decodedSpan));

/** root "r" [0, 2·width+1] with `width` children of 1 ns each, child i at [2i+1, 2i+2] */
export function wideTrace(width: number): Trace {
  const specs: SpanSpec[] = [{ id: 'r', start: 0, end: 2 * width + 1 }];
  for (let i = 0; i < width; i++) specs.push({ id: `c${i.toString(16)}`, parent: 'r', start: 2 * i + 1, end: 2 * i + 2 });
  return traceOf(specs);
}

/** a parent chain s0 > s1 > … of `depth` spans, each nested 1 ns inside its parent at both ends */
export function deepChain(depth: number): Trace {
  const specs: SpanSpec[] = [];
  for (let i = 0; i < depth; i++) {
    specs.push({ id: `s${i.toString(16)}`, ...(i > 0 ? { parent: `s${(i - 1).toString(16)}` } : {}), start: i, end: 2 * depth - i });
  }
  return traceOf(specs);
}
