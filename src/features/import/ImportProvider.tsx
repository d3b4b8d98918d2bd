import { useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ConfigContext } from '../../state/data-source-context';
import { LOCAL_FILES_SOURCE } from '../../state/data-sources';
import { keepOpenedTraces } from '../../state/local-files';
import { DEFAULT_MAX_FILE_BYTES, startImportJob, type DecodeEvent, type DecodeInput, type ImportJob } from '../../state/trace-import';
import { DropZone } from './DropZone';
import { PASTED_NAME, TraceImportContext, type FileReport, type ImportStatus, type TraceImport } from './import-context';

interface RunningJob {
  readonly job: ImportJob;
  readonly reports: FileReport[];
  /** saving to IndexedDB happens in order, one file after the other */
  chain: Promise<void>;
  over: boolean;
}

/**
 * Owns the one import at a time: starts the decode worker, keeps each file's traces in
 * IndexedDB as its result arrives, and when all is done opens the trace (one) or the
 * Local files page (several). Also the drop zone: files dropped anywhere open here.
 */
export function ImportProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const config = useContext(ConfigContext);
  const maxFileBytes = config.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const [status, setStatus] = useState<ImportStatus>({ phase: 'idle' });
  const [lastImported, setLastImported] = useState<ReadonlySet<string>>(new Set());
  const running = useRef<RunningJob | undefined>(undefined);

  const finish = useCallback(
    (current: RunningJob, cancelled: boolean) => {
      if (current.over) return;
      current.over = true;
      if (running.current === current) running.current = undefined;
      const reports = [...current.reports];
      const ids = reports.flatMap((r) => r.traceIds);
      if (ids.length > 0) setLastImported(new Set(ids));
      const clean = reports.every((r) => r.error === undefined && r.warnings.length === 0);
      // a clean import needs no report: the trace or the list says it all
      setStatus(clean && !cancelled && ids.length > 0 ? { phase: 'idle' } : { phase: 'finished', reports, cancelled });
      if (cancelled) return;
      if (ids.length === 1) void navigate(`/trace/${ids[0]}?source=${LOCAL_FILES_SOURCE.id}`);
      else if (ids.length > 1) void navigate(`/files?source=${LOCAL_FILES_SOURCE.id}`);
    },
    [navigate],
  );

  const start = useCallback(
    (inputs: DecodeInput[]) => {
      if (inputs.length === 0) return;
      if (running.current) {
        running.current.job.cancel();
        running.current.over = true;
      }
      const names = inputs.map((i) => (i.kind === 'file' ? i.file.name : i.name));
      const reports: FileReport[] = [];
      const onEvent = (event: DecodeEvent) => {
        if (current.over) return;
        if (event.type === 'progress') {
          setStatus({ phase: 'running', names, progress: event, reports: [...reports] });
        } else if (event.type === 'result') {
          current.chain = current.chain.then(async () => {
            if ('error' in event) {
              reports.push({ name: event.name, error: event.error.message, traceIds: [], spanCount: 0, warnings: [] });
              return;
            }
            const spanCount = event.traces.reduce((n, t) => n + t.spans.length, 0);
            try {
              await keepOpenedTraces(queryClient, { fileName: event.name, traces: event.traces, otlpJson: event.otlpJson });
              reports.push({ name: event.name, traceIds: event.traces.map((t) => t.traceId), spanCount, warnings: event.warnings });
            } catch (error) {
              // never silent: a full disk (QuotaExceededError) says what to do
              reports.push({ name: event.name, error: (error as Error).message, traceIds: [], spanCount, warnings: event.warnings });
            }
          });
        } else {
          const cancelled = event.cancelled;
          void current.chain.then(() => finish(current, cancelled));
        }
      };
      const current: RunningJob = { job: startImportJob(inputs, maxFileBytes, onEvent), reports, chain: Promise.resolve(), over: false };
      running.current = current;
      setStatus({ phase: 'running', names, reports: [] });
    },
    [finish, maxFileBytes, queryClient],
  );

  const value = useMemo<TraceImport>(
    () => ({
      status,
      lastImported,
      openFiles: (files) => start(files.map((file) => ({ kind: 'file', file }))),
      openText: (text) => start([{ kind: 'text', name: PASTED_NAME, text }]),
      cancel: () => {
        const current = running.current;
        if (!current) return;
        current.job.cancel();
        // what was already kept stays kept; the report says the rest was not read
        void current.chain.then(() => finish(current, true));
      },
      dismiss: () => setStatus({ phase: 'idle' }),
    }),
    [status, lastImported, start, finish],
  );

  return (
    <TraceImportContext.Provider value={value}>
      <DropZone onDrop={value.openFiles}>{children}</DropZone>
    </TraceImportContext.Provider>
  );
}
