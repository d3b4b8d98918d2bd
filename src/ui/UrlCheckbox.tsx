import { useEffect, useState } from 'react';

/**
 * A checkbox whose value lives in the URL. The router applies URL changes in a
 * transition, so a box bound only to the URL kept showing the old state until that
 * render finished (and a click on a 100,000-span page seemed not to take): this one
 * follows the click at once, then whatever the URL says.
 */
export function UrlCheckbox({ checked, onChange, disabled }: { checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean }) {
  const [shown, setShown] = useState(checked);
  useEffect(() => setShown(checked), [checked]);
  return (
    <input
      type="checkbox"
      checked={shown}
      disabled={disabled}
      onChange={(e) => {
        setShown(e.target.checked);
        onChange(e.target.checked);
      }}
    />
  );
}
