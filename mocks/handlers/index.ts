import type { HttpHandler } from 'msw';
import type { TraceStore } from '../store';
import { otlpHandlers } from './otlp-handlers';
import { tempoHandlers } from './tempo-handlers';

export interface DemoHandlerOptions {
  /** where the Tempo API is mounted; default '/demo/tempo' */
  readonly tempoBase?: string;
  /** where the OTLP/HTTP receiver is mounted; default '/demo/otlp' */
  readonly otlpBase?: string;
}

export const DEFAULT_TEMPO_BASE = '/demo/tempo';
export const DEFAULT_OTLP_BASE = '/demo/otlp';

/** Every demo backend route over one store: Tempo's query API and an OTLP/HTTP receiver. */
export function createDemoHandlers(store: TraceStore, options: DemoHandlerOptions = {}): HttpHandler[] {
  return [...tempoHandlers(store, options.tempoBase ?? DEFAULT_TEMPO_BASE), ...otlpHandlers(store, options.otlpBase ?? DEFAULT_OTLP_BASE)];
}
