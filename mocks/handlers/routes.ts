/**
 * An msw path under a base: a relative base ('/demo/tempo') becomes
 * '*\/demo/tempo…', which matches the same path on any origin — the page's own
 * origin in the browser, and whatever origin a Node test fetches
 * (msw 2 leaves a relative path unmatched in Node, where there is no location).
 * An absolute base ('http://localhost:3200') is used as it is.
 */
export function route(base: string, path: string): string {
  const trimmed = base.endsWith('/') ? base.slice(0, -1) : base;
  if (/^[a-z]+:\/\//i.test(trimmed) || trimmed.startsWith('*')) return `${trimmed}${path}`;
  return `*${trimmed.startsWith('/') || trimmed === '' ? '' : '/'}${trimmed}${path}`;
}

export const TEXT_PLAIN = { 'Content-Type': 'text/plain; charset=utf-8' } as const;
