import { create } from 'zustand';

/**
 * Panel sizes of the trace page: ephemeral UI state (DESIGN.md "State"), shared
 * across traces in one tab so a width a person chose survives opening the next trace.
 */
interface TraceLayoutState {
  readonly nameColumnPx: number;
  readonly detailsWidthPx: number;
  setNameColumnPx(px: number): void;
  setDetailsWidthPx(px: number): void;
}

export const useTraceLayout = create<TraceLayoutState>()((set) => ({
  nameColumnPx: 360,
  detailsWidthPx: 440,
  setNameColumnPx: (px) => set({ nameColumnPx: px }),
  setDetailsWidthPx: (px) => set({ detailsWidthPx: px }),
}));
