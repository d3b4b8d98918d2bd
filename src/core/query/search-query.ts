/**
 * What a user asks a backend for. Each backend adapter turns it into its own
 * wire parameters; the URL holds it (src/state) so a link re-runs the search.
 */
export interface SearchQuery {
  readonly service?: string;
  readonly operation?: string;
  /** attribute filters, all must hold (Tempo `tags`, Jaeger `query.attributes`) */
  readonly tags: readonly (readonly [key: string, value: string])[];
  readonly minDurationNs?: number;
  readonly maxDurationNs?: number;
  /** absolute window in unix ms; the form's lookback is turned into this when the search runs */
  readonly startMs: number;
  readonly endMs: number;
  readonly limit: number;
  /** only traces with a span whose status is ERROR */
  readonly errorsOnly?: boolean;
  /** a TraceQL query typed by the user (Tempo sources): replaces service, operation, tags, durations and errorsOnly */
  readonly traceql?: string;
}

export const DEFAULT_SEARCH_LIMIT = 20;

/** Lookback choices offered by the form, as Jaeger UI and Grafana do. */
export const LOOKBACKS = ['5m', '15m', '1h', '6h', '24h', '2d'] as const;
export type Lookback = (typeof LOOKBACKS)[number];
export const DEFAULT_LOOKBACK: Lookback = '1h';

const LOOKBACK_MS: Readonly<Record<Lookback, number>> = {
  '5m': 5 * 60_000,
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
  '2d': 48 * 3_600_000,
};

export function lookbackMs(lookback: Lookback): number {
  return LOOKBACK_MS[lookback];
}

export function isLookback(value: string): value is Lookback {
  return (LOOKBACKS as readonly string[]).includes(value);
}
