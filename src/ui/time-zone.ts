import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/**
 * Absolute times in the browser's zone or in UTC — a preference (SREs compare
 * with logs and alerts written in UTC), kept in localStorage, not in the URL.
 */
export type TimeZonePreference = 'local' | 'utc';

interface TimeZoneState {
  readonly timeZone: TimeZonePreference;
  setTimeZone(timeZone: TimeZonePreference): void;
}

export const useTimeZoneStore = create<TimeZoneState>()(
  persist((set) => ({ timeZone: 'local', setTimeZone: (timeZone) => set({ timeZone }) }), {
    name: 'tracery.time-zone',
    storage: createJSONStorage(() => localStorage),
    partialize: (state) => ({ timeZone: state.timeZone }),
    // localStorage is user-editable: anything unknown means local time
    merge: (persisted, current) => ({ ...current, timeZone: (persisted as { timeZone?: unknown } | undefined)?.timeZone === 'utc' ? 'utc' : 'local' }),
  }),
);

export function useTimeZone(): TimeZonePreference {
  return useTimeZoneStore((s) => s.timeZone);
}
