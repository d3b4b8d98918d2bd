/**
 * A stable colour per service: the hash of the name picks one of 16 hues, so
 * a service has the same colour on every page and every trace (Jaeger UI
 * colours by order of appearance, which changes between traces).
 */
const PALETTE = [
  '#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7', '#9c755f',
  '#2f8f9d', '#d37295', '#8cd17d', '#a0cbe8', '#ffbe7d', '#86bcb6', '#b6992d', '#499894',
];

export function serviceColor(service: string): string {
  let hash = 2166136261;
  for (let i = 0; i < service.length; i++) {
    hash ^= service.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return PALETTE[(hash >>> 0) % PALETTE.length] ?? '#888';
}
