import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScripts, securityHeaders } from './security-headers';

describe('the built app’s security headers', () => {
  const html = '<head><script type="module" src="/assets/app.js"></script></head><body><script>\n  boot();\n</script><script >x()</script></body>';

  it('allow the inline scripts of index.html by their hash and nothing else inline', () => {
    expect(inlineScripts(html)).toEqual(['\n  boot();\n', 'x()']);
    const csp = securityHeaders(html)['Content-Security-Policy'];
    const hash = createHash('sha256').update('\n  boot();\n').digest('base64');
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}' 'sha256-`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('forbid sniffing, referrers and framing', () => {
    expect(securityHeaders(html)).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' });
  });
});
