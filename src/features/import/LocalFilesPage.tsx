import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDurationNs } from '../../core';
import { shortTraceId } from '../../core/model/ids';
import { LOCAL_FILES_SOURCE } from '../../state/data-sources';
import { deleteAllKeptTraces, deleteKeptTrace, localFilesQueries, type StoredTraceSummary } from '../../state/local-files';
import { formatBytes } from '../../state/trace-import';
import { EmptyState, ErrorState, LoadingState } from '../../ui/StatusMessage';
import { formatUnixMs, formatUnixNano } from '../../ui/format-time';
import { useTimeZone } from '../../ui/time-zone';
import { useTraceImport } from './import-context';
import styles from './import.module.css';
import { moveAmongResultLinks } from '../../ui/link-list-keys';

/**
 * `/files`: the traces opened in this browser and kept in IndexedDB, newest first,
 * the last import's marked "new". Open one, delete one, or delete all.
 */
export function LocalFilesPage() {
  const list = useQuery(localFilesQueries.list());
  const queryClient = useQueryClient();
  const { lastImported } = useTraceImport();
  const [problem, setProblem] = useState<string>();
  const [confirmAll, setConfirmAll] = useState(false);
  const act = (work: Promise<void>) => {
    setProblem(undefined);
    work.catch((error: unknown) => setProblem((error as Error).message));
  };

  let body;
  if (list.isPending) body = <LoadingState>Reading Local files…</LoadingState>;
  else if (list.isError) body = <ErrorState title="Local files could not be read" message={list.error.message} onRetry={() => void list.refetch()} />;
  else if (list.data.length === 0) {
    body = (
      <EmptyState title="No trace files opened yet">
        <p>Open trace file or Paste JSON in the header, or drop files anywhere on the page: OTLP/JSON, JSON Lines, Jaeger or Zipkin JSON, gzip too. They are kept in this browser.</p>
      </EmptyState>
    );
  } else {
    const rows = list.data;
    const total = rows.reduce((n, r) => n + r.storedBytes, 0);
    body = (
      <>
        <div className={styles.listHead}>
          <p role="status">
            {rows.length.toLocaleString('en-US')} {rows.length === 1 ? 'trace' : 'traces'} kept in this browser · {formatBytes(total)}
          </p>
          {confirmAll ? (
            <span className={styles.confirm} role="group" aria-label="Confirm deleting all">
              Delete all {rows.length} traces?
              <button type="button" className={styles.danger} onClick={() => act(deleteAllKeptTraces(queryClient).finally(() => setConfirmAll(false)))}>
                Delete all
              </button>
              <button type="button" onClick={() => setConfirmAll(false)}>
                Keep them
              </button>
            </span>
          ) : (
            <button type="button" onClick={() => setConfirmAll(true)}>
              Delete all…
            </button>
          )}
        </div>
        <LocalTraceTable rows={rows} fresh={lastImported} onDelete={(id) => act(deleteKeptTrace(queryClient, id))} />
      </>
    );
  }

  return (
    <div className={styles.page}>
      <h1>Local files</h1>
      <p className={styles.intro}>
        Traces opened from files or pasted, kept in this browser (IndexedDB) so their links — <code>/trace/&lt;id&gt;?source={LOCAL_FILES_SOURCE.id}</code> — work after a reload. Nothing is sent anywhere.
      </p>
      {problem && (
        <p className="banner banner-warning" role="alert">
          {problem}
        </p>
      )}
      {body}
    </div>
  );
}

function LocalTraceTable({ rows, fresh, onDelete }: { rows: readonly StoredTraceSummary[]; fresh: ReadonlySet<string>; onDelete: (traceId: string) => void }) {
  const timeZone = useTimeZone();
  // ↑/↓ move between the trace links, as in the search results; Enter opens one
  const onKeyDown = moveAmongResultLinks;
  return (
    <section aria-label="Kept traces" className="results">
      <table className="results-table">
        <thead>
          <tr>
            <th scope="col">Trace</th>
            <th scope="col">Start</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Spans
            </th>
            <th scope="col" className="num">
              Errors
            </th>
            <th scope="col">File</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Opened</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {rows.map((row) => {
            const title = `${row.rootServiceName || '(no root)'}: ${row.rootSpanName || '(no name)'}`;
            return (
              <tr key={row.traceId} className={row.errorSpanCount ? 'result-row has-error' : 'result-row'} data-trace-id={row.traceId}>
                <td>
                  <Link className="result-link" to={{ pathname: `/trace/${row.traceId}`, search: `?source=${LOCAL_FILES_SOURCE.id}` }}>
                    <span className="result-root">{title}</span>
                    <span className="trace-id">{shortTraceId(row.traceId)}</span>
                  </Link>
                  {fresh.has(row.traceId) && <span className={styles.newBadge}>new</span>}
                </td>
                <td className={styles.nowrap}>{formatUnixNano(row.startUnixNano, timeZone)}</td>
                <td className="num">{formatDurationNs(row.durationNs)}</td>
                <td className="num">{(row.spanCount ?? 0).toLocaleString('en-US')}</td>
                <td className={row.errorSpanCount ? 'num error-count' : 'num'}>{row.errorSpanCount ?? 0}</td>
                <td className={styles.fileName}>{row.fileName}</td>
                <td className={`num ${styles.nowrap}`}>{formatBytes(row.storedBytes)}</td>
                <td className={styles.nowrap}>{formatUnixMs(row.importedAtMs, timeZone)}</td>
                <td>
                  <button type="button" className={styles.deleteButton} aria-label={`Delete ${title} (${row.traceId})`} onClick={() => onDelete(row.traceId)}>
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
