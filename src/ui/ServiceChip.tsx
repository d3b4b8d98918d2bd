import { serviceColor } from './service-color';
import { labelText } from './label-text';

/** A service name with its colour, the same everywhere in the app. */
export function ServiceChip({ name, count }: { name: string; count?: number }) {
  return (
    <span className="service-chip">
      <span className="service-swatch" style={{ background: serviceColor(name) }} aria-hidden="true" />
      {labelText(name)}
      {count !== undefined && <span className="service-count"> ({count})</span>}
    </span>
  );
}
