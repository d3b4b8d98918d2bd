/**
 * logfmt as Tempo reads its `tags` search parameter: the go-logfmt decoder's
 * rules and error texts, so the demo rejects what Tempo rejects with the same
 * words; parseLogfmt (logfmt.ts) gives the same reading to the search form.
 *
 * - `key=value` pairs separated by whitespace; newlines start a new record,
 *   which Tempo merges into the same tags;
 * - a bare `key` has an empty value;
 * - a value may be double-quoted, with JSON-style backslash escapes;
 * - `=` or `"` inside a bare value is an error: `unexpected '='`.
 */
export type GoLogfmtResult =
  | { readonly ok: true; readonly pairs: [key: string, value: string][] }
  /** `msg` and 1-based `pos` on its line, as go-logfmt's SyntaxError */
  | { readonly ok: false; readonly msg: string; readonly pos: number };

export function parseGoLogfmt(text: string): GoLogfmtResult {
  const pairs: [string, string][] = [];
  for (const line of text.split('\n')) {
    let i = 0;
    const n = line.length;
    while (i < n) {
      while (i < n && isSpace(line.charCodeAt(i))) i++;
      if (i >= n) break;
      const keyStart = i;
      while (i < n && line[i] !== '=' && line[i] !== '"' && !isSpace(line.charCodeAt(i))) i++;
      if (line[i] === '"') return unexpected('"', i);
      const key = line.slice(keyStart, i);
      if (line[i] !== '=') {
        pairs.push([key, '']);
        continue;
      }
      if (key === '') return unexpected('=', i);
      i++; // '='
      if (i >= n || isSpace(line.charCodeAt(i))) {
        pairs.push([key, '']);
        continue;
      }
      if (line[i] === '"') {
        const quoted = readQuoted(line, i);
        if (!quoted.ok) return quoted;
        pairs.push([key, quoted.value]);
        i = quoted.end;
        continue;
      }
      const valueStart = i;
      while (i < n && !isSpace(line.charCodeAt(i))) {
        if (line[i] === '=' || line[i] === '"') return unexpected(line[i] ?? '', i);
        i++;
      }
      pairs.push([key, line.slice(valueStart, i)]);
    }
  }
  return { ok: true, pairs };
}

function readQuoted(line: string, open: number): { ok: true; value: string; end: number } | { ok: false; msg: string; pos: number } {
  let escaped = false;
  let hasEscape = false;
  for (let i = open + 1; i < line.length; i++) {
    const c = line[i];
    if (escaped) {
      escaped = false;
    } else if (c === '\\') {
      escaped = hasEscape = true;
    } else if (c === '"') {
      const raw = line.slice(open, i + 1);
      if (!hasEscape) return { ok: true, value: raw.slice(1, -1), end: i + 1 };
      const value = unquote(raw);
      return value === undefined ? { ok: false, msg: 'invalid quoted value', pos: i + 2 } : { ok: true, value, end: i + 1 };
    }
  }
  return { ok: false, msg: 'unterminated quoted value', pos: line.length + 1 };
}

/** go-logfmt unquotes like encoding/json: \" \\ \/ \b \f \n \r \t \uXXXX */
function unquote(quoted: string): string | undefined {
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function unexpected(char: string, index: number): { ok: false; msg: string; pos: number } {
  return { ok: false, msg: `unexpected '${char}'`, pos: index + 1 };
}

function isSpace(code: number): boolean {
  // go-logfmt treats every byte <= ' ' as a separator
  return code <= 0x20;
}
