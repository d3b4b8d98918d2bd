import styles from './Search.module.css';

/** Where Tempo's error text says a TraceQL error is: `parse error at line 1, col 17: …`. */
export function traceQLErrorPosition(message: string): { line: number; column: number } | undefined {
  const match = /parse error at line (\d+), col (\d+)/.exec(message);
  if (!match) return undefined;
  return { line: Number(match[1]), column: Number(match[2]) };
}

/** The offset (UTF-16, as a textarea counts) of a line and column counted in characters, as Go's scanner counts them. */
export function offsetOfPosition(text: string, position: { line: number; column: number }): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < position.line - 1 && i < lines.length; i++) offset += (lines[i] ?? '').length + 1;
  const line = Array.from(lines[position.line - 1] ?? '');
  return offset + line.slice(0, Math.max(0, position.column - 1)).join('').length;
}

/**
 * The query's line with a caret under the column the error names. Seen, not read:
 * the error text beside it already says the line and column.
 */
export function TraceQLErrorPosition({ query, message }: { query: string; message: string }) {
  const position = traceQLErrorPosition(message);
  if (!position) return null;
  const line = query.split('\n')[position.line - 1];
  if (line === undefined) return null;
  const width = Array.from(line).length;
  return (
    <pre className={styles.errorPosition} aria-hidden="true" data-testid="traceql-error-position">
      <code>{line}</code>
      {'\n'}
      {' '.repeat(Math.min(Math.max(0, position.column - 1), width))}
      <span className={styles.errorCaret}>^</span>
    </pre>
  );
}
