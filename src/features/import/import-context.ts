import { createContext, useContext } from 'react';
import type { DecodeProgress } from '../../state/trace-import';

/** What one opened file gave: traces kept in Local files, or why not. */
export interface FileReport {
  readonly name: string;
  /** "traces.json: invalid JSON at line 3, …" is shown as `${name}: ${error}` */
  readonly error?: string;
  readonly traceIds: readonly string[];
  readonly spanCount: number;
  /** problems met in the file (bad JSON lines, broken spans): the traces are kept anyway */
  readonly warnings: readonly string[];
}

export type ImportStatus =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly names: readonly string[]; readonly progress?: DecodeProgress; readonly reports: readonly FileReport[] }
  | { readonly phase: 'finished'; readonly reports: readonly FileReport[]; readonly cancelled: boolean };

export interface TraceImport {
  readonly status: ImportStatus;
  /** trace ids of the last import: the Local files page marks them "new" */
  readonly lastImported: ReadonlySet<string>;
  openFiles(files: readonly File[]): void;
  openText(text: string): void;
  cancel(): void;
  dismiss(): void;
}

export const TraceImportContext = createContext<TraceImport | undefined>(undefined);

/** Opening trace files, from anywhere below ImportProvider (the header, the drop zone, the Local files page). */
export function useTraceImport(): TraceImport {
  const value = useContext(TraceImportContext);
  if (!value) throw new Error('useTraceImport needs an ImportProvider above it');
  return value;
}

/** The name pasted text goes by in messages and in the Local files list. */
export const PASTED_NAME = 'pasted JSON';
