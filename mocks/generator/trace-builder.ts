import type { OtlpAnyValue, OtlpKeyValue, OtlpLink } from '../../src/core';
import type { Prng } from './prng';
import { str } from './otlp-values';
import type { ServiceInfo } from './services';

/** OTLP span kinds as the wire writes them */
export const KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;
export type KindCode = (typeof KIND)[keyof typeof KIND];

/** OTLP severity numbers: the first of each range (DEBUG 5-8, INFO 9-12, WARN 13-16, ERROR 17-20) */
export const SEVERITY = { DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17 } as const;
export type Severity = keyof typeof SEVERITY;

export interface Failure {
  readonly type: string;
  readonly message: string;
  readonly stacktrace: string;
}

/** What a piece of simulated work reports to its caller: when it ended, and whether it failed. */
export interface Outcome {
  readonly end: number;
  readonly failure?: Failure;
}

export interface EventRecord {
  readonly timeNs: number;
  readonly name: string;
  readonly attributes: OtlpKeyValue[];
}

/** A span while the simulation runs: times are ns from the trace's base time, on the true clock. */
export interface SpanRecord {
  readonly service: ServiceInfo;
  readonly podIndex: number;
  /** instrumentation scope that "recorded" it */
  readonly scope: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly name: string;
  readonly kind: KindCode;
  readonly startNs: number;
  endNs: number;
  readonly attributes: OtlpKeyValue[];
  readonly events: EventRecord[];
  readonly links: OtlpLink[];
  status: { code: 1 | 2; message?: string } | undefined;
  /** async work whose exporter flushes it with a later batch than the request's */
  readonly late: boolean;
}

export interface LogDraft {
  readonly span: SpanRecord;
  readonly timeNs: number;
  readonly severity: Severity;
  readonly body: OtlpAnyValue;
  readonly attributes: OtlpKeyValue[];
}

export interface SpanOptions {
  readonly scope: string;
  readonly attributes?: OtlpKeyValue[];
  readonly links?: OtlpLink[];
  readonly late?: boolean;
}

/**
 * Records the spans and logs of one simulated trace. Scenario code calls
 * `start`/`finish` as the simulated request flows; the exporter turns the
 * records into OTLP batches afterwards.
 */
export class TraceBuilder {
  readonly spans: SpanRecord[] = [];
  readonly logs: LogDraft[] = [];
  /** async work that starts once the request has answered (Kafka consumers); run with the root's end time */
  readonly afterResponse: ((rootEndNs: number) => void)[] = [];
  private failureSpent = false;

  /**
   * @param latencyScale 1 normally; 10–50 for the slow outliers
   * @param plannedFailSite the one place this trace fails, or undefined for a healthy trace
   */
  constructor(
    readonly rng: Prng,
    readonly traceId: string,
    private readonly podChoice: ReadonlyMap<string, number>,
    readonly latencyScale: number,
    readonly plannedFailSite: string | undefined,
  ) {}

  start(parent: SpanRecord | undefined, service: ServiceInfo, name: string, kind: KindCode, startNs: number, options: SpanOptions): SpanRecord {
    const span: SpanRecord = {
      service,
      podIndex: this.podChoice.get(service.name) ?? 0,
      scope: options.scope,
      spanId: this.rng.spanId(),
      parentSpanId: parent?.spanId,
      name,
      kind,
      startNs: Math.round(startNs),
      endNs: Math.round(startNs),
      attributes: options.attributes ?? [],
      events: [],
      links: options.links ?? [],
      status: undefined,
      late: options.late ?? parent?.late ?? false,
    };
    this.spans.push(span);
    return span;
  }

  /** Ends a span; a failure marks it ERROR with the failure's message (the exception event is the thrower's). */
  finish(span: SpanRecord, endNs: number, failure?: Failure): Outcome {
    span.endNs = Math.max(span.startNs, Math.round(endNs));
    if (failure) span.status = { code: 2, message: failure.message };
    return failure ? { end: span.endNs, failure } : { end: span.endNs };
  }

  /** A duration in ns around `medianMs`, stretched for slow outliers. */
  ms(medianMs: number, sigma = 0.35): number {
    return Math.max(1_000, Math.round(this.rng.logNormal(medianMs, sigma) * 1e6 * this.latencyScale));
  }

  /** One network hop inside the cluster: 0.1–0.8 ms. */
  hop(): number {
    return Math.round(this.rng.between(0.1, 0.8) * 1e6 * Math.sqrt(this.latencyScale));
  }

  /** True exactly once, at the site this trace was planned to fail at. */
  fails(site: string): boolean {
    if (this.failureSpent || site !== this.plannedFailSite) return false;
    this.failureSpent = true;
    return true;
  }

  /** Records an exception the way OTel SDKs do: an `exception` event and an ERROR log. */
  exception(span: SpanRecord, atNs: number, failure: Failure): void {
    span.events.push({
      timeNs: Math.round(atNs),
      name: 'exception',
      attributes: [
        str('exception.type', failure.type),
        str('exception.message', failure.message),
        str('exception.stacktrace', failure.stacktrace),
      ],
    });
    this.log(span, atNs, 'ERROR', { stringValue: `${failure.type}: ${failure.message}` }, [str('exception.type', failure.type)]);
  }

  log(span: SpanRecord, atNs: number, severity: Severity, body: OtlpAnyValue, attributes: OtlpKeyValue[] = []): void {
    this.logs.push({ span, timeNs: Math.round(atNs), severity, body, attributes });
  }
}
