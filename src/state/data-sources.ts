import { createJaegerBackend } from '../backends/jaeger/jaeger-backend';
import { createTempoBackend } from '../backends/tempo/tempo-backend';
import type { TraceBackend } from '../backends/trace-backend';
import { browserBaseUrl, type DataSource } from './config';

export { parseConfig, type DataSource, type DataSourceKind, type TraceryConfig } from './config';

const backends = new Map<string, TraceBackend>();

/** The adapter for a data source, made once per source. */
export function backendFor(source: DataSource): TraceBackend {
  let backend = backends.get(source.id);
  if (!backend) {
    const config = { url: browserBaseUrl(source), name: source.name };
    backend = source.kind === 'jaeger' ? createJaegerBackend(config) : createTempoBackend(config);
    backends.set(source.id, backend);
  }
  return backend;
}
