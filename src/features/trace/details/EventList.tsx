import { formatDurationNs, type Span } from '../../../core';
import { KeyValueRows } from './AttributeValueView';
import { labelText } from './value-format';
import styles from './SpanDetails.module.css';

/** The span's events: a strip with one mark per event on the span's own time scale, then each event with its attributes. */
export function EventList({ span }: { span: Span }) {
  const durationNs = Math.max(span.endNs - span.startNs, 1);
  const at = (timeNs: number) => Math.min(100, Math.max(0, ((timeNs - span.startNs) / durationNs) * 100));
  return (
    <section className={styles.group} aria-label="Events">
      <div className={styles.groupHead}>
        <h3>
          Events <span className={styles.count}>{span.events.length}</span>
        </h3>
      </div>
      {span.events.length === 0 ? (
        <p className={styles.muted}>None</p>
      ) : (
        <>
          <div className={styles.eventStrip} aria-hidden="true">
            {span.events.map((event, i) => (
              <span key={i} className={`${styles.eventMark}${event.name === 'exception' ? ` ${styles.eventMarkError}` : ''}`} style={{ left: `${at(event.timeNs)}%` }} title={labelText(event.name, 200)} />
            ))}
          </div>
          <ol className={styles.eventList}>
            {span.events.map((event, i) => (
              <li key={i} className={event.name === 'exception' ? styles.eventException : undefined}>
                <div className={styles.eventHead}>
                  <span className={styles.eventTime}>+{formatDurationNs(event.timeNs - span.startNs)}</span>
                  <span className={styles.eventName}>{labelText(event.name)}</span>
                </div>
                {event.attributes.length > 0 && <KeyValueRows attributes={event.attributes} />}
              </li>
            ))}
          </ol>
          {span.droppedEventsCount > 0 && <p className={styles.muted}>{span.droppedEventsCount} events dropped by the producer</p>}
        </>
      )}
    </section>
  );
}
