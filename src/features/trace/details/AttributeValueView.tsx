import { useState } from 'react';
import type { Attribute, AttributeValue } from '../../../core';
import { httpUrl, isLong, prettyJson } from './value-format';
import styles from './SpanDetails.module.css';

/** One attribute value, shown by its OTLP type. */
export function AttributeValueView({ value }: { value: AttributeValue }) {
  switch (value.type) {
    case 'string':
      return <StringValue text={value.value} />;
    case 'int':
    case 'double':
      return (
        <span className={styles.number} data-type={value.type}>
          {String(value.value)}
        </span>
      );
    case 'bool':
      return <span className={styles.bool}>{String(value.value)}</span>;
    case 'bytes':
      return (
        <span className={styles.bytes} title="bytes, base64">
          {value.value}
        </span>
      );
    case 'array':
      return (
        <details className={styles.nested}>
          <summary>
            [{value.value.length} {value.value.length === 1 ? 'item' : 'items'}]
          </summary>
          <ol className={styles.arrayList}>
            {value.value.map((item, i) => (
              <li key={i}>
                <AttributeValueView value={item} />
              </li>
            ))}
          </ol>
        </details>
      );
    case 'kvlist':
      return (
        <details className={styles.nested}>
          <summary>
            {'{'}
            {value.value.length} {value.value.length === 1 ? 'key' : 'keys'}
            {'}'}
          </summary>
          <KeyValueRows attributes={value.value} />
        </details>
      );
    case 'empty':
      return <span className={styles.muted}>(empty)</span>;
  }
}

/** A plain key → value table (nested kvlists, event and link attributes). */
export function KeyValueRows({ attributes }: { attributes: readonly Attribute[] }) {
  return (
    <table className={styles.kvTable}>
      <tbody>
        {attributes.map((a, i) => (
          <tr key={`${a.key}\u0000${i}`}>
            <th scope="row">{a.key}</th>
            <td>
              <AttributeValueView value={a.value} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StringValue({ text }: { text: string }) {
  const url = httpUrl(text);
  if (url !== undefined) {
    return (
      <a href={url} target="_blank" rel="noreferrer noopener" className={styles.link}>
        {text}
      </a>
    );
  }
  const json = prettyJson(text);
  if (json !== undefined) return <ClampedText text={json} className={styles.json} />;
  return <ClampedText text={text} className={styles.string} />;
}

function ClampedText({ text, className }: { text: string; className: string | undefined }) {
  const [expanded, setExpanded] = useState(false);
  const long = isLong(text);
  return (
    <span className={styles.clampBox}>
      <span className={`${className ?? ''}${long && !expanded ? ` ${styles.clamped}` : ''}`}>{text}</span>
      {long && (
        <button type="button" className={styles.more} onClick={() => setExpanded(!expanded)} aria-expanded={expanded}>
          {expanded ? 'Show less' : 'Show more'}
        </button>
      )}
    </span>
  );
}
