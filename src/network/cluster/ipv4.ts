// IPv4 arithmetic for the cluster network model (NET-MODEL-02): addresses as unsigned 32-bit numbers, CIDRs
// as a base and a prefix length. Only IPv4: the seeds' clusters are single-stack IPv4, and so is this model.

export interface Cidr {
  /** The network address (host bits zero). */
  readonly base: number;
  readonly prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** "192.168.132.73" → its number, or undefined when it is not a dotted quad (leading zeros are rejected, as Go does). */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** Size of a block with this prefix: /24 → 256, /18 → 16384. */
export const blockSize = (prefix: number): number => 2 ** (32 - prefix);

/**
 * "192.168.128.0/18" → {base, prefix}; undefined when malformed or when host bits are set
 * ("192.168.128.1/18"), which Go's net.ParseCIDR accepts but every allocator here rejects as ambiguous.
 */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const base = parseIPv4(m[1] as string);
  const prefix = Number(m[2]);
  if (base === undefined || prefix > 32) return undefined;
  if (base % blockSize(prefix) !== 0) return undefined;
  return { base, prefix };
}

export const formatCidr = (c: Cidr): string => `${formatIPv4(c.base)}/${c.prefix}`;

export const cidrContains = (c: Cidr, ip: number): boolean => ip >= c.base && ip < c.base + blockSize(c.prefix);

/** Whether `inner` lies entirely inside `outer` (192.168.132.0/24 inside 192.168.128.0/18). */
export const cidrWithin = (inner: Cidr, outer: Cidr): boolean => inner.prefix >= outer.prefix && cidrContains(outer, inner.base);

export const cidrsOverlap = (a: Cidr, b: Cidr): boolean => cidrContains(a, b.base) || cidrContains(b, a.base);

/** The address `index` places after the network address: (192.168.192.0/18, 10) → 192.168.192.10. */
export const indexedAddress = (c: Cidr, index: number): number => c.base + index;

/** 192.168.132.73 → "192-168-132-73", the label CoreDNS uses for Pod records and unnamed endpoints (DNS-06, DNS-07). */
export const dashedIPv4 = (ip: string): string => ip.replaceAll('.', '-');
