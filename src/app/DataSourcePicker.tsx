import { useContext, useId } from 'react';
import { ConfigContext, useDataSource } from '../state/data-source-context';

/**
 * Which backend Tracery reads. The choice is `?source=<id>` in the URL so a
 * shared link opens the same backend; switching reloads into a fresh search,
 * which also starts (or skips) the in-page demo backend as the source needs.
 */
export function DataSourcePicker() {
  const config = useContext(ConfigContext);
  const source = useDataSource();
  const id = useId();
  if (config.dataSources.length === 0) return <span className="source-name">no data source configured</span>;
  return (
    <span className="source-picker">
      <label htmlFor={id}>Data source</label>
      <select
        id={id}
        value={source?.id ?? ''}
        onChange={(e) => {
          window.location.assign(`${import.meta.env.BASE_URL}search?source=${encodeURIComponent(e.target.value)}`);
        }}
      >
        {config.dataSources.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </span>
  );
}
