import { useRef } from 'react';
import { useTraceImport } from './import-context';
import { PasteJsonButton } from './PasteJsonDialog';
import styles from './import.module.css';

/** What the file picker offers; any file can still be dropped (gzip is told by its bytes too). */
const ACCEPT = '.json,.jsonl,.gz,.txt,application/json,application/gzip';

/** "Open trace file" and "Paste JSON", in the app header. */
export function OpenTraceFile() {
  const { openFiles } = useTraceImport();
  const input = useRef<HTMLInputElement>(null);
  return (
    <span className={styles.openButtons}>
      <button type="button" onClick={() => input.current?.click()} title="Open OTLP/JSON, JSON Lines, Jaeger or Zipkin JSON files (gzip too), or drop them anywhere on the page">
        Open trace file
      </button>
      {/* the button above is its keyboard- and screen-reader-facing twin */}
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="open-trace-file"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // cleared, so choosing the same file again opens it again
          e.target.value = '';
          openFiles(files);
        }}
      />
      <PasteJsonButton />
    </span>
  );
}
