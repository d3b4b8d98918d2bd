import type { KeyboardEvent, RefObject } from 'react';
import styles from './TraceToolbar.module.css';
import { UrlCheckbox } from '../../ui/UrlCheckbox';

interface Props {
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly text: string;
  readonly matchCount: number;
  /** 1-based position of the selected span among the matches; 0 when it is not one */
  readonly current: number;
  readonly matchesOnly: boolean;
  readonly onText: (text: string) => void;
  readonly onStep: (direction: 1 | -1) => void;
  readonly onMatchesOnly: (on: boolean) => void;
}

/** Find in this trace: "n of m", Enter / Shift+Enter step through matches; the text lives in the URL. */
export function FindBar({ inputRef, text, matchCount, current, matchesOnly, onText, onStep, onMatchesOnly }: Props) {
  const active = text.trim() !== '';
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onStep(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      event.currentTarget.blur();
    }
  };
  return (
    <div className={styles.find} role="search" aria-label="Find in trace">
      <input
        ref={inputRef}
        type="search"
        className={styles.findInput}
        aria-label="Find spans"
        placeholder="Find spans (press /)"
        title="Operation, service, span id, attribute key or value, or key=value; several words must all match"
        value={text}
        onChange={(e) => onText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <span className={styles.findCount} role="status" aria-live="polite" data-testid="find-count">
        {active ? (matchCount === 0 ? 'No matches' : `${current > 0 ? current : '–'} of ${matchCount}`) : ''}
      </span>
      <button type="button" className={styles.small} onClick={() => onStep(-1)} disabled={matchCount === 0} aria-label="Previous match" title="Previous match (Shift+Enter)">
        ↑
      </button>
      <button type="button" className={styles.small} onClick={() => onStep(1)} disabled={matchCount === 0} aria-label="Next match" title="Next match (Enter)">
        ↓
      </button>
      <label className={styles.check}>
        <UrlCheckbox checked={matchesOnly} onChange={onMatchesOnly} disabled={!active} /> Only matches
      </label>
    </div>
  );
}
