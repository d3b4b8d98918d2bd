import { parseGoLogfmt } from './go-logfmt';

/**
 * logfmt, as Tempo's `tags` search parameter takes it:
 * `service.name=cart http.url="/api/x y" error=true`.
 * The form reads it with Tempo's own rules (go-logfmt.ts), so what the form
 * accepts the server accepts; errors say where and what to do.
 */
export type LogfmtParse =
  | { ok: true; pairs: [key: string, value: string][] }
  | { ok: false; error: string };

export function parseLogfmt(text: string): LogfmtParse {
  const parsed = parseGoLogfmt(text);
  if (parsed.ok) return parsed;
  return { ok: false, error: `${parsed.msg} at column ${parsed.pos}: quote values that hold spaces, = or " (key="a value")` };
}

/** Writes pairs back; values that need it are quoted, so parseLogfmt reads them back unchanged. */
export function formatLogfmt(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([key, value]) => `${key}=${needsQuotes(value) ? quote(value) : value}`).join(' ');
}

function needsQuotes(value: string): boolean {
  // go-logfmt ends a bare value at any byte <= ' ', and rejects = and " in it
  return value === '' || /["\\=\s]/.test(value) || [...value].some((ch) => ch <= ' ');
}

/** go-logfmt unquotes quoted values as JSON strings, so JSON quoting is exact. */
function quote(value: string): string {
  return JSON.stringify(value);
}
