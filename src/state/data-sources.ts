import { createTempoBackend } from '../backends/tempo/tempo-backend';
import type { TraceBackend } from '../backends/trace-backend';

/** One entry of public/tracery.config.json. */
export interface DataSource {
  readonly id: string;
  readonly name: string;
  readonly kind: 'tempo';
  /** base URL of the backend's API (same origin, or a proxy path) */
  readonly url: string;
  /** served by the bundled demo backend (msw) in this tab */
  readonly demo: boolean;
}

export interface TraceryConfig {
  readonly dataSources: readonly DataSource[];
}

const KINDS = new Set(['tempo']);

/**
 * Reads the config file's JSON, keeping every valid data source and saying
 * what was wrong with the others (STYLE.md rule 6: recover per entry).
 */
export function parseConfig(value: unknown): { config: TraceryConfig; problems: string[] } {
  const problems: string[] = [];
  const list = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).dataSources : undefined;
  if (!Array.isArray(list)) return { config: { dataSources: [] }, problems: ['tracery.config.json has no "dataSources" list'] };
  const dataSources: DataSource[] = [];
  list.forEach((entry: unknown, index) => {
    const e = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const { id, name, kind, url } = e;
    if (typeof id !== 'string' || !/^[\w-]+$/.test(id)) return problems.push(`dataSources[${index}]: "id" must be letters, digits, - or _`);
    if (typeof kind !== 'string' || !KINDS.has(kind)) return problems.push(`dataSources[${index}] (${id}): unknown kind ${JSON.stringify(kind)}`);
    if (typeof url !== 'string' || url === '') return problems.push(`dataSources[${index}] (${id}): "url" is missing`);
    if (dataSources.some((d) => d.id === id)) return problems.push(`dataSources[${index}]: duplicate id "${id}"`);
    dataSources.push({ id, name: typeof name === 'string' && name !== '' ? name : id, kind: 'tempo', url, demo: e.demo === true });
    return undefined;
  });
  return { config: { dataSources }, problems };
}

const backends = new Map<string, TraceBackend>();

/** The adapter for a data source, made once per source. */
export function backendFor(source: DataSource): TraceBackend {
  let backend = backends.get(source.id);
  if (!backend) {
    backend = createTempoBackend({ url: source.url, name: source.name });
    backends.set(source.id, backend);
  }
  return backend;
}
