// IPv4 arithmetic for the data path (NET-L2, NET-FLANNEL-08): addresses as unsigned 32-bit numbers, CIDRs as
// network + prefix length. Longest-prefix match and on-link checks are built from these.

export interface Cidr {
  /** Network address as an unsigned 32-bit number (host bits cleared). */
  network: number;
  prefix: number;
}

/** "10.244.1.5" → 0x0af40105; throws on anything but four decimal octets 0–255. */
export function parseIp(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
    throw new Error(`"${text}" is not an IPv4 address`);
  }
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function formatIp(value: number): string {
  const v = value >>> 0;
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** "10.244.1.7/24" → { network: 10.244.1.0, prefix: 24 }; a bare address is a /32. */
export function parseCidr(text: string): Cidr {
  const [addr, len] = text.split('/');
  const prefix = len === undefined ? 32 : Number(len);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new Error(`"${text}" has an invalid prefix length`);
  return { network: (parseIp(addr ?? '') & maskOf(prefix)) >>> 0, prefix };
}

export function formatCidr(c: Cidr): string {
  return `${formatIp(c.network)}/${c.prefix}`;
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return ((ip & maskOf(c.prefix)) >>> 0) === c.network;
}

export function inCidr(cidr: string, ip: string): boolean {
  return cidrContains(parseCidr(cidr), parseIp(ip));
}

/** The n-th address of a CIDR: n = 0 is the network address (flannel.1's .0), n = 1 the gateway (cni0's .1). */
export function nthAddress(cidr: string, n: number): string {
  return formatIp(parseCidr(cidr).network + n);
}

/** The network a host address sits in, e.g. ("192.168.1.12", 24) → "192.168.1.0/24". */
export function networkOf(ip: string, prefix: number): string {
  return formatCidr({ network: (parseIp(ip) & maskOf(prefix)) >>> 0, prefix });
}
