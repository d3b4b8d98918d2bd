/**
 * Regexes typed by users (TraceQL `=~` / `!~`, and the demo Loki's LogQL) run on
 * re2js, a port of Go's RE2, as Tempo and Loki do: matching takes time linear in
 * the input, so a pattern such as `(a+)+b` cannot stall the single-threaded local
 * server, and what the demo accepts, rejects and matches is what Go's regexp does —
 * no backreferences or lookaround, RE2's `(?U)`, `\pL`, `[[:alpha:]]` and `\Q…\E`
 * (docs/decisions/0004-re2-for-user-regexes.md).
 */
import { RE2JS, RE2JSSyntaxException } from 're2js';

/** What an evaluator needs of a compiled pattern. */
export interface CompiledRegex {
  test(input: string): boolean;
}

export type RegexCompile = { readonly ok: true; readonly regex: CompiledRegex } | { readonly ok: false; readonly error: string };

export interface GoRegexOptions {
  /** the whole value must match (`^(?:…)$`), as for label matchers; otherwise any part of it, as for line filters */
  readonly anchored: boolean;
  /** `.` matches `\n` too (Go's DotNL, spelled `(?s:…)` around the pattern) */
  readonly dotMatchesNewline: boolean;
}

/**
 * Compiles `pattern` as Go would, with Go's error text on failure:
 * `error parsing regexp: invalid escape sequence: \`\1\``.
 */
export function compileGoRegex(pattern: string, options: GoRegexOptions): RegexCompile {
  // parsed alone first, as Prometheus and Loki do: errors then quote the pattern as typed,
  // and a pattern that parses alone is balanced, so `a)|(b` cannot escape the anchors added below
  try {
    RE2JS.compile(pattern);
  } catch (error) {
    if (error instanceof RE2JSSyntaxException) return { ok: false, error: goErrorText(error, pattern) };
    throw error;
  }
  const group = `(?${options.dotMatchesNewline ? 's' : ''}:${pattern})`;
  return { ok: true, regex: RE2JS.compile(options.anchored ? `^${group}$` : group) };
}

/**
 * Go's syntax.Error always ends in ": `<expr>`"; re2js leaves the part out where
 * Go's expression is empty (a trailing backslash) or the whole pattern (too large,
 * nested too deeply).
 */
function goErrorText(error: RE2JSSyntaxException, pattern: string): string {
  const expr = error.getPattern() ?? (error.getDescription() === 'trailing backslash at end of expression' ? '' : pattern);
  return `error parsing regexp: ${error.getDescription()}: \`${expr}\``;
}

/**
 * TraceQL's `=~` / `!~`: Tempo matches with Prometheus's FastRegexMatcher, which
 * compiles `^(?s:<re>)$`, so a regex must match the whole value and `.` matches
 * newlines.
 */
export function compileTraceQLRegex(pattern: string): RegexCompile {
  return compileGoRegex(pattern, { anchored: true, dotMatchesNewline: true });
}
