import type { IncomingMessage } from 'node:http';

/**
 * Why a request may not use the proxy's credentials, or undefined when it may.
 * The proxy attaches a source's tenant header or token to whatever reaches it,
 * so a page on another site (or another port of localhost, which is the same
 * *site*) must not be able to make the visitor's browser call it. Browsers
 * mark their requests with `Sec-Fetch-Site` and send `Origin` on every
 * cross-origin fetch; a client that sends neither (curl, a script) is not a
 * browser acting for someone else.
 */
export function crossOriginRefusal(req: IncomingMessage): string | undefined {
  const site = header(req, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `a ${site} request may not use the proxy (Sec-Fetch-Site: ${site})`;
  const origin = header(req, 'origin');
  if (origin === undefined) return undefined;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `the request's Origin (${origin}) is not Tracery's own`;
  }
  // behind a reverse proxy that rewrites Host, the host the browser saw is in X-Forwarded-Host
  const hosts = [header(req, 'host'), header(req, 'x-forwarded-host')?.split(',')[0]?.trim()];
  return hosts.some((host) => host !== undefined && host.toLowerCase() === originHost) ? undefined : `the request's Origin (${origin}) is not Tracery's own`;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
