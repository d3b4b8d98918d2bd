import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useTraceImport } from './import-context';
import styles from './import.module.css';

/** "Paste JSON": a trace copied from elsewhere (an API answer, a log line), opened like a file. */
export function PasteJsonButton() {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    // the dialog leaves the page as it closes, so the browser cannot return focus itself:
    // back to the button that opened it (a trace that opens moves on from there)
    opener.current?.focus();
  };
  return (
    <>
      <button type="button" ref={opener} onClick={() => setOpen(true)}>
        Paste JSON
      </button>
      {open && <PasteJsonDialog onClose={close} />}
    </>
  );
}

function PasteJsonDialog({ onClose }: { onClose: () => void }) {
  const { openText } = useTraceImport();
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const titleId = useId();
  const fieldId = useId();

  useEffect(() => {
    // the native modal dialog: focus moves in and stays, Esc closes
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  // The browser fires `close` a task after close(). Under StrictMode's mount, unmount,
  // mount in development, the unmount's close() fires it after the second mount has
  // opened the dialog again: a `close` that finds the dialog open is that stale one,
  // and taking it as the user's would shut the dialog as it opens.
  const onNativeClose = (event: SyntheticEvent<HTMLDialogElement>) => {
    if (!event.currentTarget.open) onClose();
  };

  const submit = () => {
    onClose();
    openText(text);
  };

  return (
    <dialog ref={dialog} className={styles.pasteDialog} aria-labelledby={titleId} onClose={onNativeClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() !== '') submit();
        }}
      >
        <h2 id={titleId}>Paste trace JSON</h2>
        <label htmlFor={fieldId}>OTLP/JSON, JSON Lines, Jaeger or Zipkin JSON</label>
        <textarea id={fieldId} value={text} onChange={(e) => setText(e.target.value)} rows={14} spellCheck={false} autoFocus placeholder='{"resourceSpans": [ … ]}' />
        <div className={styles.dialogButtons}>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={text.trim() === ''}>
            Open
          </button>
        </div>
      </form>
    </dialog>
  );
}
