import { collapseAll, collapseBelowDepth, type Trace } from '../../core';
import { MAX_COLLAPSE_IDS, type CollapseState, type TraceViewId } from '../../state/trace-url';

/**
 * The trace page's views, in tab order. A view the URL names but this list lacks
 * (`flame` until its tab lands) shows the waterfall, never an empty panel.
 * To add a view: an entry here and a branch in TraceView's panel.
 */
export const VIEW_TABS: readonly { readonly id: TraceViewId; readonly label: string }[] = [
  { id: 'waterfall', label: 'Waterfall' },
  { id: 'flame', label: 'Flame graph' },
  { id: 'logs', label: 'Logs' },
  { id: 'stats', label: 'Statistics' },
  { id: 'map', label: 'Service map' },
];

export function shownView(view: TraceViewId): TraceViewId {
  return VIEW_TABS.some((t) => t.id === view) ? view : 'waterfall';
}

/** The collapse a depth stands for: 0 = every span with children, N = show N levels. */
function baseOf(trace: Trace, depth: number | undefined): ReadonlySet<string> {
  if (depth === undefined) return new Set();
  return depth === 0 ? collapseAll(trace) : collapseBelowDepth(trace, depth);
}

export function collapsedFromUrl(trace: Trace, state: CollapseState): ReadonlySet<string> {
  const set = new Set(baseOf(trace, state.depth));
  for (const id of state.collapsed) set.add(id);
  for (const id of state.expanded) set.delete(id);
  return set;
}

/** The bounded encoding of a collapse Set: its depth, then the hand toggles against it (the first MAX_COLLAPSE_IDS). */
export function collapseToUrl(trace: Trace, depth: number | undefined, collapsed: ReadonlySet<string>): CollapseState | undefined {
  const base = baseOf(trace, depth);
  const added: string[] = [];
  const removed: string[] = [];
  for (const id of collapsed) if (!base.has(id) && added.length < MAX_COLLAPSE_IDS) added.push(id);
  for (const id of base) if (!collapsed.has(id) && removed.length < MAX_COLLAPSE_IDS) removed.push(id);
  if (depth === undefined && added.length === 0) return undefined;
  return { ...(depth !== undefined ? { depth } : {}), collapsed: added, expanded: removed.slice(0, Math.max(0, MAX_COLLAPSE_IDS - added.length)) };
}

/**
 * The find text that shows one service's spans: the resource attribute
 * `service.name` (find-spans.ts: `key=value`, exact); an uninstrumented peer has
 * no spans of its own, so its name is found as text (the client spans naming it).
 */
export function findForService(service: string, virtual = false): string {
  const safe = service.replace(/"/g, '');
  const value = /\s/.test(safe) || safe === '' ? `"${safe}"` : safe;
  return virtual ? value : `service.name=${value}`;
}

/** The service a find text filters to, when it is exactly what findForService wrote. */
export function serviceOfFind(find: string): string | undefined {
  const m = /^service\.name=(?:"([^"]*)"|(\S+))$/.exec(find.trim());
  return m ? (m[1] ?? m[2]) : undefined;
}
