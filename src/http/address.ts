/**
 * The SSRF guard: which IP addresses a fetch may connect to, and a `lookup` function for
 * node:net that resolves a host name and refuses blocked addresses, so the address that is
 * checked is the address the socket connects to (no DNS-rebinding gap between a check and
 * a second resolution).
 *
 * Classification is ipaddr.js's `range()` (IANA special-purpose registries, RFC 6890):
 * only `unicast` is allowed; loopback, private, link-local (169.254.169.254, fe80::/10),
 * unique-local (fc00::/7), multicast, unspecified, broadcast, carrier-grade NAT and reserved
 * are refused. So is every IPv6 form that carries an IPv4 address, whatever that address:
 * IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96, deprecated by RFC 4291 §2.5.5.1, and
 * routed to the IPv4 address by some stacks: `[::7f00:1]` is 127.0.0.1), SIIT (::ffff:0:0:0/96,
 * RFC 6145), 6to4 (2002::/16), NAT64 (64:ff9b::/96 and 64:ff9b:1::/48, RFC 6052 and 8215) and
 * Teredo (2001::/32). A news site is never reached through one of these literals, and judging
 * the embedded address instead would depend on how each stack and gateway translates it.
 */
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Decides whether an address may be connected to.
 * @returns null when allowed, else the name of the refused range (e.g. `loopback`)
 */
export type AddressPolicy = (address: string) => string | null;

/** A resolved address, as node's dns.lookup gives it with `all: true`. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses (default: dns.lookup, the OS resolver). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** ipaddr.js range names of the IPv6 ranges that embed an IPv4 address, and ours for them. */
const EMBEDS_IPV4: Record<string, string> = { ipv4Mapped: 'ipv4-mapped', rfc6145: 'ipv4-translated', '6to4': '6to4', rfc6052: 'nat64', teredo: 'teredo' };

/**
 * The default policy: the range name for anything but global unicast (ipaddr.js names:
 * `loopback`, `private`, `linkLocal`...; ours for IPv6 forms embedding IPv4: `ipv4-mapped`,
 * `ipv4-compatible`, `ipv4-translated`, `6to4`, `nat64`, `teredo`), null for global unicast.
 */
export function blockedRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'invalid';
  const addr = ipaddr.parse(address);
  if (addr.kind() === 'ipv6') {
    const v6 = addr as ipaddr.IPv6;
    const parts = v6.parts;
    const range = v6.range();
    if (EMBEDS_IPV4[range]) return EMBEDS_IPV4[range];
    // 64:ff9b:1::/48, local-use NAT64 (RFC 8215), in case ipaddr.js files it elsewhere.
    if (parts[0] === 0x64 && parts[1] === 0xff9b) return 'nat64';
    // ::/96 but :: and ::1 (ipaddr.js calls those unspecified and loopback).
    if (parts.slice(0, 6).every((p) => p === 0) && !(parts[6] === 0 && parts[7] <= 1)) return 'ipv4-compatible';
    return range === 'unicast' ? null : range;
  }
  const range = addr.range();
  return range === 'unicast' ? null : range;
}

/** The policy that allows every address (`http.allowPrivateNetworks: true`). */
export const allowAll: AddressPolicy = () => null;

/** The OS resolver (getaddrinfo), all addresses, in the resolver's order. */
export const systemResolver: Resolver = async (hostname) => {
  const list = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return list.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** The error a blocked lookup or connection reports; fetch maps it to `blocked-address`. */
export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(`${host} resolves to ${address} (${range}), which is not fetched (http.allowPrivateNetworks is false)`);
    this.name = 'BlockedAddressError';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request / net.connect: resolves with `resolver`, drops the addresses
 * `policy` refuses, and fails with BlockedAddressError when none is left. Handles both
 * call shapes node uses (`all: true` with autoSelectFamily, and single address).
 */
export function guardedLookup(policy: AddressPolicy, resolver: Resolver = systemResolver) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    resolver(hostname).then(
      (addrs) => {
        const wanted = options.family === 4 || options.family === 6 ? addrs.filter((a) => a.family === options.family) : addrs;
        let firstBlocked: { address: string; range: string } | null = null;
        const allowed: ResolvedAddress[] = [];
        for (const a of wanted) {
          const range = policy(a.address);
          if (range === null) allowed.push(a);
          else firstBlocked ??= { address: a.address, range };
        }
        if (allowed.length === 0) {
          if (firstBlocked) return callback(new BlockedAddressError(hostname, firstBlocked.address, firstBlocked.range), '');
          const err: NodeJS.ErrnoException = new Error(`no address for ${hostname}`);
          err.code = 'ENOTFOUND';
          return callback(err, '');
        }
        if (options.all) callback(null, allowed);
        else callback(null, allowed[0].address, allowed[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
  };
}

/**
 * Checks a URL host that is an IP literal (node does not call `lookup` for those).
 * @param hostname URL.hostname (IPv6 in brackets is accepted)
 * @throws BlockedAddressError when the literal is refused by `policy`
 */
export function assertLiteralAllowed(hostname: string, policy: AddressPolicy): void {
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (net.isIP(host) === 0) return;
  const range = policy(host);
  if (range !== null) throw new BlockedAddressError(hostname, host, range);
}
