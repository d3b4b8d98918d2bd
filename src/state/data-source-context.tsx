import { createContext, useContext } from 'react';
import { useSearchParams } from 'react-router';
import type { DataSource, TraceryConfig } from './data-sources';

export const ConfigContext = createContext<TraceryConfig>({ dataSources: [] });

/**
 * The data source in use: `?source=<id>` when the URL names a known one
 * (so a shared link opens the same backend), else the first configured.
 */
export function useDataSource(): DataSource | undefined {
  const config = useContext(ConfigContext);
  const [params] = useSearchParams();
  return pickDataSource(config, params.get('source'));
}

export function pickDataSource(config: TraceryConfig, id: string | null): DataSource | undefined {
  return config.dataSources.find((s) => s.id === id) ?? config.dataSources[0];
}

/** `?source=<id>` to carry on links, so moving around keeps the chosen backend ('' when none is named). */
export function useSourceSearch(): string {
  const [params] = useSearchParams();
  const id = params.get('source');
  return id ? `?source=${encodeURIComponent(id)}` : '';
}
