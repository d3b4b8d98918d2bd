import { ThemeToggle } from '../../ui/theme/ThemeToggle';
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

/** View commands over the waterfall: collapsing, filters, times, theme, help. */
export function TraceToolbar(props: Props) {
  const depthChoices = Array.from({ length: Math.min(props.maxDepth + 1, MAX_DEPTH_CHOICES) }, (_, i) => i + 1);
  return (
    <div className={styles.toolbar} role="toolbar" aria-label="Waterfall view">
      <div className={styles.group}>
        <button type="button" className={styles.small} onClick={props.onExpandAll}>
          Expand all
        </button>
        <button type="button" className={styles.small} onClick={props.onCollapseAll}>
          Collapse all
        </button>
        {/* These menus are commands: they apply on choice and return to their prompt. */}
        <select aria-label="Collapse to depth" className={styles.select} value="" onChange={(e) => e.target.value && props.onCollapseToDepth(Number(e.target.value))}>
          <option value="">Collapse to depth…</option>
          {depthChoices.map((d) => (
            <option key={d} value={d}>
              {d} {d === 1 ? 'level' : 'levels'}
            </option>
          ))}
        </select>
        <select aria-label="Hide subtrees faster than" className={styles.select} value="" onChange={(e) => e.target.value && props.onCollapseFasterThan(Number(e.target.value))}>
          <option value="">Hide faster than…</option>
          {THRESHOLDS.map((t) => (
            <option key={t.ns} value={t.ns}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.group}>
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
      </div>
      <div className={styles.group}>
        <ThemeToggle className={styles.small} />
        <button type="button" className={styles.small} onClick={props.onShowShortcuts} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          ?
        </button>
      </div>
    </div>
  );
}
