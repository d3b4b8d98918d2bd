import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/**
 * How the results' Start column reads: "5 minutes ago" to scan for recent traces,
 * or the wall-clock time to match against logs and alerts. A preference, kept in
 * localStorage like the time zone, not in the URL: a shared link should read the
 * way its reader likes.
 */
export type StartTimeStyle = 'relative' | 'absolute';

interface StartTimeState {
  readonly style: StartTimeStyle;
  setStyle(style: StartTimeStyle): void;
}

export const useStartTimeStyle = create<StartTimeState>()(
  persist((set) => ({ style: 'relative', setStyle: (style) => set({ style }) }), {
    name: 'tracery.start-time-style',
    storage: createJSONStorage(() => localStorage),
    partialize: (state) => ({ style: state.style }),
    // localStorage is user-editable: anything unknown means relative
    merge: (persisted, current) => ({ ...current, style: (persisted as { style?: unknown } | undefined)?.style === 'absolute' ? 'absolute' : 'relative' }),
  }),
);
