/**
 * Which attribute keys usually carry secrets, so the views mask their values until a
 * person asks to see them (the security checklist for tracing: headers and
 * credentials end up in spans more often than anyone intends).
 *
 * The rule: a key is split into segments — at `.`, `_`, `-`, `/`, `:`, spaces and any
 * other non-alphanumeric character, and at camelCase boundaries — and lowercased.
 * A sensitive term, split the same way, matches when its segments appear
 * consecutively in the key's. So `token` masks `api_token`, `http.request.header.x-csrf-token`
 * and `accessToken`, but not `tokenizer` or `gen_ai.usage.input_tokens`; `set-cookie`
 * masks `http.response.header.set_cookie`.
 */

/** The terms masked when the config names none (public/tracery.config.json `sensitiveKeys`). */
export const DEFAULT_SENSITIVE_KEYS: readonly string[] = ['authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'password', 'token', 'secret'];

/** A key's segments, lowercased: `http.request.header.X-Api-Key` → http, request, header, x, api, key. */
export function keySegments(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2') // fooBar → foo Bar
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2') // XApiKey → X Api Key, HTTPHeader → HTTP Header
    .split(/[^A-Za-z0-9]+/)
    .filter((s) => s !== '')
    .map((s) => s.toLowerCase());
}

/** A test for "is this key sensitive?" under the given terms; an empty list masks nothing. */
export function sensitiveKeyMatcher(terms: readonly string[] = DEFAULT_SENSITIVE_KEYS): (key: string) => boolean {
  const patterns = terms.map(keySegments).filter((p) => p.length > 0);
  if (patterns.length === 0) return () => false;
  // the same keys repeat on every span of a trace: remember the answers (bounded, keys are untrusted)
  const known = new Map<string, boolean>();
  return (key) => {
    let answer = known.get(key);
    if (answer === undefined) {
      const segments = keySegments(key);
      answer = patterns.some((pattern) => containsRun(segments, pattern));
      if (known.size < 10_000) known.set(key, answer);
    }
    return answer;
  };
}

/** isSensitiveKey(key) under the default terms, or under `terms`. */
export function isSensitiveKey(key: string, terms: readonly string[] = DEFAULT_SENSITIVE_KEYS): boolean {
  return sensitiveKeyMatcher(terms)(key);
}

/** Does `run` appear in `segments` as consecutive items? */
function containsRun(segments: readonly string[], run: readonly string[]): boolean {
  outer: for (let start = 0; start + run.length <= segments.length; start++) {
    for (let j = 0; j < run.length; j++) if (segments[start + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}
