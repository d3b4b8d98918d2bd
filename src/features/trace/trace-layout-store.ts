import { create } from 'zustand';

/**
 * Panel sizes of the trace page: ephemeral UI state (DESIGN.md "State"), shared
 * across traces in one tab so a width a person chose, or an overview they folded
 * away, stays so when they open the next trace.
 */
interface TraceLayoutState {
  readonly nameColumnPx: number;
  readonly detailsWidthPx: number;
  /** the overview (minimap) folded to one line: 90 px more for rows on a short screen */
  readonly overviewFolded: boolean;
  setNameColumnPx(px: number): void;
  setDetailsWidthPx(px: number): void;
  setOverviewFolded(folded: boolean): void;
}

export const useTraceLayout = create<TraceLayoutState>()((set) => ({
  nameColumnPx: 360,
  detailsWidthPx: 440,
  overviewFolded: false,
  setNameColumnPx: (px) => set({ nameColumnPx: px }),
  setDetailsWidthPx: (px) => set({ detailsWidthPx: px }),
  setOverviewFolded: (folded) => set({ overviewFolded: folded }),
}));
