import type { Span } from '../../../core';
import { labelText, MAX_SHOWN_CHARS } from './value-format';
import styles from './SpanDetails.module.css';

/**
 * What the producer or the store said was wrong with this span (Jaeger's per-span
 * warnings: skew it could not fix, invalid parent ids…), as text. Shown only when
 * there are some: most spans have none, and an empty section is noise.
 */
export function SpanWarnings({ span }: { span: Span }) {
  const warnings = span.warnings ?? [];
  if (warnings.length === 0) return null;
  return (
    <section className={styles.group} aria-label="Warnings">
      <div className={styles.groupHead}>
        <h3>
          Warnings <span className={styles.count}>{warnings.length}</span>
        </h3>
      </div>
      <ul className={styles.warningList}>
        {warnings.map((w, i) => (
          <li key={i}>{labelText(w, MAX_SHOWN_CHARS)}</li>
        ))}
      </ul>
    </section>
  );
}
