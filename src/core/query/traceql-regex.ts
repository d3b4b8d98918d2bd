/**
 * TraceQL's `=~` / `!~`: Tempo compiles `^(?s:<re>)$` with Go's RE2, so a regex
 * must match the whole value and `.` matches newlines. JavaScript's RegExp is
 * close enough for what people type (`prod-.*`, `.*timeout.*`, `(?i)get`); the
 * differences left are RE2's POSIX classes (`[[:alpha:]]`) and `\Q…\E`.
 */
export type RegexCompile = { readonly ok: true; readonly regex: RegExp } | { readonly ok: false; readonly error: string };

export function compileTraceQLRegex(pattern: string): RegexCompile {
  // RE2's leading flag group (?i) (?s) (?m) (?U) has no JavaScript spelling but flags
  const flagGroup = /^\(\?([imsU]+)\)/.exec(pattern);
  const body = flagGroup ? pattern.slice(flagGroup[0].length) : pattern;
  const goFlags = flagGroup?.[1] ?? '';
  if (goFlags.includes('U')) return { ok: false, error: 'error parsing regexp: ungreedy flag (?U) is not supported by this server' };
  const flags = `s${goFlags.includes('i') ? 'i' : ''}${goFlags.includes('m') ? 'm' : ''}`;
  // anchored by look-arounds, not ^ $, so a (?m) flag cannot loosen the anchoring
  const anchored = `(?<![\\s\\S])(?:${body})(?![\\s\\S])`;
  const unicodeBody = body.replace(/\\(\\|[pP][A-Z])/g, (escape: string) => (escape.length === 3 ? `${escape.slice(0, 2)}{${escape[2]}}` : escape));
  const unicodeAnchored = `(?<![\\s\\S])(?:${unicodeBody})(?![\\s\\S])`;
  // unicode mode first (RE2's one-letter \pL spelled \p{L}); then without it, where escapes such as \- are allowed as in RE2
  // (the body is compiled alone first: one that compiles is balanced, so `a)|(b` cannot escape the anchors)
  try {
    new RegExp(unicodeBody, `${flags}u`);
    return { ok: true, regex: new RegExp(unicodeAnchored, `${flags}u`) };
  } catch {
    try {
      new RegExp(body, flags);
      return { ok: true, regex: new RegExp(anchored, flags) };
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '') : String(error);
      return { ok: false, error: `error parsing regexp: ${reason.toLowerCase()}: \`${pattern}\`` };
    }
  }
}
