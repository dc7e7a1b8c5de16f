// IPv4 CIDR arithmetic for ipBlock peers (NETPOL-06) and the API server's checks of their values
// (pkg/apis/core/validation/ips.go parseCIDR with StrictIPCIDRValidation on, the current default):
// "10.0.0.0/33" is no CIDR at all, "10.0.0.01/24" has a leading 0, "10.0.0.1/24" has bits set beyond
// the prefix length. IPv6 values are valid Kubernetes but outside this model (PodNet IPs are IPv4).

export interface Cidr {
  /** The network address as an unsigned 32-bit number. */
  readonly base: number;
  readonly prefix: number;
}

const SLOPPY_OCTET = /^\d{1,3}$/;

/** The octets as Go's sloppy parser reads them (leading zeros allowed, read as decimal), or undefined. */
function sloppyOctets(ip: string): number[] | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((p) => SLOPPY_OCTET.test(p))) return undefined;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

const toNumber = (octets: readonly number[]): number => octets.reduce((n, o) => n * 256 + o, 0);

/** A dotted-quad IPv4 address as an unsigned 32-bit number; undefined for anything else. */
export function parseIPv4(ip: string): number | undefined {
  const octets = sloppyOctets(ip);
  if (octets === undefined || ip.split('.').some((p) => p.length > 1 && p.startsWith('0'))) return undefined;
  return toNumber(octets);
}

/** 2^(32-prefix) addresses: /24 → 256, /32 → 1, /0 → 4294967296. */
const blockSize = (prefix: number): number => 2 ** (32 - prefix);

/**
 * Kubernetes' messages for a CIDR value, empty when valid. Only IPv4 is modelled: an IPv6 value gets a
 * message saying so rather than a wrong verdict.
 */
export function cidrErrors(value: string): string[] {
  if (value.includes(':')) return ['IPv6 CIDR values are not supported by this model'];
  const [ip, prefixText, extra] = value.split('/');
  const octets = ip === undefined ? undefined : sloppyOctets(ip);
  if (extra !== undefined || prefixText === undefined || !/^\d+$/.test(prefixText) || Number(prefixText) > 32 || octets === undefined) {
    return ['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'];
  }
  const leadingZero = (s: string): boolean => s.length > 1 && s.startsWith('0');
  if (leadingZero(prefixText) || (ip as string).split('.').some(leadingZero)) return ['must not have leading 0s in IP or prefix length'];
  const base = toNumber(octets);
  if (base % blockSize(Number(prefixText)) !== 0) return ['must not have bits set beyond the prefix length'];
  return [];
}

/** Parses a CIDR that cidrErrors accepted; throws a plain Error otherwise (callers validate first). */
export function parseCidr(value: string): Cidr {
  const errors = cidrErrors(value);
  if (errors.length > 0) throw new Error(`${value}: ${errors.join('; ')}`);
  const [ip, prefix] = value.split('/') as [string, string];
  return { base: parseIPv4(ip) as number, prefix: Number(prefix) };
}

/** Is `ip` inside `cidr`? 192.168.1.7 is inside 192.168.1.0/24, 192.168.2.7 is not. */
export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.base && ip < cidr.base + blockSize(cidr.prefix);
}

/** ValidateIPBlock's test for an except entry: inside cidr and strictly longer prefix (10.0.1.0/24 in 10.0.0.0/16). */
export function isStrictSubset(outer: Cidr, inner: Cidr): boolean {
  return cidrContains(outer, inner.base) && inner.prefix > outer.prefix;
}
