import { Link } from 'react-router';
import { LOCAL_FILES_SOURCE } from '../../state/data-sources';
import { formatBytes } from '../../state/trace-import';
import { useTraceImport, type FileReport } from './import-context';
import styles from './import.module.css';

/** Bad lines of a JSONL file can be thousands: the panel lists the first ones. */
const MAX_LISTED_WARNINGS = 20;

/**
 * Under the header: the progress of an import (bytes read, spans decoded, Cancel),
 * then what each file gave, errors first-class. Stays until dismissed when there is
 * something to read; a clean import goes straight to its trace instead.
 */
export function ImportStatusPanel() {
  const { status, cancel, dismiss } = useTraceImport();
  if (status.phase === 'idle') return null;

  if (status.phase === 'running') {
    const p = status.progress;
    const index = p ? status.names.indexOf(p.name) + 1 : 1;
    return (
      <section className={styles.panel} aria-label="Opening trace files" data-testid="import-progress">
        <div className={styles.progressRow}>
          <span>
            {p?.phase === 'decoding' ? 'Decoding' : 'Reading'} {p?.name ?? status.names[0]}
            {status.names.length > 1 && ` (file ${index} of ${status.names.length})`}…
          </span>
          <progress className={styles.bar} aria-label="Bytes read" max={p?.totalBytes || 1} value={p?.bytesRead ?? 0} />
          <span className={styles.figures} data-testid="import-figures">
            {formatBytes(p?.bytesRead ?? 0)} of {formatBytes(p?.totalBytes ?? 0)} read · {(p?.spansDecoded ?? 0).toLocaleString('en-US')} spans decoded
          </span>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      </section>
    );
  }

  const { reports, cancelled } = status;
  const kept = reports.reduce((n, r) => n + r.traceIds.length, 0);
  return (
    <section className={styles.panel} aria-label="Opened files" data-testid="import-report">
      <div className={styles.reportHead}>
        <strong>
          {cancelled ? 'Cancelled. ' : ''}
          {kept === 0 ? 'No trace was opened.' : `${kept.toLocaleString('en-US')} ${kept === 1 ? 'trace' : 'traces'} opened and kept in Local files.`}
        </strong>
        {kept > 1 && <Link to={{ pathname: '/files', search: `?source=${LOCAL_FILES_SOURCE.id}` }}>See Local files</Link>}
        <button type="button" className={styles.dismiss} onClick={dismiss}>
          Dismiss
        </button>
      </div>
      <ul className={styles.reports}>
        {reports.map((report, i) => (
          <FileLine key={`${report.name}#${i}`} report={report} />
        ))}
      </ul>
    </section>
  );
}

function FileLine({ report }: { report: FileReport }) {
  if (report.error !== undefined) {
    return (
      <li className={styles.fileError} role="alert">
        {report.name}: {report.error}
      </li>
    );
  }
  const n = report.traceIds.length;
  const { warnings } = report;
  return (
    <li>
      {report.name}: {n} {n === 1 ? 'trace' : 'traces'}, {report.spanCount.toLocaleString('en-US')} {report.spanCount === 1 ? 'span' : 'spans'}
      {warnings.length > 0 && (
        <>
          {' '}
          with {warnings.length} {warnings.length === 1 ? 'problem' : 'problems'} (the rest was kept):
          <ul className={styles.warnings} aria-label={`Problems in ${report.name}`}>
            {warnings.slice(0, MAX_LISTED_WARNINGS).map((w, i) => (
              <li key={i}>{w}</li>
            ))}
            {warnings.length > MAX_LISTED_WARNINGS && <li>… and {warnings.length - MAX_LISTED_WARNINGS} more (the trace's warnings badge lists them all)</li>}
          </ul>
        </>
      )}
    </li>
  );
}
