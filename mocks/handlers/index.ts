import type { HttpHandler } from 'msw';
import type { TraceStore } from '../store';
import { jaegerHandlers } from './jaeger-handlers';
import { lokiHandlers } from './loki-handlers';
import { otlpHandlers } from './otlp-handlers';
import { jaegerMetricsHandlers } from './jaeger-metrics';
import { tempoHandlers } from './tempo-handlers';
import { tempoMetricsHandlers } from './tempo-metrics';

export interface DemoHandlerOptions {
  /** where the Tempo API is mounted; default '/demo/tempo' */
  readonly tempoBase?: string;
  /** where the OTLP/HTTP receiver is mounted; default '/demo/otlp' */
  readonly otlpBase?: string;
  /** where Jaeger's query api_v3 is mounted; default '/demo/jaeger' */
  readonly jaegerBase?: string;
  /** where Loki's query API is mounted; default '/demo/loki' */
  readonly lokiBase?: string;
}

export const DEFAULT_TEMPO_BASE = '/demo/tempo';
export const DEFAULT_OTLP_BASE = '/demo/otlp';
export const DEFAULT_JAEGER_BASE = '/demo/jaeger';
export const DEFAULT_LOKI_BASE = '/demo/loki';

/** Every demo backend route over one store: Tempo's and Jaeger's query APIs (with TraceQL metrics, SPM and dependencies) and an OTLP/HTTP receiver. */
export function createDemoHandlers(store: TraceStore, options: DemoHandlerOptions = {}): HttpHandler[] {
  return [
    ...tempoHandlers(store, options.tempoBase ?? DEFAULT_TEMPO_BASE),
    ...tempoMetricsHandlers(store, options.tempoBase ?? DEFAULT_TEMPO_BASE),
    ...jaegerHandlers(store, options.jaegerBase ?? DEFAULT_JAEGER_BASE),
    ...jaegerMetricsHandlers(store, options.jaegerBase ?? DEFAULT_JAEGER_BASE),
    ...otlpHandlers(store, options.otlpBase ?? DEFAULT_OTLP_BASE),
    ...lokiHandlers(store, options.lokiBase ?? DEFAULT_LOKI_BASE),
  ];
}
