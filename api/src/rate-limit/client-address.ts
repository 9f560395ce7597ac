// Who an anonymous caller is, for the rate limit: the peer address, or, only when the peer is a
// configured trusted proxy, the right-most address in X-Forwarded-For that is not a trusted proxy
// (the left-most entries are whatever the client chose to send). IPv6 clients are keyed by their
// /64, the block one subscriber usually gets, so rotating addresses inside it changes nothing.
import type http from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';

export type TrustProxy = (address: string, hop: number) => boolean;

/** Compiles TRUSTED_PROXIES (CIDR list); an empty list trusts no proxy, so X-Forwarded-For is ignored. */
export function trustProxies(cidrs: readonly string[]): TrustProxy {
  return proxyaddr.compile([...cidrs]);
}

/** The rate-limit key of an anonymous request: `ip:<IPv4>` or `ip:<IPv6 /64 prefix>::/64`. */
export function clientAddressKey(req: http.IncomingMessage, trust: TrustProxy): string {
  let address: string;
  try {
    address = proxyaddr(req, trust);
  } catch {
    address = req.socket.remoteAddress ?? 'unknown';
  }
  // Not an address (only a misconfigured proxy forwards such a hop): the peer, never a client-chosen string.
  if (!ipaddr.isValid(address)) address = req.socket.remoteAddress ?? 'unknown';
  if (!ipaddr.isValid(address)) return 'ip:unknown';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (parsed.kind() === 'ipv4') return `ip:${parsed.toString()}`;
  const prefix = ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`);
  return `ip:${prefix.toString()}/64`;
}

/** Whether a TRUSTED_PROXIES entry is an address or CIDR range (checked at boot by env.ts). */
export function isCidr(entry: string): boolean {
  return ipaddr.isValidCIDR(entry) || ipaddr.isValid(entry);
}
