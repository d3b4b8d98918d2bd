import { create } from 'zustand';
import type { EarlierResults } from './SearchResults';

/**
 * The search results last on screen, per tab: ephemeral UI state (DESIGN.md
 * "State") that outlives the search page, so that when a person comes back
 * (Back from a trace) and the search, asked again for "the last hour" from now,
 * fails, the results they saw are still there beside the error.
 */
export interface ShownResults extends EarlierResults {
  readonly sourceId: string;
  /** the search form's URL, to tell "this search, earlier" from "your previous search" */
  readonly urlKey: string;
}

interface ShownResultsState {
  readonly shown: ShownResults | undefined;
  setShown(shown: ShownResults): void;
}

export const useShownResults = create<ShownResultsState>()((set) => ({
  shown: undefined,
  setShown: (shown) => set({ shown }),
}));
