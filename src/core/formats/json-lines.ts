import { DecodeError } from './decode-error';
import { locateJsonError, parseJsonText } from './json-text';

export interface JsonDocument {
  readonly value: unknown;
  /** 1-based line of a JSON Lines file; undefined when the input was one JSON document */
  readonly line?: number;
}

/**
 * One JSON document, or JSON Lines (one document per line, as the collector's file
 * exporter writes). A text that is not valid JSON as a whole but whose first line is
 * a JSON value is read as JSON Lines: a bad line is a warning naming its number and
 * the good lines are kept. Anything else throws a DecodeError with line and column.
 */
export function parseJsonDocuments(input: string, label = 'the input'): { documents: JsonDocument[]; warnings: string[] } {
  if (input.trim() === '') throw new DecodeError(`${label} is empty`);
  try {
    return { documents: [{ value: JSON.parse(input) as unknown }], warnings: [] };
  } catch {
    // fall through: JSON Lines, or a syntax error to report
  }
  const lines = input.split('\n');
  const firstIndex = lines.findIndex((l) => l.trim() !== '');
  const firstLine = lines[firstIndex] ?? '';
  if (locateJsonError(firstLine) !== undefined || lines.slice(firstIndex + 1).every((l) => l.trim() === '')) {
    return { documents: [{ value: parseJsonText(input, label) }], warnings: [] };
  }
  const documents: JsonDocument[] = [];
  const warnings: string[] = [];
  lines.forEach((text, index) => {
    if (text.trim() === '') return;
    const line = index + 1;
    try {
      documents.push({ value: JSON.parse(text) as unknown, line });
    } catch {
      const problem = locateJsonError(text);
      const detail = problem ? ` at column ${problem.column}: ${problem.message}` : '';
      warnings.push(`line ${line}: not valid JSON${detail}; line skipped`);
    }
  });
  return { documents, warnings };
}
