import { useEffect, useRef } from 'react';
import styles from './TraceView.module.css';

const SHORTCUTS: readonly [string, string][] = [
  ['↑ / ↓', 'Select the previous / next span'],
  ['→', 'Expand the span, or go to its first child'],
  ['←', 'Collapse the span, or go to its parent'],
  ['Home / End', 'First / last span'],
  ['Page Up / Down', 'Move a screenful'],
  ['Enter', 'Open the span details'],
  ['Esc', 'Close details or this help'],
  ['/', 'Find in the trace'],
  ['Enter / Shift+Enter (in Find)', 'Next / previous match'],
  ['c', 'Copy a link to this view'],
  ['?', 'Show these shortcuts'],
];

/** The keyboard shortcuts, as a modal dialog (opened with "?"). */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement;
    closeRef.current?.focus();
    return () => {
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, []);
  return (
    <div className={styles.backdrop} onClick={onClose}>
      <div role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" className={styles.dialog} onClick={(e) => e.stopPropagation()}>
        <div className={styles.dialogHead}>
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" onClick={onClose}>
            Close
          </button>
        </div>
        <table className={styles.shortcuts}>
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
