import { useEffect } from 'react';
import styles from './Toast.module.css';

export interface ToastMessage {
  readonly text: string;
  /** a new id for every message, so the same text twice restarts the timer */
  readonly id: number;
  readonly tone?: 'info' | 'error';
}

/** Long enough to read a short sentence; the message stays in the DOM for screen readers while shown. */
const TOAST_MS = 2500;

/** A short message at the bottom of the screen that goes away on its own (announced politely). */
export function Toast({ message, onDone }: { message: ToastMessage | undefined; onDone: () => void }) {
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(onDone, TOAST_MS);
    return () => clearTimeout(timer);
  }, [message, onDone]);
  return (
    <div className={styles.region} role="status" aria-live="polite">
      {message && (
        <div className={`${styles.toast}${message.tone === 'error' ? ` ${styles.error}` : ''}`} data-testid="toast">
          {message.text}
        </div>
      )}
    </div>
  );
}
