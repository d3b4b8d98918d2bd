import { createHash } from 'node:crypto';

/**
 * The headers every page of the built app is served with. The policy allows
 * what the app does and nothing else: its own scripts, workers and styles from
 * its origin, every request to its own origin (real backends go through the
 * same-origin proxy), images from itself, `data:` and `blob:`, and the inline
 * scripts of its index.html by their hash. The dev server sends none of it:
 * Vite's hot reload injects inline scripts of its own.
 */
export function securityHeaders(indexHtml: string): Record<string, string> {
  const scriptHashes = inlineScripts(indexHtml).map((body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  const policy = [
    "default-src 'self'",
    `script-src 'self'${scriptHashes.map((hash) => ` ${hash}`).join('')}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/** The bodies of `<script>` elements without `src`, as the browser hashes them (the text between the tags, exactly). */
export function inlineScripts(html: string): string[] {
  const bodies: string[] = [];
  let from = 0;
  for (;;) {
    const open = html.indexOf('<script', from);
    if (open === -1) return bodies;
    const openEnd = html.indexOf('>', open);
    const close = html.indexOf('</script>', openEnd);
    if (openEnd === -1 || close === -1) return bodies;
    if (!/\ssrc\s*=/i.test(html.slice(open, openEnd))) bodies.push(html.slice(openEnd + 1, close));
    from = close + '</script>'.length;
  }
}
