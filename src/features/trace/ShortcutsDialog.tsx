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

/**
 * The keyboard shortcuts, as a native modal <dialog> (opened with "?"): showModal
 * makes the page behind it inert, so Tab stays inside and Esc closes it. Closing is
 * always this component's unmount, never the dialog's own `close` event: React
 * StrictMode's mount–unmount–mount would otherwise close it as it opens. Focus goes
 * back to what opened it.
 */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    const opener = document.activeElement;
    // (jsdom has no showModal: there the dialog is only rendered)
    if (dialog && !dialog.open && typeof dialog.showModal === 'function') dialog.showModal();
    closeRef.current?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      if (opener instanceof HTMLElement) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="shortcuts-title"
      className={styles.dialog}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // the dialog element itself is hit only outside its content: its backdrop
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className={styles.dialogBody}>
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
    </dialog>
  );
}
