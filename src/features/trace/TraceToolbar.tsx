import styles from './TraceToolbar.module.css';
import { UrlCheckbox } from '../../ui/UrlCheckbox';

/** Thresholds offered for "collapse subtrees faster than": the decades people think in. */
const THRESHOLDS: readonly { label: string; ns: number }[] = [
  { label: '100 µs', ns: 1e5 },
  { label: '1 ms', ns: 1e6 },
  { label: '10 ms', ns: 1e7 },
  { label: '100 ms', ns: 1e8 },
];
/** Depth choices past this are never worth a menu entry: use the carets. */
const MAX_DEPTH_CHOICES = 30;

interface Props {
  readonly maxDepth: number;
  readonly criticalOnly: boolean;
  readonly rawTimes: boolean;
  /** spans the skew adjustment shifted (0: adjusted and raw are the same) */
  readonly skewedSpans: number;
  readonly onExpandAll: () => void;
  readonly onCollapseAll: () => void;
  readonly onCollapseToDepth: (levels: number) => void;
  readonly onCollapseFasterThan: (ns: number) => void;
  readonly onCriticalOnly: (on: boolean) => void;
  readonly onRawTimes: (raw: boolean) => void;
  readonly onShowShortcuts: () => void;
}

/** The collapse menu's choices, as option values: one select keeps the toolbar on one line. */
const EXPAND_ALL = 'expand';
const COLLAPSE_ALL = 'collapse';

/** View commands over the waterfall: collapsing, filters, times, help. (The theme is in the app header.) */
export function TraceToolbar(props: Props) {
  const depthChoices = Array.from({ length: Math.min(props.maxDepth + 1, MAX_DEPTH_CHOICES) }, (_, i) => i + 1);
  const onCollapseChoice = (value: string) => {
    if (value === EXPAND_ALL) props.onExpandAll();
    else if (value === COLLAPSE_ALL) props.onCollapseAll();
    else if (value.startsWith('depth:')) props.onCollapseToDepth(Number(value.slice('depth:'.length)));
    else if (value.startsWith('faster:')) props.onCollapseFasterThan(Number(value.slice('faster:'.length)));
  };
  return (
    <div className={styles.toolbar} role="toolbar" aria-label="Waterfall view">
      {/* A command menu: it applies on choice and returns to its prompt. */}
      <select aria-label="Expand or collapse" className={styles.select} value="" onChange={(e) => onCollapseChoice(e.target.value)}>
        <option value="">Expand / collapse…</option>
        <option value={EXPAND_ALL}>Expand all</option>
        <option value={COLLAPSE_ALL}>Collapse all</option>
        <optgroup label="Collapse to depth">
          {depthChoices.map((d) => (
            <option key={d} value={`depth:${d}`}>
              {d} {d === 1 ? 'level' : 'levels'}
            </option>
          ))}
        </optgroup>
        <optgroup label="Hide subtrees faster than">
          {THRESHOLDS.map((t) => (
            <option key={t.ns} value={`faster:${t.ns}`}>
              {t.label}
            </option>
          ))}
        </optgroup>
      </select>
      <label className={styles.check}>
        <UrlCheckbox checked={props.criticalOnly} onChange={props.onCriticalOnly} /> Critical path only
      </label>
      <div className={styles.segmented} role="group" aria-label="Span times">
        <button
          type="button"
          aria-pressed={!props.rawTimes}
          onClick={() => props.onRawTimes(false)}
          title={props.skewedSpans > 0 ? `Times with clock skew adjusted (${props.skewedSpans} ${props.skewedSpans === 1 ? 'span' : 'spans'} shifted)` : 'Times with clock skew adjusted (none needed)'}
        >
          Adjusted
        </button>
        <button type="button" aria-pressed={props.rawTimes} onClick={() => props.onRawTimes(true)} title="Times as the services reported them">
          Raw
        </button>
      </div>
      <button type="button" className={styles.small} onClick={props.onShowShortcuts} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        ?
      </button>
    </div>
  );
}
