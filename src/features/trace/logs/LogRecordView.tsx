import { memo, useId, useState } from 'react';
import { formatDurationNs, logLineOf, type AttributeValue, type LogRecord, type Span, type TraceLogRow } from '../../../core';
import { formatClockNano } from '../../../ui/format-clock';
import { formatUnixNano } from '../../../ui/format-time';
import { useTimeZone } from '../../../ui/time-zone';
import { ServiceChip } from '../../../ui/ServiceChip';
import { KeyedValue } from '../details/AttributeValueView';
import { AttributeTable } from '../details/AttributeTable';
import styles from './Logs.module.css';
import { labelText } from '../../../ui/label-text';

interface Props {
  readonly row: TraceLogRow;
  readonly log: LogRecord;
  /** the record's span, when it names one of the trace */
  readonly span: Span | undefined;
  /** hide the span column (inside that span's own details) */
  readonly showSpan?: boolean;
  readonly onSelectSpan?: (spanIndex: number) => void;
}

/** One log record: offset and absolute time, severity, service, span, body; attributes on expand. */
export const LogRecordView = memo(function LogRecordView({ row, log, span, showSpan = true, onSelectSpan }: Props) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const timeZone = useTimeZone();
  const { label } = row.severity;
  return (
    <div className={styles.record} data-testid="log-record" data-severity={label} role="listitem">
      <div className={styles.recordLine}>
        <button type="button" className={styles.expand} aria-expanded={open} aria-controls={detailsId} aria-label={open ? 'Hide the attributes' : 'Show the attributes'} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        </button>
        <span className={styles.time} title="From the trace's start">
          {row.offsetNs < 0 ? '−' : '+'}
          {formatDurationNs(Math.abs(row.offsetNs))}
        </span>
        <time className={styles.clock} dateTime={new Date(Number(log.timeUnixNano / 1_000_000n)).toISOString()} title={formatUnixNano(log.timeUnixNano, timeZone)}>
          {formatClockNano(log.timeUnixNano, timeZone)}
        </time>
        <span className={styles.severity} data-severity={label}>
          {label === 'UNSPECIFIED' ? (log.severityText || '—') : label}
        </span>
        <span className={styles.service}>
          <ServiceChip name={row.service} />
        </span>
        {showSpan && (
          <span className={styles.span}>
            {span && onSelectSpan ? (
              <button type="button" className={styles.spanButton} onClick={() => onSelectSpan(row.spanIndex)} title={`Show span ${span.spanId} in the waterfall`}>
                {labelText(span.name)}
              </button>
            ) : (
              <span className={styles.muted}>{log.spanId ? `${log.spanId} (not in trace)` : 'no span'}</span>
            )}
          </span>
        )}
        <span className={styles.body}>
          <Body value={log.body} />
        </span>
      </div>
      {open && (
        <div id={detailsId} className={styles.recordDetails}>
          <p className={styles.muted}>
            {formatUnixNano(log.timeUnixNano, timeZone)}
            {log.severityText && ` · severity text “${log.severityText}” (${log.severityNumber})`}
            {log.eventName && ` · event ${log.eventName}`}
          </p>
          <AttributeTable title="Log attributes" attributes={log.attributes} />
          <AttributeTable title="Log resource" attributes={log.resource.attributes} />
        </div>
      )}
    </div>
  );
});

/** A structured body as key-value pairs, a text body as text (never as HTML). */
function Body({ value }: { value: AttributeValue }) {
  if (value.type !== 'kvlist') return <span className={styles.bodyText}>{logLineOf(value)}</span>;
  return (
    <span className={styles.kvs}>
      {value.value.map((a, k) => (
        <span key={k} className={styles.kv}>
          <span className={styles.kvKey}>{a.key}</span>=<KeyedValue attributeKey={a.key} value={a.value} />
        </span>
      ))}
    </span>
  );
}
