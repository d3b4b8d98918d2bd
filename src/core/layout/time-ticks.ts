/**
 * Ruler ticks for a time window: d3's "nice" steps (1, 2, 5 × 10^k), labelled in one
 * unit for the whole ruler so labels line up and compare at a glance. The unit follows
 * the zoom: it is the largest of ns/µs/ms/s that keeps the window's end ≥ 1 unit, and
 * the decimals are just enough to tell neighbouring ticks apart
 * (0–120 ms → "0ms 20ms …"; zoomed to 10.2–10.6 ms → "10.20ms 10.25ms …").
 */
import { scaleLinear } from 'd3-scale';

export interface TimeTick {
  /** ns relative to the trace start */
  readonly ns: number;
  readonly label: string;
}

const UNITS = [
  { ns: 1e9, name: 's' },
  { ns: 1e6, name: 'ms' },
  { ns: 1e3, name: 'µs' },
  { ns: 1, name: 'ns' },
] as const;

export function timeTicks(startNs: number, endNs: number, count: number): TimeTick[] {
  if (!(endNs > startNs) || !(count >= 1)) return [];
  const values = scaleLinear().domain([startNs, endNs]).ticks(Math.max(1, Math.floor(count)));
  const first = values[0];
  const second = values[1];
  const step = first !== undefined && second !== undefined ? second - first : endNs - startNs;
  const magnitude = Math.max(Math.abs(startNs), Math.abs(endNs));
  const unit = UNITS.find((u) => magnitude >= u.ns) ?? UNITS[3];
  const decimals = Math.min(6, Math.max(0, Math.ceil(-Math.log10(step / unit.ns) - 1e-9)));
  return values.map((ns) => ({ ns, label: `${(ns / unit.ns).toFixed(decimals)}${unit.name}` }));
}
