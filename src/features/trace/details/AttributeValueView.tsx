import { useState } from 'react';
import type { Attribute, AttributeValue } from '../../../core';
import { useSensitiveKey } from './use-sensitive-keys';
import { cutText, formatKB, httpUrl, isLong, labelText, MAX_SHOWN_CHARS, prettyJson, utf8Length } from './value-format';
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
            <th scope="row">{labelText(a.key)}</th>
            <td>
              <KeyedValue attributeKey={a.key} value={a.value} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The value of attribute `attributeKey`: masked behind "Reveal" when the key usually
 * carries a secret (core's sensitive-key rule, the list from the config), else shown.
 */
export function KeyedValue({ attributeKey, value }: { attributeKey: string; value: AttributeValue }) {
  const isSensitive = useSensitiveKey();
  return isSensitive(attributeKey) ? <MaskedValue attributeKey={attributeKey} value={value} /> : <AttributeValueView value={value} />;
}

/**
 * A sensitive value: nothing of it is in the DOM (no text, title or copy source)
 * until "Reveal". The reveal belongs to this value object, so selecting another span
 * with the same key masks its value again.
 */
function MaskedValue({ attributeKey, value }: { attributeKey: string; value: AttributeValue }) {
  const [revealed, setRevealed] = useState<AttributeValue | undefined>(undefined);
  const name = labelText(attributeKey, 80);
  if (revealed === value) {
    return (
      <span className={styles.revealed}>
        <AttributeValueView value={value} />
        <button type="button" className={styles.more} onClick={() => setRevealed(undefined)} aria-label={`Hide ${name}`}>
          Hide
        </button>
      </span>
    );
  }
  return (
    <span className={styles.maskedBox}>
      <span className={styles.masked} data-testid="masked-value" aria-label="hidden: sensitive value">
        ••••••••
      </span>
      <button type="button" className={styles.more} onClick={() => setRevealed(value)} aria-label={`Reveal ${name}`}>
        Reveal
      </button>
    </span>
  );
}

function StringValue({ text }: { text: string }) {
  const [showAll, setShowAll] = useState(false);
  if (text.length > MAX_SHOWN_CHARS && !showAll) {
    // React text only: the cut start, then how much is left out and the way to see it
    return (
      <span className={styles.clampBox}>
        <ClampedText text={cutText(text, MAX_SHOWN_CHARS)} className={styles.string} />
        <span className={styles.truncated} data-testid="truncated-value">
          … truncated at {formatKB(MAX_SHOWN_CHARS)}{' '}
          <button type="button" className={styles.more} onClick={() => setShowAll(true)}>
            Show all ({formatKB(utf8Length(text))})
          </button>
        </span>
      </span>
    );
  }
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
