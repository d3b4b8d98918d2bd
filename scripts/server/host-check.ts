/**
 * Whether a request's Host may be answered. A page on a domain the attacker
 * controls can re-point that domain at 127.0.0.1 (DNS rebinding) and then read
 * this server as its own origin — the proxy's credentials included. Such a
 * request still names the attacker's domain in Host, so only names known to
 * reach this server are answered: IP addresses, `localhost` and `*.localhost`,
 * and those allowed by the operator (`--allowed-hosts`; `true` allows any).
 */
export function isAllowedHost(hostHeader: string | undefined, allowed: readonly string[] | true): boolean {
  if (allowed === true) return true;
  if (hostHeader === undefined || hostHeader === '') return false;
  const hostname = hostnameOf(hostHeader);
  if (hostname === undefined) return false;
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(hostname) || hostname.includes(':')) return true;
  return allowed.some((entry) => {
    const name = entry.toLowerCase();
    // a leading dot allows the domain and every subdomain, as Vite's allowedHosts does
    return name.startsWith('.') ? hostname === name.slice(1) || hostname.endsWith(name) : hostname === name;
  });
}

/** `example.com:8080` → `example.com`; `[::1]:5180` → `::1` */
function hostnameOf(host: string): string | undefined {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) {
    const end = lower.indexOf(']');
    return end === -1 ? undefined : lower.slice(1, end);
  }
  const colon = lower.indexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}
