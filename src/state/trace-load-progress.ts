import { create } from 'zustand';
import type { TraceLoadProgress } from '../core';

/**
 * Progress of trace loads in flight, by `${sourceId}/${traceId}`: the query function
 * writes, the loading panel reads. Not in the URL and not in the query cache: it
 * means nothing once the trace is on screen.
 */
interface ProgressState {
  readonly byKey: Readonly<Record<string, TraceLoadProgress | undefined>>;
}

const useProgressStore = create<ProgressState>(() => ({ byKey: {} }));

/** At most one update per this many ms within a phase: a 250 MB answer arrives in thousands of chunks. */
const THROTTLE_MS = 100;
const lastWrite = new Map<string, { at: number; phase: TraceLoadProgress['phase'] }>();

export function traceLoadKey(sourceId: string, traceId: string): string {
  return `${sourceId}/${traceId}`;
}

export function reportTraceLoadProgress(key: string, progress: TraceLoadProgress | undefined): void {
  const now = performance.now();
  const last = lastWrite.get(key);
  if (progress && last && last.phase === progress.phase && now - last.at < THROTTLE_MS) return;
  if (progress) lastWrite.set(key, { at: now, phase: progress.phase });
  else lastWrite.delete(key);
  useProgressStore.setState((state) => ({ byKey: { ...state.byKey, [key]: progress } }));
}

export function useTraceLoadProgress(key: string): TraceLoadProgress | undefined {
  return useProgressStore((state) => state.byKey[key]);
}
