/**
 * A colour per service, the same on every page of a session. The name's hash
 * picks a preferred slot among 20 colours; a slot already taken by another
 * service moves the newcomer to the next free one, so the services of one
 * backend (registered together, sorted, as soon as their list arrives) never
 * share a colour while there are fewer than 20. A colour, once given, is never
 * changed (Jaeger UI colours by order of appearance, which differs per trace).
 */
const PALETTE = [
  '#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#e15759', '#edc948', '#76b7b2', '#9c755f',
  '#ff9da7', '#2f8f9d', '#8cd17d', '#d37295', '#a0cbe8', '#ffbe7d', '#b6992d', '#499894',
  '#86bcb6', '#fabfd2', '#79706e', '#d4a6c8',
];

const assigned = new Map<string, number>();
const taken = new Set<number>();

function hashSlot(service: string): number {
  let hash = 2166136261; // FNV-1a
  for (let i = 0; i < service.length; i++) {
    hash ^= service.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % PALETTE.length;
}

function assign(service: string): number {
  const preferred = hashSlot(service);
  let slot = preferred;
  if (taken.size < PALETTE.length) {
    while (taken.has(slot)) slot = (slot + 1) % PALETTE.length;
  }
  assigned.set(service, slot);
  taken.add(slot);
  return slot;
}

export function serviceColor(service: string): string {
  const slot = assigned.get(service) ?? assign(service);
  return PALETTE[slot] ?? '#888';
}

/** Give a backend's services their colours together, in name order, so none collide. */
export function registerServices(services: readonly string[]): void {
  for (const service of [...services].sort()) if (!assigned.has(service)) assign(service);
}

/** For tests: forget every assignment. */
export function resetServiceColors(): void {
  assigned.clear();
  taken.clear();
}
