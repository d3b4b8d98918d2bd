import type { LOOKBACKS } from '../core';

/** The time range presets in words, one list for every page that offers them (Search, Services). */
export const LOOKBACK_LABELS: Readonly<Record<(typeof LOOKBACKS)[number], string>> = {
  '5m': 'Last 5 minutes',
  '15m': 'Last 15 minutes',
  '1h': 'Last hour',
  '6h': 'Last 6 hours',
  '24h': 'Last 24 hours',
  '2d': 'Last 2 days',
};
