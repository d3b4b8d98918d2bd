import type { DecodedSpan, SpanKind, StatusCode } from '../../src/core';

export const KIND_CODES: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
export const STATUS_CODES: readonly StatusCode[] = ['unset', 'ok', 'error'];

/**
 * Every stored span as flat columns in start-time order, the form the services
 * overview's queries scan (TraceQL metrics on service, name, kind, status,
 * duration and root-ness; Jaeger's SPM and dependencies): a window is a binary
 * search away and a pass over 450,000 spans touches typed arrays, not objects or
 * bigints. Names are interned: `names[nameId[i]]`, `services[serviceId[i]]`.
 * Start times are exact: whole µs (exact in a double) plus the ns within the µs.
 */
export class SpanColumns {
  readonly length: number;
  /** the spans themselves, in column order (exemplars, and anything the columns do not hold) */
  readonly spans: DecodedSpan[];
  readonly names: string[] = [];
  readonly services: string[] = [];
  readonly startUs: Float64Array;
  readonly startSubUs: Uint16Array;
  readonly durationNs: Float64Array;
  /** the span's service (as Jaeger names it) */
  readonly serviceId: Int32Array;
  /** the resource's `service.name` as TraceQL reads it; -1 when it has none (nil) or a non-string one */
  readonly resourceServiceId: Int32Array;
  readonly nameId: Int32Array;
  /** index into KIND_CODES */
  readonly kind: Uint8Array;
  /** index into STATUS_CODES */
  readonly status: Uint8Array;
  /** 1 for a span without a parent (nestedSetParent -1) */
  readonly root: Uint8Array;
  /** the service of the span's parent in the same trace; -1 for a root or a parent not stored */
  readonly parentServiceId: Int32Array;
  /** a number per trace, 0…traceCount-1 */
  readonly traceIndex: Int32Array;
  readonly traceCount: number;
  private readonly nameIds = new Map<string, number>();
  private readonly serviceIds = new Map<string, number>();

  constructor(traces: readonly (readonly DecodedSpan[])[]) {
    const order: { span: DecodedSpan; parentService: string | undefined; trace: number }[] = [];
    traces.forEach((spans, trace) => {
      const serviceOf = new Map<string, string>();
      for (const span of spans) serviceOf.set(span.spanId, span.service);
      for (const span of spans) order.push({ span, parentService: span.parentSpanId === undefined ? undefined : serviceOf.get(span.parentSpanId), trace });
    });
    order.sort((a, b) => (a.span.startUnixNano < b.span.startUnixNano ? -1 : a.span.startUnixNano > b.span.startUnixNano ? 1 : 0));
    const n = order.length;
    this.length = n;
    this.traceCount = traces.length;
    this.spans = new Array<DecodedSpan>(n);
    this.startUs = new Float64Array(n);
    this.startSubUs = new Uint16Array(n);
    this.durationNs = new Float64Array(n);
    this.serviceId = new Int32Array(n);
    this.resourceServiceId = new Int32Array(n);
    this.nameId = new Int32Array(n);
    this.kind = new Uint8Array(n);
    this.status = new Uint8Array(n);
    this.root = new Uint8Array(n);
    this.parentServiceId = new Int32Array(n);
    this.traceIndex = new Int32Array(n);
    order.forEach(({ span, parentService, trace }, i) => {
      this.spans[i] = span;
      this.startUs[i] = Number(span.startUnixNano / 1000n);
      this.startSubUs[i] = Number(span.startUnixNano % 1000n);
      this.durationNs[i] = Number(span.endUnixNano - span.startUnixNano);
      this.serviceId[i] = this.serviceIdOf(span.service, true);
      const resourceService = span.resource.attributes.find((a) => a.key === 'service.name')?.value;
      this.resourceServiceId[i] = resourceService?.type === 'string' ? this.serviceIdOf(resourceService.value, true) : -1;
      this.nameId[i] = this.nameIdOf(span.name, true);
      this.kind[i] = Math.max(0, KIND_CODES.indexOf(span.kind));
      this.status[i] = Math.max(0, STATUS_CODES.indexOf(span.status.code));
      this.root[i] = span.parentSpanId === undefined ? 1 : 0;
      this.parentServiceId[i] = parentService === undefined ? -1 : this.serviceIdOf(parentService, true);
      this.traceIndex[i] = trace;
    });
  }

  /** The first index starting after the time (whole µs and ns within it): spans in (a, b] are [after(a), after(b)). */
  after(us: number, subUs = 0): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const start = this.startUs[mid] as number;
      if (start < us || (start === us && (this.startSubUs[mid] as number) <= subUs)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** -1 when no span has it (unless `add`) */
  serviceIdOf(name: string, add = false): number {
    return intern(this.serviceIds, this.services, name, add);
  }

  nameIdOf(name: string, add = false): number {
    return intern(this.nameIds, this.names, name, add);
  }
}

function intern(ids: Map<string, number>, list: string[], name: string, add: boolean): number {
  let id = ids.get(name);
  if (id === undefined) {
    if (!add) return -1;
    id = list.length;
    ids.set(name, id);
    list.push(name);
  }
  return id;
}
