import { useEffect, useId, useRef, useState } from 'react';
import { useTraceImport } from './import-context';
import styles from './import.module.css';

/** "Paste JSON": a trace copied from elsewhere (an API answer, a log line), opened like a file. */
export function PasteJsonButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Paste JSON
      </button>
      {open && <PasteJsonDialog onClose={() => setOpen(false)} />}
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
    // the native modal dialog: focus moves in and stays, Esc closes, focus returns after
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = () => {
    onClose();
    openText(text);
  };

  return (
    <dialog ref={dialog} className={styles.pasteDialog} aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
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
