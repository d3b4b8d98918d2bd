/**
 * Autocomplete inside a logfmt tags box (`service.name=auth http.route=/c|`):
 * which token the caret is in — a key, or the value of a known key — and how
 * to put a chosen suggestion in its place, quoting values that need it.
 */
export type CompletionContext =
  | { readonly kind: 'key'; readonly prefix: string; readonly start: number; readonly end: number }
  | { readonly kind: 'value'; readonly key: string; readonly prefix: string; readonly start: number; readonly end: number };

export function completionContext(text: string, caret: number): CompletionContext {
  // The token is the run of text around the caret up to whitespace, except that
  // an open quote (odd number of unescaped quotes before the caret) extends it.
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < caret; i++) {
    const ch = text[i];
    if (ch === '\\' && inQuotes) {
      i++;
      continue;
    }
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && /\s/.test(ch ?? '')) start = i + 1;
  }
  let end = caret;
  while (end < text.length && (inQuotes ? text[end] !== '"' : !/\s/.test(text[end] ?? ''))) end++;
  if (inQuotes && text[end] === '"') end++;
  const token = text.slice(start, end);
  const eq = token.indexOf('=');
  if (eq < 0 || start + eq >= caret) {
    return { kind: 'key', prefix: text.slice(start, Math.min(caret, eq < 0 ? end : start + eq)), start, end: eq < 0 ? end : start + eq };
  }
  const rawValue = text.slice(start + eq + 1, caret);
  return { kind: 'value', key: token.slice(0, eq), prefix: rawValue.replace(/^"/, '').replace(/\\(.)/g, '$1'), start: start + eq + 1, end };
}

/** Replaces the token with `choice`; a key gets its `=`, a value is quoted when it must be. Returns the new caret too. */
export function applyCompletion(text: string, context: CompletionContext, choice: string): { text: string; caret: number } {
  const insert = context.kind === 'key' ? `${choice}=` : quoteIfNeeded(choice);
  const before = text.slice(0, context.start);
  let after = text.slice(context.end);
  if (context.kind === 'key' && after.startsWith('=')) after = after.slice(1);
  const spacer = context.kind === 'value' && after !== '' && !/^\s/.test(after) ? ' ' : '';
  return { text: `${before}${insert}${spacer}${after}`, caret: before.length + insert.length };
}

function quoteIfNeeded(value: string): string {
  return value === '' || /["\\=\s]/.test(value) || [...value].some((ch) => ch <= ' ') ? JSON.stringify(value) : value;
}

/** Suggestions that contain what was typed, those starting with it first; at most `limit`. */
export function rankSuggestions(candidates: readonly string[], prefix: string, limit = 12): string[] {
  const needle = prefix.toLowerCase();
  const starts: string[] = [];
  const contains: string[] = [];
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    if (lower === needle) continue;
    if (lower.startsWith(needle)) starts.push(candidate);
    else if (needle !== '' && lower.includes(needle)) contains.push(candidate);
  }
  return [...starts, ...contains].slice(0, limit);
}
