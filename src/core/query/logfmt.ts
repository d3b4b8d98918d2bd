/**
 * logfmt, as Tempo's `tags` search parameter takes it:
 * `service.name=cart http.url="/api/x y" error=true`.
 * Values may be double-quoted with backslash escapes; `=` inside a quoted
 * value, or after the first `=` of a bare value, belongs to the value.
 */
export type LogfmtParse =
  | { ok: true; pairs: [key: string, value: string][] }
  | { ok: false; error: string };

export function parseLogfmt(text: string): LogfmtParse {
  const pairs: [string, string][] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && isSpace(text[i])) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && text[i] !== '=' && !isSpace(text[i])) {
      if (text[i] === '"') return { ok: false, error: `unexpected quote in a key at column ${i + 1}` };
      i++;
    }
    const key = text.slice(keyStart, i);
    if (text[i] !== '=') return { ok: false, error: `"${key}" has no value: write ${key}=value (column ${keyStart + 1})` };
    if (key === '') return { ok: false, error: `a value without a key at column ${i + 1}` };
    i++; // '='
    let value = '';
    if (text[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const ch = text[i];
        if (ch === '\\' && i + 1 < n) {
          const next = text[i + 1];
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          i += 2;
          continue;
        }
        if (ch === '"') {
          closed = true;
          i++;
          break;
        }
        value += ch;
        i++;
      }
      if (!closed) return { ok: false, error: `the value of "${key}" has no closing quote` };
      if (i < n && !isSpace(text[i])) return { ok: false, error: `expected a space after the quoted value of "${key}" (column ${i + 1})` };
    } else {
      const valueStart = i;
      while (i < n && !isSpace(text[i])) i++;
      value = text.slice(valueStart, i);
    }
    pairs.push([key, value]);
  }
  return { ok: true, pairs };
}

/** Writes pairs back; values that need it are quoted, so parseLogfmt reads them back unchanged. */
export function formatLogfmt(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([key, value]) => `${key}=${needsQuotes(value) ? quote(value) : value}`).join(' ');
}

function needsQuotes(value: string): boolean {
  return value === '' || /[\s"\\=]/.test(value);
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}
